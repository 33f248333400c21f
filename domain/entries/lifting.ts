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
 * The unit's officer confirms lifting (one task or many at once), or states why a measure is kept
 * and until when (kept_until). Either decision stands until that day: a kept measure comes back to
 * the unit ON its kept-until day (China Standard Time) as due for a new decision — on the
 * dashboard, the lifting page and, with SMTP_URL, by email (queueKeptDueNotices, run by
 * domain/entries/kept-due-job.ts) — and is overdue after it (plus the keptReviewDays grace, 0 by
 * default) until decided again: lifted, or kept again with the legal ground and a later day.
 * Every decision is an append-only row (lifting_decisions); the task's columns hold the current
 * one. Overdue = awaiting a decision after its last day. The credit office oversees every unit and
 * chases one (催办): a reminder is an append-only row naming the tasks awaiting a decision it
 * covered, shown to the unit.
 * docs/lifting.md has the whole rule, the migration and how a test makes feedback.
 */
import 'server-only';
import { AppError } from '@/lib/errors';
import { and, asc, desc, eq, inArray, not, sql, type SQL } from 'drizzle-orm';
import { z, ZodError } from 'zod';
import { staffActor, type Staff } from '@/lib/auth/staff-identity';
import { addDays, TIME_RULES } from '@/lib/clocks';
import { formatDate } from '@/lib/format';
import { maskIdentifierForPublic } from '@/lib/mask';
import { liftingDecisionSchema, type LiftingDecision } from '@/lib/validation/sharing';
import { getDb, type Transaction } from '@/db/client';
import { todayInChinaSql, withinCstDays } from '@/db/clock';
import {
  cases,
  departments,
  entries,
  entryEvents,
  liftingDecisions,
  liftingReminders,
  liftingTasks,
  measureFeedback,
  measures,
  messageOutbox,
  staffUsers,
} from '@/db/schema';
import { uidOrCaseNo } from '@/db/staff-queries';

export type LiftingTask = typeof liftingTasks.$inferSelect;
export type LiftingReminder = typeof liftingReminders.$inferSelect;
export type LiftingDecisionRow = typeof liftingDecisions.$inferSelect;
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

/**
 * "Today" as SQL: China Standard Time's (the default), or a given calendar day (YYYY-MM-DD) — how tests and the
 * notice job say which day it is, so the passage of time needs no clock of its own.
 */
function dayOf(today?: string): SQL {
  if (today === undefined) return todayInChinaSql;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`not a calendar day: ${today}`);
  return sql`${today}::date`;
}

/** The last day of the new decision on a kept measure: its kept-until day plus the rule's grace (0: that day). */
const keptReviewDueSql = sql`(${liftingTasks.keptUntil} + ${TIME_RULES.keptReviewDays.days}::int)`;

/** A kept measure whose kept-until day has come (二(七) 继续保留的期限届满): back with its unit for a new decision. */
export function keptDueAsOf(today?: string): SQL<boolean> {
  return sql<boolean>`(${liftingTasks.status} = 'kept' AND ${liftingTasks.keptUntil} <= ${dayOf(today)})`;
}

/** Awaiting the unit's decision: open, or kept and due again. */
export function awaitingAsOf(today?: string): SQL<boolean> {
  return sql<boolean>`(${liftingTasks.status} = 'open' OR ${keptDueAsOf(today)})`;
}

/** Awaiting a decision after its last day: an open task past due_on, a kept one past its kept-until day (+ grace). */
export function overdueAsOf(today?: string): SQL<boolean> {
  const d = dayOf(today);
  return sql<boolean>`((${liftingTasks.status} = 'open' AND ${d} > ${liftingTasks.dueOn}) OR
    (${liftingTasks.status} = 'kept' AND ${d} > ${keptReviewDueSql}))`;
}

/** The last day of the decision a task awaits (or awaited): due_on when open, the review day when kept. */
const decisionDueSql = sql<string>`(CASE WHEN ${liftingTasks.status} = 'kept' THEN ${keptReviewDueSql}
  ELSE ${liftingTasks.dueOn} END)`.mapWith(liftingTasks.dueOn);

/** Only the unit the task is addressed to decides it; the credit office oversees. */
export function mayDecide(staff: Staff, task: { departmentCode: string }): boolean {
  return staff.role === 'department_officer' && staff.departmentCode === task.departmentCode;
}

export const overdueSql = overdueAsOf();

