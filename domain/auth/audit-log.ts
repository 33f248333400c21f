/**
 * Reading the audit trail (db/audit.ts) as administrators do: the filter taken from the page's
 * query (zod; China Standard Time days), each row in words (the action's label, the actor by
 * name and unit, the details with Chinese labels) and the CSV export (UTF-8 with a BOM so Excel
 * reads the Chinese, every field quoted, formula-like text defused).
 */
import 'server-only';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditAction, type AuditFilter } from '@/db/audit';
import type { auditLog } from '@/db/schema';
import { actorLabel, type ActorDirectory } from '@/lib/actors';
import { csvLine } from '@/lib/csv';
import { formatTimestamp } from '@/lib/format';
import { SEVERITY_LABELS, SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { calendarDay } from '@/lib/validation/calendar-day';

export type AuditRow = typeof auditLog.$inferSelect;

export const auditQuerySchema = z
  .object({
    actor: z.string().trim().max(300, '操作人过长').optional(),
    action: z.enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]], '请选择操作类型').optional(),
    objectId: z.string().trim().max(200, '对象编号过长').optional(),
    from: calendarDay('开始日期').optional(),
    to: calendarDay('结束日期').optional(),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: '结束日期不能早于开始日期' });

/** Query parameters (empty ones dropped) → the filter and page, or the messages why not. */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
  );
  const parsed = auditQuerySchema.safeParse(flat);
  if (!parsed.success)
    return {
      ok: false as const,
      errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })),
      values: flat as Record<string, string>,
    };
  const { page, ...filter } = parsed.data;
  return { ok: true as const, filter: filter as AuditFilter, page, values: flat as Record<string, string> };
}

const DETAIL_LABELS: Record<string, string> = {
  email: '电子邮箱',
  name: '姓名',
  role: '角色',
  from: '原角色',
  to: '新角色',
  reason: '原因',
  secondFactor: '第二重验证',
  organization: '使用单位',
  label: '用途',
  fullIdentifiers: '完整证件号码',
  departmentCode: '成员单位',
  court: '法院',
  mustChangePassword: '首次登录须改密码',
  filter: '筛选条件',
  rows: '行数',
  requestId: '审核申请编号',
  kind: '处理方式',
  requestedBy: '承办人',
  note: '说明',
  ground: '撤销事由',
  on: '事由发生日',
  caseNo: '案号',
  measureNo: '惩戒措施序号',
  appliedOn: '实施日期',
  outcome: '结果',
  taskIds: '任务编号',
  count: '数量',
  keptUntil: '继续保留至',
  scope: '范围',
  taskCount: '任务数',
  reminderId: '催办编号',
  noteId: '备注编号',
  fileName: '文件名',
  sha256: 'SHA-256',
  size: '大小（字节）',
  total: '总行数',
  created: '新增',
  updated: '更新',
  unchanged: '无变化',
  rejected: '拒绝',
  subjects: '核查主体数',
  events: '变更条数',
  persons: '含完整证件号码的自然人条数',
  after: '起始游标',
  decision: '决定',
  status: '状态',
  actor: '操作人',
  action: '操作类型',
  objectId: '对象编号',
  format: '文件格式',
  via: '途径',
  severity: '失信严重程度',
};

/** What an audit row acts on, in words (objectType codes written by the actions). */
const OBJECT_TYPE_LABELS: Record<string, string> = {
  entry: '名单信息',
  case: '申请案件',
  lifting_task: '解除任务',
  department: '成员单位',
  staff_user: '账号',
  api_key: '接口密钥',
  import_upload: '导入文件',
  feed: '变更订阅',
  check: '批量核查',
  audit_log: '审计日志',
  export: '名单导出',
};

export function objectLabel(objectType: string | null, objectId: string | null): string {
  if (!objectId) return objectType ? (OBJECT_TYPE_LABELS[objectType] ?? objectType) : '—';
  return `${objectType ? `${OBJECT_TYPE_LABELS[objectType] ?? objectType} ` : ''}${objectId}`;
}

const OUTCOME_WORDS: Record<string, string> = {
  lifted: '已解除',
  kept: '继续保留',
  open: '待确认',
  not_applicable: '无需确认',
};
const SCOPE_WORDS: Record<string, string> = { open: '全部待确认任务', overdue: '已超期任务' };

const KEY_ROLES: Record<string, string> = { court: '法院推送', department: '联动单位', enterprise: '企业核查' };
/** Inside a filter, from/to are days and kind the subject type (elsewhere: a role change, a removal's kind). */
const FILTER_LABELS: Record<string, string> = { from: '开始日期', to: '结束日期', kind: '主体类型' };
const FILTER_WORDS: Record<string, string> = { ...SUBJECT_TYPE_LABELS, ...SEVERITY_LABELS };
const VIA_WORDS: Record<string, string> = { portal: '工作人员门户', api: '接口' };

function valueWords(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'role' && typeof value === 'string' && KEY_ROLES[value]) return KEY_ROLES[value];
  if (key === 'outcome' && typeof value === 'string' && OUTCOME_WORDS[value]) return OUTCOME_WORDS[value];
  if (key === 'scope' && typeof value === 'string' && SCOPE_WORDS[value]) return SCOPE_WORDS[value];
  if (key === 'action' && typeof value === 'string') return actionLabel(value);
  if (key === 'via' && typeof value === 'string' && VIA_WORDS[value]) return VIA_WORDS[value];
  if (Array.isArray(value)) return value.map(String).join('、');
  if (key === 'filter' && value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => {
        const words = typeof v === 'string' && (k === 'kind' || k === 'severity') ? FILTER_WORDS[v] : undefined;
        return `${FILTER_LABELS[k] ?? DETAIL_LABELS[k] ?? k}=${words ?? valueWords(k, v)}`;
      })
      .join('，');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${DETAIL_LABELS[k] ?? k}=${valueWords(k, v)}`)
      .join('，');
  return String(value);
}

/** The details of a row, in words: "电子邮箱：a@b.cn；原因：…". */
export function detailWords(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${DETAIL_LABELS[k] ?? k}：${valueWords(k, v)}`)
    .join('；');
}

export function actionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}

export const AUDIT_CSV_HEADER = [
  '时间（北京时间）',
  '操作人',
  '操作人代码',
  '来源地址',
  '操作',
  '操作代码',
  '对象类型',
  '对象编号',
  '详情',
];

export { csvField, csvLine } from '@/lib/csv';

export function auditCsvLine(row: AuditRow, directory: ActorDirectory): string {
  return csvLine([
    formatTimestamp(row.at),
    actorLabel(row.actor, directory),
    row.actor,
    row.clientAddress ?? '',
    actionLabel(row.action),
    row.action,
    row.objectType ?? '',
    row.objectId ?? '',
    detailWords(row.detail),
  ]);
}
