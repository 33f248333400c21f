/**
 * Sharing back from the departments (seed 二(七), 四(五)): the lifting tasks every removal
 * opens, who may decide them and how, the overdue flag and the credit office's counts; the
 * measure feedback a unit reports, what is refused, and the summary.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { getDb } from '@/db/client';
import { recordExpiries, revokeEntry, saveEntry, shieldEntry } from '@/db/entries';
import { FeedbackRefusedError, feedbackSummary, findEntriesForFeedback, recordFeedback } from '@/db/feedback';
import {
  decideLifting,
  LiftingAlreadyDecidedError,
  liftingCounts,
  liftingCountsByDepartment,
  liftingTasksFor,
  NotLiftingUnitError,
} from '@/db/lifting';
import { departments, liftingTasks, measureFeedback } from '@/db/schema';
import { addDays, TIME_RULES, todayInChina } from '@/lib/clocks';
import { ACTOR, DAY, makePerson, staffMember, unitsWithMeasures } from './factory';

const staff = staffMember;

async function memberUnits(): Promise<string[]> {
  const rows = await getDb().select({ code: departments.code }).from(departments).where(eq(departments.isMemberUnit, true)).orderBy(departments.sortOrder);
  return rows.map((r) => r.code);
}

/** A listed then revoked entry, and its tasks by unit. */
async function removedEntry(overrides: Parameters<typeof makePerson>[0] = {}) {
  const entry = makePerson(overrides);
  await saveEntry(entry, ACTOR);
  await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
  return { entry, tasks: await tasksOf(entry.uid) };
}

async function tasksOf(uid: string) {
  const rows = await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, uid)).orderBy(liftingTasks.id);
  return new Map(rows.map((r) => [r.departmentCode, r]));
}

const tomorrow = () => addDays(todayInChina(), 1);

