/**
 * The audit trail (等保2.0 安全审计): every staff and administrator action that changes
 * something, signs in or out, or reads a full ID number is recorded here with who, from where,
 * when, what and on which object. Rows are never changed (a trigger refuses it). Callers pass
 * their transaction when the action has one, so the action and its row commit together.
 */
import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { withinCstDays } from './clock';
import { getDb, type Database, type Transaction } from './client';
import { auditLog } from './schema';

/** Every action the trail knows, with the words administrators read. */
export const AUDIT_ACTIONS = {
  sign_in: '登录',
  sign_in_refused: '登录失败',
  sign_out: '退出登录',
  password_changed: '修改密码',
  password_reset: '重置密码',
  totp_enabled: '启用动态口令',
  totp_disabled: '停用动态口令',
  account_created: '新建账号',
  account_disabled: '停用账号',
  account_enabled: '启用账号',
  role_changed: '变更角色',
  api_key_created: '签发接口密钥',
  api_key_revoked: '吊销接口密钥',
  import_checked: '导入预检',
  import_done: '导入',
  export_done: '导出',
  full_id_viewed: '查看完整证件号码',
  removal_ground_recorded: '登记撤销事由',
  removal_requested: '提交撤销/屏蔽申请',
  removal_approved: '审核通过撤销/屏蔽',
  removal_refused: '审核退回撤销/屏蔽',
  case_step: '办理案件',
  case_decided: '作出案件决定',
  case_refused: '不予受理',
  case_material_requested: '要求补正',
  case_note: '添加内部意见',
  case_forwarded: '转交法院审查',
  lifting_decided: '确认解除/保留措施',
  lifting_reminded: '催办解除措施',
  feedback_recorded: '反馈措施实施情况',
  webhook_registered: '登记推送接收地址',
  webhook_disabled: '停用推送接收地址',
  webhook_redelivered: '重新推送',
  audit_exported: '导出审计日志',
  article_step: '信息发布（起草、审核、撤回文章）',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type AuditRecord = {
  /** The actor code, as on events: `staff:<email>` (lib/auth/staff-identity.ts staffActor). */
  actor: string;
  clientAddress?: string | null;
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  /** What the action did, in words or values an administrator can read; never a full ID number. */
  detail?: Record<string, unknown>;
};

export async function recordAudit(record: AuditRecord, tx: Database | Transaction = getDb()) {
  await tx.insert(auditLog).values({
    actor: record.actor,
    clientAddress: record.clientAddress ?? null,
    action: record.action,
    objectType: record.objectType ?? null,
    objectId: record.objectId ?? null,
    detail: record.detail ?? {},
  });
}

export type AuditFilter = { actor?: string; action?: AuditAction; objectId?: string; from?: string; to?: string };

export const AUDIT_PAGE_SIZE = 50;

/** Days are China Standard Time calendar days; `to` is inclusive. */
function auditWhere(f: AuditFilter): SQL | undefined {
  return and(
    f.actor ? eq(auditLog.actor, f.actor) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.objectId ? eq(auditLog.objectId, f.objectId) : undefined,
    withinCstDays(auditLog.at, f.from, f.to),
  );
}

/** One page of the trail, newest first, and how many rows match. */
export async function auditPage(f: AuditFilter, page: number) {
  const db = getDb();
  const where = auditWhere(f);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * AUDIT_PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** Every matching row, oldest first, in batches (for the CSV export; the trail can be long). */
export async function* auditRows(f: AuditFilter, batch = 1000) {
  let after = 0;
  for (;;) {
    const rows = await getDb()
      .select()
      .from(auditLog)
      .where(and(auditWhere(f), sql`${auditLog.id} > ${after}`))
      .orderBy(auditLog.id)
      .limit(batch);
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}
