/**
 * Lifting the measures (seed 二(七) 惩戒措施解除): "失信被执行人名单被依法屏蔽、撤销的，各信用
 * 监督、警示和惩戒单位要及时解除对被执行人的惩戒措施。确需继续保留……必须严格按照法律法规的有关
 * 规定实施，并明确继续保留的期限。"
 *
 * Who has something to lift. Every member unit receives the whole list, but only a unit that
 * applied a measure to the subject has a measure to lift; the others learn of the removal from
 * the change feed (db/feed.ts: the revoked / shielded / expired entry event, in the removal's
 * transaction) and stop applying the list there, with nothing to confirm. What a unit applied
 * is what it reported (measure_feedback, domain/sharing/feedback.ts, 四(五) 结果反馈). So:
 *
 * - a removal (revoke, shield, expiry: domain/entries/entries.ts) opens, in its transaction, one task for
 *   each unit that reported applying a measure to the entry, listing those measures;
 * - an objection a unit upholds in whole or in part (domain/applications/cases.ts advanceCase) opens, in
 *   the decision's transaction, one task for that unit listing exactly the measures lifted
 *   (cases.lifted_measure_nos) — the entry stays listed, the unit lifts those measures only;
 * - tasks opened before this rule for units that had reported nothing were closed by migration
 *   0017 as not_applicable (actor system:lifting-scope), their rows kept.
 *
 * The unit's officer confirms lifting (one task or many at once: the decision is once and
 * final), or states why a measure is kept and until when. Overdue = still open after its last
 * day (China Standard Time). The credit office oversees every unit and chases one (催办): a
 * reminder is an append-only row naming the open tasks it covered, shown to the unit.
 * docs/lifting.md has the whole rule, the migration and how a test makes feedback.
 */
import 'server-only';
import { AppError } from '@/lib/errors';
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { staffActor, type Staff } from '@/lib/auth/staff-identity';
import { TIME_RULES } from '@/lib/clocks';
import { liftingDecisionSchema, type LiftingDecision } from '@/lib/validation/sharing';
import { getDb, type Transaction } from '@/db/client';
import { todayInChinaSql, withinCstDays } from '@/db/clock';
import {
  cases,
  departments,
  entries,
  entryEvents,
  liftingReminders,
  liftingTasks,
  measureFeedback,
  measures,
} from '@/db/schema';
import { uidOrCaseNo } from '@/db/staff-queries';

export type LiftingTask = typeof liftingTasks.$inferSelect;
export type LiftingReminder = typeof liftingReminders.$inferSelect;
export type { LiftingDecision };

/** The actor migration 0017 wrote on the tasks it closed as not applicable. */
export const LIFTING_SCOPE_ACTOR = 'system:lifting-scope';

