/** The templates are written from the columns the parser reads: filled in, they parse. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CHECK_COLUMNS } from './columns';
import { parseUploadedList } from './input';
import { checkTemplateCsv, checkTemplateXlsx } from './template';

const USCC = '91440300708461136T';
const ROWS = [
  ['昆山甲科技有限公司', USCC],
  ['昆山乙贸易有限公司', ''],
  ['', USCC],
];
const SUBJECTS = [{ name: '昆山甲科技有限公司', idNumber: USCC }, { name: '昆山乙贸易有限公司' }, { idNumber: USCC }];

describe('the /check templates', () => {
  it('CSV: a BOM and the header row; filled in, it parses (and an unfilled one holds nothing to check)', async () => {
    const template = checkTemplateCsv();
    expect(template).toBe(`\uFEFF${CHECK_COLUMNS.map((c) => c.headers[0]).join(',')}\r\n`);
    expect(await parseUploadedList(new TextEncoder().encode(template), 't.csv')).toEqual({ subjects: [], errors: [] });
    const filled = template + ROWS.map((r) => r.join(',')).join('\r\n');
    expect(await parseUploadedList(new TextEncoder().encode(filled), 't.csv')).toEqual({
      subjects: SUBJECTS,
      errors: [],
    });
  });

  it('XLSX: text cells under the header, notes on a second sheet; filled in, it parses', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await checkTemplateXlsx()) as unknown as ExcelJS.Buffer);
    const [sheet, notes] = wb.worksheets;
    expect(sheet!.getRow(1).values).toEqual([undefined, ...CHECK_COLUMNS.map((c) => c.headers[0])]);
    expect(sheet!.getColumn(2).numFmt).toBe('@');
    expect(notes!.getColumn(1).values).toEqual(expect.arrayContaining(CHECK_COLUMNS.map((c) => c.headers[0])));
    for (const r of ROWS) sheet!.addRow(r);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await parseUploadedList(bytes, 't.xlsx')).toEqual({ subjects: SUBJECTS, errors: [] });
  });
});
