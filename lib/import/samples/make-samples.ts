/**
 * Regenerates the import samples in this folder (deterministic: same bytes every run):
 *
 *   npx tsx lib/import/samples/make-samples.ts
 *
 * - attachment1.xlsx / attachment1.csv: the same 5 entries (3 persons, 2 organisations)
 *   in Attachment 1's layout (附件1 失信被执行人信息推送表, headers as in the template,
 *   '*' marks included) plus 失信严重程度, 失信信息有效期 and 公开方式. Dates come in
 *   the forms courts' exports use (date cells, Excel serials, '2025年3月28日', '2025/4/3'…);
 *   both files convert to the same push objects.
 * - attachment1-seed.xlsx / attachment1-seed.csv: the same entries (uids KS-SEED-…) in exactly the seed's 22
 *   Attachment 1 columns, without 失信严重程度, 失信信息有效期 and 公开方式: they import with the default rule
 *   (lib/import/defaults.ts), each default listed as a warning.
 * - invalid.csv: 3 rows that validation must reject (bad check digit, a minor, a
 *   missing 执行法院).
 * - national.json / national-lowercase.json: national 失信被执行人 records (camelCase
 *   keys, and all-lowercase keys wrapped in { "data": [...] }).
 *
 * All names are plainly synthetic (样例/示范/演示) and the identifiers, although their
 * check characters are valid, are made up: they belong to nobody.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from '../../identifiers';
import { CST_OFFSET_MS } from '../../cst';

const dir = fileURLToPath(new URL('.', import.meta.url));
const FIXED_TIME = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

const residentId = (first17: string) => first17 + residentIdCheckChar(first17);
/** USCC whose organisation-code part (chars 9-17) carries its own valid check char too. */
const uscc = (prefix8: string, orgBody8: string) => {
  const first17 = prefix8 + orgBody8 + orgCodeCheckChar(orgBody8);
  return first17 + usccCheckChar(first17);
};
/** Excel serial day number of a calendar date (1900 date system). */
const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
/** A date cell as Excel stores it: wall-clock time, carried by exceljs as UTC. */
const cellDate = (y: number, m: number, d: number, hh = 0, mi = 0) => new Date(Date.UTC(y, m - 1, d, hh, mi));

// ---------------------------------------------------------------------------
// Attachment 1
// ---------------------------------------------------------------------------

/** Headers exactly as the template writes them ('*' = optional), plus our three columns. */
export const ATTACHMENT1_HEADERS = [
  '信息唯一标识', '案号', '失信被执行人姓名/名称', '性别', '年龄*', '身份证号码/组织机构代码', '多证件列表',
  '企业法定代表人姓名', '执行法院', '地域ID*', '地域名称*', '标识自然人或企业法人', '执行依据文号', '作出执行依据单位',
  '法律生效文书确定的义务', '被执行人的履行情况', '失信被执行人具体情形', '发布时间', '立案时间', '已履行部分*',
  '未履行部分', '撤销时间', '失信严重程度', '失信信息有效期', '公开方式',
] as const;
type Header = (typeof ATTACHMENT1_HEADERS)[number];

/** The seed's Attachment 1 exactly: its 22 columns, without our three (no 失信严重程度, 失信信息有效期, 公开方式). */
export const SEED_HEADERS = ATTACHMENT1_HEADERS.slice(0, 22);
type Cell = string | number | Date;
/** One entry: for each date column, the XLSX cell and the CSV text (different forms, same date). */
type Row = Partial<Record<Header, Cell | { xlsx: Cell; csv: string }>>;

const COURT = '昆山市人民法院';
const REGION = { '地域ID*': '320583', '地域名称*': '江苏省苏州市昆山市' } as const;