export class LiftingTaskNotFoundError extends AppError {
  readonly code = 'lifting_task_not_found';
}
export class NotLiftingUnitError extends AppError {
  readonly code = 'not_lifting_unit';
}
export class LiftingAlreadyDecidedError extends AppError {
  readonly code = 'lifting_already_decided';
  constructor(
    message: string,
    readonly taskIds: number[] = [],
  ) {
    super(message);
  }
}
export class LiftingReminderRefusedError extends AppError {
  constructor(
    readonly code: 'not_credit_office' | 'nothing_to_remind',
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------
// Opening tasks
// ---------------------------------------------------------------------------

const dueOnSql = sql`${todayInChinaSql} + ${TIME_RULES.liftingDays.days}::int`;

/**
 * The INSERT that opens the tasks of removals: `removals` is a relation with the removal
 * events' `id` and `entry_uid` (a CTE's name, or a subquery in brackets). One task per removal
 * and unit that reported applying a measure to the entry, listing those measures in order.
 * Set-based, so domain/entries/entries.ts can use it inside the expiry sweep's single statement.
 */
export function liftingTasksForRemovals(removals: SQL): SQL {
  return sql`
    INSERT INTO ${liftingTasks} (entry_uid, department_code, removal_event_id, due_on, measure_nos)
    SELECT r.entry_uid, f.department_code, r.id, ${dueOnSql}, array_agg(DISTINCT f.measure_no ORDER BY f.measure_no)
    FROM ${removals} AS r JOIN ${measureFeedback} f ON f.entry_uid = r.entry_uid
    GROUP BY r.id, r.entry_uid, f.department_code`;
}

/** Opens the tasks of one removal (revoke, shield), in the removal's transaction. */
export async function openRemovalLiftingTasks(tx: Transaction, entryUid: string, removalEventId: number) {
  await tx.execute(
    liftingTasksForRemovals(sql`(SELECT ${removalEventId}::bigint AS id, ${entryUid}::text AS entry_uid)`),
  );
}

/**
 * An objection upheld in whole or in part by a unit: one task for that unit listing exactly
 * the measures the decision lifted, in the decision's transaction. Nothing when none is lifted.
 */
export async function openObjectionLiftingTask(
  tx: Transaction,
  decided: { caseId: number; entryUid: string; departmentCode: string; measureNos: number[] },
): Promise<LiftingTask | null> {
  const measureNos = [...new Set(decided.measureNos)].sort((a, b) => a - b);
  if (measureNos.length === 0) return null;
  const [task] = await tx
    .insert(liftingTasks)
    .values({
      entryUid: decided.entryUid,
      departmentCode: decided.departmentCode,
      caseId: decided.caseId,
      measureNos,
      dueOn: sql`${dueOnSql}`,
    })
    .returning();
  return task!;
}

// ---------------------------------------------------------------------------
// Deciding tasks
// ---------------------------------------------------------------------------

/** Which tasks a staff member sees: their unit's, or (credit office) all. */
function visibleTo(staff: Staff) {
  if (staff.role === 'credit_office') return sql`true`;
  if (staff.role === 'department_officer' && staff.departmentCode)
    return eq(liftingTasks.departmentCode, staff.departmentCode);
  return sql`false`;
}

/** Only the unit the task is addressed to decides it; the credit office oversees. */
export function mayDecide(staff: Staff, task: { departmentCode: string }): boolean {
  return staff.role === 'department_officer' && staff.departmentCode === task.departmentCode;
}

export const overdueSql = sql<boolean>`(${liftingTasks.status} = 'open' AND ${todayInChinaSql} >
  ${liftingTasks.dueOn})`;

/** Runs inside a decision's or reminder's transaction: the Server Action's audit row commits with it. */
export type InTransaction<T> = (tx: Transaction, result: T) => Promise<void>;

/**
 * Decides an open task. 'kept' needs a written reason and a last day after today; the
 * decision is parsed with the forms' schema, so a ZodError means the input was refused.
 */
export async function decideLifting(
  taskId: number,
  staff: Staff,
  decision: LiftingDecision,
  inTx?: InTransaction<LiftingTask>,
) {
  const d = liftingDecisionSchema.parse(decision);
  return getDb().transaction(async (tx) => {
    const [task] = await tx.select().from(liftingTasks).where(eq(liftingTasks.id, taskId)).for('update');
    if (!task) throw new LiftingTaskNotFoundError(`lifting task ${taskId} does not exist`);
    if (!mayDecide(staff, task))
      throw new NotLiftingUnitError(`lifting task ${taskId} is not addressed to ${staff.email}`);
    if (task.status !== 'open')
      throw new LiftingAlreadyDecidedError(`lifting task ${taskId} is already ${task.status}`, [taskId]);
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
    await inTx?.(tx, updated!);
    return updated!;
  });
}

/** How many tasks one 确认已解除 may decide at once (a page holds at most LIFTING_PAGE_SIZE). */
export const MAX_BULK_TASKS = 200;
export const taskIdsSchema = z
  .array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER), '请选择任务')
  .min(1, '请至少勾选一项任务')
  .max(MAX_BULK_TASKS, `一次最多确认 ${MAX_BULK_TASKS} 项任务`)
  .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));

/**
 * 确认已解除 for several tasks at once, all or none: every task must exist, be addressed to the
 * officer's unit and still be open, or nothing changes (the error names the offending tasks).
 * The tasks are locked in id order, so two bulk decisions never deadlock.
 */