/** Runs inside a decision's or reminder's transaction: the Server Action's audit row commits with it. */
export type InTransaction<T> = (tx: Transaction, result: T) => Promise<void>;

/** Appends the decisions just written on `tasks` to their history, in the decision's transaction. */
async function recordDecisions(tx: Transaction, tasks: LiftingTask[]) {
  if (tasks.length === 0) return;
  await tx.insert(liftingDecisions).values(
    tasks.map((t) => ({
      taskId: t.id,
      outcome: t.status,
      keptReason: t.keptReason,
      keptUntil: t.keptUntil,
      decidedBy: t.decidedBy!,
      at: t.decidedAt!,
    })),
  );
}

/**
 * Decides a task awaiting a decision: open, or kept and due again (its kept-until day has come).
 * 'kept' needs a written reason and a last day after today; the decision is parsed with the forms'
 * schema, so a ZodError means the input was refused. A kept measure before its day is decided
 * already (LiftingAlreadyDecidedError). `today` (YYYY-MM-DD) is for tests; by default China
 * Standard Time's.
 */
export async function decideLifting(
  taskId: number,
  staff: Staff,
  decision: LiftingDecision,
  inTx?: InTransaction<LiftingTask>,
  today?: string,
) {
  const d = liftingDecisionSchema.parse(decision);
  if (d.outcome === 'kept' && today !== undefined && d.until <= today)
    throw new ZodError([{ code: 'custom', path: ['until'], message: '继续保留的期限须晚于今天', input: d.until }]);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ task: liftingTasks, awaiting: awaitingAsOf(today) })
      .from(liftingTasks)
      .where(eq(liftingTasks.id, taskId))
      .for('update');
    if (!row) throw new LiftingTaskNotFoundError(`lifting task ${taskId} does not exist`);
    const task = row.task;
    if (!mayDecide(staff, task))
      throw new NotLiftingUnitError(`lifting task ${taskId} is not addressed to ${staff.email}`);
    if (!row.awaiting) {
      const until = task.status === 'kept' ? ` until ${task.keptUntil}` : '';
      throw new LiftingAlreadyDecidedError(`lifting task ${taskId} is already ${task.status}${until}`, [taskId]);
    }
    const [updated] = await tx
      .update(liftingTasks)
      .set({
        status: d.outcome,
        keptReason: d.outcome === 'kept' ? d.reason : null,
        keptUntil: d.outcome === 'kept' ? d.until : null,
        decidedBy: staffActor(staff),
        decidedAt: sql`now()`,
      })
      .where(and(eq(liftingTasks.id, taskId), awaitingAsOf(today)))
      .returning();
    await recordDecisions(tx, [updated!]);
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
 * officer's unit and await a decision (open, or kept and due again), or nothing changes (the error
 * names the offending tasks). The tasks are locked in id order, so two bulk decisions never deadlock.
 */
export async function confirmLifted(
  taskIds: number[],
  staff: Staff,
  inTx?: InTransaction<LiftingTask[]>,
  today?: string,
): Promise<LiftingTask[]> {
  const ids = taskIdsSchema.parse(taskIds);
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .select({ task: liftingTasks, awaiting: awaitingAsOf(today) })
      .from(liftingTasks)
      .where(inArray(liftingTasks.id, ids))
      .orderBy(asc(liftingTasks.id))
      .for('update');
    const tasks = rows.map((r) => r.task);
    const missing = ids.filter((id) => !tasks.some((t) => t.id === id));
    if (missing.length > 0) throw new LiftingTaskNotFoundError(`lifting tasks ${missing.join(', ')} do not exist`);
    const foreign = tasks.filter((t) => !mayDecide(staff, t));
    if (foreign.length > 0)
      throw new NotLiftingUnitError(
        `lifting tasks ${foreign.map((t) => t.id).join(', ')} are not addressed to ${staff.email}`,
      );
    const decided = rows.filter((r) => !r.awaiting).map((r) => r.task);
    if (decided.length > 0) {
      throw new LiftingAlreadyDecidedError(
        `lifting tasks ${decided.map((t) => t.id).join(', ')} are already decided`,
        decided.map((t) => t.id),
      );
    }
    const updated = await tx
      .update(liftingTasks)
      .set({ status: 'lifted', keptReason: null, keptUntil: null, decidedBy: staffActor(staff), decidedAt: sql`now()` })
      .where(and(inArray(liftingTasks.id, ids), awaitingAsOf(today)))
      .returning();
    updated.sort((a, b) => a.id - b.id);
    await recordDecisions(tx, updated);
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
 * The credit office chases a unit: a reminder covering the unit's tasks awaiting a decision (open,
 * or kept and due again), or only the overdue ones, as they are now. Refused when there is nothing
 * of that scope to chase.
 */
