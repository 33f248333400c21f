/** Chinese labels for the fields of Attachment 1 and the platform's enums. */
export const FIELD_LABELS = {
  uid: '信息唯一标识',
  caseNo: '案号',
  name: '失信被执行人姓名/名称',
  subjectType: '主体类型',
  gender: '性别',
  age: '年龄',
  idNumber: '身份证号码/组织机构代码',
  otherIds: '多证件列表',
  legalRepresentative: '企业法定代表人姓名',
  court: '执行法院',
  regionId: '地域ID',
  regionName: '地域名称',
  basisDocNo: '执行依据文号',
  basisIssuer: '作出执行依据单位',
  duty: '法律生效文书确定的义务',
  performance: '被执行人的履行情况',
  circumstances: '失信被执行人具体情形',
  publishedAt: '发布时间',
  filedAt: '立案时间',
  performedPart: '已履行部分',
  unperformedPart: '未履行部分',
  revokedAt: '撤销时间',
  severity: '失信严重程度',
  validUntil: '失信信息有效期',
} as const;

export const SUBJECT_TYPE_LABELS = { person: '自然人', organization: '法人及其他组织' } as const;
export const SEVERITY_LABELS = { general: '一般失信', serious: '严重失信' } as const;
export const REMOVAL_LABELS = { revoked: '撤销', shielded: '屏蔽' } as const;

/** Organisations publish a USCC (18 chars) or an older organisation code. */
export function identifierLabel(subjectType: 'person' | 'organization', id: string | null) {
  if (subjectType === 'person') return '身份证号码';
  return id && id.replace('-', '').length === 18 ? '统一社会信用代码' : '组织机构代码';
}
