/**
 * A measure kept until a day comes back to its unit on that day (seed 二(七) 明确继续保留的期限): not due before it,
 * due on it (the dashboard's query, the lifting page's filter, one email per officer of the unit — once, whichever
 * process runs the job, and none without SMTP), overdue after it until decided again, and decided again (kept with a
 * later day, or lifted) with every decision kept in the append-only history. "Today" is a parameter of the
 * queries, the decisions and the job, so days pass without a clock.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createMailer, drainMessages } from '@/adapters/mail/mailer';
import { getDb } from '@/db/client';
import { liftingDecisions, liftingTasks, messageOutbox, staffUsers } from '@/db/schema';
import { ACTOR, makePerson, recordMeasureApplied, staffMember, unitsWithMeasures } from '@/db/tests/factory';
import { revokeEntry, saveEntry } from '@/domain/entries/entries';
import {
  confirmLifted,
  decideLifting,
  decisionHistory,
  LiftingAlreadyDecidedError,
  liftingCounts,
  liftingCountsByDepartment,
  liftingTasksFor,
  NotLiftingUnitError,
  queueKeptDueNotices,
  sendLiftingReminder,
} from '@/domain/entries/lifting';
import { addDays, todayInChina } from '@/lib/clocks';
import { maskIdentifierForPublic } from '@/lib/mask';

// A real SMTP receiver on loopback. Other files share the database, so a drain may deliver their rows here too:
// every assertion counts this file's unique addresses only.
const received: string[][] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received.push(session.envelope.rcptTo.map((a) => a.address));
      callback();
    });
  },
});
let smtpUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const mail = () => ({ url: smtpUrl });

/** A department officer's account (the email goes to accounts, not to the Staff objects the domain is called with). */
async function officerAccount(departmentCode: string, banned = false) {
  const email = `officer.${randomUUID().slice(0, 8)}@kept.example.cn`;
  await getDb()
    .insert(staffUsers)
    .values({ id: randomUUID(), name: '经办人', email, role: 'department_officer', departmentCode, banned });
  return email;
}

/** A revoked entry to which units A and B had applied a measure: one task each. */
async function removedFor(a: { code: string; mine: number }, b: { code: string; mine: number }) {
  const entry = makePerson();
  await saveEntry(entry, ACTOR);
  await recordMeasureApplied(entry.uid, a.code, a.mine);
  await recordMeasureApplied(entry.uid, b.code, b.mine);
  await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
  const tasks = await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, entry.uid));
  return {
    entry,
    taskA: tasks.find((t) => t.departmentCode === a.code)!,
    taskB: tasks.find((t) => t.departmentCode === b.code)!,
  };
}

async function noticesOf(taskId: number) {
  return getDb().select().from(messageOutbox).where(eq(messageOutbox.liftingTaskId, taskId)).orderBy(messageOutbox.id);
}

