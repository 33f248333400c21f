/**
 * Revoking and shielding from the staff portal takes two people (承办人提交、负责人审核): a court
 * clerk submits the removal with its ground; it takes effect only when another clerk of the
 * same court who reviews removals (staff_users.reviews_removals, the court's 负责人) approves
 * it, or it is sent back with a reason and the entry stays as it was. The entry is checked
 * (court, active, date) when the request is made and again, under a row lock, when it is
 * approved. The court's API path (domain/entries/court-api.ts) is unchanged: the court's own system has
 * signed off what it sends.
 */
import 'server-only';
import { AppError } from '@/lib/errors';
import { and, asc, eq, sql } from 'drizzle-orm';
import { courtScope, staffActor, type Staff } from '@/lib/auth/staff-identity';
import { entriesCommitted } from '@/db/after-commit';
import { getDb, type Transaction } from '@/db/client';
import { lockRemovable, revokeEntry, shieldEntry } from '@/domain/entries/entries';
import type { RemovalKind } from '@/lib/entry-input';
import { entries, removalRequests, type RemovalRequest } from '@/db/schema';

export class RemovalRequestError extends AppError {
  constructor(
    readonly code: 'already_pending' | 'not_found' | 'not_pending' | 'not_reviewer' | 'own_request',
    message: string,
  ) {
    super(message);
  }
  override deniesAccess() {
    return this.code === 'not_reviewer';
  }
}

/**
 * Whether a staff member may approve or send back this request: a reviewing clerk of the entry's court who did not
 * submit it.
 */
export function mayReview(staff: Staff, request: Pick<RemovalRequest, 'requestedBy'>, entryCourt: string): boolean {
  return (
    staff.role === 'court_clerk' &&
    staff.reviewsRemovals &&
    courtScope(staff) === entryCourt &&
    request.requestedBy !== staffActor(staff)
  );
}

/**
 * Submits a removal for review. Throws the entry's refusals (domain/entries/entries.ts) or `already_pending`; stores
 * nothing then.
 */
export async function requestRemoval(
  uid: string,
  staff: Staff,
  r: { kind: RemovalKind; reason: string; at?: Date },
): Promise<RemovalRequest> {
  return getDb().transaction(async (tx) => {
    await lockRemovable(tx, uid, { at: r.at, court: courtScope(staff) });
    const [pending] = await tx
      .select({ id: removalRequests.id })
      .from(removalRequests)
      .where(and(eq(removalRequests.entryUid, uid), eq(removalRequests.status, 'pending')));
    if (pending) throw new RemovalRequestError('already_pending', `entry ${uid} already has a pending removal request`);
    const [row] = await tx
      .insert(removalRequests)
      .values({
        entryUid: uid,
        kind: r.kind,
        reason: r.reason,
        effectiveAt: r.at ?? null,
        requestedBy: staffActor(staff),
      })
      .returning();
    return row!;
  });
}

async function lockPending(tx: Transaction, requestId: number, staff: Staff) {
  const [found] = await tx
    .select({ request: removalRequests, court: entries.court })
    .from(removalRequests)
    .innerJoin(entries, eq(entries.uid, removalRequests.entryUid))
    .where(eq(removalRequests.id, requestId))
    .for('update', { of: removalRequests });
  if (!found) throw new RemovalRequestError('not_found', `removal request ${requestId} does not exist`);
  if (found.request.status !== 'pending')
    throw new RemovalRequestError('not_pending', `removal request ${requestId} is already ${found.request.status}`);
  if (found.request.requestedBy === staffActor(staff))
    throw new RemovalRequestError('own_request', `${staff.email} submitted removal request ${requestId}`);
  if (!mayReview(staff, found.request, found.court))
    throw new RemovalRequestError('not_reviewer', `${staff.email} does not review removals of ${found.court}`);
  return found.request;
}

/**
 * Approves a pending request: the entry is revoked or shielded in the same transaction (its
 * event names the approver, who made it take effect), then the index is updated at once.
 */
export async function approveRemoval(requestId: number, staff: Staff): Promise<RemovalRequest> {
  const approved = await getDb().transaction(async (tx) => {
    const request = await lockPending(tx, requestId, staff);
    const remove = request.kind === 'revoke' ? revokeEntry : shieldEntry;
    await remove(
      request.entryUid,
      {
        reason: request.reason,
        actor: staffActor(staff),
        at: request.effectiveAt ?? undefined,
        court: courtScope(staff),
      },
      tx,
    );
    const [row] = await tx
      .update(removalRequests)
      .set({ status: 'approved', decidedBy: staffActor(staff), decidedAt: sql`now()` })
      .where(eq(removalRequests.id, requestId))
      .returning();
    return row!;
  });
  await entriesCommitted([approved.entryUid]);
  return approved;
}

/** Sends a pending request back with the reviewer's reason; the entry is untouched. */
export async function refuseRemoval(requestId: number, staff: Staff, note: string): Promise<RemovalRequest> {
  return getDb().transaction(async (tx) => {
    await lockPending(tx, requestId, staff);
    const [row] = await tx
      .update(removalRequests)
      .set({ status: 'refused', decidedBy: staffActor(staff), decidedAt: sql`now()`, decisionNote: note })
      .where(eq(removalRequests.id, requestId))
      .returning();
    return row!;
  });
}

/** Pending requests of a court's entries, oldest first, for its reviewers' dashboard. */
export async function pendingRemovals(court: string) {
  return (
    getDb()
      .select({ request: removalRequests, name: entries.name, caseNo: entries.caseNo })
      .from(removalRequests)
      .innerJoin(entries, eq(entries.uid, removalRequests.entryUid))
      // A request whose entry the court's API removed meanwhile has nothing left to approve.
      .where(and(eq(removalRequests.status, 'pending'), eq(entries.court, court), eq(entries.status, 'active')))
      .orderBy(asc(removalRequests.requestedAt))
  );
}
