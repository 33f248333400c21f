/**
 * Statistics against a real Postgres: counts per month (China Standard Time), court, subject
 * type and circumstance; restricted entries never in the public counts, not even their
 * removals; revocations counted as removals; case outcomes per handling body. Other files
 * share the database, so every check is relative to a baseline taken before the inserts, and
 * courts and circumstances are made unique to this run.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { advanceCase, submitApplication, type NewApplication } from '@/domain/applications/cases';
import { revokeEntry, saveEntries } from '@/domain/entries/entries';
import { applications, cases, departments, measureDepartments } from '@/db/schema';
import {
  caseOutcomes,
  feedbackByMeasure,
  MONTHS,
  overdueLiftingTasks,
  publicStats,
  staffEntryStats,
  type Breakdown,
  type EntryStats,
} from '@/db/stats';
import type { Staff } from '@/domain/auth/staff-session';
import { TIME_RULES, todayInChina } from '@/lib/clocks';
import { ACTOR, DAY, makeOrganization, makePerson } from './factory';
import { CST_OFFSET_MS } from '@/lib/cst';

const run = randomUUID().slice(0, 8);
const COURT = `统计测试法院${run}`;
const RESTRICTED_COURT = `统计测试不公开法院${run}`;
const [X, Y, Z] = ['甲', '乙', '丙'].map((c) => `统计测试情形${c}${run}`) as [string, string, string];

/** Noon (China time) on the 15th, `back` months before this month, and its 'YYYY-MM'. */
function monthsAgo(back: number) {
  const now = new Date(Date.now() + CST_OFFSET_MS);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 15, 4));
  return { at: d, month: d.toISOString().slice(0, 7) };
}
const listedIn = monthsAgo(3);
const thisMonth = monthsAgo(0).month;

const find = (rows: Breakdown[], key: string) => rows.find((r) => r.key === key)?.counts;
/** The first count of `key`, 0 when absent. */
const first = (rows: Breakdown[], key: string) => find(rows, key)?.[0] ?? 0;
const month = (s: EntryStats, m: string) => s.months.find((r) => r.month === m)!;

let before: { pub: EntryStats; staff: EntryStats };
let after: { pub: EntryStats; staff: EntryStats };

beforeAll(async () => {
  before = { pub: await publicStats(), staff: await staffEntryStats() };
  const common = { court: COURT, publishedAt: listedIn.at, validUntil: new Date(Date.now() + 365 * DAY) };
  const entries = [
    makePerson({ ...common, circumstances: [X, Y] }), // public
    makeOrganization({ ...common, circumstances: [X] }), // public
    makePerson({ ...common, circumstances: [X, Z], disclosure: 'restricted' }),
    makePerson({ ...common, court: RESTRICTED_COURT, circumstances: [Z], disclosure: 'restricted' }),
    makePerson({ ...common, circumstances: [Y] }), // revoked below: an announced removal
    makePerson({ ...common, circumstances: [Z], disclosure: 'restricted' }), // revoked below: not announced
    makePerson({ ...common, circumstances: [Y], validUntil: new Date(Date.now() - DAY) }), // expired
  ];
  await saveEntries(entries, ACTOR);
  await revokeEntry(entries[4]!.uid, { reason: '全部履行', actor: ACTOR });
  await revokeEntry(entries[5]!.uid, { reason: '全部履行', actor: ACTOR });
  after = { pub: await publicStats(), staff: await staffEntryStats() };
});

describe('public statistics', () => {
  it('count public entries per month listed, court, subject type and circumstance', () => {
    expect(after.pub.months).toHaveLength(MONTHS);
    expect(after.pub.months.at(-1)!.month).toBe(thisMonth);
    expect(month(after.pub, listedIn.month).listed - month(before.pub, listedIn.month).listed).toBe(2);
    expect(find(after.pub.byCourt, COURT)).toEqual([2]);
    expect(find(after.pub.byCircumstance, X)).toEqual([2]);
    expect(find(after.pub.byCircumstance, Y)).toEqual([1]);
    expect(first(after.pub.bySubjectType, 'person') - first(before.pub.bySubjectType, 'person')).toBe(1);
    expect(first(after.pub.bySubjectType, 'organization') - first(before.pub.bySubjectType, 'organization')).toBe(1);
  });

  it('count a revocation of a public entry as a removal in the month it happened', () => {
    expect(month(after.pub, thisMonth).removed - month(before.pub, thisMonth).removed).toBe(1);
  });

  it('never count restricted entries, nor their removals', () => {
    expect(find(after.pub.byCourt, RESTRICTED_COURT)).toBeUndefined();
    expect(find(after.pub.byCircumstance, Z)).toBeUndefined();
    const total = (s: EntryStats) => s.bySubjectType.reduce((n, r) => n + r.counts[0]!, 0);
    expect(total(after.pub) - total(before.pub)).toBe(2);
  });
});

