/**
 * Sharing back from the departments (seed 二(七), 四(五)): the lifting tasks a removal opens for
 * the units that reported a measure (and an upheld objection for its unit), who may decide
 * them and how (one at a time or many at once, all or nothing), the overdue flag, 催办 and the
 * credit office's counts, filters and paging, and migration 0017's treatment of old tasks;
 * the measure feedback a unit reports, what is refused, and the summary.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { advanceCase, submitApplication } from '@/domain/applications/cases';
import { getDb } from '@/db/client';
import { recordExpiries, revokeEntry, saveEntry, shieldEntry } from '@/domain/entries/entries';
import { readFeed } from '@/db/feed';
import {
  FEEDBACK_PAGE_SIZE,
  FeedbackRefusedError,
  feedbackOfUnit,
  feedbackSummary,
  findEntriesForFeedback,
  recordFeedback,
} from '@/domain/sharing/feedback';
import {
  confirmLifted,
  decideLifting,
  LIFTING_PAGE_SIZE,
  LiftingAlreadyDecidedError,
  liftingCounts,
  liftingCountsByDepartment,
  LiftingReminderRefusedError,
  liftingTaskPage,
  liftingTasksFor,
  LiftingTaskNotFoundError,
  NotLiftingUnitError,
  remindersOf,
  sendLiftingReminder,
} from '@/domain/entries/lifting';
import {
  applications,
  cases,
  entryEvents,
  liftingReminders,
  liftingTasks,
  measureDepartments,
  measureFeedback,
} from '@/db/schema';
import { addDays, TIME_RULES, todayInChina } from '@/lib/clocks';
import { ACTOR, DAY, makePerson, recordMeasureApplied, staffMember, unitsWithMeasures } from './factory';

const staff = staffMember;

/** Member units that implement at least two measures, with two of them. */
async function unitsWithTwoMeasures(limit = 3): Promise<{ code: string; nos: [number, number] }[]> {
  const rows = await getDb().execute<{ code: string; nos: number[] }>(sql`
    SELECT m.department_code AS code, (array_agg(m.measure_no ORDER BY m.measure_no))[1:2] AS nos
    FROM ${measureDepartments} m JOIN departments d ON d.code = m.department_code
    WHERE d.is_member_unit GROUP BY m.department_code, d.sort_order HAVING count(*) >= 2
    ORDER BY d.sort_order LIMIT ${limit}`);
  return rows.map((r) => ({ code: r.code, nos: [Number(r.nos[0]), Number(r.nos[1])] }));
}

/** A listed entry to which each unit of `applied` applied the given measures. */
async function listedWith(applied: Record<string, number[]>, overrides: Parameters<typeof makePerson>[0] = {}) {
  const entry = makePerson(overrides);
  await saveEntry(entry, ACTOR);
  for (const [code, nos] of Object.entries(applied))
    for (const no of nos) await recordMeasureApplied(entry.uid, code, no);
  return entry;
}

/** A listed then revoked entry, with the measures units applied first, and its tasks by unit. */
async function removedEntry(applied: Record<string, number[]>, overrides: Parameters<typeof makePerson>[0] = {}) {
  const entry = await listedWith(applied, overrides);
  await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
  return { entry, tasks: await tasksOf(entry.uid) };
}

async function tasksOf(uid: string) {
  const rows = await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, uid)).orderBy(liftingTasks.id);
  return new Map(rows.map((r) => [r.departmentCode, r]));
}

const tomorrow = () => addDays(todayInChina(), 1);