/** Runs the notice job once in a separate process (another server process of WEB_CONCURRENCY). */
function jobInChildProcess(today: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'db/tests/kept-due-child.ts'], {
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: 'tsconfig.node.json',
        KEPT_DUE_CHILD: JSON.stringify({ today, url: smtpUrl }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

const REASON = '依据《税收征收管理法》第四十四条，欠缴税款未结清前继续限制出境。';

describe('kept measures come back on their kept-until day', () => {
  it(
    'not due before the day; due on it (dashboard, page, one email per officer of the unit, once from any' +
      ' number of processes, none without SMTP); overdue after it; the credit office sees it and chases',
    async () => {
      const [a, b] = await unitsWithMeasures(2);
      const [mailA1, mailA2, bannedA, mailB] = [
        await officerAccount(a!.code),
        await officerAccount(a!.code),
        await officerAccount(a!.code, true),
        await officerAccount(b!.code),
      ];
      const officerA = staffMember('department_officer', a!.code);
      const credit = staffMember('credit_office');
      const { entry, taskA, taskB } = await removedFor(a!, b!);
      // An odd offset: no other test keeps a measure until exactly this day.
      const until = addDays(todayInChina(), 41);
      await decideLifting(taskA.id, officerA, { outcome: 'kept', reason: REASON, until });
      const onPage = async (today: string, due?: 'kept' | 'overdue') =>
        (await liftingTasksFor(officerA, { query: entry.uid, today, due })).find((t) => t.id === taskA.id);

      // The day before: decided, nothing due, nothing queued; a new decision is refused as already made.
      const dayBefore = addDays(until, -1);
      expect(await onPage(dayBefore)).toMatchObject({
        status: 'kept',
        awaiting: false,
        keptDue: false,
        overdue: false,
      });
      expect(await onPage(dayBefore, 'kept')).toBeUndefined();
      await queueKeptDueNotices({ mail: mail(), today: dayBefore });
      expect(await noticesOf(taskA.id)).toEqual([]);
      await expect(
        decideLifting(taskA.id, officerA, { outcome: 'lifted' }, undefined, dayBefore),
      ).rejects.toBeInstanceOf(LiftingAlreadyDecidedError);
      const before = await liftingCounts(officerA, dayBefore);

      // The day itself: due for a new decision on the dashboard and the page, not yet overdue.
      expect(await onPage(until, 'kept')).toMatchObject({
        status: 'kept',
        awaiting: true,
        keptDue: true,
        overdue: false,
        keptUntil: until,
        decisionDueOn: until,
      });
      const onTheDay = await liftingCounts(officerA, until);
      expect(onTheDay.keptDue).toBe(before.keptDue + 1);
      expect(onTheDay.open).toBe(before.open + 1);
      expect(onTheDay.overdue).toBe(before.overdue);
      expect((await liftingTasksFor(officerA, { due: 'kept', today: until }, 1000)).map((t) => t.id)).toContain(
        taskA.id,
      );

      // Without SMTP nothing is queued (the task shows all the same).
      expect(await queueKeptDueNotices({ mail: null, today: until })).toBe(0);
      expect(await noticesOf(taskA.id)).toEqual([]);

      // With SMTP: two server processes run the job at once, then this one twice; one email per officer of unit A.
      // (Other kept measures of unit A already due, from other tests, are emailed to these new accounts too.)
      const counts = [
        ...(await Promise.all([jobInChildProcess(until), jobInChildProcess(until)])),
        await queueKeptDueNotices({ mail: mail(), today: until }),
        await queueKeptDueNotices({ mail: mail(), today: until }),
      ];
      expect(counts.slice(2)).toEqual([0, 0]);
      const notices = await noticesOf(taskA.id);
      expect(notices.map((n) => n.toAddress).sort()).toEqual([mailA1, mailA2].sort());
      expect(notices.every((n) => n.applicationId === null && n.liftingDueOn === until)).toBe(true);
      const rowsTo = async (addrs: string[]) =>
        getDb().select().from(messageOutbox).where(inArray(messageOutbox.toAddress, addrs));
      // The two processes together queued this task's two emails (other files' due tasks may add more).
      expect(counts[0]! + counts[1]!).toBeGreaterThanOrEqual(2);
      // The officer learns whose measure and which; a person's ID number only masked.
      expect(notices[0]!.subject).toContain(entry.caseNo);
      expect(notices[0]!.body).toContain(maskIdentifierForPublic('person', entry.idNumber)!);
      expect(notices[0]!.body).not.toContain(entry.idNumber!);
      expect(notices[0]!.body).toContain(REASON);
      // Nothing for unit B's task (it is open, not kept) nor to its officer, nor to a banned account.
      expect(await noticesOf(taskB.id)).toEqual([]);
      expect(await rowsTo([mailB, bannedA])).toEqual([]);

      // Sent after commit by the mail worker's drain through real SMTP, once each; a second drain sends nothing more.
      const transport = createMailer({ url: smtpUrl, from: 'test <t@example.test>' });
      await drainMessages({ transport, from: 'test <t@example.test>' });
      await drainMessages({ transport, from: 'test <t@example.test>' });
      transport.close();
      const to = (addr: string) => received.filter((r) => r.includes(addr)).length;
      const queuedTo = async (addr: string) => (await rowsTo([addr])).length;
      expect([to(mailA1), to(mailA2), to(mailB), to(bannedA)]).toEqual([
        await queuedTo(mailA1),
        await queuedTo(mailA2),
        0,
        0,
      ]);
      expect((await rowsTo([mailA1, mailA2])).every((n) => n.sentAt !== null)).toBe(true);

      // The day after: overdue until decided again, for the unit and in the credit office's oversight.
      const dayAfter = addDays(until, 1);
      expect(await onPage(dayAfter, 'overdue')).toMatchObject({ keptDue: true, overdue: true, awaiting: true });
      expect((await liftingCounts(officerA, dayAfter)).overdue).toBe(before.overdue + 1);
      const unitRow = (await liftingCountsByDepartment(dayAfter)).find((u) => u.departmentCode === a!.code)!;
      const unitRowBefore = (await liftingCountsByDepartment(dayBefore)).find((u) => u.departmentCode === a!.code);
      expect(unitRow.keptDue).toBe((unitRowBefore?.keptDue ?? 0) + 1);
      expect(unitRow.overdue).toBe((unitRowBefore?.overdue ?? 0) + 1);
      const seen = await liftingTasksFor(credit, { due: 'kept', departmentCode: a!.code, today: dayAfter }, 1000);
      expect(seen.find((t) => t.id === taskA.id)).toMatchObject({ overdue: true });
      // 催办 of the overdue covers it; the day before it would not have.
      const reminder = await sendLiftingReminder(
        credit,
        { departmentCode: a!.code, scope: 'overdue' },
        undefined,
        dayAfter,
      );
      expect(reminder.taskIds).toContain(taskA.id);
      // No new email on the days after: one per kept-until day.
      await queueKeptDueNotices({ mail: mail(), today: addDays(until, 3) });
      expect(await noticesOf(taskA.id)).toHaveLength(2);
    },
  );

  it(
    'decided again: kept with a later day (due again then, a new email) and then lifted; the history keeps every' +
      ' decision; another unit cannot decide',
    async () => {
      const [a, b] = await unitsWithMeasures(2);
      const mailA = await officerAccount(a!.code);
      const officerA = staffMember('department_officer', a!.code);
      const officerB = staffMember('department_officer', b!.code);
      const { taskA } = await removedFor(a!, b!);
      const until = addDays(todayInChina(), 43);
      await decideLifting(taskA.id, officerA, { outcome: 'kept', reason: REASON, until });
      const dayAfter = addDays(until, 1);

      // Another unit's officer cannot decide it, alone or in a bulk confirmation.
      await expect(
        decideLifting(taskA.id, officerB, { outcome: 'lifted' }, undefined, dayAfter),
      ).rejects.toBeInstanceOf(NotLiftingUnitError);
      await expect(confirmLifted([taskA.id], officerB, undefined, dayAfter)).rejects.toBeInstanceOf(
        NotLiftingUnitError,
      );
      // A new period must end after the day it is decided on.
      await expect(
        decideLifting(taskA.id, officerA, { outcome: 'kept', reason: REASON, until: dayAfter }, undefined, dayAfter),
      ).rejects.toBeInstanceOf(ZodError);
      expect((await getDb().select().from(liftingTasks).where(eq(liftingTasks.id, taskA.id)))[0]).toMatchObject({
        status: 'kept',
        keptUntil: until,
      });

      // Kept again, with the legal ground and a later day: no longer awaiting, both decisions on record.
      const later = addDays(until, 90);
      const again = await decideLifting(
        taskA.id,
        officerA,
        { outcome: 'kept', reason: '继续依法限制：尚有未结清的行政处罚。', until: later },
        undefined,
        dayAfter,
      );
      expect(again).toMatchObject({
        status: 'kept',
        keptUntil: later,
        keptReason: '继续依法限制：尚有未结清的行政处罚。',
      });
      const page = async (today: string) => (await liftingTasksFor(officerA, { query: taskA.entryUid, today }))[0]!;
      expect(await page(dayAfter)).toMatchObject({ awaiting: false, overdue: false, decisions: 2 });
      let history = (await decisionHistory([taskA.id])).get(taskA.id)!;
      expect(history.map((h) => [h.outcome, h.keptUntil])).toEqual([
        ['kept', until],
        ['kept', later],
      ]);
      expect(history[0]!.keptReason).toBe(REASON);

      // On the new day it comes back again, with one new email for that day.
      expect(await page(later)).toMatchObject({ keptDue: true, overdue: false });
      await queueKeptDueNotices({ mail: mail(), today: later });
      await queueKeptDueNotices({ mail: mail(), today: later });
      const notices = await noticesOf(taskA.id);
      // Every officer account of unit A (this file opens others too), once, for the new day.
      const officers = await getDb()
        .select({ email: staffUsers.email })
        .from(staffUsers)
        .where(and(eq(staffUsers.departmentCode, a!.code), eq(staffUsers.banned, false)));
      expect(officers.map((o) => o.email)).toContain(mailA);
      expect(notices.map((n) => n.toAddress).sort()).toEqual(officers.map((o) => o.email).sort());
      expect(notices.every((n) => n.liftingDueOn === later)).toBe(true);

      // Lifted (bulk 确认已解除 takes a due kept measure too): done; a further decision is refused.
      const [lifted] = await confirmLifted([taskA.id], officerA, undefined, later);
      expect(lifted).toMatchObject({ status: 'lifted', keptUntil: null, keptReason: null });
      expect(await page(addDays(later, 5))).toMatchObject({ awaiting: false, overdue: false, keptDue: false });
      await expect(
        decideLifting(taskA.id, officerA, { outcome: 'lifted' }, undefined, addDays(later, 5)),
      ).rejects.toBeInstanceOf(LiftingAlreadyDecidedError);
      history = (await decisionHistory([taskA.id])).get(taskA.id)!;
      expect(history.map((h) => h.outcome)).toEqual(['kept', 'kept', 'lifted']);
      expect(new Set(history.map((h) => h.decidedBy)).size).toBe(1);

      // The history is append-only.
      await expect(
        getDb().update(liftingDecisions).set({ keptReason: 'x' }).where(eq(liftingDecisions.taskId, taskA.id)),
      ).rejects.toThrow();
      await expect(getDb().delete(liftingDecisions).where(eq(liftingDecisions.taskId, taskA.id))).rejects.toThrow();
      expect((await decisionHistory([taskA.id])).get(taskA.id)).toHaveLength(3);
    },
  );

  it('migration 0024 starts the history of each decided task with the decision its columns held', async () => {
    const [a, b] = await unitsWithMeasures(2);
    const { taskA, taskB } = await removedFor(a!, b!);
    // Decided as before 0022: the columns only, no history row.
    const until = addDays(todayInChina(), 47);
    await getDb()
      .update(liftingTasks)
      .set({ status: 'kept', keptReason: REASON, keptUntil: until, decidedBy: 'staff:old@ks.example.cn' })
      .where(eq(liftingTasks.id, taskA.id));
    await getDb()
      .update(liftingTasks)
      .set({ status: 'lifted', decidedBy: 'staff:old@ks.example.cn', decidedAt: new Date() })
      .where(eq(liftingTasks.id, taskB.id));
    const migration = readFileSync('db/migrations/0024_kept_measures_due.sql', 'utf8');
    const backfill = migration
      .slice(migration.indexOf('INSERT INTO "lifting_decisions"'))
      .split('--> statement-breakpoint')[0]!;
    const rollback = new Error('rollback');
    // Rolled back: the shared database's history is append-only, and other tasks would be copied twice.
    await expect(
      getDb().transaction(async (tx) => {
        await tx.execute(sql.raw(backfill));
        const rows = await tx
          .select()
          .from(liftingDecisions)
          .where(inArray(liftingDecisions.taskId, [taskA.id, taskB.id]))
          .orderBy(liftingDecisions.taskId);
        const byTask = new Map(rows.map((r) => [r.taskId, r]));
        expect(rows).toHaveLength(2);
        expect(byTask.get(taskA.id)).toMatchObject({
          outcome: 'kept',
          keptUntil: until,
          keptReason: REASON,
          decidedBy: 'staff:old@ks.example.cn',
        });
        expect(byTask.get(taskB.id)).toMatchObject({ outcome: 'lifted', keptUntil: null, keptReason: null });
        // Without a decided_at, the task's creation stands in.
        expect(byTask.get(taskA.id)!.at).toEqual(taskA.createdAt);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});
