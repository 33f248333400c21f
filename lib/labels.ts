import { FIELD_DOCS } from '@/lib/validation/entry-push';
import { type DisplayStatus, type EntryEventKind } from '@/lib/entry-input';

type Field = keyof typeof FIELD_DOCS;

/**
 * Chinese labels of the fields, as pages show them: Attachment 1's own wording (kept once,
 * in FIELD_DOCS), except the subject type, whose form-header wording reads badly on a page.
 */
export const FIELD_LABELS: Record<Field, string> = {
  ...(Object.fromEntries(Object.entries(FIELD_DOCS).map(([field, doc]) => [field, doc.label])) as Record<Field, string>),
  subjectType: '主体类型',
};

export const SEVERITY_LABELS = { general: '一般失信', serious: '严重失信' } as const;
export const REMOVAL_LABELS = { revoked: '撤销', shielded: '屏蔽' } as const;

/** Organisations publish a USCC (18 chars) or an older organisation code. */
export function identifierLabel(subjectType: 'person' | 'organization', id: string | null) {
  if (subjectType === 'person') return '身份证号码';
  return id && id.replace('-', '').length === 18 ? '统一社会信用代码' : '组织机构代码';
}

/** An entry's status as staff read it (db/visibility.ts decides which applies). */
export const DISPLAY_STATUS_LABELS: Record<DisplayStatus, string> = {
  public: '公示中',
  future: '待公示',
  expired: '已过有效期（不再公示）',
  revoked: '已撤销',
  shielded: '已屏蔽',
  restricted: '不宜公开',
};
export const DISCLOSURE_LABELS = { public: '公开', restricted: '依法不宜公开' } as const;
export const EVENT_LABELS: Record<EntryEventKind, string> = {
  listed: '纳入名单',
  updated: '信息更新',
  revoked: '撤销',
  shielded: '屏蔽',
  removal_due: '登记撤销事由',
  expired: '已过有效期',
};
