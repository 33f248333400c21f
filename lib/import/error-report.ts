/**
 * The error report of an import (预检 or 导入): a CSV that Excel opens as it is — UTF-8 with
 * a BOM, CRLF line ends — one row per problem: the row number in the file, the entry's
 * 信息唯一标识 when the row had one, the field's label and the reason. A cell that Excel
 * would read as a formula (=, +, -, @, tab, CR at its start) is prefixed with ' (the file
 * comes from outside: a uid could be "=HYPERLINK(…)").
 */
import { defuseFormula } from '@/lib/csv';
import type { Rejection } from './problems';

export const ERROR_REPORT_HEADER = ['行号', '信息唯一标识', '字段', '原因'] as const;

function cell(value: string): string {
  const safe = defuseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function errorReportCsv(rejected: readonly Rejection[]): string {
  const lines = [ERROR_REPORT_HEADER.join(',')];
  for (const r of rejected) {
    for (const p of r.problems) lines.push([String(r.line), r.uid ?? '', p.label, p.reason].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