export async function sendLiftingReminder(
  staff: Staff,
  input: ReminderInput,
  inTx?: InTransaction<LiftingReminder>,
  today?: string,
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
          awaitingAsOf(today),
          r.scope === 'overdue' ? overdueAsOf(today) : undefined,
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

/** The reminders a unit received, latest first, with how many of the tasks each covered still await a decision. */
export async function remindersOf(departmentCode: string, limit = 10, today?: string) {
  return getDb()
    .select({
      id: liftingReminders.id,
      scope: liftingReminders.scope,
      note: liftingReminders.note,
      sentBy: liftingReminders.sentBy,
      at: liftingReminders.at,
      taskCount: sql<number>`cardinality(${liftingReminders.taskIds})::int`,
      stillOpen: sql<number>`(SELECT count(*)::int FROM ${liftingTasks} WHERE ${liftingTasks.id} =
        ANY(${liftingReminders.taskIds}) AND ${awaitingAsOf(today)})`,
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
  /** open: awaiting a decision (open, or kept and due again); decided: the others. */
  status?: 'open' | 'decided';
  /** kept: kept measures whose kept-until day has come, overdue or not. */
  due?: 'soon' | 'overdue' | 'kept';
  court?: string;
  /** Removal (or objection decision) dates, China Standard Time calendar days, inclusive. */
  removedFrom?: string;
  removedTo?: string;
  /** A uid or a case number. */
  query?: string;
  /** The day it is (YYYY-MM-DD), for tests; by default today in China Standard Time. */
  today?: string;
};

const originAt = sql<Date>`COALESCE(${entryEvents.at}, ${cases.decidedAt})`.mapWith(entryEvents.at);
const originKind = sql<string>`CASE WHEN ${liftingTasks.caseId} IS NOT NULL THEN 'objection_' || ${cases.decision}
  ELSE ${entryEvents.kind}::text END`;

function taskWhere(staff: Staff, f: TaskFilter) {
  const d = dayOf(f.today);
  return and(
    visibleTo(staff),
    f.departmentCode ? eq(liftingTasks.departmentCode, f.departmentCode) : undefined,
    f.status === 'open' ? awaitingAsOf(f.today) : f.status === 'decided' ? not(awaitingAsOf(f.today)) : undefined,
    f.due === 'overdue'
      ? overdueAsOf(f.today)
      : f.due === 'kept'
        ? keptDueAsOf(f.today)
        : f.due === 'soon'
          ? sql`(${awaitingAsOf(f.today)} AND ${decisionDueSql} BETWEEN ${d} AND ${d} + ${DUE_SOON_DAYS}::int)`
          : undefined,
    f.court ? eq(entries.court, f.court) : undefined,
    withinCstDays(originAt, f.removedFrom, f.removedTo),
    f.query?.trim() ? uidOrCaseNo(f.query) : undefined,
  );
}

function taskSelect(today?: string) {
  return getDb()
    .select({
      id: liftingTasks.id,
      entryUid: liftingTasks.entryUid,
      departmentCode: liftingTasks.departmentCode,
      departmentName: departments.name,
      status: liftingTasks.status,
      measureNos: liftingTasks.measureNos,
      dueOn: liftingTasks.dueOn,
      /** The last day of the decision awaited: due_on, or for a kept measure its kept-until day (+ grace). */
      decisionDueOn: decisionDueSql,
      awaiting: awaitingAsOf(today),
      keptDue: keptDueAsOf(today),
      overdue: overdueAsOf(today),
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
      decisions: sql<number>`(SELECT count(*)::int FROM ${liftingDecisions} h WHERE h.task_id = ${liftingTasks.id})`,
    })
    .from(liftingTasks)
    .innerJoin(entries, eq(entries.uid, liftingTasks.entryUid))
    .innerJoin(departments, eq(departments.code, liftingTasks.departmentCode))
    .leftJoin(entryEvents, eq(entryEvents.id, liftingTasks.removalEventId))
    .leftJoin(cases, eq(cases.id, liftingTasks.caseId));
}

const taskOrder = (today?: string) => [
  desc(awaitingAsOf(today)),
  asc(sql`CASE WHEN ${awaitingAsOf(today)} THEN ${decisionDueSql} END`),
  desc(liftingTasks.decidedAt),
  desc(liftingTasks.id),
];

export type LiftingTaskRow = Awaited<ReturnType<typeof liftingTasksFor>>[number];

/**
 * The tasks a staff member sees under a filter: those awaiting a decision first (earliest last day
 * first), then the decided, latest decision first. At most `limit` (one page's worth by default).
 */
export async function liftingTasksFor(staff: Staff, f: TaskFilter = {}, limit = LIFTING_PAGE_SIZE, offset = 0) {
  return taskSelect(f.today)
    .where(taskWhere(staff, f))
    .orderBy(...taskOrder(f.today))
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

export type LiftingCounts = {
  /** Awaiting a decision: open, or kept and due again. */
  open: number;
  overdue: number;
  /** Of `open`, the kept measures whose kept-until day has come. */
  keptDue: number;
  reminders: number;
  lastReminderAt: Date | null;
};

/**
 * Tasks awaiting a decision the staff member sees (of them overdue, and kept measures due again),
 * for the dashboard; for a unit also the reminders (催办) it received that still cover a task
 * awaiting a decision, and when the last one came.
 */
export async function liftingCounts(staff: Staff, today?: string): Promise<LiftingCounts> {
  const [row] = await getDb()
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) FILTER (WHERE ${overdueAsOf(today)}))::int`,
      keptDue: sql<number>`(count(*) FILTER (WHERE ${keptDueAsOf(today)}))::int`,
    })
    .from(liftingTasks)
    .where(and(visibleTo(staff), awaitingAsOf(today)));
  const counts = {
    open: row?.open ?? 0,
    overdue: row?.overdue ?? 0,
    keptDue: row?.keptDue ?? 0,
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
        sql`EXISTS (SELECT 1 FROM ${liftingTasks} WHERE ${liftingTasks.id} = ANY(${liftingReminders.taskIds}) AND
          ${awaitingAsOf(today)})`,
      ),
    );
  return { ...counts, reminders: r?.n ?? 0, lastReminderAt: r?.last ? new Date(r.last) : null };
}

/**
 * Per member unit, for the credit office (督促检查): tasks awaiting a decision (of them overdue, and
 * kept measures due again), reminders sent and the last one; units with a task awaiting a decision
 * or a reminder, the most overdue first.
 */
export async function liftingCountsByDepartment(today?: string) {
  const rows = await getDb().execute<{
    code: string;
    name: string;
    open: number;
    overdue: number;
    kept_due: number;
    reminded: number;
    last_reminder_at: string | null;
  }>(sql`
    WITH t AS (
      SELECT ${liftingTasks.departmentCode} AS department_code, count(*)::int AS open,
        (count(*) FILTER (WHERE ${overdueAsOf(today)}))::int AS overdue,
        (count(*) FILTER (WHERE ${keptDueAsOf(today)}))::int AS kept_due
      FROM ${liftingTasks} WHERE ${awaitingAsOf(today)} GROUP BY 1
    ), r AS (
      SELECT department_code, count(*)::int AS reminded, max(at) AS last_reminder_at FROM ${liftingReminders} GROUP
        BY department_code
    )
    SELECT d.code, d.name, COALESCE(t.open, 0) AS open, COALESCE(t.overdue, 0) AS overdue,
      COALESCE(t.kept_due, 0) AS kept_due, COALESCE(r.reminded, 0) AS reminded, r.last_reminder_at
    FROM ${departments} d LEFT JOIN t ON t.department_code = d.code LEFT JOIN r ON r.department_code = d.code
    WHERE t.open > 0 OR r.reminded > 0
    ORDER BY COALESCE(t.overdue, 0) DESC, COALESCE(t.open, 0) DESC, d.sort_order`);
  return rows.map((r) => ({
    departmentCode: r.code,
    departmentName: r.name,
    open: Number(r.open),
    overdue: Number(r.overdue),
    keptDue: Number(r.kept_due),
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

/** The decisions on tasks, by task id, oldest first (lifting_decisions: the history a re-decision adds to). */
export async function decisionHistory(taskIds: number[]): Promise<Map<number, LiftingDecisionRow[]>> {
  const byTask = new Map<number, LiftingDecisionRow[]>();
  if (taskIds.length === 0) return byTask;
  const rows = await getDb()
    .select()
    .from(liftingDecisions)
    .where(inArray(liftingDecisions.taskId, taskIds))
    .orderBy(asc(liftingDecisions.taskId), asc(liftingDecisions.id));
  for (const r of rows) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
  return byTask;
}

// ---------------------------------------------------------------------------
// Kept measures due again: the email to the unit's officers
// ---------------------------------------------------------------------------

/** At most this many notices are queued per run (the job runs again a minute later). */
const NOTICE_BATCH = 500;

/**
 * Queues, in the mail outbox (message_outbox, sent after commit and retried by adapters/mail/mailer.ts), one email
 * per kept measure whose kept-until day has come, per kept-until day and per officer of its unit — never twice: a
 * unique index on (task, day, address) and ON CONFLICT DO NOTHING make every run, in any number of processes at once,
 * idempotent. A task kept again with a later day gets a new email on that day. Without SMTP (`mail` null) nothing is
 * queued (the dashboard and the lifting page still show the task). Returns how many emails were queued.
 * `today` (YYYY-MM-DD) is for tests; by default China Standard Time's.
 */
export async function queueKeptDueNotices(opts: { mail: { url: string } | null; today?: string }): Promise<number> {
  if (!opts.mail) return 0;
  const due = await getDb()
    .select({
      taskId: liftingTasks.id,
      keptUntil: liftingTasks.keptUntil,
      keptReason: liftingTasks.keptReason,
      measureNos: liftingTasks.measureNos,
      unit: departments.name,
      name: entries.name,
      caseNo: entries.caseNo,
      subjectType: entries.subjectType,
      idNumber: entries.idNumber,
      email: staffUsers.email,
    })
    .from(liftingTasks)
    .innerJoin(entries, eq(entries.uid, liftingTasks.entryUid))
    .innerJoin(departments, eq(departments.code, liftingTasks.departmentCode))
    .innerJoin(
      staffUsers,
      and(
        eq(staffUsers.departmentCode, liftingTasks.departmentCode),
        eq(staffUsers.role, 'department_officer'),
        sql`NOT COALESCE(${staffUsers.banned}, false)`,
      ),
    )
    .where(
      and(
        keptDueAsOf(opts.today),
        sql`NOT EXISTS (SELECT 1 FROM ${messageOutbox} m WHERE m.lifting_task_id = ${liftingTasks.id} AND
          m.lifting_due_on = ${liftingTasks.keptUntil} AND m.to_address = ${staffUsers.email})`,
      ),
    )
    .orderBy(asc(liftingTasks.id), asc(staffUsers.email))
    .limit(NOTICE_BATCH);
  if (due.length === 0) return 0;
  const labels = await measureLabels();
  const site = process.env.SITE_URL?.replace(/\/+$/, '') ?? '';
  const queued = await getDb()
    .insert(messageOutbox)
    .values(
      due.map((t) => {
        const who = `${t.name}（${maskIdentifierForPublic(t.subjectType, t.idNumber) ?? '—'}，${t.caseNo}）`;
        const measureList = t.measureNos
          .map((no) => (labels.has(no) ? `${labels.get(no)!.numeral}${labels.get(no)!.text}` : `第${no}项`))
          .join('；');
        return {
          liftingTaskId: t.taskId,
          liftingDueOn: t.keptUntil!,
          toAddress: t.email,
          subject: `继续保留的惩戒措施已到期，请重新决定：${t.name}（${t.caseNo}）`,
          body: [
            `${t.unit}：`,
            `贵单位对${who}继续保留的惩戒措施，保留期限至 ${formatDate(t.keptUntil)}，已到期。`,
            `保留的措施：${measureList || '—'}`,
            `原保留理由：${t.keptReason ?? '—'}`,
            `请于 ${formatDate(keptReviewDay(t.keptUntil!))}（含当日）前在“措施解除”页面重新决定：确认已解除，或依法说明理由并` +
              '明确新的保留期限（二（七））；逾期未决定的将标为已超期。',
            `${site}/admin/lifting?due=kept`,
          ].join('\n'),
        };
      }),
    )
    .onConflictDoNothing({
      target: [messageOutbox.liftingTaskId, messageOutbox.liftingDueOn, messageOutbox.toAddress],
      where: sql`lifting_task_id IS NOT NULL`,
    })
    .returning({ id: messageOutbox.id });
  return queued.length;
}

/** The last day of the new decision on a measure kept until `until` (the keptReviewDays rule; 0: that day). */
export function keptReviewDay(until: string): string {
  return addDays(until, TIME_RULES.keptReviewDays.days);
}
