import type { StaffRole } from '@/lib/auth/staff-identity';
import type { ArticleEventKind, ArticleKind, ArticleStatus } from '@/lib/articles/terms';
import type { ApplicationKind, CaseStatus, LiftingStatus, REMINDER_SCOPES } from '@/lib/case-terms';
import type { DisplayStatus, EntryEventKind, RemovalKind, SubjectType } from '@/lib/entry-input';
import { FIELD_DOCS } from '@/lib/entry-fields';

/**
 * Every label the pages show for a code, in one module: each map is typed by its vocabulary
 * (lib/entry-input.ts, lib/case-terms.ts, lib/auth/staff-identity.ts), so a new code without a
 * label is a type error.
 */

type Field = keyof typeof FIELD_DOCS;

/**
 * Chinese labels of the fields, as pages show them: Attachment 1's own wording (kept once,
 * in FIELD_DOCS), except the subject type, whose form-header wording reads badly on a page.
 */
export const FIELD_LABELS: Record<Field, string> = {
  ...(Object.fromEntries(Object.entries(FIELD_DOCS).map(([field, doc]) => [field, doc.label])) as Record<
    Field,
    string
  >),
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
  measures_lifted: '法院决定解除惩戒措施',
};

/** The subject types in words (Attachment 1's 标识自然人或企业法人). */
export const SUBJECT_TYPE_LABELS: Record<SubjectType, string> = { person: '自然人', organization: '法人及其他组织' };

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: '系统管理员',
  court_clerk: '法院执行干警',
  credit_office: '信用办工作人员',
  department_officer: '联动单位经办人',
};

export const APPLICATION_KIND_LABELS: Record<ApplicationKind, string> = {
  objection: '异议申请',
  correction: '纠错申请',
  repair: '信用修复申请',
  guarantee: '执行担保解除申请',
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  under_review: '审查中',
  decided: '已决定',
  closed: '已办结',
  refused: '不予受理',
  awaiting_material: '待补正',
};

/** A removal request's kind (撤销 or 屏蔽), as the clerk submits it. */
export const REMOVAL_REQUEST_KIND_LABELS: Record<RemovalKind, string> = { revoke: '撤销', shield: '屏蔽' };

export const LIFTING_STATUS_LABELS: Record<LiftingStatus, string> = {
  open: '待确认',
  lifted: '已解除',
  kept: '继续保留',
  not_applicable: '无需确认（未报送实施措施）',
};

/** What opened a lifting task: the kind of the removal event, or the objection's decision. */
export const LIFTING_ORIGIN_LABELS: Record<string, string> = {
  revoked: '撤销',
  shielded: '屏蔽',
  expired: '有效期届满',
  objection_upheld: '异议成立',
  objection_partly_upheld: '异议部分成立',
  measures_lifted: '法院决定解除惩戒',
};

export const REMINDER_SCOPE_LABELS: Record<(typeof REMINDER_SCOPES)[number], string> = {
  open: '全部未确认任务',
  overdue: '已超期任务',
};

/** The four kinds of article (四(四), 四(五)) as sections of the site. */
export const ARTICLE_KIND_LABELS: Record<ArticleKind, string> = {
  announcement: '通知公告',
  news: '信用动态',
  case: '典型案例',
  policy: '政策文件',
};

export const ARTICLE_STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: '草稿',
  in_review: '待审核',
  published: '已发布',
  withdrawn: '已撤回',
};

export const ARTICLE_EVENT_LABELS: Record<ArticleEventKind, string> = {
  created: '起草',
  edited: '修改',
  attached: '上传附件',
  detached: '删除附件',
  submitted: '提交审核',
  returned: '退回修改',
  published: '审核通过并发布',
  withdrawn: '撤回',
};