export async function confirmLifted(
  taskIds: number[],
  staff: Staff,
  inTx?: InTransaction<LiftingTask[]>,
): Promise<LiftingTask[]> {
  const ids = taskIdsSchema.parse(taskIds);
  return getDb().transaction(async (tx) => {
    const tasks = await tx
      .select()
      .from(liftingTasks)
      .where(inArray(liftingTasks.id, ids))
      .orderBy(asc(liftingTasks.id))
      .for('update');
    const missing = ids.filter((id) => !tasks.some((t) => t.id === id));
    if (missing.length > 0) throw new LiftingTaskNotFoundError(`lifting tasks ${missing.join(', ')} do not exist`);
    const foreign = tasks.filter((t) => !mayDecide(staff, t));
    if (foreign.length > 0)
      throw new NotLiftingUnitError(
        `lifting tasks ${foreign.map((t) => t.id).join(', ')} are not addressed to ${staff.email}`,
      );
    const decided = tasks.filter((t) => t.status !== 'open');
    if (decided.length > 0) {
      throw new LiftingAlreadyDecidedError(
        `lifting tasks ${decided.map((t) => t.id).join(', ')} are already decided`,
        decided.map((t) => t.id),
      );
    }
    const updated = await tx
      .update(liftingTasks)
      .set({ status: 'lifted', keptReason: null, keptUntil: null, decidedBy: staffActor(staff), decidedAt: sql`now()` })
      .where(and(inArray(liftingTasks.id, ids), eq(liftingTasks.status, 'open')))
      .returning();
    updated.sort((a, b) => a.id - b.id);
    await inTx?.(tx, updated);
    return updated;
  });
}

// ---------------------------------------------------------------------------
// 催办
// ---------------------------------------------------------------------------

