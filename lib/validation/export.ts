/**
 * The departments' export query (GET /api/v1/export, /admin/export/download): the file format, the 发布时间 days
 * (China Standard Time, both included) and the kinds — 主体类型 (kind: person / organization) and 失信严重程度
 * (severity). Empty parameters count as absent; any other parameter is refused, as the feed refuses them.
 */
import { z } from 'zod';
import { SEVERITIES, SUBJECT_TYPES } from '@/lib/entry-input';
import { calendarDay } from './calendar-day';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Record<ExportFormat, string>;

const shape = {
  format: z.enum(EXPORT_FORMATS, '文件格式应为 csv 或 xlsx'),
  from: calendarDay('开始日期').optional(),
  to: calendarDay('结束日期').optional(),
  kind: z.enum(SUBJECT_TYPES, '主体类型应为 person（自然人）或 organization（法人及其他组织）').optional(),
  severity: z.enum(SEVERITIES, '失信严重程度应为 general（一般）或 serious（严重）').optional(),
};

export const exportQuerySchema = z
  .strictObject(shape)
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export type ExportQuery = z.output<typeof exportQuerySchema>;

export type ExportQueryProblem = { field: string; code: 'unknown_field' | 'invalid_format'; message: string };

/** Query parameters → the query, or every problem (a repeated parameter is one too: which value would count?). */
export function parseExportQuery(
  params: URLSearchParams,
): { ok: true; query: ExportQuery } | { ok: false; problems: ExportQueryProblem[] } {
  const problems: ExportQueryProblem[] = [];
  const flat: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    const name = key.slice(0, 40);
    if (!Object.hasOwn(shape, key)) {
      problems.push({ field: name, code: 'unknown_field', message: `未知参数“${name}”` });
    } else if (values.length > 1) {
      problems.push({ field: name, code: 'invalid_format', message: `参数“${name}”只能出现一次` });
    } else if (values[0]!.trim() !== '') flat[key] = values[0]!.trim();
  }
  const parsed = exportQuerySchema.safeParse(flat);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!problems.some((p) => p.field === field))
        problems.push({ field, code: 'invalid_format', message: issue.message });
    }
  return problems.length > 0 || !parsed.success ? { ok: false, problems } : { ok: true, query: parsed.data };
}