describe('lifting tasks', () => {
  it(
    'a removal opens a task only for each unit that reported a measure, listing its measures; the others learn' +
      ' of it from the feed',
    async () => {
      const [a, b, c] = await unitsWithTwoMeasures(3);
      // A applied both its measures (one reported twice), B one; C applied nothing.
      const { entry, tasks } = await removedEntry({
        [a!.code]: [a!.nos[1], a!.nos[0], a!.nos[1]],
        [b!.code]: [b!.nos[0]],
      });
      expect([...tasks.keys()].sort()).toEqual([a!.code, b!.code].sort());
      expect(tasks.get(a!.code)).toMatchObject({
        status: 'open',
        measureNos: [a!.nos[0], a!.nos[1]],
        dueOn: addDays(todayInChina(), TIME_RULES.liftingDays.days),
      });
      expect(tasks.get(b!.code)!.measureNos).toEqual([b!.nos[0]]);
      expect(tasks.has(c!.code)).toBe(false);
      expect(await liftingTasksFor(staff('department_officer', c!.code), { query: entry.uid })).toEqual([]);
      // C learns of the removal from the change feed, written in the same transaction.
      const [revoked] = await getDb()
        .select()
        .from(entryEvents)
        .where(and(eq(entryEvents.entryUid, entry.uid), eq(entryEvents.kind, 'revoked')));
      expect(tasks.get(a!.code)!.removalEventId).toBe(revoked!.id);
      const feed = await readFeed(null, 1000);
      let seen = feed.some((e) => e.eventId === revoked!.id);
      for (let page = feed; !seen && page.length === 1000;) {
        page = await readFeed(page[page.length - 1]!.cursor, 1000);
        seen = page.some((e) => e.eventId === revoked!.id);
      }
      expect(seen).toBe(true);

      // An entry no unit reported a measure for opens no task at all; a shield follows the same rule.
      const { tasks: none } = await removedEntry({});
      expect(none.size).toBe(0);
      const shielded = await listedWith({ [c!.code]: [c!.nos[0]] });
      await shieldEntry(shielded.uid, { reason: '终结执行', actor: ACTOR });
      const shieldTasks = await tasksOf(shielded.uid);
      expect([...shieldTasks.keys()]).toEqual([c!.code]);
      expect(shieldTasks.get(c!.code)!.measureNos).toEqual([c!.nos[0]]);
      expect((await liftingTasksFor(staff('department_officer', c!.code), { query: shielded.uid }))[0]).toMatchObject({
        removalKind: 'shielded',
        measureNos: [c!.nos[0]],
      });
    },
  );

  it('only the unit the task is addressed to decides it; the decision names who and when', async () => {
    const [a, b] = await unitsWithMeasures(2);
    const { entry, tasks } = await removedEntry({ [a!.code]: [a!.mine], [b!.code]: [b!.mine] });
    const task = tasks.get(a!.code)!;
    await expect(
      decideLifting(task.id, staff('department_officer', b!.code), { outcome: 'lifted' }),
    ).rejects.toBeInstanceOf(NotLiftingUnitError);
    await expect(decideLifting(task.id, staff('credit_office'), { outcome: 'lifted' })).rejects.toBeInstanceOf(
      NotLiftingUnitError,
    );
    expect((await tasksOf(entry.uid)).get(a!.code)!.status).toBe('open');

    const officer = staff('department_officer', a!.code);
    const decided = await decideLifting(task.id, officer, { outcome: 'lifted' });
    expect(decided).toMatchObject({
      status: 'lifted',
      decidedBy: `staff:${officer.email}`,
      keptReason: null,
      keptUntil: null,
    });
    expect(decided.decidedAt).toBeInstanceOf(Date);
    expect(Math.abs(decided.decidedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    // The other units' tasks are untouched; an officer sees only their unit's.
    expect((await tasksOf(entry.uid)).get(b!.code)!.status).toBe('open');
    const seen = await liftingTasksFor(staff('department_officer', b!.code), {}, 1000);
    expect(seen.every((t) => t.departmentCode === b!.code)).toBe(true);
    expect(seen.some((t) => t.entryUid === entry.uid && t.status === 'open' && t.removalKind === 'revoked')).toBe(true);
    expect(await liftingTasksFor(staff('court_clerk'))).toEqual([]);
  });

  it('keeping a measure needs a written reason and a last day after today; a task is decided once', async () => {
    const [a] = await unitsWithMeasures(1);
    const { entry, tasks } = await removedEntry({ [a!.code]: [a!.mine] });
    const task = tasks.get(a!.code)!;
    const officer = staff('department_officer', a!.code);
    for (const bad of [
      { outcome: 'kept', reason: '  ', until: tomorrow() },
      { outcome: 'kept', reason: '依法继续限制', until: todayInChina() },
      { outcome: 'kept', reason: '依法继续限制', until: '2020-01-01' },
      { outcome: 'kept', reason: '依法继续限制', until: '2026-02-30' },
      { outcome: 'kept', reason: '依法继续限制' },
      { outcome: 'maybe' },
    ]) {
      await expect(decideLifting(task.id, officer, bad as never), JSON.stringify(bad)).rejects.toBeInstanceOf(ZodError);
    }
    expect((await tasksOf(entry.uid)).get(a!.code)!.status).toBe('open');

    const until = addDays(todayInChina(), 90);
    const kept = await decideLifting(task.id, officer, {
      outcome: 'kept',
      reason: ' 依据《税收征收管理法》继续限制出境 ',
      until,
    });
    expect(kept).toMatchObject({
      status: 'kept',
      keptReason: '依据《税收征收管理法》继续限制出境',
      keptUntil: until,
      decidedBy: `staff:${officer.email}`,
    });

    await expect(decideLifting(task.id, officer, { outcome: 'lifted' })).rejects.toBeInstanceOf(
      LiftingAlreadyDecidedError,
    );
    await expect(confirmLifted([task.id], officer)).rejects.toBeInstanceOf(LiftingAlreadyDecidedError);
    const after = (await tasksOf(entry.uid)).get(a!.code)!;
    expect(after).toMatchObject({ status: 'kept', keptUntil: until, decidedAt: kept.decidedAt });
  });

  it('two officers deciding at once: one decision stands', async () => {
    const [a] = await unitsWithMeasures(1);
    const { tasks } = await removedEntry({ [a!.code]: [a!.mine] });
    const task = tasks.get(a!.code)!;
    const results = await Promise.allSettled([
      decideLifting(task.id, staff('department_officer', a!.code), { outcome: 'lifted' }),
      decideLifting(task.id, staff('department_officer', a!.code), {
        outcome: 'kept',
        reason: '依法保留',
        until: tomorrow(),
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(LiftingAlreadyDecidedError);
  });

  it('确认已解除 for many tasks at once is all or nothing: a decided, foreign or missing task refuses the lot', async () => {
    const [a, b] = await unitsWithMeasures(2);
    const officer = staff('department_officer', a!.code);
    const removed = await Promise.all(
      [1, 2, 3].map(() => removedEntry({ [a!.code]: [a!.mine], [b!.code]: [b!.mine] })),
    );
    const [t1, t2, t3] = removed.map((r) => r.tasks.get(a!.code)!.id) as [number, number, number];
    const foreign = removed[0]!.tasks.get(b!.code)!.id;
    const statuses = async () =>
      (
        await getDb()
          .select()
          .from(liftingTasks)
          .where(inArray(liftingTasks.id, [t1, t2, t3, foreign]))
      ).map((t) => t.status);

    await decideLifting(t3, officer, { outcome: 'kept', reason: '依法保留', until: tomorrow() });
    const refused = await confirmLifted([t1, t2, t3], officer).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(LiftingAlreadyDecidedError);
    expect((refused as LiftingAlreadyDecidedError).taskIds).toEqual([t3]);
    await expect(confirmLifted([t1, t2, foreign], officer)).rejects.toBeInstanceOf(NotLiftingUnitError);
    await expect(confirmLifted([t1, t2, 9_000_000_000], officer)).rejects.toBeInstanceOf(LiftingTaskNotFoundError);
    await expect(confirmLifted([t1, t2], staff('credit_office'))).rejects.toBeInstanceOf(NotLiftingUnitError);
    await expect(confirmLifted([], officer)).rejects.toBeInstanceOf(ZodError);
    // The audit row is written in the same transaction: when it fails, nothing is decided.
    await expect(confirmLifted([t1, t2], officer, async () => Promise.reject(new Error('audit down')))).rejects.toThrow(
      'audit down',
    );
    expect((await statuses()).sort()).toEqual(['kept', 'open', 'open', 'open']);

    let seenInTx: number[] = [];
    const decided = await confirmLifted([t2, t1, t2], officer, async (_tx, rows) => {
      seenInTx = rows.map((r) => r.id);
    });
    expect(decided.map((t) => t.id)).toEqual([t1, t2].sort((x, y) => x - y));
    expect(seenInTx).toEqual(decided.map((t) => t.id));
    expect(
      decided.every(
        (t) => t.status === 'lifted' && t.decidedBy === `staff:${officer.email}` && t.decidedAt instanceof Date,
      ),
    ).toBe(true);
    expect((await statuses()).sort()).toEqual(['kept', 'lifted', 'lifted', 'open']);
    // Decided once: confirming again is refused.
    await expect(confirmLifted([t1], officer)).rejects.toBeInstanceOf(LiftingAlreadyDecidedError);
  });

  it('overdue once still open past its last day; counts per unit for the credit office and per officer', async () => {
    const [a, b] = await unitsWithMeasures(2);
    const officerA = staff('department_officer', a!.code);
    const byUnit = async () => new Map((await liftingCountsByDepartment()).map((r) => [r.departmentCode, r]));
    const before = await byUnit();
    const beforeA = await liftingCounts(officerA);
    const beforeAll = await liftingCounts(staff('credit_office'));

    const { entry, tasks } = await removedEntry({ [a!.code]: [a!.mine], [b!.code]: [b!.mine] });
    const mid = await byUnit();
    for (const u of [a!.code, b!.code]) expect(mid.get(u)!.open).toBe((before.get(u)?.open ?? 0) + 1);
    expect((await liftingCounts(staff('credit_office'))).open).toBe(beforeAll.open + 2);

    // Today is the last day: not yet overdue. Yesterday was: overdue (China Standard Time).
    const idA = tasks.get(a!.code)!.id;
    await getDb().update(liftingTasks).set({ dueOn: todayInChina() }).where(eq(liftingTasks.id, idA));
    expect((await liftingTasksFor(officerA, { query: entry.uid }))[0]!.overdue).toBe(false);
    await getDb()
      .update(liftingTasks)
      .set({ dueOn: addDays(todayInChina(), -1) })
      .where(eq(liftingTasks.id, idA));
    expect((await liftingTasksFor(officerA, { query: entry.uid }))[0]).toMatchObject({ status: 'open', overdue: true });
    // Open tasks come first, the earliest last day first.
    const mine = await liftingTasksFor(officerA, {}, 1000);
    const firstDecided = mine.findIndex((t) => t.status !== 'open');
    if (firstDecided >= 0) expect(mine.slice(firstDecided).every((t) => t.status !== 'open')).toBe(true);
    expect(await liftingCounts(officerA)).toMatchObject({ open: beforeA.open + 1, overdue: beforeA.overdue + 1 });

    const after = await byUnit();
    expect(after.get(a!.code)!.overdue).toBe((before.get(a!.code)?.overdue ?? 0) + 1);
    expect(after.get(b!.code)!.overdue).toBe(before.get(b!.code)?.overdue ?? 0);
    const all = await liftingTasksFor(staff('credit_office'), {
      departmentCode: a!.code,
      status: 'open',
      query: entry.uid,
    });
    expect(all.find((t) => t.entryUid === entry.uid)).toMatchObject({ overdue: true, departmentCode: a!.code });

    // Deciding it, even late, ends the overdue flag (the task shows when it was decided).
    await decideLifting(idA, officerA, { outcome: 'lifted' });
    expect((await byUnit()).get(a!.code)?.overdue ?? 0).toBe(before.get(a!.code)?.overdue ?? 0);
    expect((await liftingTasksFor(officerA, { query: entry.uid }))[0]).toMatchObject({
      status: 'lifted',
      overdue: false,
    });
  });

  it('an expiry opens the tasks of the units with feedback once, however often the sweep runs', async () => {
    const [a] = await unitsWithMeasures(1);
    const entry = await listedWith({ [a!.code]: [a!.mine] }, { validUntil: new Date(Date.now() + 1_500) });
    await new Promise((r) => setTimeout(r, 2_000));
    await recordExpiries();
    await recordExpiries();
    const rows = await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, entry.uid));
    expect(rows.map((r) => [r.departmentCode, r.measureNos])).toEqual([[a!.code, [a!.mine]]]);
    const seen = await liftingTasksFor(staff('department_officer', a!.code), { query: entry.uid });
    expect(seen[0]!.removalKind).toBe('expired');
  });

  it(
    'an objection upheld in whole or in part opens one task for the unit listing exactly the lifted measures;' +
      ' a rejected one none',
    async () => {
      const [unit] = await getDb().execute<{ code: string; nos: number[] }>(
        sql`SELECT department_code AS code, array_agg(measure_no ORDER BY measure_no) AS nos FROM ${measureDepartments}
        GROUP BY 1 HAVING count(*) >= 3 ORDER BY 1 LIMIT 1`,
      );
      const nos = unit!.nos.slice(0, 3).map(Number);
      const officer = staff('department_officer', unit!.code);
      const objection = async () => {
        const entry = makePerson();
        await saveEntry(entry, ACTOR);
        const submitted = await submitApplication({
          kind: 'objection',
          submissionToken: randomUUID(),
          entryUid: entry.uid,
          applicantName: '申请人',
          phone: '0512-57001234',
          email: 'a@example.cn',
          statement: '事实',
          files: [],
          measureNos: nos,
          departmentCodes: [unit!.code],
        });
        const [app] = await getDb()
          .select()
          .from(applications)
          .where(eq(applications.trackingNo, submitted.trackingNo));
        const [c] = await getDb().select().from(cases).where(eq(cases.applicationId, app!.id));
        await advanceCase(c!.id, officer, { to: 'accepted' });
        return { entry, caseId: c!.id };
      };

      const partly = await objection();
      await advanceCase(partly.caseId, officer, {
        to: 'decided',
        decision: 'partly_upheld',
        decisionText: '部分成立',
        liftedMeasureNos: [nos[1]!, nos[0]!],
      });
      const partlyTasks = await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, partly.entry.uid));
      expect(partlyTasks).toHaveLength(1);
      expect(partlyTasks[0]).toMatchObject({
        departmentCode: unit!.code,
        caseId: partly.caseId,
        removalEventId: null,
        measureNos: [nos[0], nos[1]],
        status: 'open',
      });
      expect(partlyTasks[0]!.dueOn).toBe(addDays(todayInChina(), TIME_RULES.liftingDays.days));
      const [row] = await liftingTasksFor(officer, { query: partly.entry.uid });
      expect(row).toMatchObject({ removalKind: 'objection_partly_upheld', caseId: partly.caseId });
      expect(row!.removedAt).toBeInstanceOf(Date);
      // The unit confirms it like any other task.
      await confirmLifted([partlyTasks[0]!.id], officer);

      const whole = await objection();
      await advanceCase(whole.caseId, officer, { to: 'decided', decision: 'upheld', decisionText: '理由成立' });
      const wholeTasks = await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, whole.entry.uid));
      expect(wholeTasks.map((t) => [t.departmentCode, t.measureNos])).toEqual([[unit!.code, nos]]);

      const rejected = await objection();
      await advanceCase(rejected.caseId, officer, { to: 'decided', decision: 'rejected', decisionText: '理由不成立' });
      expect(await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, rejected.entry.uid))).toEqual(
        [],
      );
    },
  );

  it(
    '催办: the credit office chases a unit (all open, or only overdue tasks); the unit sees it, the counts show' +
      ' it; append-only',
    async () => {
      const [a, b] = await unitsWithMeasures(2);
      const credit = staff('credit_office');
      const officer = staff('department_officer', a!.code);
      const [late, fresh] = [
        await removedEntry({ [a!.code]: [a!.mine] }),
        await removedEntry({ [a!.code]: [a!.mine] }),
      ];
      const lateId = late.tasks.get(a!.code)!.id;
      const freshId = fresh.tasks.get(a!.code)!.id;
      await getDb()
        .update(liftingTasks)
        .set({ dueOn: addDays(todayInChina(), -2) })
        .where(eq(liftingTasks.id, lateId));
      const unitRow = async () => (await liftingCountsByDepartment()).find((r) => r.departmentCode === a!.code)!;
      const before = await unitRow();
      const countsBefore = await liftingCounts(officer);

      await expect(sendLiftingReminder(officer, { departmentCode: a!.code, scope: 'open' })).rejects.toBeInstanceOf(
        LiftingReminderRefusedError,
      );
      await expect(
        sendLiftingReminder(credit, { departmentCode: 'no such unit!', scope: 'open' }),
      ).rejects.toBeInstanceOf(ZodError);
      await expect(
        sendLiftingReminder(credit, { departmentCode: a!.code, scope: 'soon' as never }),
      ).rejects.toBeInstanceOf(ZodError);

      const overdue = await sendLiftingReminder(credit, {
        departmentCode: a!.code,
        scope: 'overdue',
        note: ' 请于本周内确认 ',
      });
      expect(overdue).toMatchObject({
        departmentCode: a!.code,
        scope: 'overdue',
        note: '请于本周内确认',
        sentBy: `staff:${credit.email}`,
      });
      expect(overdue.taskIds).toContain(lateId);
      expect(overdue.taskIds).not.toContain(freshId);
      const all = await sendLiftingReminder(credit, { departmentCode: a!.code, scope: 'open' });
      expect(all.taskIds).toEqual(expect.arrayContaining([lateId, freshId]));

      // Per task, per unit (for the credit office) and for the unit itself.
      const rows = await liftingTasksFor(officer, {}, 1000);
      expect(rows.find((t) => t.id === lateId)!.reminders).toBe(2);
      expect(rows.find((t) => t.id === freshId)!.reminders).toBe(1);
      const after = await unitRow();
      expect(after.reminded).toBe(before.reminded + 2);
      expect(after.lastReminderAt!.getTime()).toBe(all.at.getTime());
      const counts = await liftingCounts(officer);
      expect(counts.reminders).toBe(countsBefore.reminders + 2);
      expect(counts.lastReminderAt!.getTime()).toBe(all.at.getTime());
      const received = await remindersOf(a!.code);
      expect(received[0]).toMatchObject({ id: all.id, scope: 'open', sentBy: `staff:${credit.email}` });
      expect(received[1]).toMatchObject({ id: overdue.id, note: '请于本周内确认' });
      expect(received[0]!.stillOpen).toBe(received[0]!.taskCount);

      // Once the unit confirms them, its reminders no longer count as pending; history stays.
      await confirmLifted(all.taskIds, officer);
      expect((await liftingCounts(officer)).reminders).toBe(0);
      expect((await remindersOf(a!.code))[0]!.stillOpen).toBe(0);
      await expect(sendLiftingReminder(credit, { departmentCode: a!.code, scope: 'open' })).rejects.toMatchObject({
        code: 'nothing_to_remind',
      });
      // Nothing to chase at B either unless it has open tasks of that scope.
      await expect(sendLiftingReminder(credit, { departmentCode: b!.code, scope: 'overdue' })).rejects.toMatchObject({
        code: 'nothing_to_remind',
      });
      for (const change of [
        getDb().update(liftingReminders).set({ note: 'x' }).where(eq(liftingReminders.id, all.id)),
        getDb().delete(liftingReminders).where(eq(liftingReminders.id, all.id)),
      ]) {
        const err = await change.then(
          () => null,
          (e: unknown) => e,
        );
        expect(String((err as { cause?: unknown })?.cause ?? err)).toMatch(/lifting_reminders is append-only/);
      }
    },
  );

  it('filters (status, due, court, removal date, unit) and pages with totals', async () => {
    const [a] = await unitsWithMeasures(1);
    const officer = staff('department_officer', a!.code);
    const court = `筛选测试法院${randomUUID().slice(0, 6)}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await removedEntry({ [a!.code]: [a!.mine] }, { court }));
    const ids = made.map((m) => m.tasks.get(a!.code)!.id);
    await getDb()
      .update(liftingTasks)
      .set({ dueOn: addDays(todayInChina(), -1) })
      .where(eq(liftingTasks.id, ids[0]!));
    await getDb()
      .update(liftingTasks)
      .set({ dueOn: addDays(todayInChina(), 1) })
      .where(eq(liftingTasks.id, ids[1]!));
    await decideLifting(ids[2]!, officer, { outcome: 'lifted' });

    const idsOf = async (f: Parameters<typeof liftingTaskPage>[1]) =>
      (await liftingTaskPage(officer, { court, ...f }, 1)).rows.map((r) => r.id);
    expect((await idsOf({})).sort()).toEqual([...ids].sort());
    expect(await idsOf({ status: 'open' })).toEqual([ids[0], ids[1]]);
    expect(await idsOf({ status: 'decided' })).toEqual([ids[2]]);
    expect(await idsOf({ due: 'overdue' })).toEqual([ids[0]]);
    expect(await idsOf({ due: 'soon' })).toEqual([ids[1]]);
    expect(await idsOf({ removedFrom: todayInChina(), removedTo: todayInChina() })).toHaveLength(3);
    expect(await idsOf({ removedTo: addDays(todayInChina(), -1) })).toEqual([]);
    expect(await idsOf({ removedFrom: tomorrow() })).toEqual([]);
    // The credit office narrows by unit; another unit's filter finds none of them.
    const credit = staff('credit_office');
    expect((await liftingTaskPage(credit, { court, departmentCode: a!.code }, 1)).total).toBe(3);
    expect((await liftingTaskPage(credit, { court, departmentCode: 'no-such-unit' }, 1)).total).toBe(0);
    // The masked identifier is the caller's job, but the row carries what it needs.
    const [first] = (await liftingTaskPage(officer, { court, status: 'open' }, 1)).rows;
    expect(first).toMatchObject({
      court,
      subjectType: 'person',
      idNumber: made[0]!.entry.idNumber,
      caseNo: made[0]!.entry.caseNo,
      measureNos: [a!.mine],
    });

    // Paging: totals, page count and disjoint pages.
    const all = await liftingTaskPage(credit, {}, 1);
    expect(all.rows).toHaveLength(Math.min(LIFTING_PAGE_SIZE, all.total));
    expect(all.pageCount).toBe(Math.max(1, Math.ceil(all.total / LIFTING_PAGE_SIZE)));
    if (all.pageCount > 1) {
      const second = await liftingTaskPage(credit, {}, 2);
      expect(second.rows.some((r) => all.rows.some((x) => x.id === r.id))).toBe(false);
    }
  });

  it(
    'migration 0017: old open tasks of units that reported nothing are closed as not applicable, the others' +
      ' list their measures',
    async () => {
      const [a, b] = await unitsWithMeasures(2);
      const entry = await listedWith({ [a!.code]: [a!.mine] });
      await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
      const [event] = await getDb()
        .select()
        .from(entryEvents)
        .where(and(eq(entryEvents.entryUid, entry.uid), eq(entryEvents.kind, 'revoked')));
      // What the old rule left: one task per unit, none of them naming a measure.
      await getDb().delete(liftingTasks).where(eq(liftingTasks.entryUid, entry.uid));
      await getDb()
        .insert(liftingTasks)
        .values(
          [a!.code, b!.code].map((code) => ({
            entryUid: entry.uid,
            departmentCode: code,
            removalEventId: event!.id,
            dueOn: todayInChina(),
          })),
        );
      const migration = readFileSync('db/migrations/0017_lifting_scales.sql', 'utf8');
      const dataStep = migration.slice(migration.indexOf('-- Tasks opened before tasks followed feedback'));
      for (const statement of dataStep.split('--> statement-breakpoint')) await getDb().execute(sql.raw(statement));
      const tasks = await tasksOf(entry.uid);
      expect(tasks.get(a!.code)).toMatchObject({ status: 'open', measureNos: [a!.mine], decidedBy: null });
      expect(tasks.get(b!.code)).toMatchObject({ status: 'not_applicable', decidedBy: 'system:lifting-scope' });
      expect(tasks.get(b!.code)!.decidedAt).toBeInstanceOf(Date);
      expect((await liftingCounts(staff('department_officer', b!.code))).open).toBe(
        (
          await getDb()
            .select()
            .from(liftingTasks)
            .where(and(eq(liftingTasks.departmentCode, b!.code), eq(liftingTasks.status, 'open')))
        ).length,
      );
    },
  );
});

describe('measure feedback', () => {
  const unitWithMeasures = () => unitsWithMeasures(2);

  it('a unit reads its reports in pages of FEEDBACK_PAGE_SIZE, latest first, with the total', async () => {
    const [u] = await unitsWithMeasures(1);
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    for (let i = 0; i <= FEEDBACK_PAGE_SIZE; i++) await recordMeasureApplied(entry.uid, u!.code, u!.mine);
    const first = await feedbackOfUnit(u!.code, 1);
    const second = await feedbackOfUnit(u!.code, 2);
    expect(first.total).toBeGreaterThan(FEEDBACK_PAGE_SIZE);
    expect(first.rows).toHaveLength(FEEDBACK_PAGE_SIZE);
    expect(second.rows.length).toBe(Math.min(FEEDBACK_PAGE_SIZE, first.total - FEEDBACK_PAGE_SIZE));
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
  });
  const removedEntry = async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
    return { entry };
  };

  async function feedbackOf(uid: string) {
    return getDb().select().from(measureFeedback).where(eq(measureFeedback.entryUid, uid));
  }

  it('records a measure the unit implements, for any entry it received (restricted and removed included)', async () => {
    const [unit] = await unitWithMeasures();
    const officer = staff('department_officer', unit!.code);
    const restricted = makePerson({ disclosure: 'restricted' });
    await saveEntry(restricted, ACTOR);
    const { entry: removed } = await removedEntry();
    for (const e of [restricted, removed]) {
      const row = await recordFeedback(officer, {
        entryUid: e.uid,
        measureNo: unit!.mine,
        appliedOn: todayInChina(),
        outcome: ' 已拦截其申请 ',
      });
      expect(row).toMatchObject({
        entryUid: e.uid,
        departmentCode: unit!.code,
        measureNo: unit!.mine,
        appliedOn: todayInChina(),
        outcome: '已拦截其申请',
        recordedBy: `staff:${officer.email}`,
      });
    }
  });

  it(
    'refuses a measure the unit does not implement, a future or pre-publication date, long text, and anyone' +
      ' but an officer; nothing is stored',
    async () => {
      const [unit] = await unitWithMeasures();
      const officer = staff('department_officer', unit!.code);
      const entry = makePerson({ publishedAt: new Date(Date.now() - 10 * DAY) });
      await saveEntry(entry, ACTOR);
      const ok = { entryUid: entry.uid, measureNo: unit!.mine, appliedOn: todayInChina(), outcome: '已实施' };

      const refused = async (promise: Promise<unknown>, code: FeedbackRefusedError['code']) => {
        const err = await promise.then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(FeedbackRefusedError);
        expect((err as FeedbackRefusedError).code).toBe(code);
      };
      await refused(recordFeedback(officer, { ...ok, measureNo: unit!.other }), 'measure_not_for_unit');
      await refused(recordFeedback(officer, { ...ok, appliedOn: addDays(todayInChina(), -30) }), 'before_publication');
      await refused(recordFeedback(officer, { ...ok, entryUid: 'no-such-entry' }), 'entry_not_found');
      await refused(recordFeedback(staff('credit_office'), ok), 'not_department_officer');
      await refused(recordFeedback(staff('department_officer', null), ok), 'not_department_officer');
      for (const bad of [
        { ...ok, appliedOn: tomorrow() },
        { ...ok, appliedOn: '2026-13-01' },
        { ...ok, measureNo: 0 },
        { ...ok, measureNo: 42 },
        { ...ok, outcome: '效'.repeat(501) },
        { ...ok, outcome: '   ' },
      ]) {
        await expect(recordFeedback(officer, bad), JSON.stringify(bad).slice(0, 80)).rejects.toBeInstanceOf(ZodError);
      }
      expect(await feedbackOf(entry.uid)).toEqual([]);
      // 500 characters is the limit, not over it.
      await recordFeedback(officer, { ...ok, outcome: '效'.repeat(500) });
      expect(await feedbackOf(entry.uid)).toHaveLength(1);
    },
  );

  it(
    'finds the entry by uid or case number (either bracket width); a case number with two debtors lists' + ' both',
    async () => {
      const uids = async (q: string) => {
        const found = await findEntriesForFeedback(q);
        return 'choices' in found ? found.choices.map((c) => c.uid).sort() : found;
      };
      const one = makePerson();
      await saveEntry(one, ACTOR);
      expect(await uids(one.uid)).toEqual([one.uid]);
      expect(await uids(one.caseNo.replace('(', '（').replace(')', '）'))).toEqual([one.uid]);
      const two = makePerson({ caseNo: one.caseNo });
      await saveEntry(two, ACTOR);
      expect(await uids(one.caseNo)).toEqual([one.uid, two.uid].sort());
      expect(await uids(two.uid)).toEqual([two.uid]);
      expect(await uids('(2024)苏0583执0号')).toEqual([]);
    },
  );

  it('summary: applications and entries per unit and measure', async () => {
    const [u1, u2] = await unitWithMeasures();
    const count = async (code: string, no: number) =>
      (await feedbackSummary()).find((r) => r.departmentCode === code && r.measureNo === no) ?? {
        applications: 0,
        entries: 0,
      };
    const before1 = await count(u1!.code, u1!.mine);
    const before2 = await count(u2!.code, u2!.mine);
    const e1 = makePerson();
    const e2 = makePerson();
    await saveEntry(e1, ACTOR);
    await saveEntry(e2, ACTOR);
    const o1 = staff('department_officer', u1!.code);
    const input = (uid: string, no: number) => ({
      entryUid: uid,
      measureNo: no,
      appliedOn: todayInChina(),
      outcome: '已实施',
    });
    await recordFeedback(o1, input(e1.uid, u1!.mine));
    await recordFeedback(o1, input(e1.uid, u1!.mine));
    await recordFeedback(o1, input(e2.uid, u1!.mine));
    await recordFeedback(staff('department_officer', u2!.code), input(e2.uid, u2!.mine));
    expect(await count(u1!.code, u1!.mine)).toMatchObject({
      applications: before1.applications + 3,
      entries: before1.entries + 2,
    });
    expect(await count(u2!.code, u2!.mine)).toMatchObject({
      applications: before2.applications + 1,
      entries: before2.entries + 1,
    });
    const rows = await getDb()
      .select()
      .from(measureFeedback)
      .where(and(eq(measureFeedback.entryUid, e1.uid), eq(measureFeedback.departmentCode, u1!.code)));
    expect(rows).toHaveLength(2);
  });
});
