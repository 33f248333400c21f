/**
 * The fields of an entry as Attachment 1 (信息推送表) names them, with what the court's API
 * accepts in each: the one copy of the labels and descriptions that the push validator
 * (lib/validation/entry-push.ts), the pages (lib/labels.ts FIELD_LABELS), the import templates
 * and the OpenAPI document use.
 */
import { FORMAT_CHARS_MESSAGE } from '@/lib/text/plain-text';

export type FieldDoc = { label: string; description: string };

export const FIELD_DOCS = {
  uid: {
    label: '信息唯一标识',
    description:
      '法院系统中该条失信信息的唯一标识：字母、数字、下划线（_）或连字符（-），1 至 64 位。PUT 请求路径中已有时可省略；如填写，须与路径中的一致。批量推送时每条必填。',
  },
  caseNo: { label: '案号', description: '执行案件案号，如（2024）苏0583执1234号，最长 64 个字符。' },
  subjectType: {
    label: '标识自然人或企业法人',
    description: 'person：自然人；organization：法人及其他组织。决定以下各项哪些必填、哪些不填。',
  },
  name: {
    label: '失信被执行人姓名/名称',
    description: `自然人姓名或单位名称，1 至 100 个字符，首尾空白会被去除；${FORMAT_CHARS_MESSAGE}。`,
  },
  gender: {
    label: '性别',
    description:
      '“男”或“女”。自然人必填；法人及其他组织不填（省略或 null）。证件为 18 位居民身份证号码的，须与其第 17 位数字相符（奇数为男，偶数为女），否则' +
      '返回 id_mismatch。',
  },
  age: {
    label: '年龄',
    description:
      '发布时的周岁年龄，18 至 150 的整数。自然人选填；法人及其他组织不填。未满 18 周岁者不得纳入名单。证件为 18 位居民身份证号码的，须与按其出' +
      '生日期计算的发布时周岁相符（容许相差 1 岁），否则返回 id_mismatch。',
  },
  idNumber: {
    label: '身份证号码/组织机构代码',
    description:
      '必填。自然人：18 位居民身份证号码（GB 11643，ISO 7064 MOD 11-2 校验位）或 15 位旧号码，按号码中的出生日期在发布时未满 18 周岁的不得纳入名单；法人及其他组织：18 位统一社' +
      '会信用代码（GB 32100）或 9 位组织机构代码（GB 11714，可写作 XXXXXXXX-X）。大小写、空格、全角字符不影响；保存为大写、无空格的规范形式（组织机构代码为 XXXXXXXX-X）。',
  },
  otherIds: {
    label: '多证件列表',
    description:
      '其他证件，选填，最多 10 项，每项 { type：证件类型（1 至 20 个字符），number：证件号码（1 至 40 个字符） }。',
  },
  legalRepresentative: {
    label: '企业法定代表人姓名',
    description: `法人及其他组织必填，最长 50 个字符，${FORMAT_CHARS_MESSAGE}；自然人不填。`,
  },
  court: {
    label: '执行法院',
    description: '执行法院名称，必填，最长 100 个字符；须为本平台法院名录中的法院，填写别称的按全称保存。',
  },
  regionId: { label: '地域ID', description: '地域标识（如行政区划代码），选填，最长 20 个字符。' },
  regionName: { label: '地域名称', description: '地域名称，必填，最长 100 个字符。' },
  basisDocNo: { label: '执行依据文号', description: '执行依据文书的文号，必填，最长 100 个字符。' },
  basisIssuer: { label: '作出执行依据单位', description: '作出执行依据的单位，必填，最长 100 个字符。' },
  duty: { label: '法律生效文书确定的义务', description: '必填，最长 2000 个字符，可换行。' },
  performance: { label: '被执行人的履行情况', description: '必填，最长 500 个字符，可换行。' },
  circumstances: {
    label: '失信被执行人具体情形',
    description: '1 至 10 项，每项 1 至 200 个字符，如“有履行能力而拒不履行生效法律文书确定义务”。',
  },
  publishedAt: {
    label: '发布时间',
    description:
      '带时区的 ISO 8601 日期时间（如 2024-05-01T09:30:00+08:00 或 2024-05-01T01:30:00Z），或日期 YYYY-MM-DD（表示北京时间当日 0 时）。不得晚于' +
      '当前时间（容许 5 分钟时钟误差）。',
  },
  filedAt: {
    label: '立案时间',
    description: '日期 YYYY-MM-DD，须为真实日期，不得晚于发布时间（按北京时间日期比较）。',
  },
  performedPart: { label: '已履行部分', description: '选填，最长 200 个字符。' },
  unperformedPart: { label: '未履行部分', description: '选填，最长 200 个字符。' },
  revokedAt: {
    label: '撤销时间',
    description:
      '选填。带时区的 ISO 8601 日期时间，不得早于发布时间，不得晚于当前时间（容许 5 分钟时钟误差）。填写即表示该信息已撤销。',
  },
  severity: { label: '失信严重程度', description: 'general：一般失信；serious：严重失信。' },
  validUntil: {
    label: '失信信息有效期',
    description: '有效期截止时间，选填。带时区的 ISO 8601 日期时间，须晚于发布时间；到期后自动不再公开。',
  },
  disclosure: {
    label: '公开方式',
    description: 'public：公开（默认）；restricted：依法不宜公开，不向社会公示，仅向联合惩戒单位共享。',
  },
  updatedAt: {
    label: '更新时间',
    description:
      '选填。法院系统中该条信息最后修改的时间，带时区的 ISO 8601 日期时间（如 2024-03-01T10:00:00+08:00，精确到毫秒），不得晚于当前时间（容许 5 分钟时钟误差）。用于判断同一条信' +
      '息各版本的先后，信息每次修改都应随之更新：早于平台已保存版本的推送不予保存（409 stale_version）；与已保存版本的更新时间相同而内容不同的不予保存（409 version_conflict）' +
      '；已保存的版本带有更新时间时，不带更新时间的推送不予保存（409 version_required）。',
  },
} as const satisfies Record<string, FieldDoc>;

export type EntryPushField = keyof typeof FIELD_DOCS;
export const ENTRY_PUSH_FIELDS = Object.keys(FIELD_DOCS) as EntryPushField[];
