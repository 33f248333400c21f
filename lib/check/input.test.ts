import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CODE_RE, normalizeVerificationCode } from './code';
import { parsePastedList, parseUploadedList, readCheckList } from './input';
import { canonicalJson, newVerificationCode } from '@/domain/check/reports';
import { parseCheckRequest } from '@/lib/validation/check';

const USCC = '91320583MA1EXAMP2X';
const FORMAT_CHARS = ['\u202E', '\u2066', '\u061C', '\u00AD', '\u200B'];
const FORMAT_MESSAGE = '不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）';

describe('names to check are plain text', () => {
  it(
    'the API refuses a name with a bidi control, zero-width character or soft hyphen, with a code and a' +
      ' Chinese message',
    () => {
      for (const c of FORMAT_CHARS) {
        expect(
          parseCheckRequest({ subjects: [{ name: '昆山甲有限公司' }, { name: `昆山${c}乙有限公司` }] }),
          c.codePointAt(0)!.toString(16),
        ).toEqual({
          ok: false,
          errors: [
            {
              field: 'subjects.1.name',
              code: 'invalid_format',
              message: `核查对象第 2 项的名称或姓名：格式不正确，${FORMAT_MESSAGE}`,
            },
          ],
        });
      }
      expect(parseCheckRequest({ subjects: [{ name: '买买提·艾力' }] })).toEqual({
        ok: true,
        subjects: [{ name: '买买提·艾力' }],
      });
    },
  );

  it('so do the pasted list and the uploaded file', async () => {
    for (const c of FORMAT_CHARS) {
      expect(parsePastedList(`买买提·艾力\n张${c}三`)).toEqual({
        subjects: [{ name: '买买提·艾力' }],
        errors: [{ field: 'list', message: `列表第 2 行的名称或姓名：格式不正确，${FORMAT_MESSAGE}` }],
      });
      expect(await parseUploadedList(new TextEncoder().encode(`名称\n昆山${c}乙有限公司\n`), 'list.csv')).toEqual({
        subjects: [],
        errors: [{ field: 'file', message: `文件第 2 行的名称或姓名：格式不正确，${FORMAT_MESSAGE}` }],
      });
    }
  });
});

describe('the pasted list', () => {
  it(
    'reads names, names with codes (comma, full-width comma or tab) and codes alone; skips blank lines and a' +
      ' header',
    () => {
      const text =
        `名称,统一社会信用代码\n昆山甲有限公司,${USCC}\n\n昆山乙有限公司\t${USCC}\n昆山丙有限公司，${USCC}\n昆山丁有限公司\n${USCC}\n${USCC},昆山` +
        `戊有限公司`;
      expect(parsePastedList(text)).toEqual({
        errors: [],
        subjects: [
          { name: '昆山甲有限公司', idNumber: USCC },
          { name: '昆山乙有限公司', idNumber: USCC },
          { name: '昆山丙有限公司', idNumber: USCC },
          { name: '昆山丁有限公司' },
          { idNumber: USCC },
          { name: '昆山戊有限公司', idNumber: USCC },
        ],
      });
    },
  );

  it('reports each bad line by its number, never its content', () => {
    const r = parsePastedList(`昆山甲有限公司\n${'长'.repeat(101)}\n甲\u0007乙`);
    expect(r.errors).toEqual([
      { field: 'list', message: '列表第 2 行的名称或姓名：不能超过 100 个字符' },
      { field: 'list', message: '列表第 3 行的名称或姓名：格式不正确（不能包含控制字符）' },
    ]);
  });
});

describe('uploaded files', () => {
  it('reads a GB18030 CSV (Chinese Excel) with the header columns in any order', async () => {
    // '代码,备注,名称\r\n<USCC>,x,昆山市\r\n,,王\r\n' in GB18030 (Node cannot encode it).
    const gb = new Uint8Array([
      180,
      250,
      194,
      235,
      44,
      177,
      184,
      215,
      162,
      44,
      195,
      251,
      179,
      198,
      13,
      10,
      ...new TextEncoder().encode(`${USCC},x,`),
      192,
      165,
      201,
      189,
      202,
      208,
      13,
      10,
      44,
      44,
      205,
      245,
      13,
      10,
    ]);
    expect((await parseUploadedList(gb, 'list.csv')).subjects).toEqual([
      { name: '昆山市', idNumber: USCC },
      { name: '王' },
    ]);
  });

  it('reads the first worksheet of an XLSX file and refuses codes stored as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('核查');
    ws.addRow(['名称', '统一社会信用代码']);
    ws.addRow(['昆山甲有限公司', USCC]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await parseUploadedList(bytes, 'list.xlsx')).subjects).toEqual([
      { name: '昆山甲有限公司', idNumber: USCC },
    ]);
    ws.addRow(['某人', 320583198001011234]);
    expect(
      (await parseUploadedList(new Uint8Array(await wb.xlsx.writeBuffer()), 'list.xlsx')).errors[0]!.message,
    ).toMatch(/存成了数字/);
  });

  it('refuses old .xls files and lists over 500', async () => {
    expect((await parseUploadedList(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'a.xls')).errors[0]!.field).toBe(
      'file',
    );
    const many = Array.from({ length: 501 }, (_, i) => `昆山${i}有限公司`).join('\n');
    expect((await readCheckList(many, null)).errors).toEqual([
      { field: 'list', message: '一次最多核查 500 个对象，本次共 501 个，请分批核查' },
    ]);
    expect((await readCheckList('  \n', null)).errors[0]!.message).toMatch(/请填写或上传/);
  });
});

describe('verification codes and the canonical JSON', () => {
  it('are HC-XXXX-XXXX-XXXX from Crockford base32, read back however typed', () => {
    const codes = new Set(Array.from({ length: 200 }, newVerificationCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(CODE_RE);
    expect(normalizeVerificationCode(' hc-7k2m 9xq4-t3vb ')).toBe('HC-7K2M-9XQ4-T3VB');
    expect(normalizeVerificationCode('ＨＣ７Ｋ２Ｍ９ＸＱ４Ｔ３ＶＢ')).toBe('HC-7K2M-9XQ4-T3VB');
    expect(normalizeVerificationCode('HC-7K2M-9XQ4-T3VO')).toBe('HC-7K2M-9XQ4-T3V0');
  });

  it('sorts keys at every level, so jsonb’s reordering does not change the digest', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});
