/**
 * Lifting the measures after a removal (seed 二(七)): db/entries.ts opens one task per member
 * unit in the removal's transaction (revoke, shield, expiry); here the unit's officer confirms
 * it lifted its measures, or states why a measure is kept and until when. A task is decided
 * once: the row then holds what, why, who and when, and nothing changes it again. Overdue =
 * still open after its last day (China Standard Time), flagged for the credit office.
 */
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { staffActor, type Staff } from '@/lib/auth/staff-identity';
import { liftingDecisionSchema, type LiftingDecision } from '@/lib/validation/sharing';
import { getDb } from './client';
import { todayInChinaSql } from './clock';
import { departments, entries, entryEvents, liftingTasks, type liftingStatus } from './schema';
import { uidOrCaseNo } from './staff-queries';

export type LiftingStatus = (typeof liftingStatus.enumValues)[number];
export type { LiftingDecision };

export const LIFTING_STATUS_LABELS: Record<LiftingStatus, string> = { open: '待确认', lifted: '已解除', kept: '继续保留' };
/** What removed the entry: the kind of the event that opened the task. */
export const REMOVAL_KIND_LABELS: Record<string, string> = { revoked: '撤销', shielded: '屏蔽', expired: '有效期届满' };

export class LiftingTaskNotFoundError extends Error {
  readonly code = 'lifting_task_not_found';
}
export class NotLiftingUnitError extends Error {
  readonly code = 'not_lifting_unit';
}
export class LiftingAlreadyDecidedError extends Error {
  readonly code = 'lifting_already_decided';
}

/** Which tasks a staff member sees: their unit's, or (credit office) all. */
function visibleTo(staff: Staff) {
  if (staff.role === 'credit_office') return sql`true`;
  if (staff.role === 'department_officer' && staff.departmentCode) return eq(liftingTasks.departmentCode, staff.departmentCode);
  return sql`false`;
}

/** Only the unit the task is addressed to decides it; the credit office oversees. */
export function mayDecide(staff: Staff, task: { departmentCode: string }): boolean {
  return staff.role === 'department_officer' && staff.departmentCode === task.departmentCode;
}

export const overdueSql = sql<boolean>`(${liftingTasks.status} = 'open' AND ${todayInChinaSql} > ${liftingTasks.dueOn})`;

/**
 * Decides an open task. 'kept' needs a written reason and a last day after today; the
 * decision is parsed with the forms' schema, so a ZodError means the input was refused.
 */
export async function decideLifting(taskId: number, staff: Staff, decision: LiftingDecision) {
  const d = liftingDecisionSchema.parse(decision);
  return getDb().transaction(async (tx) => {
    const [task] = await tx.select().from(liftingTasks).where(eq(liftingTasks.id, taskId)).for('update');
    if (!task) throw new LiftingTaskNotFoundError(`lifting task ${taskId} does not exist`);
    if (!mayDecide(staff, task)) throw new NotLiftingUnitError(`lifting task ${taskId} is not addressed to ${staff.email}`);
    if (task.status !== 'open') throw new LiftingAlreadyDecidedError(`lifting task ${taskId} is already ${task.status}`);
    const [updated] = await tx
      .update(liftingTasks)
      .set({
        status: d.outcome,
        keptReason: d.outcome === 'kept' ? d.reason : null,
        keptUntil: d.outcome === 'kept' ? d.until : null,
        decidedBy: staffActor(staff),
        decidedAt: sql`now()`,
      })
      .where(and(eq(liftingTasks.id, taskId), eq(liftingTasks.status, 'open')))
      .returning();
    return updated!;
  });
}

export const LIFTING_LIST_LIMIT = 100;

export type TaskFilter = { departmentCode?: string; status?: 'open' | 'decided'; query?: string; limit?: number };

/**
 * The tasks a staff member sees, optionally one unit's, open or decided ones, of the entry a
 * uid or case number names. Open ones first (earliest last day first, then the latest
 * removal), then the decided, latest decision first.
 */
export async function liftingTasksFor(staff: Staff, opts: TaskFilter = {}) {
  return getDb()
    .select({
      id: liftingTasks.id,
      entryUid: liftingTasks.entryUid,
      departmentCode: liftingTasks.departmentCode,
      departmentName: departments.name,
      status: liftingTasks.status,
      dueOn: liftingTasks.dueOn,
      overdue: overdueSql,
      keptReason: liftingTasks.keptReason,
      keptUntil: liftingTasks.keptUntil,
      decidedBy: liftingTasks.decidedBy,
      decidedAt: liftingTasks.decidedAt,
      caseNo: entries.caseNo,
      name: entries.name,
      removalKind: entryEvents.kind,
      removedAt: entryEvents.at,
    })
    .from(liftingTasks)
    .innerJoin(entries, eq(entries.uid, liftingTasks.entryUid))
    .innerJoin(departments, eq(departments.code, liftingTasks.departmentCode))
    .innerJoin(entryEvents, eq(entryEvents.id, liftingTasks.removalEventId))
    .where(
      and(
        visibleTo(staff),
        opts.departmentCode ? eq(liftingTasks.departmentCode, opts.departmentCode) : undefined,
        opts.status === 'open' ? eq(liftingTasks.status, 'open') : opts.status === 'decided' ? ne(liftingTasks.status, 'open') : undefined,
        opts.query?.trim() ? uidOrCaseNo(opts.query) : undefined,
      ),
    )
    .orderBy(
      desc(sql`${liftingTasks.status} = 'open'`),
      asc(sql`CASE WHEN ${liftingTasks.status} = 'open' THEN ${liftingTasks.dueOn} END`),
      desc(liftingTasks.decidedAt),
      desc(liftingTasks.id),
    )
    .limit(opts.limit ?? LIFTING_LIST_LIMIT);
}

/** Open and overdue tasks the staff member sees, for the dashboard. */
export async function liftingCounts(staff: Staff): Promise<{ open: number; overdue: number }> {
  const [row] = await getDb()
    .select({ open: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) FILTER (WHERE ${overdueSql}))::int` })
    .from(liftingTasks)
    .where(and(visibleTo(staff), eq(liftingTasks.status, 'open')));
  return row ?? { open: 0, overdue: 0 };
}

/** Unconfirmed (open) and overdue tasks per member unit, for the credit office (督促检查): units with any open task. */
export async function liftingCountsByDepartment() {
  return getDb()
    .select({
      departmentCode: departments.code,
      departmentName: departments.name,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) FILTER (WHERE ${overdueSql}))::int`,
    })
    .from(liftingTasks)
    .innerJoin(departments, eq(departments.code, liftingTasks.departmentCode))
    .where(eq(liftingTasks.status, 'open'))
    .groupBy(departments.code, departments.name, departments.sortOrder)
    .orderBy(desc(sql`count(*) FILTER (WHERE ${overdueSql})`), asc(departments.sortOrder));
}