describe('staff statistics', () => {
  it('count every entry: public, restricted, expired, removed', () => {
    expect(find(after.staff.byCourt, COURT)).toEqual([2, 1, 1, 2]);
    expect(find(after.staff.byCourt, RESTRICTED_COURT)).toEqual([0, 1, 0, 0]);
    expect(find(after.staff.byCircumstance, Z)).toEqual([0, 2, 0, 1]);
    expect(month(after.staff, listedIn.month).listed - month(before.staff, listedIn.month).listed).toBe(7);
    expect(month(after.staff, thisMonth).removed - month(before.staff, thisMonth).removed).toBe(2);
  });

  it('count overdue lifting tasks and feedback (the revocations above opened tasks that are not due yet)', async () => {
    const overdue = await overdueLiftingTasks();
    const [row] = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM lifting_tasks WHERE (status = 'open' AND due_on < (now() AT TIME ZONE
        'Asia/Shanghai')::date) OR (status = 'kept' AND kept_until + ${TIME_RULES.keptReviewDays.days}::int < (now()
        AT TIME ZONE 'Asia/Shanghai')::date)`,
    );
    expect(overdue.reduce((n, r) => n + r.counts[0]!, 0)).toBe(Number(row!.n));
    expect(Array.isArray(await feedbackByMeasure())).toBe(true);
  });
});

describe('case outcomes', () => {
  const staff = (role: Staff['role'], departmentCode: string | null = null): Staff => ({
    id: randomUUID(),
    name: '统计测试',
    email: `${role}.${randomUUID().slice(0, 8)}@ks.example.cn`,
    role,
    departmentCode,
    court: null,
    reviewsRemovals: false,
  });

  async function submit(kind: NewApplication['kind'], extra: Partial<NewApplication> = {}) {
    const entry = makePerson();
    await saveEntries([entry], ACTOR);
    const { trackingNo } = await submitApplication({
      kind,
      submissionToken: randomUUID(),
      entryUid: entry.uid,
      applicantName: '申请人',
      phone: '0512-57001234',
      statement: '事实',
      learnedOn: kind === 'correction' ? todayInChina() : undefined,
      files: [],
      ...extra,
    });
    const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, trackingNo));
    const [c] = await getDb().select().from(cases).where(eq(cases.applicationId, app!.id));
    return c!;
  }

  async function decide(caseId: number, who: Staff, decision: 'upheld' | 'rejected' | 'amend_entry') {
    await advanceCase(caseId, who, { to: 'accepted' });
    await advanceCase(caseId, who, { to: 'decided', decision, decisionText: '经审查' });
  }

  it('count cases per handling body and outcome, undecided ones as pending', async () => {
    const [link] = await getDb().select().from(measureDepartments).orderBy(measureDepartments.measureNo).limit(1);
    const [unit] = await getDb().select().from(departments).where(eq(departments.code, link!.departmentCode));
    const row = (rows: Awaited<ReturnType<typeof caseOutcomes>>, handler: string, name: string | null) =>
      rows.find((r) => r.handler === handler && r.departmentName === name)?.counts ?? [0, 0, 0, 0, 0];
    const baseline = await caseOutcomes();

    const objection = () =>
      submit('objection', { measureNos: [link!.measureNo], departmentCodes: [link!.departmentCode] });
    const officer = staff('department_officer', link!.departmentCode);
    await decide((await objection()).id, officer, 'upheld');
    await decide((await objection()).id, officer, 'rejected');
    await objection(); // pending
    // 不予受理: neither pending nor a decision on the merits.
    await advanceCase((await objection()).id, officer, {
      to: 'refused',
      refusalReason: 'duplicate',
      decisionText: '重复申请。',
    });
    // A correction's 纠正 counts with 理由成立.
    await decide((await submit('correction')).id, staff('court_clerk'), 'amend_entry');

    const now = await caseOutcomes();
    const delta = (handler: string, name: string | null) =>
      row(now, handler, name).map((n, i) => n - row(baseline, handler, name)[i]!);
    expect(delta('department', unit!.name)).toEqual([1, 1, 0, 1, 1]);
    expect(delta('court', null)).toEqual([0, 1, 0, 0, 0]);
  });
});

describe('the month window', () => {
  it('is the last MONTHS calendar months in China Standard Time, oldest first', async () => {
    const [row] = await getDb().execute<{ m: string }>(
      sql`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m`,
    );
    expect(after.pub.months.at(-1)!.month).toBe(row!.m);
    expect(after.pub.months[0]!.month).toBe(monthsAgo(MONTHS - 1).month);
    expect([...after.pub.months.map((m) => m.month)].sort()).toEqual(after.pub.months.map((m) => m.month));
  });
});
