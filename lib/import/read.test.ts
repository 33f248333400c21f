import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidResidentId, isValidUscc, residentIdCheckChar } from '@/lib/identifiers';
import { importFileName, ImportFileError, readImportFile, type ImportFile } from './read';
import { makeSamples, SEED_HEADERS } from './samples/make-samples';

const SAMPLES = fileURLToPath(new URL('./samples/', import.meta.url));
const sample = (name: string) => path.join(SAMPLES, name);

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'import-test-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function readBytes(name: string, bytes: Uint8Array | string, opts?: { maxBytes?: number }): Promise<ImportFile> {
  const file = path.join(tmp, name);
  await writeFile(file, bytes);
  return readImportFile(file, opts);
}

async function rejection(p: Promise<unknown>): Promise<ImportFileError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportFileError);
  return e as ImportFileError;
}

const raws = (f: ImportFile) => f.records.map((r) => r.raw);

// ---------------------------------------------------------------------------
// Samples
// ---------------------------------------------------------------------------

/** What the one default rule (./defaults.ts) fills in a record that leaves out severity and validity. */
const DEFAULTED = { severity: 'general', validUntil: null };
const DEFAULTS_USED = [
  { field: 'severity', label: '失信严重程度', value: '一般' },
  { field: 'validUntil', label: '失信信息有效期', value: '至依法撤销之日（长期）' },
];