export const ATTACHMENT1_ROWS: Row[] = [
  {
    信息唯一标识: 'KS-2025-000101',
    案号: '（2025）苏0583执1201号',
    '失信被执行人姓名/名称': '陈样例',
    性别: '男',
    '年龄*': '40',
    '身份证号码/组织机构代码': residentId('32058319850312003'),
    执行法院: COURT,
    ...REGION,
    标识自然人或企业法人: '自然人',
    执行依据文号: '（2024）苏0583民初8801号',
    作出执行依据单位: COURT,
    法律生效文书确定的义务: '被告陈样例于判决生效之日起十日内偿还原告借款本金人民币50000元及利息。',
    被执行人的履行情况: '全部未履行',
    失信被执行人具体情形: '有履行能力而拒不履行生效法律文书确定义务；违反财产报告制度',
    发布时间: { xlsx: cellDate(2025, 3, 28), csv: '2025年3月28日' },
    立案时间: { xlsx: '2025年1月6日', csv: '2025-01-06' },
    '未履行部分': '人民币50000元及利息',
    失信严重程度: '一般',
    失信信息有效期: '2年',
    公开方式: '公开',
  },
  {
    信息唯一标识: 'KS-2025-000102',
    案号: '（2025）苏0583执1388号',
    '失信被执行人姓名/名称': '林示范',
    性别: '女',
    '年龄*': '34',
    '身份证号码/组织机构代码': residentId('32058319900721004'),
    多证件列表: '护照:E12345678；港澳通行证:C1234567',
    执行法院: COURT,
    ...REGION,
    标识自然人或企业法人: '自然人',
    执行依据文号: '（2024）苏0583民初9120号',
    作出执行依据单位: COURT,
    法律生效文书确定的义务: '被告林示范于本判决生效之日起十日内支付原告货款人民币128000元。',
    被执行人的履行情况: '部分未履行',
    失信被执行人具体情形: '违反限制消费令',
    发布时间: { xlsx: cellDate(2025, 4, 2, 10, 30), csv: '2025-04-02 10:30:00' },
    立案时间: { xlsx: serial(2025, 1, 15), csv: '2025/1/15' },
    '已履行部分*': '人民币30000元',
    '未履行部分': '人民币98000元',
    失信严重程度: '一般',
    失信信息有效期: { xlsx: cellDate(2027, 4, 2), csv: '2027-04-02' },
    公开方式: '公开',
  },
  {
    信息唯一标识: 'KS-2025-000103',
    案号: '（2025）苏0583执恢215号',
    '失信被执行人姓名/名称': '周演示',
    性别: '男',
    '年龄*': '46',
    '身份证号码/组织机构代码': residentId('32058319781102005'),
    执行法院: COURT,
    ...REGION,
    标识自然人或企业法人: '自然人',
    执行依据文号: '（2023）苏0583民初3307号',
    作出执行依据单位: COURT,
    法律生效文书确定的义务: '被告周演示于本调解书生效之日起三十日内返还原告借款人民币20000元。',
    被执行人的履行情况: '全部未履行',
    失信被执行人具体情形: '无正当理由拒不履行执行和解协议',
    发布时间: { xlsx: '2025年4月3日', csv: '2025/4/3' },
    立案时间: { xlsx: cellDate(2025, 2, 10), csv: '2025年2月10日' },
    '未履行部分': '人民币20000元',
    失信严重程度: '一般',
    失信信息有效期: '2年',
    公开方式: '不宜公开',
  },
  {
    信息唯一标识: 'KS-2025-000104',
    案号: '（2025）苏0583执1502号',
    '失信被执行人姓名/名称': '昆山示例精密模具有限公司',
    '身份证号码/组织机构代码': uscc('91320583', 'MA1N2P3Q'),
    企业法定代表人姓名: '吴样例',
    执行法院: COURT,
    ...REGION,
    标识自然人或企业法人: '企业法人',
    执行依据文号: '（2024）苏0583民初10233号',
    作出执行依据单位: COURT,
    法律生效文书确定的义务: '被告昆山示例精密模具有限公司于判决生效之日起十日内支付原告加工款人民币860000元及逾期付款损失。',
    被执行人的履行情况: '全部未履行',
    失信被执行人具体情形: '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
    发布时间: { xlsx: serial(2025, 4, 10), csv: '45757' },
    立案时间: { xlsx: '2025-02-18', csv: '2025-02-18 00:00:00' },
    '未履行部分': '人民币860000元及逾期付款损失',
    失信严重程度: '严重',
    失信信息有效期: '3年',
    公开方式: '公开',
  },
  {
    信息唯一标识: 'KS-2025-000105',
    案号: '（2025）苏0583执1633号',
    '失信被执行人姓名/名称': '昆山样例贸易有限公司',
    '身份证号码/组织机构代码': uscc('91320583', 'MA2R4T6U'),
    企业法定代表人姓名: '郑示范',
    执行法院: COURT,
    ...REGION,
    标识自然人或企业法人: '企业法人',
    执行依据文号: '（2024）苏0583民初11876号',
    作出执行依据单位: COURT,
    法律生效文书确定的义务: '被告昆山样例贸易有限公司于判决生效之日起十日内支付原告租金人民币240000元。',
    被执行人的履行情况: '全部未履行',
    失信被执行人具体情形: '违反财产报告制度',
    发布时间: { xlsx: '2025-04-15', csv: '2025年4月15日' },
    立案时间: { xlsx: cellDate(2025, 3, 3), csv: '2025/03/03' },
    '未履行部分': '人民币240000元',
    失信严重程度: '一般',
    失信信息有效期: { xlsx: '2027年4月15日', csv: '2025年4月15日至2027年4月15日' },
    公开方式: '公开',
  },
];

