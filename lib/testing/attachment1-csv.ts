/**
 * Person entries written as an Attachment 1 (信息推送表) CSV, the way a court's spreadsheet
 * export looks: for the import tests (integration and browser). `updatedAt` adds the optional
 * 更新时间 column; `seedColumns` leaves out 失信严重程度 and 失信信息有效期, which the seed's Attachment 1 does not have.
 */
import type { EntryInput } from '@/lib/validation/entry-push';

type Column = [header: string, cell: (e: EntryInput) => string];

const COLUMNS: Column[] = [
  ['信息唯一标识', (e) => e.uid],
  ['案号', (e) => e.caseNo],
  ['失信被执行人姓名/名称', (e) => e.name],
  ['性别', (e) => e.gender ?? ''],
  ['年龄', (e) => String(e.age ?? '')],
  ['身份证号码/组织机构代码', (e) => e.idNumber ?? ''],
  ['执行法院', (e) => e.court],
  ['地域ID', (e) => e.regionId ?? ''],
  ['地域名称', (e) => e.regionName],
  ['标识自然人或企业法人', () => '自然人'],
  ['执行依据文号', (e) => e.basisDocNo],
  ['作出执行依据单位', (e) => e.basisIssuer],
  ['法律生效文书确定的义务', (e) => e.duty],
  ['被执行人的履行情况', (e) => e.performance],
  ['失信被执行人具体情形', (e) => e.circumstances.join('；')],
  ['发布时间', (e) => e.publishedAt.toISOString()],
  ['立案时间', (e) => e.filedAt],
  ['已履行部分', (e) => e.performedPart ?? ''],
  ['未履行部分', (e) => e.unperformedPart ?? ''],
  ['失信严重程度', (e) => (e.severity === 'serious' ? '严重' : '一般')],
  ['失信信息有效期', (e) => e.validUntil?.toISOString() ?? '长期'],
];

/** Our columns beyond the seed's 22 (Attachment 1 has neither): left out with `seedColumns`. */
const NOT_IN_SEED = new Set(['失信严重程度', '失信信息有效期']);

/** The headers, in order (the template must offer each). */
export const ATTACHMENT1_HEADERS: readonly string[] = COLUMNS.map(([h]) => h);

const UPDATED_AT: Column = ['更新时间', (e) => e.updatedAt?.toISOString() ?? ''];

/** The CSV text: a header row, one quoted row per entry, then `extraRows` as they are. */
export function attachment1Csv(
  rows: EntryInput[],
  opts: { updatedAt?: boolean; extraRows?: string[]; seedColumns?: boolean } = {},
): string {
  const own = opts.seedColumns ? COLUMNS.filter(([h]) => !NOT_IN_SEED.has(h)) : COLUMNS;
  const columns = opts.updatedAt ? [...own, UPDATED_AT] : own;
  const line = (cells: string[]) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
  return [
    line(columns.map(([h]) => h)),
    ...rows.map((e) => line(columns.map(([, cell]) => cell(e)))),
    ...(opts.extraRows ?? []),
  ].join('\r\n');
}