describe('samples', () => {
  it('are what make-samples.ts generates (deterministic bytes)', async () => {
    const out = await mkdtemp(path.join(tmp, 'samples-'));
    await makeSamples(out);
    for (const name of [
      'attachment1.xlsx',
      'attachment1.csv',
      'attachment1-seed.xlsx',
      'attachment1-seed.csv',
      'invalid.csv',
      'national.json',
      'national-lowercase.json',
    ]) {
      expect(readFileSync(path.join(out, name)).equals(readFileSync(sample(name))), name).toBe(true);
    }
  });

  describe('attachment1.xlsx / attachment1.csv', () => {
    let xlsx: ImportFile;
    let csv: ImportFile;
    beforeAll(async () => {
      xlsx = await readImportFile(sample('attachment1.xlsx'));
      csv = await readImportFile(sample('attachment1.csv'));
    });

    it('formats, lines (title row and footer note skipped in the XLSX), no problems', () => {
      expect(xlsx.format).toBe('xlsx');
      expect(csv.format).toBe('csv');
      expect(xlsx.records.map((r) => r.line)).toEqual([3, 4, 5, 6, 7]);
      expect(csv.records.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
      for (const r of [...xlsx.records, ...csv.records]) {
        expect(r.error).toBeUndefined();
        expect(r.unknownColumns).toBeUndefined();
        expect(r.warnings).toBeUndefined();
      }
    });

    it('the XLSX (date cells, serials, text dates) and the CSV give the same push objects', () => {
      expect(raws(xlsx)).toEqual(raws(csv));
    });

    it('3 persons and 2 organisations with valid identifiers', () => {
      const rs = raws(csv) as Record<string, unknown>[];
      expect(rs.map((r) => r.subjectType)).toEqual(['person', 'person', 'person', 'organization', 'organization']);
      for (const r of rs.slice(0, 3)) expect(isValidResidentId(r.idNumber as string)).toBe(true);
      for (const r of rs.slice(3)) expect(isValidUscc(r.idNumber as string)).toBe(true);
    });

    it('first person, field by field', () => {
      expect(xlsx.records[0]?.raw).toEqual({
        uid: 'KS-2025-000101',
        caseNo: '（2025）苏0583执1201号',
        name: '陈样例',
        gender: '男',
        age: 40,
        idNumber: '32058319850312003' + residentIdCheckChar('32058319850312003'),
        court: '昆山市人民法院',
        regionId: '320583',
        regionName: '江苏省苏州市昆山市',
        subjectType: 'person',
        basisDocNo: '（2024）苏0583民初8801号',
        basisIssuer: '昆山市人民法院',
        duty: '被告陈样例于判决生效之日起十日内偿还原告借款本金人民币50000元及利息。',
        performance: '全部未履行',
        circumstances: ['有履行能力而拒不履行生效法律文书确定义务', '违反财产报告制度'],
        publishedAt: '2025-03-28T00:00:00+08:00',
        filedAt: '2025-01-06',
        unperformedPart: '人民币50000元及利息',
        severity: 'general',
        disclosure: 'public',
        validUntil: '2027-03-28T00:00:00+08:00',
      });
    });

    it('other IDs, a time of day, a date-cell validity period', () => {
      expect(xlsx.records[1]?.raw).toMatchObject({
        otherIds: [
          { type: '护照', number: 'E12345678' },
          { type: '港澳通行证', number: 'C1234567' },
        ],
        publishedAt: '2025-04-02T10:30:00+08:00',
        filedAt: '2025-01-15', // an Excel serial in the XLSX, '2025/1/15' in the CSV
        performedPart: '人民币30000元',
        validUntil: '2027-04-02T23:59:59+08:00',
      });
      expect(xlsx.records[2]?.raw).toMatchObject({ disclosure: 'restricted' });
    });

    it('an organisation, field by field', () => {
      expect(csv.records[3]?.raw).toEqual({
        uid: 'KS-2025-000104',
        caseNo: '（2025）苏0583执1502号',
        name: '昆山示例精密模具有限公司',
        idNumber: '91320583MA1N2P3Q0J',
        legalRepresentative: '吴样例',
        court: '昆山市人民法院',
        regionId: '320583',
        regionName: '江苏省苏州市昆山市',
        subjectType: 'organization',
        basisDocNo: '（2024）苏0583民初10233号',
        basisIssuer: '昆山市人民法院',
        duty: '被告昆山示例精密模具有限公司于判决生效之日起十日内支付原告加工款人民币860000元及逾期付款损失。',
        performance: '全部未履行',
        circumstances: ['以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行'],
        publishedAt: '2025-04-10T00:00:00+08:00', // '45757' (an Excel serial) in the CSV
        filedAt: '2025-02-18',
        unperformedPart: '人民币860000元及逾期付款损失',
        severity: 'serious',
        disclosure: 'public',
        validUntil: '2028-04-10T00:00:00+08:00',
      });
      expect(csv.records[4]?.raw).toMatchObject({ validUntil: '2027-04-15T23:59:59+08:00' });
    });
  });

  it('attachment1-seed.*: exactly the seed 22 columns, the same entries, severity and validity defaulted', async () => {
    expect(SEED_HEADERS).toHaveLength(22);
    expect(SEED_HEADERS).not.toContain('失信严重程度');
    const full = await readImportFile(sample('attachment1.xlsx'));
    for (const name of ['attachment1-seed.xlsx', 'attachment1-seed.csv']) {
      const f = await readImportFile(sample(name));
      expect(f.records, name).toHaveLength(5);
      for (const [i, r] of f.records.entries()) {
        expect(r.unknownColumns, name).toBeUndefined();
        expect(r.defaults, name).toEqual(DEFAULTS_USED);
        const { uid: _u, severity: _s, validUntil: _v, disclosure: _d, ...rest } = full.records[i]!.raw!;
        expect(r.raw, name).toEqual({
          ...rest,
          uid: String(full.records[i]!.raw!.uid).replace('KS-2025-', 'KS-SEED-'),
          ...DEFAULTED,
        });
      }
    }
  });

  it('national.json: camelCase records, field by field', async () => {
    const f = await readImportFile(sample('national.json'));
    expect(f.format).toBe('json');
    expect(f.records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(f.records.map((r) => r.raw?.uid)).toEqual([
      'CN90000101',
      'CN90000102',
      'CN90000103',
      expect.stringMatching(/^[0-9a-f]{32}$/),
    ]);
    expect(f.records[0]?.raw).toEqual({
      uid: 'CN90000101',
      caseNo: '(2024)苏0583执5678号',
      subjectType: 'person',
      name: '钱样例',
      gender: '男',
      age: 45,
      idNumber: '320583197908150098',
      court: '昆山市人民法院',
      regionName: '江苏',
      basisDocNo: '(2024)苏0583民初4410号',
      basisIssuer: '昆山市人民法院',
      duty: '被告钱样例于判决生效后十日内偿还原告借款本金人民币80000元及利息。',
      performance: '全部未履行',
      circumstances: ['违反财产报告制度', '违反限制消费令'],
      publishedAt: '2025-03-28T00:00:00+08:00',
      filedAt: '2024-12-11',
      performedPart: '暂无',
      unperformedPart: '人民币80000元及利息',
      disclosure: 'public',
      ...DEFAULTED,
    });
    expect(f.records[1]?.raw).toMatchObject({ subjectType: 'person', gender: '女', age: 38, filedAt: '2025-01-06' });
    expect(f.records[1]?.warnings).toHaveLength(1); // partyTypeName '0': inferred
    expect(f.records[2]?.raw).toMatchObject({
      subjectType: 'organization',
      legalRepresentative: '王样例',
      filedAt: '2025-01-20',
      circumstances: ['有履行能力而拒不履行生效法律文书确定义务', '违反财产报告制度'],
    });
    expect(f.records[2]?.raw).not.toHaveProperty('age');
    expect(f.records[3]?.raw).toMatchObject({
      publishedAt: '2025-04-18T09:00:00+08:00',
      circumstances: ['以伪造证据、暴力、威胁等方法妨碍、抗拒执行', '违反限制消费令'],
    });
    // Re-reading gives the same derived uid.
    expect((await readImportFile(sample('national.json'))).records[3]?.raw?.uid).toBe(f.records[3]?.raw?.uid);
    for (const r of f.records) expect(r.unknownColumns).toBeUndefined();
  });

  it('national-lowercase.json: lowercase keys in { data: [...] }, epoch-millisecond dates', async () => {
    const f = await readImportFile(sample('national-lowercase.json'));
    expect(f.records).toHaveLength(3);
    expect(f.records[0]?.raw).toEqual({
      uid: 'CN90000201',
      caseNo: '(2025)苏0583执618号',
      subjectType: 'person',
      name: '赵样例',
      gender: '男',
      age: 29,
      idNumber: '32058319950910013X',
      court: '昆山市人民法院',
      regionName: '江苏',
      basisDocNo: '(2024)苏0583民初11002号',
      basisIssuer: '昆山市人民法院',
      duty: '被告赵样例于判决生效后十日内偿还原告借款人民币12000元。',
      performance: '全部未履行',
      circumstances: ['违反限制消费令'],
      publishedAt: '2025-04-22T00:00:00+08:00',
      filedAt: '2025-02-20',
      disclosure: 'public',
      ...DEFAULTED,
    });
    expect(f.records[2]?.raw).toMatchObject({
      subjectType: 'organization',
      legalRepresentative: '蒋演示',
      idNumber: '91320583MA4X6Y8P5K',
    });
    expect(isValidUscc(f.records[2]?.raw?.idNumber as string)).toBe(true);
  });

  it('invalid.csv: three rows, each with one problem for validation to find', async () => {
    const f = await readImportFile(sample('invalid.csv'));
    const [bad, minor, missing] = raws(f) as Record<string, unknown>[];
    expect(f.records).toHaveLength(3);
    expect(isValidResidentId(bad?.idNumber as string)).toBe(false); // check digit
    expect(isValidResidentId(minor?.idNumber as string)).toBe(true);
    expect(minor).toMatchObject({ age: 12 });
    expect((minor?.idNumber as string).slice(6, 14)).toBe('20120501');
    expect(missing).not.toHaveProperty('court');
    expect(isValidResidentId(missing?.idNumber as string)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// Encodings and CSV details
// ---------------------------------------------------------------------------

/** GBK bytes of the few Chinese characters used below (Node cannot encode GBK itself). */
const GBK: Record<string, [number, number]> = {
  案: [0xb0, 0xb8],
  号: [0xba, 0xc5],
  失: [0xca, 0xa7],
  信: [0xd0, 0xc5],
  被: [0xb1, 0xbb],
  执: [0xd6, 0xb4],
  行: [0xd0, 0xd0],
  人: [0xc8, 0xcb],
  姓: [0xd0, 0xd5],
  名: [0xc3, 0xfb],
  称: [0xb3, 0xc6],
  法: [0xb7, 0xa8],
  院: [0xd4, 0xba],
  王: [0xcd, 0xf5],
  昆: [0xc0, 0xa5],
  山: [0xc9, 0xbd],
  市: [0xca, 0xd0],
  民: [0xc3, 0xf1],
  备: [0xb1, 0xb8],
  注: [0xd7, 0xa2],
  苏: [0xcb, 0xd5],
};
function gbk(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const bytes = GBK[ch];
      if (!bytes) throw new Error(`no GBK bytes for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

describe('CSV', () => {
  it('decodes GBK/GB18030 (invalid UTF-8) and reports unknown columns', async () => {
    const bytes = gbk('案号,失信被执行人姓名/名称,执行法院,备注\r\n(2025)苏0583执1号,王,昆山市人民法院,x\r\n');
    const f = await readBytes('gbk.csv', bytes);
    expect(f.notes.join()).toMatch(/GB18030/);
    expect(f.records).toEqual([
      {
        line: 2,
        raw: { caseNo: '(2025)苏0583执1号', name: '王', court: '昆山市人民法院', ...DEFAULTED },
        unknownColumns: ['备注'],
        defaults: DEFAULTS_USED,
      },
    ]);
  });

  it('UTF-8 without BOM, and UTF-16LE tab-separated with BOM (Excel “Unicode text”)', async () => {
    const text = '案号\t失信被执行人姓名/名称\t执行法院\n(2025)苏0583执1号\t王样例\t昆山市人民法院\n';
    const utf8 = await readBytes('plain.csv', text);
    expect(utf8.records[0]?.raw).toEqual({
      caseNo: '(2025)苏0583执1号',
      name: '王样例',
      court: '昆山市人民法院',
      ...DEFAULTED,
    });
    expect(utf8.notes).toEqual([]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16 = await readBytes('unicode.txt', le);
    expect(utf16.records[0]?.raw).toEqual(utf8.records[0]?.raw);
  });

  it(
    'finds the header below a title row, skips blank rows and the template footer; lines count multi-line' + ' cells',
    async () => {
      const f = await readBytes(
        'title.csv',
        '失信被执行人信息推送表,,\n案号,"失信被执行人姓名/名称",执行法院*\nA1,"王\n样例",昆山市人民法院\n,,\nA2,李样例,昆山市人民法院\n添加“*”标记的为选填项,,\n',
      );
      expect(f.records.map((r) => [r.line, r.raw?.caseNo, r.raw?.name])).toEqual([
        [3, 'A1', '王\n样例'],
        [6, 'A2', '李样例'],
      ]);
    },
  );

  it('cells beyond the header and blank-header columns are reported', async () => {
    const f = await readBytes('extra.csv', '案号,失信被执行人姓名/名称,,执行法院\nA1,王样例,?,昆山市人民法院,多余\n');
    expect(f.records[0]?.unknownColumns).toEqual(['第3列', '第5列']);
  });

  it('reads a CSV export of national records', async () => {
    const f = await readBytes(
      'national.csv',
      'iname,caseCode,cardNum,courtName,partyTypeName,publishDate\n王样例,(2025)苏0583执1号,3205831980****1234,昆山市人民法' +
        '院,自然人,2025年03月28日\n',
    );
    expect(f.notes.join()).toMatch(/全国/);
    expect(f.records[0]?.raw).toMatchObject({
      name: '王样例',
      caseNo: '(2025)苏0583执1号',
      idNumber: '3205831980****1234',
      subjectType: 'person',
      publishedAt: '2025-03-28T00:00:00+08:00',
    });
    expect(f.records[0]?.warnings?.join()).toMatch(/已打码/);
  });

  it('rejects a file without a recognisable header', async () => {
    const e = await rejection(readBytes('noheader.csv', 'a,b,c\n1,2,3\n'));
    expect(e.code).toBe('no_header');
    expect(e.message).toMatch(/未找到表头/);
  });

  it('rejects malformed CSV with the line', async () => {
    const e = await rejection(readBytes('broken.csv', '案号,失信被执行人姓名/名称,执行法院\nA1,"王样例,昆山\n'));
    expect(e.code).toBe('unreadable');
    expect(e.message).toMatch(/CSV 格式错误/);
  });
});

// ---------------------------------------------------------------------------
// XLSX details
// ---------------------------------------------------------------------------

describe('XLSX', () => {
  it('flags IDs stored as numbers (digits lost) and reads every sheet with a header', async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('一月');
    a.addRow(['案号', '失信被执行人姓名/名称', '身份证号码/组织机构代码', '执行法院', '年龄*']);
    a.addRow(['A1', '王样例', 320583198001011234, '昆山市人民法院', 45]);
    a.addRow([
      'A2',
      '李样例',
      { richText: [{ text: '3205831980' }, { text: '01015678' }] },
      '昆山市人民法院',
      { formula: '40+5', result: 45 },
    ]);
    wb.addWorksheet('说明').addRow(['本表由法院填报']);
    const b = wb.addWorksheet('二月');
    b.addRow(['案号', '失信被执行人姓名/名称', '执行法院']);
    b.addRow(['B1', '周样例', '昆山市人民法院']);
    const f = await readBytes('multi.xlsx', new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(f.records).toHaveLength(3);
    expect(f.records[0]).toMatchObject({ line: 2, raw: null, sheet: '一月' });
    expect(f.records[0]?.error).toMatch(/身份证号码\/组织机构代码.*文本/);
    expect(f.records[1]).toMatchObject({ line: 3, sheet: '一月', raw: { idNumber: '320583198001015678', age: 45 } });
    expect(f.records[2]).toMatchObject({ line: 2, sheet: '二月', raw: { caseNo: 'B1' } });
    expect(f.notes.join()).toMatch(/说明/);
  });

  it('zip magic wins over the extension; a broken zip is reported', async () => {
    const xlsx = readFileSync(sample('attachment1.xlsx'));
    expect((await readBytes('renamed.csv', xlsx)).format).toBe('xlsx');
    const e = await rejection(readBytes('broken.xlsx', Buffer.from('PK\x03\x04garbage')));
    expect(e.code).toBe('unreadable');
    expect(e.message).toMatch(/无法读取 XLSX/);
  });
});

// ---------------------------------------------------------------------------
// JSON details
// ---------------------------------------------------------------------------

describe('JSON', () => {
  const rec = (n: number) => ({ iname: `王样例${n}`, caseCode: `(2025)苏0583执${n}号`, courtName: '昆山市人民法院' });

  it('JSON Lines, with the line of a broken record', async () => {
    const f = await readBytes('records.jsonl', `${JSON.stringify(rec(1))}\n\n${JSON.stringify(rec(2))}\n{"iname": \n`);
    expect(f.records.map((r) => [r.line, r.raw?.caseNo ?? null])).toEqual([
      [1, '(2025)苏0583执1号'],
      [3, '(2025)苏0583执2号'],
      [4, null],
    ]);
    expect(f.records[2]?.error).toMatch(/JSON 格式错误/);
  });

  it('wrappers, a single record, non-objects, Attachment 1 keys and push objects', async () => {
    const nested = await readBytes(
      'nested.json',
      JSON.stringify({ code: 0, data: { total: 2, list: [rec(1), rec(2)] } }),
    );
    expect(nested.records.map((r) => r.raw?.name)).toEqual(['王样例1', '王样例2']);
    const single = await readBytes('single.json', JSON.stringify(rec(3)));
    expect(single.records.map((r) => r.raw?.name)).toEqual(['王样例3']);
    const mixed = await readBytes(
      'mixed.json',
      JSON.stringify([
        42,
        { 案号: 'A1', '失信被执行人姓名/名称': '李样例', 执行法院: '昆山市人民法院', 年龄: 40 },
        { caseNo: 'P1', subjectType: 'person', name: '周样例', age: 40 },
        { foo: 1 },
      ]),
    );
    expect(mixed.records[0]).toMatchObject({ line: 1, raw: null });
    expect(mixed.records[1]?.raw).toEqual({
      caseNo: 'A1',
      name: '李样例',
      court: '昆山市人民法院',
      age: 40,
      ...DEFAULTED,
    });
    // A push object is the API's own shape: passed through, not defaulted.
    expect(mixed.records[2]?.raw).toEqual({ caseNo: 'P1', subjectType: 'person', name: '周样例', age: 40 });
    expect(mixed.records[2]?.defaults).toBeUndefined();
    expect(mixed.records[3]).toMatchObject({ line: 4, raw: null, error: expect.stringMatching(/无法识别/) });
  });

  it('a broken JSON array is a file error', async () => {
    const e = await rejection(readBytes('broken.json', '[{"iname": "王"},'));
    expect(e.message).toMatch(/JSON 格式错误/);
  });
});

// ---------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------

describe('unsupported files', () => {
  it.each([
    ['report.pdf', '%PDF-1.7\n', /不支持的文件类型（\.pdf）/],
    ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /旧版 Excel/],
    ['fake.xlsx', '案号,执行法院\n', /内容不是 XLSX/],
    ['binary.csv', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43]), /不是文本文件/],
    ['legacy.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /（\.doc）/],
    ['letter.docx', Buffer.from('PK\x03\x04garbage'), /（\.docx）/],
    ['noext', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /旧版 Excel/],
  ])('%s', async (name, content, message) => {
    const e = await rejection(readBytes(name, content));
    expect(e.code).toBe('unsupported_type');
    expect(e.message).toMatch(/^不支持的文件类型/);
    expect(e.message).toMatch(message);
  });

  it('enforces the size limit (default 50 MB) before reading', async () => {
    const e = await rejection(readBytes('big.csv', 'x'.repeat(2048), { maxBytes: 1024 }));
    expect(e.code).toBe('too_large');
    expect(e.message).toMatch(/文件过大/);
  });

  it('empty and missing files', async () => {
    expect((await rejection(readBytes('empty.csv', ''))).code).toBe('empty');
    expect((await rejection(readBytes('blank.json', ' \n'))).code).toBe('empty');
    expect((await rejection(readImportFile(path.join(tmp, 'nope.csv')))).code).toBe('unreadable');
  });

  it('a file name with a bidi control, zero-width character or soft hyphen (upload page and CLI alike)', async () => {
    const message = '文件名不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符），请重命名后再导入';
    for (const c of ['\u202E', '\u2066', '\u061C', '\u00AD', '\u200B']) {
      expect(() => importFileName(`推送表${c}.csv`)).toThrow(message);
      const e = await rejection(readBytes(`推送表${c}.csv`, '案号,执行法院\n'));
      expect([e.code, e.message]).toEqual(['bad_name', message]);
    }
    expect(importFileName('/data/买买提·艾力 推送表.xlsx')).toBe('买买提·艾力 推送表.xlsx');
  });
});

// ---------------------------------------------------------------------------
// With the validator (lib/validation/entry-push.ts), once it exists
// ---------------------------------------------------------------------------

const VALIDATOR = fileURLToPath(new URL('../validation/entry-push.ts', import.meta.url));
type ParseEntryPush = (
  body: unknown,
  opts: { pathUid?: string; now?: Date },
) => { ok: true; entry: unknown } | { ok: false; errors: { field: string; code: string; message: string }[] };

describe.skipIf(!existsSync(VALIDATOR))('samples through parseEntryPush', () => {
  const now = new Date('2026-01-01T00:00:00+08:00');
  let parseEntryPush: ParseEntryPush;
  beforeAll(async () => {
    parseEntryPush = ((await import(/* @vite-ignore */ VALIDATOR)) as { parseEntryPush: ParseEntryPush })
      .parseEntryPush;
  });

  it.each(['attachment1.xlsx', 'attachment1.csv', 'national.json', 'national-lowercase.json'])(
    '%s: every record is valid',
    async (name) => {
      const f = await readImportFile(sample(name));
      for (const r of f.records) {
        const result = parseEntryPush(r.raw, { now });
        expect(result.ok ? [] : result.errors, `${name} line ${r.line}`).toEqual([]);
      }
    },
  );

  const problems = (raw: unknown) => {
    const result = parseEntryPush(raw, { now });
    return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
  };

  it('invalid.csv: each record is rejected for its one problem', async () => {
    const f = await readImportFile(sample('invalid.csv'));
    expect(f.records.map((r) => problems(r.raw))).toEqual([
      ['idNumber:invalid_checksum'],
      ['age:minor', 'idNumber:minor'],
      ['court:required'],
    ]);
  });

  it('a masked national ID is rejected', async () => {
    const f = await readImportFile(sample('national.json'));
    expect(problems({ ...f.records[0]?.raw, idNumber: '3205831979****0098' })).toEqual(['idNumber:invalid_format']);
  });
});
