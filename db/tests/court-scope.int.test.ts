/**
 * Court scoping (issue 11, part 7): a court clerk acts only on entries of their own court —
 * revoke, shield, the removal ground, correction cases — and a refusal changes nothing; a
 * clerk without a court is the city court's. The credit office reads every case; the
 * court's API path (no staff, no scope) is unchanged.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { advanceCase, caseForStaff, inbox, openCaseCounts, submitApplication } from '@/domain/applications/cases';
import { OutsideCourtError, recordRemovalGround, revokeEntry, saveEntry, shieldEntry } from '@/domain/entries/entries';
import { applications, cases } from '@/db/schema';
import { courtScope, HOME_COURT, inCourtScope, staffActor, type Staff } from '@/lib/auth/staff-identity';
import { todayInChina } from '@/lib/clocks';
import { ACTOR, entryState, makePerson, staffMember } from './factory';

const KS = HOME_COURT; // 昆山市人民法院
const SZ = '苏州市中级人民法院';

const clerkOf = (court: string | null) => staffMember('court_clerk', null, court);

async function entryOf(court: string) {
  const entry = makePerson({ court });
  await saveEntry(entry, ACTOR);
  return entry;
}

/** The three clerk writes on an entry, as the staff portal calls them. */
const writes = {
  revoke: (uid: string, s: Staff) =>
    revokeEntry(uid, { reason: '全部履行', actor: staffActor(s), court: courtScope(s) }),
  shield: (uid: string, s: Staff) =>
    shieldEntry(uid, { reason: '其他：依法屏蔽', actor: staffActor(s), court: courtScope(s) }),
  ground: (uid: string, s: Staff) =>
    recordRemovalGround(uid, { ground: '全部履行', on: todayInChina(), actor: staffActor(s), court: courtScope(s) }),
};

describe('the scope rule', () => {
  it('binds clerks to their court (none: the city court) and no other role', () => {
    expect(courtScope(clerkOf(SZ))).toBe(SZ);
    expect(courtScope(clerkOf(null))).toBe(KS);
    for (const role of ['admin', 'credit_office', 'department_officer'] as const)
      expect(courtScope(staffMember(role))).toBeNull();
    expect(inCourtScope(clerkOf(null), SZ)).toBe(false);
    expect(inCourtScope(staffMember('credit_office'), SZ)).toBe(true);
  });
});

describe.each([
  { clerk: '昆山 clerk', court: KS, other: SZ },
  { clerk: '苏州中院 clerk', court: SZ, other: KS },
])('$clerk on entries', ({ court, other }) => {
  const clerk = clerkOf(court);
  for (const [name, write] of Object.entries(writes)) {
    it(`${name}: own court's entry is changed`, async () => {
      const mine = await entryOf(court);
      const before = await entryState(mine.uid);
      await write(mine.uid, clerk);
      const after = await entryState(mine.uid);
      expect(after.events).toBe(before.events + 1);
      expect(after.row).not.toEqual(before.row);
    });

    it(`${name}: the other court's entry is refused and nothing changes`, async () => {
      const theirs = await entryOf(other);
      const before = await entryState(theirs.uid);
      const err = await write(theirs.uid, clerk).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutsideCourtError);
      expect((err as Error).message).toBe(`只能处理本院（${court}）的失信信息`);
      expect(await entryState(theirs.uid)).toEqual(before);
    });
  }
});

describe('other callers', () => {
  it('a clerk account without a court acts on 昆山 entries only', async () => {
    const clerk = clerkOf(null);
    await writes.ground((await entryOf(KS)).uid, clerk);
    await expect(writes.revoke((await entryOf(SZ)).uid, clerk)).rejects.toThrow(OutsideCourtError);
  });

  it('the court API path and the credit office carry no court scope: any court', async () => {
    const viaApi = await entryOf(SZ);
    await revokeEntry(viaApi.uid, { reason: '全部履行', actor: 'apikey:court' });
    const office = staffMember('credit_office');
    const viaOffice = await entryOf(SZ);
    // the domain allows it; the capability table keeps the office off the forms
    await writes.ground(viaOffice.uid, office);
    expect((await entryState(viaApi.uid)).row).toMatchObject({ status: 'revoked' });
  });
});