export const reminderSchema = z.object({
  departmentCode: z.string('请选择成员单位').regex(/^[a-z0-9-]{1,50}$/, '请选择成员单位'),
  scope: z.enum(['open', 'overdue'], '请选择催办范围'),
  note: z
    .string()
    .trim()
    .max(500, '催办说明不能超过 500 字')
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type ReminderInput = z.input<typeof reminderSchema>;

/**
 * The credit office chases a unit: a reminder covering the unit's open tasks (or only the
 * overdue ones) as they are now. Refused when there is nothing of that scope to chase.
 */
export async function sendLiftingReminder(
  staff: Staff,
  input: ReminderInput,
  inTx?: InTransaction<LiftingReminder>,
): Promise<LiftingReminder> {
  const r = reminderSchema.parse(input);
  if (staff.role !== 'credit_office')
    throw new LiftingReminderRefusedError('not_credit_office', `${staff.email} may not send reminders`);
  return getDb().transaction(async (tx) => {
    const open = await tx
      .select({ id: liftingTasks.id })
      .from(liftingTasks)
      .where(
        and(
          eq(liftingTasks.departmentCode, r.departmentCode),
          eq(liftingTasks.status, 'open'),
          r.scope === 'overdue' ? overdueSql : undefined,
        ),
      )
      .orderBy(asc(liftingTasks.id));
    if (open.length === 0)
      throw new LiftingReminderRefusedError('nothing_to_remind', `${r.departmentCode} has no ${r.scope} lifting task`);
    const [reminder] = await tx
      .insert(liftingReminders)
      .values({
        departmentCode: r.departmentCode,
        scope: r.scope,
        taskIds: open.map((t) => t.id),
        note: r.note,
        sentBy: staffActor(staff),
      })
      .returning();
    await inTx?.(tx, reminder!);
    return reminder!;
  });
}

/** The reminders a unit received, latest first, with how many of the tasks each covered are still open. */
export async function remindersOf(departmentCode: string, limit = 10) {
  return getDb()
    .select({
      id: liftingReminders.id,
      scope: liftingReminders.scope,
      note: liftingReminders.note,
      sentBy: liftingReminders.sentBy,
      at: liftingReminders.at,
      taskCount: sql<number>`cardinality(${liftingReminders.taskIds})::int`,
      stillOpen: sql<number>`(SELECT count(*)::int FROM ${liftingTasks} t WHERE t.id =
        ANY(${liftingReminders.taskIds}) AND t.status = 'open')`,
    })
    .from(liftingReminders)
    .where(eq(liftingReminders.departmentCode, departmentCode))
    .orderBy(desc(liftingReminders.id))
    .limit(limit);
}

// ---------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------

export const LIFTING_PAGE_SIZE = 50;
/** 即将到期: open, not overdue, and the last day within this many days from today. */
export const DUE_SOON_DAYS = 2;

export type TaskFilter = {
  departmentCode?: string;
  status?: 'open' | 'decided';
  due?: 'soon' | 'overdue';
  court?: string;
  /** Removal (or objection decision) dates, China Standard Time calendar days, inclusive. */
  removedFrom?: string;
  removedTo?: string;
  /** A uid or a case number. */
  query?: string;
};

const originAt = sql<Date>`COALESCE(${entryEvents.at}, ${cases.decidedAt})`.mapWith(entryEvents.at);
const originKind = sql<string>`CASE WHEN ${liftingTasks.caseId} IS NOT NULL THEN 'objection_' || ${cases.decision}
  ELSE ${entryEvents.kind}::text END`;

function taskWhere(staff: Staff, f: TaskFilter) {
  return and(
    visibleTo(staff),
    f.departmentCode ? eq(liftingTasks.departmentCode, f.departmentCode) : undefined,
    f.status === 'open'
      ? eq(liftingTasks.status, 'open')
      : f.status === 'decided'
        ? ne(liftingTasks.status, 'open')
        : undefined,
    f.due === 'overdue'
      ? overdueSql
      : f.due === 'soon'
        ? sql`(${liftingTasks.status} = 'open' AND ${liftingTasks.dueOn} BETWEEN ${todayInChinaSql} AND
          ${todayInChinaSql} + ${DUE_SOON_DAYS}::int)`
        : undefined,
    f.court ? eq(entries.court, f.court) : undefined,
    withinCstDays(originAt, f.removedFrom, f.removedTo),
    f.query?.trim() ? uidOrCaseNo(f.query) : undefined,
  );
}

function taskSelect() {
  return getDb()
    .select({
      id: liftingTasks.id,
      entryUid: liftingTasks.entryUid,
      departmentCode: liftingTasks.departmentCode,
      departmentName: departments.name,
      status: liftingTasks.status,
      measureNos: liftingTasks.measureNos,
      dueOn: liftingTasks.dueOn,
      overdue: overdueSql,
      keptReason: liftingTasks.keptReason,
      keptUntil: liftingTasks.keptUntil,
      decidedBy: liftingTasks.decidedBy,
      decidedAt: liftingTasks.decidedAt,
      caseNo: entries.caseNo,
      court: entries.court,
      name: entries.name,
      subjectType: entries.subjectType,
      /** The full identifier: mask it (lib/mask.ts) before it leaves the server. */
      idNumber: entries.idNumber,
      removalKind: originKind,
      removedAt: originAt,
      caseId: liftingTasks.caseId,
      reminders: sql<number>`(SELECT count(*)::int FROM ${liftingReminders} r WHERE r.task_ids @>
        ARRAY[${liftingTasks.id}]::bigint[])`,
    })
    .from(liftingTasks)
    .innerJoin(entries, eq(entries.uid, liftingTasks.entryUid))
    .innerJoin(departments, eq(departments.code, liftingTasks.departmentCode))
    .leftJoin(entryEvents, eq(entryEvents.id, liftingTasks.removalEventId))
    .leftJoin(cases, eq(cases.id, liftingTasks.caseId));
}

const taskOrder = [
  desc(sql`${liftingTasks.status} = 'open'`),
  asc(sql`CASE WHEN ${liftingTasks.status} = 'open' THEN ${liftingTasks.dueOn} END`),
  desc(liftingTasks.decidedAt),
  desc(liftingTasks.id),
];

export type LiftingTaskRow = Awaited<ReturnType<typeof liftingTasksFor>>[number];

/**
 * The tasks a staff member sees under a filter: open ones first (earliest last day first),
 * then the decided, latest decision first. At most `limit` (one page's worth by default).
 */
export async function liftingTasksFor(staff: Staff, f: TaskFilter = {}, limit = LIFTING_PAGE_SIZE, offset = 0) {
  return taskSelect()
    .where(taskWhere(staff, f))
    .orderBy(...taskOrder)
    .limit(limit)
    .offset(offset);
}

/** One page (from 1) of the tasks under a filter, and how many match in all. */
export async function liftingTaskPage(staff: Staff, f: TaskFilter, page: number) {
  const p = Math.max(1, Math.floor(page) || 1);
  const [rows, [count]] = await Promise.all([
    liftingTasksFor(staff, f, LIFTING_PAGE_SIZE, (p - 1) * LIFTING_PAGE_SIZE),
    getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(liftingTasks)
      .innerJoin(entries, eq(entries.uid, liftingTasks.entryUid))
      .leftJoin(entryEvents, eq(entryEvents.id, liftingTasks.removalEventId))
      .leftJoin(cases, eq(cases.id, liftingTasks.caseId))
      .where(taskWhere(staff, f)),
  ]);
  const total = count?.n ?? 0;
  return { rows, total, page: p, pageCount: Math.max(1, Math.ceil(total / LIFTING_PAGE_SIZE)) };
}

/** The courts of the entries behind the tasks a staff member sees (the court filter's options). */
export async function liftingCourts(staff: Staff): Promise<string[]> {
  const rows = await getDb()
    .selectDistinct({ court: entries.court })
    .from(liftingTasks)
    .innerJoin(entries, eq(entries.uid, liftingTasks.entryUid))
    .where(visibleTo(staff))
    .orderBy(asc(entries.court));
  return rows.map((r) => r.court);
}

export type LiftingCounts = { open: number; overdue: number; reminders: number; lastReminderAt: Date | null };

/**
 * Open and overdue tasks the staff member sees, for the dashboard; for a unit also the
 * reminders (催办) it received that still cover an open task, and when the last one came.
 */
export async function liftingCounts(staff: Staff): Promise<LiftingCounts> {
  const [row] = await getDb()
    .select({ open: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) FILTER (WHERE ${overdueSql}))::int` })
    .from(liftingTasks)
    .where(and(visibleTo(staff), eq(liftingTasks.status, 'open')));
  const counts = {
    open: row?.open ?? 0,
    overdue: row?.overdue ?? 0,
    reminders: 0,
    lastReminderAt: null as Date | null,
  };
  if (staff.role !== 'department_officer' || !staff.departmentCode) return counts;
  const [r] = await getDb()
    .select({ n: sql<number>`count(*)::int`, last: sql<string | null>`max(${liftingReminders.at})` })
    .from(liftingReminders)
    .where(
      and(
        eq(liftingReminders.departmentCode, staff.departmentCode),
        sql`EXISTS (SELECT 1 FROM ${liftingTasks} t WHERE t.id = ANY(${liftingReminders.taskIds}) AND t.status =
          'open')`,
      ),
    );
  return { ...counts, reminders: r?.n ?? 0, lastReminderAt: r?.last ? new Date(r.last) : null };
}

/**
 * Per member unit, for the credit office (督促检查): open and overdue tasks, reminders sent and
 * the last one; units with an open task or a reminder, the most overdue first.
 */
export async function liftingCountsByDepartment() {
  const rows = await getDb().execute<{
    code: string;
    name: string;
    open: number;
    overdue: number;
    reminded: number;
    last_reminder_at: string | null;
  }>(sql`
    WITH t AS (
      SELECT department_code, count(*)::int AS open, (count(*) FILTER (WHERE ${todayInChinaSql} > due_on))::int AS
        overdue
      FROM ${liftingTasks} WHERE status = 'open' GROUP BY department_code
    ), r AS (
      SELECT department_code, count(*)::int AS reminded, max(at) AS last_reminder_at FROM ${liftingReminders} GROUP
        BY department_code
    )
    SELECT d.code, d.name, COALESCE(t.open, 0) AS open, COALESCE(t.overdue, 0) AS overdue,
      COALESCE(r.reminded, 0) AS reminded, r.last_reminder_at
    FROM ${departments} d LEFT JOIN t ON t.department_code = d.code LEFT JOIN r ON r.department_code = d.code
    WHERE t.open > 0 OR r.reminded > 0
    ORDER BY COALESCE(t.overdue, 0) DESC, COALESCE(t.open, 0) DESC, d.sort_order`);
  return rows.map((r) => ({
    departmentCode: r.code,
    departmentName: r.name,
    open: Number(r.open),
    overdue: Number(r.overdue),
    reminded: Number(r.reminded),
    lastReminderAt: r.last_reminder_at ? new Date(r.last_reminder_at) : null,
  }));
}

/** The measures of Attachment 2 by number (numeral and text), for naming a task's measures. */
export async function measureLabels(): Promise<Map<number, { numeral: string; text: string }>> {
  const rows = await getDb().select({ no: measures.no, numeral: measures.numeral, text: measures.text }).from(measures);
  return new Map(rows.map((m) => [m.no, { numeral: m.numeral, text: m.text }]));
}

/** Subject and case number of tasks, by id (for the message after a bulk decision). */
export async function taskSubjects(taskIds: number[]) {
  if (taskIds.length === 0) return [];
  return getDb()
    .select({ id: liftingTasks.id, name: entries.name, caseNo: entries.caseNo })
    .from(liftingTasks)
    .innerJoin(entries, eq(entries.uid, liftingTasks.entryUid))
    .where(inArray(liftingTasks.id, taskIds))
    .orderBy(asc(liftingTasks.id));
}
