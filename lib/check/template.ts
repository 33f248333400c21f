/**
 * The /check templates, written from CHECK_COLUMNS (./columns.ts), the definition the parser reads: a header row and
 * nothing to delete. The CSV starts with a UTF-8 byte-order mark, so Excel opens its Chinese headers correctly; the
 * XLSX keeps every cell of the list sheet as text (`@`), so Excel does not turn long codes into rounded numbers, and
 * explains the columns on a second sheet, which the parser never reads (it reads the first sheet only).
 */
import ExcelJS from 'exceljs';
import { CHECK_LIMITS } from '@/lib/validation/check';
import { CHECK_COLUMNS } from './columns';
import { MAX_UPLOAD_BYTES } from './input';

export const CHECK_TEMPLATE_NAME = '企业核查模板';
const SHEET = '交易对象';
const NOTES = '填写说明';

const headerRow = () => CHECK_COLUMNS.map((c) => c.headers[0]!);

export const CHECK_TEMPLATE_NOTE =
  `每行一个交易对象，最多 ${CHECK_LIMITS.pageSubjects} 行；文件不超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB。` +
  '保留第一行表头，从第二行起填写。';

export function checkTemplateCsv(): string {
  return `\uFEFF${headerRow().join(',')}\r\n`;
}

export async function checkTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '诚信昆山';
  // Fixed times: the same template every time.
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  const sheet = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CHECK_COLUMNS.map((c) => ({
    header: c.headers[0],
    key: c.key,
    width: c.width,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };

  const notes = wb.addWorksheet(NOTES);
  notes.columns = [
    { header: '列', key: 'header', width: 20 },
    { header: '填写要求', key: 'hint', width: 100 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of CHECK_COLUMNS) notes.addRow({ header: c.headers[0], hint: c.hint });
  notes.addRow({});
  notes.addRow({ header: '说明', hint: `在第一个工作表“${SHEET}”中填写。${CHECK_TEMPLATE_NOTE}` });
  notes.getColumn('hint').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
