/**
 * The XLSX template offered on /admin/import: every column the importer reads (the
 * Attachment 1 push table plus 失信严重程度, 失信信息有效期, 公开方式 and 更新时间), a header row,
 * one example row, and a second sheet explaining each column. Every cell is text (`@`), so
 * Excel keeps 18-digit ID numbers whole. The example row is valid (a test imports it) and
 * marked to be deleted; the explanation sheet has no header row, so the importer skips it.
 */
import ExcelJS from 'exceljs';
import { residentIdCheckChar } from '@/lib/identifiers';
import { IMPORT_COLUMNS, type FieldKind } from './formats';
import { FIELD_DOCS } from '@/lib/entry-fields';

export const TEMPLATE_FILE_NAME = '失信被执行人导入模板.xlsx';
export const TEMPLATE_SHEET = '失信被执行人';
export const TEMPLATE_NOTES_SHEET = '填写说明';

const EXAMPLE_ID_BODY = '32058319900101001';

/** The example row, by field (a made-up person: the identifier's check character is valid, it belongs to nobody). */
export const TEMPLATE_EXAMPLE: Record<string, string> = {
  uid: 'EXAMPLE-0001',
  caseNo: '（2025）苏0583执9999号',
  name: '示例（导入前请删除本行）',
  gender: '男',
  age: '35',
  idNumber: EXAMPLE_ID_BODY + residentIdCheckChar(EXAMPLE_ID_BODY),
  otherIds: '',
  legalRepresentative: '',
  court: '昆山市人民法院',
  regionId: '320583',
  regionName: '江苏省苏州市昆山市',
  subjectType: '自然人',
  basisDocNo: '（2024）苏0583民初9999号',
  basisIssuer: '昆山市人民法院',
  duty: '被告于判决生效之日起十日内偿还原告借款本金人民币10000元。',
  performance: '全部未履行',
  circumstances: '有履行能力而拒不履行生效法律文书确定义务；违反财产报告制度',
  publishedAt: '2025-03-28',
  filedAt: '2025-01-06',
  performedPart: '',
  unperformedPart: '人民币10000元',
  revokedAt: '',
  severity: '一般',
  validUntil: '2年',
  disclosure: '公开',
  updatedAt: '2025-03-28 09:30:00',
};

const KIND_HINTS: Partial<Record<FieldKind, string>> = {
  subjectType: '填“自然人”或“企业法人”（法人及其他组织）。',
  gender: '填“男”或“女”；自然人必填，法人及其他组织不填。',
  age: '周岁整数；自然人选填，未满 18 周岁者不得纳入名单。',
  otherIds: '每项写作“证件类型:号码”，多项用“；”分隔，选填。',
  circumstances: '1 至 10 项，多项用“；”分隔。',
  instant: '日期或日期时间（北京时间），如 2025-03-28、2025年3月28日 或 2025-03-28 09:30:00。',
  date: '日期，如 2025-01-06 或 2025年1月6日，不得晚于发布时间。',
  severity: '填“一般”或“严重”；选填（附件1 无此列），不填（或无此列）按“一般”导入，预检中逐行提示。',
  validUntil:
    '截止日期（含当日）、日期范围（取截止日）、“N年”（自发布时间起算），或“长期”；选填（附件1 无此列），' +
    '不填（或无此列）为至依法撤销之日（长期），预检中逐行提示。',
  disclosure: '填“公开”或“不宜公开”（依法不宜公开的仅向联合惩戒单位共享）；不填为公开。',
};

const FIELD_HINTS: Record<string, string> = {
  uid: '法院系统中该条失信信息的唯一标识：字母、数字、下划线或连字符，1 至 64 位，必填；同一标识再次导入即更新该条信息。',
  revokedAt: '选填；填写即表示该信息已撤销（不得早于发布时间）。',
  updatedAt: '选填；法院系统中该条信息最后修改的时间，用于判断同一条信息各版本的先后：早于平台已保存版本的行不予导入。',
};

function hint(field: string, kind: FieldKind): string {
  if (FIELD_HINTS[field]) return FIELD_HINTS[field];
  if (KIND_HINTS[kind]) return KIND_HINTS[kind];
  return Object.hasOwn(FIELD_DOCS, field) ? FIELD_DOCS[field as keyof typeof FIELD_DOCS].description : '';
}

/** The template as XLSX bytes. */
export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '诚信昆山';
  // Fixed times: the same template every time.
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;

  const sheet = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(14, c.header.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.field, TEMPLATE_EXAMPLE[c.field] ?? ''])));

  const notes = wb.addWorksheet(TEMPLATE_NOTES_SHEET);
  notes.columns = [
    { header: '列', key: 'header', width: 28 },
    { header: '填写要求', key: 'hint', width: 100 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) notes.addRow({ header: c.header, hint: hint(c.field, c.kind) });
  notes.addRow({});
  notes.addRow({
    header: '说明',
    hint: `第一个工作表第 2 行是示例，导入前请删除；每行一条失信信息，列的顺序不限。也可导入 CSV（UTF-8 或 GB18030）或全国失信被执行人 JSON 数据。`,
  });
  for (const row of [notes.getColumn('hint')]) row.alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