/** The same entries under their own uids (KS-SEED-…), for the seed's 22 columns: severity and validity defaulted. */
export const SEED_ROWS: Row[] = ATTACHMENT1_ROWS.map((row) => ({
  ...row,
  信息唯一标识: String(row.信息唯一标识).replace('KS-2025-', 'KS-SEED-'),
}));

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csvText(v: Cell | { xlsx: Cell; csv: string } | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'object' && !(v instanceof Date)) return v.csv;
  if (v instanceof Date) throw new Error('date cells need a CSV form');
  return String(v);
}

function toCsv(headers: readonly string[], rows: Row[], opts: { bom: boolean }): string {
  const lines = [headers.map(csvCell).join(',')];
  for (const row of rows) lines.push(headers.map((h) => csvCell(csvText(row[h as Header]))).join(','));
  return (opts.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

async function writeXlsx(file: string, headers: readonly Header[], rows: Row[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '诚信昆山 样例';
  wb.lastModifiedBy = '诚信昆山 样例';
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  const ws = wb.addWorksheet('失信被执行人信息推送表');
  // Title row above the header, as the template has it.
  ws.addRow(['失信被执行人信息推送表']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow([...headers]);
  for (const row of rows) {
    const added = ws.addRow(
      headers.map((h) => {
        const v = row[h];
        if (v === undefined) return null;
        return typeof v === 'object' && !(v instanceof Date) ? v.xlsx : v;
      }),
    );
    added.eachCell((cell) => {
      if (cell.value instanceof Date) {
        const d = cell.value;
        cell.numFmt = d.getUTCHours() || d.getUTCMinutes() ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd';
      }
    });
  }
  ws.addRow([]);
  ws.addRow(['添加“*”标记的为选填项']);
  headers.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(10, h.length * 2 + 2);
  });
  const buf = await wb.xlsx.writeBuffer();
  writeFileSync(file, normalizeZipTimes(new Uint8Array(buf as ArrayBuffer)));
}

/**
 * Sets every zip entry's modification time to 1980-01-01 00:00 so the file's bytes do
 * not depend on when the script ran (the zip writer stamps entries with the current time).
 */
function normalizeZipTimes(zip: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && i + 14 <= out.length) {
      view.setUint16(i + 10, 0, true);
      view.setUint16(i + 12, DOS_DATE_1980_01_01, true);
    } else if (sig === 0x02014b50 && i + 16 <= out.length) {
      view.setUint16(i + 12, 0, true);
      view.setUint16(i + 14, DOS_DATE_1980_01_01, true);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Invalid rows
// ---------------------------------------------------------------------------

const validPerson = ATTACHMENT1_ROWS[0]!;
const badCheck = (() => {
  const id = residentId('32058319880609007');
  return id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
})();

export const INVALID_ROWS: Row[] = [
  {
    ...validPerson,
    信息唯一标识: 'KS-2025-INV01',
    案号: '（2025）苏0583执2001号',
    '失信被执行人姓名/名称': '冯样例',
    法律生效文书确定的义务: '被告冯样例于判决生效之日起十日内偿还原告借款本金人民币50000元及利息。',
    '年龄*': '36',
    '身份证号码/组织机构代码': badCheck, // wrong check digit
  },
  {
    ...validPerson,
    信息唯一标识: 'KS-2025-INV02',
    案号: '（2025）苏0583执2002号',
    '失信被执行人姓名/名称': '褚示范',
    法律生效文书确定的义务: '被告褚示范于判决生效之日起十日内偿还原告借款本金人民币50000元及利息。',
    '年龄*': '12',
    '身份证号码/组织机构代码': residentId('32058320120501007'), // a minor: born 2012-05-01
  },
  {
    ...validPerson,
    信息唯一标识: 'KS-2025-INV03',
    案号: '（2025）苏0583执2003号',
    '失信被执行人姓名/名称': '卫演示',
    法律生效文书确定的义务: '被告卫演示于判决生效之日起十日内偿还原告借款本金人民币50000元及利息。',
    '年龄*': '51',
    '身份证号码/组织机构代码': residentId('32058319740130009'),
    执行法院: '', // required field missing
  },
];

// ---------------------------------------------------------------------------
// National JSON
// ---------------------------------------------------------------------------

export const NATIONAL_RECORDS = [
  {
    id: 90000101,
    iname: '钱样例',
    caseCode: '(2024)苏0583执5678号',
    age: '45',
    sexy: '男性',
    cardNum: residentId('32058319790815009'),
    businessEntity: '',
    courtName: COURT,
    areaName: '江苏',
    partyTypeName: '自然人',
    gistId: '(2024)苏0583民初4410号',
    regDate: '2024年12月11日',
    gistUnit: COURT,
    duty: '被告钱样例于判决生效后十日内偿还原告借款本金人民币80000元及利息。',
    performance: '全部未履行',
    performedPart: '暂无',
    unperformPart: '人民币80000元及利息',
    disruptTypeName: '违反财产报告制度,违反限制消费令',
    publishDate: '2025年03月28日',
  },
  {
    id: '90000102',
    iname: '孙示范',
    caseCode: '(2025)苏0583执301号',
    age: 38,
    sexy: '女性',
    cardNum: residentId('32058319861230010'),
    businessEntity: '',
    courtName: COURT,
    areaName: '江苏',
    partyTypeName: '0',
    type: '失信被执行人名单',
    gistId: '(2024)苏0583民初7702号',
    regDate: '20250106',
    gistUnit: COURT,
    duty: '被告孙示范于本判决生效之日起十日内支付原告货款人民币36000元。',
    performance: '全部未履行',
    disruptTypeName: '有履行能力而拒不履行生效法律文书确定义务',
    publishDate: '2025-04-01 00:00:00',
    focusNumber: '0',
    sitelink: 'http://zxgk.court.gov.cn/',
  },
  {
    id: 90000103,
    iname: '昆山样例建材有限公司',
    caseCode: '(2025)苏0583执412号',
    age: '0',
    sexy: '',
    cardNum: uscc('91320583', 'MA3W5X7Y'),
    businessEntity: '王样例',
    courtName: COURT,
    areaName: '江苏',
    partyTypeName: '企业法人',
    gistId: '(2024)苏0583民初9931号',
    regDate: '2025-01-20 00:00:00',
    gistUnit: COURT,
    duty: '被告昆山样例建材有限公司于判决生效之日起十日内支付原告货款人民币452000元。',
    performance: '全部未履行',
    disruptTypeName: '有履行能力而拒不履行生效法律文书确定义务，违反财产报告制度',
    publishDate: '2025年04月08日',
  },
  {
    iname: '李演示',
    caseCode: '(2025)苏0583执527号',
    age: '53',
    sexy: '男',
    cardNum: residentId('32058319720404011'),
    courtName: COURT,
    areaName: '江苏',
    partyTypeName: '自然人',
    gistId: '(2024)苏0583民初10550号',
    regDate: '2025年02月14日',
    gistUnit: COURT,
    duty: '被告李演示于判决生效后十日内赔偿原告损失人民币15000元。',
    performance: '部分未履行',
    performedPart: '人民币5000元',
    unperformPart: '人民币10000元',
    disruptTypeName: '以伪造证据、暴力、威胁等方法妨碍、抗拒执行,违反限制消费令',
    publishDate: '2025-04-18 09:00:00',
  },
];

/** CST midnight of a date as epoch milliseconds (the resellers' int64 dates). */
const epochMs = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - CST_OFFSET_MS;

export const NATIONAL_LOWERCASE = {
  data: [
    {
      id: 90000201,
      iname: '赵样例',
      casecode: '(2025)苏0583执618号',
      age: '29',
      sexy: '男性',
      cardnum: residentId('32058319950910013'),
      businessentity: '',
      courtname: COURT,
      areaname: '江苏',
      partytypename: '自然人',
      gistid: '(2024)苏0583民初11002号',
      regdate: epochMs(2025, 2, 20),
      gistunit: COURT,
      duty: '被告赵样例于判决生效后十日内偿还原告借款人民币12000元。',
      performance: '全部未履行',
      disrupttypename: '违反限制消费令',
      publishdate: epochMs(2025, 4, 22),
    },
    {
      id: 90000202,
      iname: '韩示范',
      casecode: '(2025)苏0583执702号',
      age: '41',
      sexy: '女性',
      cardnum: residentId('32058319830517014'),
      businessentity: '',
      courtname: COURT,
      areaname: '江苏',
      partytypename: '自然人',
      gistid: '(2024)苏0583民初11240号',
      regdate: '2025年03月03日',
      gistunit: COURT,
      duty: '被告韩示范于本判决生效之日起十日内支付原告工程款人民币68000元。',
      performance: '全部未履行',
      disrupttypename: '有履行能力而拒不履行生效法律文书确定义务,违反财产报告制度',
      publishdate: '2025年04月25日',
    },
    {
      id: 90000203,
      iname: '昆山演示物流有限公司',
      casecode: '(2025)苏0583执733号',
      age: '0',
      sexy: '',
      cardnum: uscc('91320583', 'MA4X6Y8P'),
      businessentity: '蒋演示',
      courtname: COURT,
      areaname: '江苏',
      partytypename: '企业法人',
      gistid: '(2024)苏0583民初11305号',
      regdate: '2025-03-10 00:00:00',
      gistunit: COURT,
      duty: '被告昆山演示物流有限公司于判决生效之日起十日内支付原告运输费人民币193000元。',
      performance: '全部未履行',
      disrupttypename: '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
      publishdate: '2025-04-28 00:00:00',
    },
  ],
};

// ---------------------------------------------------------------------------

export async function makeSamples(outDir = dir): Promise<void> {
  writeFileSync(`${outDir}/attachment1.csv`, toCsv(ATTACHMENT1_HEADERS, ATTACHMENT1_ROWS, { bom: true }));
  writeFileSync(`${outDir}/invalid.csv`, toCsv(ATTACHMENT1_HEADERS, INVALID_ROWS, { bom: false }));
  writeFileSync(`${outDir}/national.json`, `${JSON.stringify(NATIONAL_RECORDS, null, 2)}\n`);
  writeFileSync(`${outDir}/national-lowercase.json`, `${JSON.stringify(NATIONAL_LOWERCASE, null, 2)}\n`);
  await writeXlsx(`${outDir}/attachment1.xlsx`, ATTACHMENT1_HEADERS, ATTACHMENT1_ROWS);
  writeFileSync(`${outDir}/attachment1-seed.csv`, toCsv(SEED_HEADERS, SEED_ROWS, { bom: true }));
  await writeXlsx(`${outDir}/attachment1-seed.xlsx`, SEED_HEADERS, SEED_ROWS);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await makeSamples();
  console.log(`samples written to ${dir}`);
}