describe('correction cases', () => {
  // 苏州市中级人民法院 takes no correction requests here (courts.json), so the second court is one outside the directory:
  // entries saved directly may name it, and its corrections go to it as to any court that takes them.
  const OTHER = '太仓市人民法院';

  async function correctionOn(court: string) {
    const entry = await entryOf(court);
    const submitted = await submitApplication({
      kind: 'correction',
      submissionToken: randomUUID(),
      entryUid: entry.uid,
      applicantName: '申请人',
      phone: '0512-57001234',
      email: 'a@example.cn',
      statement: '事实',
      learnedOn: todayInChina(),
      files: [],
    });
    const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, submitted.trackingNo));
    const [c] = await getDb().select().from(cases).where(eq(cases.applicationId, app!.id));
    return { entry, caseId: c!.id };
  }

  it("each clerk sees only their court's corrections; the credit office sees all; officers none", async () => {
    const ks = await correctionOn(KS);
    const sz = await correctionOn(OTHER);
    const ids = async (s: Staff) => new Set((await inbox(s)).map((r) => r.id));
    const ksInbox = await ids(clerkOf(KS));
    const szInbox = await ids(clerkOf(OTHER));
    expect([ksInbox.has(ks.caseId), ksInbox.has(sz.caseId)]).toEqual([true, false]);
    expect([szInbox.has(ks.caseId), szInbox.has(sz.caseId)]).toEqual([false, true]);
    expect(await ids(clerkOf(null))).toEqual(ksInbox); // no court: the city court's
    const office = await ids(staffMember('credit_office'));
    expect([office.has(ks.caseId), office.has(sz.caseId)]).toEqual([true, true]);
    const officer = await ids(staffMember('department_officer', 'org-dept'));
    expect([officer.has(ks.caseId), officer.has(sz.caseId)]).toEqual([false, false]);

    expect(await caseForStaff(sz.caseId, clerkOf(KS))).toBeNull();
    expect((await caseForStaff(sz.caseId, clerkOf(OTHER)))?.mayHandle).toBe(true);
    // reads, does not decide
    expect((await caseForStaff(sz.caseId, staffMember('credit_office')))?.mayHandle).toBe(false);
    const counts = await openCaseCounts(clerkOf(OTHER));
    expect(counts.open).toBeGreaterThanOrEqual(1);
  });

  it('a clerk of another court cannot move or decide the case, and nothing changes', async () => {
    const { entry, caseId } = await correctionOn(OTHER);
    const before = await entryState(entry.uid);
    const [caseBefore] = await getDb().select().from(cases).where(eq(cases.id, caseId));
    await expect(advanceCase(caseId, clerkOf(KS), { to: 'accepted' })).rejects.toThrow(OutsideCourtError);
    const [caseAfter] = await getDb().select().from(cases).where(eq(cases.id, caseId));
    expect(caseAfter).toEqual(caseBefore);
    expect(await entryState(entry.uid)).toEqual(before);
  });

  it("the entry's own clerk decides an upheld correction, which revokes the entry", async () => {
    const { entry, caseId } = await correctionOn(OTHER);
    const clerk = clerkOf(OTHER);
    await advanceCase(caseId, clerk, { to: 'accepted' });
    await expect(
      advanceCase(caseId, clerkOf(KS), { to: 'decided', decision: 'revoke_entry', decisionText: '审查意见' }),
    ).rejects.toThrow(OutsideCourtError);
    expect((await entryState(entry.uid)).row).toMatchObject({ status: 'active' });
    await advanceCase(caseId, clerk, { to: 'decided', decision: 'revoke_entry', decisionText: '审查意见' });
    expect((await entryState(entry.uid)).row).toMatchObject({ status: 'revoked' });
  });
});
