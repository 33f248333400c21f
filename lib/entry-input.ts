/**
 * The entry's vocabulary, the one copy: db/schema.ts builds its enums from these tuples, zod
 * its z.enum()s, and the label maps are typed by them.
 */
export const SUBJECT_TYPES = ['person', 'organization'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const DISCLOSURES = ['public', 'restricted'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];
export const ENTRY_STATUSES = ['active', 'revoked', 'shielded'] as const;
export const SEVERITIES = ['general', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const GENDERS = ['男', '女'] as const;
export type OtherId = { type: string; number: string };

/** The kinds of entry event the code writes (text in the database, typed by this list). */
export const ENTRY_EVENT_KINDS = ['listed', 'updated', 'revoked', 'shielded', 'removal_due', 'expired'] as const;
export type EntryEventKind = (typeof ENTRY_EVENT_KINDS)[number];
/** The event kinds that make up the change feed for the receiving departments. */
export const FEED_KINDS = [
  'listed',
  'updated',
  'revoked',
  'shielded',
  'expired',
] as const satisfies readonly EntryEventKind[];

/**
 * Where an entry stands, as staff see it: `public` exactly when db/visibility.ts isPublic() holds, otherwise the first
 * reason it is not.
 */
export const DISPLAY_STATUSES = ['public', 'future', 'expired', 'revoked', 'shielded', 'restricted'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

/**
 * An entry as the court pushes it: Attachment 1's fields (English camelCase, the Chinese
 * label beside each) plus section 二(一)'s severity and validity period, the disclosure
 * flag and the court system's update time (which orders versions of one entry). The court
 * API validates into this shape; the demo seed builds it.
 */
export type EntryInput = {
  uid: string; // 信息唯一标识
  caseNo: string; // 案号
  subjectType: SubjectType; // 标识自然人或企业法人
  name: string; // 失信被执行人姓名/名称
  gender?: (typeof GENDERS)[number] | null; // 性别
  age?: number | null; // 年龄
  idNumber?: string | null; // 身份证号码/组织机构代码（统一社会信用代码）
  otherIds?: OtherId[]; // 多证件列表
  legalRepresentative?: string | null; // 企业法定代表人姓名
  court: string; // 执行法院
  regionId?: string | null; // 地域ID
  regionName: string; // 地域名称
  basisDocNo: string; // 执行依据文号
  basisIssuer: string; // 作出执行依据单位
  duty: string; // 法律生效文书确定的义务
  performance: string; // 被执行人的履行情况
  circumstances: string[]; // 失信被执行人具体情形
  publishedAt: Date; // 发布时间
  filedAt: string; // 立案时间 (YYYY-MM-DD)
  performedPart?: string | null; // 已履行部分
  unperformedPart?: string | null; // 未履行部分
  revokedAt?: Date | null; // 撤销时间
  severity: Severity; // 失信严重程度
  validUntil?: Date | null; // 失信信息有效期 (end)
  disclosure?: Disclosure; // 依法不宜公开 → restricted
  updatedAt?: Date | null; // 更新时间: the court system's last change to the record (orders versions)
  demo?: boolean;
};
