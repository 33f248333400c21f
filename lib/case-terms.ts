/**
 * The vocabulary of applications and cases, the one copy: db/schema.ts builds its enums from
 * these tuples and the case forms' zod schemas (lib/validation/case.ts) their z.enum()s.
 */
/** guarantee: a request to lift the measures on a valid execution guarantee (执行担保, 二(四)), decided by the court. */
export const APPLICATION_KINDS = ['objection', 'correction', 'repair', 'guarantee'] as const;
export const CASE_STATUSES = [
  'submitted',
  'accepted',
  'under_review',
  'decided',
  'closed',
  'refused',
  'awaiting_material',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_DECISIONS = ['upheld', 'partly_upheld', 'rejected', 'revoke_entry', 'amend_entry'] as const;
export const CASE_HANDLERS = ['department', 'court', 'credit_office'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
/** The body credit-repair requests go to. */
export const CREDIT_OFFICE_NAME = '市公共信用信息中心';

/** A unit's task to confirm its measures lifted after a removal or an upheld objection. */
export const LIFTING_STATUSES = ['open', 'lifted', 'kept', 'not_applicable'] as const;
export type LiftingStatus = (typeof LIFTING_STATUSES)[number];
export const REMINDER_SCOPES = ['open', 'overdue'] as const;

/** Reasons for 不予受理, in the order offered; the handler adds written reasons. */
export const REFUSAL_REASONS = [
  { code: 'not_subject', label: '申请人不是被执行人本人或其委托的代理人' },
  { code: 'not_our_matter', label: '申请事项不属于本单位处理范围' },
  { code: 'out_of_time', label: '超过法定申请期限' },
  { code: 'duplicate', label: '同一事项已提出申请，正在办理或已作出决定' },
  { code: 'material_not_supplied', label: '经通知补正，逾期未补正材料' },
  { code: 'other', label: '其他原因' },
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number]['code'];

export function refusalLabel(code: string | null): string {
  return REFUSAL_REASONS.find((r) => r.code === code)?.label ?? '其他原因';
}
