/**
 * 承办人提交、负责人审核 (issue 11, part 3): a clerk's revocation or shielding takes effect only
 * when another clerk of the same court who reviews removals approves it; every refusal leaves
 * the entry and the request as they were. The audit trail refuses changes.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/audit';
import { EntryNotActiveError, OutsideCourtError, revokeEntry, saveEntry } from '@/domain/entries/entries';
import {
  approveRemoval,
  pendingRemovals,
  refuseRemoval,
  RemovalRequestError,
  requestRemoval,
} from '@/domain/entries/removal-requests';
import { entries, entryEvents, removalRequests } from '@/db/schema';
import { HOME_COURT, staffActor } from '@/lib/auth/staff-identity';
import { ACTOR, entryState, makePerson, staffMember } from './factory';

const SZ = '苏州市中级人民法院';
const clerk = () => staffMember('court_clerk', null, HOME_COURT);
const reviewer = (court: string = HOME_COURT) => staffMember('court_clerk', null, court, true);

async function listed(court: string = HOME_COURT) {
  const entry = makePerson({ court });
  await saveEntry(entry, ACTOR);
  return entry;
}

async function statusOf(uid: string) {
  return (await getDb().select({ status: entries.status }).from(entries).where(eq(entries.uid, uid)))[0]!.status;
}

async function expectRefused(p: Promise<unknown>, code: RemovalRequestError['code']) {
  await expect(p).rejects.toSatisfy((e) => e instanceof RemovalRequestError && e.code === code);
}

describe('a clerk submits, a reviewer approves', () => {
  it(
    'a request changes nothing on the entry until approved; approval revokes it under the approver’s' + ' name',
    async () => {
      const entry = await listed();
      const submitter = clerk();
      const before = await entryState(entry.uid);
      const request = await requestRemoval(entry.uid, submitter, { kind: 'revoke', reason: '全部履行' });
      expect(request.status).toBe('pending');
      expect(await entryState(entry.uid)).toEqual(before);
      expect((await pendingRemovals(HOME_COURT)).map((r) => r.request.id)).toContain(request.id);

      const head = reviewer();
      const approved = await approveRemoval(request.id, head);
      expect(approved).toMatchObject({ status: 'approved', decidedBy: staffActor(head) });
      expect(await statusOf(entry.uid)).toBe('revoked');
      const events = await getDb()
        .select()
        .from(entryEvents)
        .where(eq(entryEvents.entryUid, entry.uid))
        .orderBy(entryEvents.id);
      expect(events.at(-1)).toMatchObject({ kind: 'revoked', actor: staffActor(head), reason: '全部履行' });
      expect((await pendingRemovals(HOME_COURT)).map((r) => r.request.id)).not.toContain(request.id);

      // Replayed: decided once.
      await expectRefused(approveRemoval(request.id, reviewer()), 'not_pending');
    },
  );

  it('shielding goes the same way, dated as requested', async () => {
    const entry = await listed();
    const at = new Date(Date.now() - 60_000);
    const request = await requestRemoval(entry.uid, clerk(), { kind: 'shield', reason: '纳入错误', at });
    await approveRemoval(request.id, reviewer());
    const [row] = await getDb().select().from(entries).where(eq(entries.uid, entry.uid));
    expect(row!.status).toBe('shielded');
    expect(row!.statusChangedAt!.getTime()).toBe(at.getTime());
  });

  it('one pending request per entry; a sent-back request frees the entry for a new one', async () => {
    const entry = await listed();
    const first = await requestRemoval(entry.uid, clerk(), { kind: 'revoke', reason: '全部履行' });
    await expectRefused(requestRemoval(entry.uid, clerk(), { kind: 'shield', reason: '纳入错误' }), 'already_pending');
    const sentBack = await refuseRemoval(first.id, reviewer(), '未附履行证明');
    expect(sentBack).toMatchObject({ status: 'refused', decisionNote: '未附履行证明' });
    expect(await statusOf(entry.uid)).toBe('active');
    await expectRefused(approveRemoval(first.id, reviewer()), 'not_pending');
    const second = await requestRemoval(entry.uid, clerk(), { kind: 'revoke', reason: '全部履行' });
    expect(second.status).toBe('pending');
  });
});

describe('who may approve', () => {
  it('not the submitter, even a reviewer; not a clerk who does not review; not another court’s reviewer', async () => {
    const entry = await listed();
    const head = reviewer();
    const request = await requestRemoval(entry.uid, head, { kind: 'revoke', reason: '全部履行' });
    await expectRefused(approveRemoval(request.id, head), 'own_request');
    await expectRefused(approveRemoval(request.id, clerk()), 'not_reviewer');
    await expectRefused(approveRemoval(request.id, reviewer(SZ)), 'not_reviewer');
    await expectRefused(refuseRemoval(request.id, clerk(), '理由'), 'not_reviewer');
    for (const role of ['admin', 'credit_office', 'department_officer'] as const) {
      await expectRefused(approveRemoval(request.id, staffMember(role)), 'not_reviewer');
    }
    expect(await statusOf(entry.uid)).toBe('active');
    const [row] = await getDb().select().from(removalRequests).where(eq(removalRequests.id, request.id));
    expect(row!.status).toBe('pending');
  });

  it('a clerk cannot submit for another court’s entry', async () => {
    const entry = await listed(SZ);
    await expect(requestRemoval(entry.uid, clerk(), { kind: 'revoke', reason: '全部履行' })).rejects.toBeInstanceOf(
      OutsideCourtError,
    );
    expect(await getDb().select().from(removalRequests).where(eq(removalRequests.entryUid, entry.uid))).toHaveLength(0);
  });

  it('an entry the court’s API removed meanwhile cannot be approved, and leaves the queue', async () => {
    const entry = await listed();
    const request = await requestRemoval(entry.uid, clerk(), { kind: 'revoke', reason: '全部履行' });
    await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
    await expect(approveRemoval(request.id, reviewer())).rejects.toBeInstanceOf(EntryNotActiveError);
    expect((await pendingRemovals(HOME_COURT)).map((r) => r.request.id)).not.toContain(request.id);
  });
});

describe('the audit trail', () => {
  it('keeps every row as written: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await recordAudit({ actor: 'staff:audit@ks.example.cn', action: 'sign_in', detail: { via: 'test' } });
    const refusal = (query: ReturnType<typeof sql>) =>
      getDb()
        .execute(query)
        .then(
          () => 'changed',
          (err: unknown) => String((err as { cause?: unknown }).cause ?? err),
        );
    expect(await refusal(sql`UPDATE audit_log SET actor = 'someone else'`)).toMatch(/audit_log is append-only/);
    expect(await refusal(sql`DELETE FROM audit_log`)).toMatch(/audit_log is append-only/);
    expect(await refusal(sql`TRUNCATE audit_log`)).toMatch(/audit_log is append-only/);
  });
});