describe('lifting tasks', () => {
  it('a removal opens one open task per member unit, due after the lifting period', async () => {
    const units = await memberUnits();
    expect(units.length).toBeGreaterThan(10);
    const { tasks } = await removedEntry();
    expect([...tasks.keys()].sort()).toEqual([...units].sort());
    for (const t of tasks.values()) {
      expect(t.status).toBe('open');
      expect(t.dueOn).toBe(addDays(todayInChina(), TIME_RULES.liftingDays.days));
    }
    // A shield does the same.
    const shielded = makePerson();
    await saveEntry(shielded, ACTOR);
    await shieldEntry(shielded.uid, { reason: '终结执行', actor: ACTOR });
    expect((await tasksOf(shielded.uid)).size).toBe(units.length);
  });

  it('only the unit the task is addressed to decides it; the decision names who and when', async () => {
    const [a, b] = await memberUnits();
    const { entry, tasks } = await removedEntry();
    const task = tasks.get(a!)!;
    await expect(decideLifting(task.id, staff('department_officer', b!), { outcome: 'lifted' })).rejects.toBeInstanceOf(NotLiftingUnitError);
    await expect(decideLifting(task.id, staff('credit_office'), { outcome: 'lifted' })).rejects.toBeInstanceOf(NotLiftingUnitError);
    expect((await tasksOf(entry.uid)).get(a!)!.status).toBe('open');

    const officer = staff('department_officer', a!);
    const decided = await decideLifting(task.id, officer, { outcome: 'lifted' });
    expect(decided).toMatchObject({ status: 'lifted', decidedBy: `staff:${officer.email}`, keptReason: null, keptUntil: null });
    expect(decided.decidedAt).toBeInstanceOf(Date);
    expect(Math.abs(decided.decidedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    // The other units' tasks are untouched; an officer sees only their unit's.
    expect((await tasksOf(entry.uid)).get(b!)!.status).toBe('open');
    const seen = await liftingTasksFor(staff('department_officer', b!));
    expect(seen.every((t) => t.departmentCode === b)).toBe(true);
    expect(seen.some((t) => t.entryUid === entry.uid && t.status === 'open' && t.removalKind === 'revoked')).toBe(true);
    expect(await liftingTasksFor(staff('court_clerk'))).toEqual([]);
  });

  it('keeping a measure needs a written reason and a last day after today; a task is decided once', async () => {
    const [a] = await memberUnits();
    const { entry, tasks } = await removedEntry();
    const task = tasks.get(a!)!;
    const officer = staff('department_officer', a!);
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
    expect((await tasksOf(entry.uid)).get(a!)!.status).toBe('open');

    const until = addDays(todayInChina(), 90);
    const kept = await decideLifting(task.id, officer, { outcome: 'kept', reason: ' 依据《税收征收管理法》继续限制出境 ', until });
    expect(kept).toMatchObject({ status: 'kept', keptReason: '依据《税收征收管理法》继续限制出境', keptUntil: until, decidedBy: `staff:${officer.email}` });

    await expect(decideLifting(task.id, officer, { outcome: 'lifted' })).rejects.toBeInstanceOf(LiftingAlreadyDecidedError);
    const after = (await tasksOf(entry.uid)).get(a!)!;
    expect(after).toMatchObject({ status: 'kept', keptUntil: until, decidedAt: kept.decidedAt });
  });

  it('two officers deciding at once: one decision stands', async () => {
    const [a] = await memberUnits();
    const { tasks } = await removedEntry();
    const task = tasks.get(a!)!;
    const results = await Promise.allSettled([
      decideLifting(task.id, staff('department_officer', a!), { outcome: 'lifted' }),
      decideLifting(task.id, staff('department_officer', a!), { outcome: 'kept', reason: '依法保留', until: tomorrow() }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(LiftingAlreadyDecidedError);
  });

  it('overdue once still open past its last day; counts per unit for the credit office and per officer', async () => {
    const [a, b] = await memberUnits();
    const officerA = staff('department_officer', a!);
    const byUnit = async () => new Map((await liftingCountsByDepartment()).map((r) => [r.departmentCode, r]));
    const before = await byUnit();
    const beforeA = await liftingCounts(officerA);
    const beforeAll = await liftingCounts(staff('credit_office'));

    const { entry, tasks } = await removedEntry();
    const units = await memberUnits();
    const mid = await byUnit();
    for (const u of units) expect(mid.get(u)!.open).toBe((before.get(u)?.open ?? 0) + 1);
    expect((await liftingCounts(staff('credit_office'))).open).toBe(beforeAll.open + units.length);

    // Today is the last day: not yet overdue. Yesterday was: overdue (China Standard Time).
    await getDb().update(liftingTasks).set({ dueOn: todayInChina() }).where(eq(liftingTasks.id, tasks.get(a!)!.id));
    expect((await liftingTasksFor(officerA)).find((t) => t.entryUid === entry.uid)!.overdue).toBe(false);
    await getDb().update(liftingTasks).set({ dueOn: addDays(todayInChina(), -1) }).where(eq(liftingTasks.id, tasks.get(a!)!.id));
    const mine = await liftingTasksFor(officerA);
    expect(mine.find((t) => t.entryUid === entry.uid)).toMatchObject({ status: 'open', overdue: true });
    // Open tasks come first, the earliest last day first.
    const firstDecided = mine.findIndex((t) => t.status !== 'open');
    if (firstDecided >= 0) expect(mine.slice(firstDecided).every((t) => t.status !== 'open')).toBe(true);
    expect(await liftingCounts(officerA)).toEqual({ open: beforeA.open + 1, overdue: beforeA.overdue + 1 });

    const after = await byUnit();
    expect(after.get(a!)!.overdue).toBe((before.get(a!)?.overdue ?? 0) + 1);
    expect(after.get(b!)!.overdue).toBe(before.get(b!)?.overdue ?? 0);
    const all = await liftingTasksFor(staff('credit_office'), { departmentCode: a!, status: 'open', query: entry.uid });
    expect(all.find((t) => t.entryUid === entry.uid)).toMatchObject({ overdue: true, departmentCode: a });

    // Deciding it, even late, ends the overdue flag (the task shows when it was decided).
    await decideLifting(tasks.get(a!)!.id, officerA, { outcome: 'lifted' });
    expect((await byUnit()).get(a!)?.overdue ?? 0).toBe(before.get(a!)?.overdue ?? 0);
    expect((await liftingTasksFor(officerA)).find((t) => t.entryUid === entry.uid)).toMatchObject({ status: 'lifted', overdue: false });
  });

  it('an expiry opens the tasks once, however often the sweep runs', async () => {
    const units = await memberUnits();
    const entry = makePerson({ validUntil: new Date(Date.now() + 1_500) });
    await saveEntry(entry, ACTOR);
    await new Promise((r) => setTimeout(r, 2_000));
    await recordExpiries();
    await recordExpiries();
    const rows = await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, entry.uid));
    expect(rows).toHaveLength(units.length);
    const seen = await liftingTasksFor(staff('department_officer', units[0]!));
    expect(seen.find((t) => t.entryUid === entry.uid)!.removalKind).toBe('expired');
  });
});

describe('measure feedback', () => {
  const unitWithMeasures = () => unitsWithMeasures(2);

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
      const row = await recordFeedback(officer, { entryUid: e.uid, measureNo: unit!.mine, appliedOn: todayInChina(), outcome: ' 已拦截其申请 ' });
      expect(row).toMatchObject({ entryUid: e.uid, departmentCode: unit!.code, measureNo: unit!.mine, appliedOn: todayInChina(), outcome: '已拦截其申请', recordedBy: `staff:${officer.email}` });
    }
  });

  it('refuses a measure the unit does not implement, a future or pre-publication date, long text, and anyone but an officer; nothing is stored', async () => {
    const [unit] = await unitWithMeasures();
    const officer = staff('department_officer', unit!.code);
    const entry = makePerson({ publishedAt: new Date(Date.now() - 10 * DAY) });
    await saveEntry(entry, ACTOR);
    const ok = { entryUid: entry.uid, measureNo: unit!.mine, appliedOn: todayInChina(), outcome: '已实施' };

    const refused = async (promise: Promise<unknown>, code: FeedbackRefusedError['code']) => {
      const err = await promise.then(() => null, (e: unknown) => e);
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
  });

  it('finds the entry by uid or case number (either bracket width); a case number with two debtors lists both', async () => {
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
  });

  it('summary: applications and entries per unit and measure', async () => {
    const [u1, u2] = await unitWithMeasures();
    const count = async (code: string, no: number) =>
      (await feedbackSummary()).find((r) => r.departmentCode === code && r.measureNo === no) ?? { applications: 0, entries: 0 };
    const before1 = await count(u1!.code, u1!.mine);
    const before2 = await count(u2!.code, u2!.mine);
    const e1 = makePerson();
    const e2 = makePerson();
    await saveEntry(e1, ACTOR);
    await saveEntry(e2, ACTOR);
    const o1 = staff('department_officer', u1!.code);
    const input = (uid: string, no: number) => ({ entryUid: uid, measureNo: no, appliedOn: todayInChina(), outcome: '已实施' });
    await recordFeedback(o1, input(e1.uid, u1!.mine));
    await recordFeedback(o1, input(e1.uid, u1!.mine));
    await recordFeedback(o1, input(e2.uid, u1!.mine));
    await recordFeedback(staff('department_officer', u2!.code), input(e2.uid, u2!.mine));
    expect(await count(u1!.code, u1!.mine)).toMatchObject({ applications: before1.applications + 3, entries: before1.entries + 2 });
    expect(await count(u2!.code, u2!.mine)).toMatchObject({ applications: before2.applications + 1, entries: before2.entries + 1 });
    const rows = await getDb()
      .select()
      .from(measureFeedback)
      .where(and(eq(measureFeedback.entryUid, e1.uid), eq(measureFeedback.departmentCode, u1!.code)));
    expect(rows).toHaveLength(2);
  });
});
