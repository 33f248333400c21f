import { and, eq, inArray, sql } from 'drizzle-orm';
import type { EntryInput } from '@/lib/entry-input';
import { searchFieldsFor } from '@/lib/search/fields';
import { getDb, type Transaction } from './client';
import { entries, entryEvents, type Entry, type NewEntry } from './schema';

/** Fields of an entry the court owns; a change to any of them is an `updated` event. */
const COURT_FIELDS = [
  'caseNo', 'subjectType', 'name', 'gender', 'age', 'idNumber', 'otherIds', 'legalRepresentative', 'court',
  'regionId', 'regionName', 'basisDocNo', 'basisIssuer', 'duty', 'performance', 'circumstances', 'publishedAt',
  'filedAt', 'performedPart', 'unperformedPart', 'revokedAt', 'severity', 'validUntil', 'disclosure',
] as const;

export function entryRow(input: EntryInput): NewEntry {
  return {
    uid: input.uid,
    caseNo: input.caseNo,
    subjectType: input.subjectType,
    name: input.name,
    gender: input.gender ?? null,
    age: input.age ?? null,
    idNumber: input.idNumber ?? null,
    otherIds: input.otherIds ?? [],
    legalRepresentative: input.legalRepresentative ?? null,
    court: input.court,
    regionId: input.regionId ?? null,
    regionName: input.regionName,
    basisDocNo: input.basisDocNo,
    basisIssuer: input.basisIssuer,
    duty: input.duty,
    performance: input.performance,
    circumstances: input.circumstances,
    publishedAt: input.publishedAt,
    filedAt: input.filedAt,
    performedPart: input.performedPart ?? null,
    unperformedPart: input.unperformedPart ?? null,
    revokedAt: input.revokedAt ?? null,
    severity: input.severity,
    validUntil: input.validUntil ?? null,
    disclosure: input.disclosure ?? 'public',
    demo: input.demo ?? false,
    ...searchFieldsFor(input),
  };
}

function comparable(value: unknown): string {
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

function changedFields(current: Entry, next: NewEntry): string[] {
  return COURT_FIELDS.filter((f) => comparable(current[f]) !== comparable(next[f]));
}

export type SaveResult = { uid: string; outcome: 'created' | 'updated' | 'unchanged'; changed: string[] };

/**
 * Creates or updates one entry with its event, in one transaction. Saving the same data
 * twice changes nothing and records no second event.
 */
export async function saveEntry(input: EntryInput, actor: string, tx?: Transaction): Promise<SaveResult> {
  const run = async (t: Transaction): Promise<SaveResult> => {
    const row = entryRow(input);
    const [current] = await t.select().from(entries).where(eq(entries.uid, input.uid)).for('update');
    if (!current) {
      await t.insert(entries).values(row);
      await t.insert(entryEvents).values({ entryUid: input.uid, kind: 'listed', actor });
      return { uid: input.uid, outcome: 'created', changed: [] };
    }
    const changed = changedFields(current, row);
    if (changed.length === 0) return { uid: input.uid, outcome: 'unchanged', changed };
    await t.update(entries).set({ ...row, updatedAt: sql`now()` }).where(eq(entries.uid, input.uid));
    await t.insert(entryEvents).values({ entryUid: input.uid, kind: 'updated', actor, details: { changed } });
    return { uid: input.uid, outcome: 'updated', changed };
  };
  return tx ? run(tx) : getDb().transaction(run);
}

/** Inserts many new entries with their `listed` events (demo seed, imports of fresh data). */
export async function insertNewEntries(inputs: EntryInput[], actor: string, tx: Transaction) {
  for (let i = 0; i < inputs.length; i += 500) {
    const chunk = inputs.slice(i, i + 500);
    await tx.insert(entries).values(chunk.map(entryRow));
    await tx.insert(entryEvents).values(chunk.map((e) => ({ entryUid: e.uid, kind: 'listed', actor })));
  }
}

export class EntryNotFoundError extends Error {
  readonly code = 'entry_not_found';
}
export class EntryNotActiveError extends Error {
  readonly code = 'entry_not_active';
}

export type RemovalKind = 'revoke' | 'shield';
export type Removal = { reason: string; actor: string; at?: Date };

async function removeEntry(uid: string, kind: RemovalKind, { reason, actor, at }: Removal): Promise<Entry> {
  const when = at ?? new Date();
  return getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(entries).where(eq(entries.uid, uid)).for('update');
    if (!current) throw new EntryNotFoundError(`entry ${uid} does not exist`);
    if (current.status !== 'active') throw new EntryNotActiveError(`entry ${uid} is already ${current.status}`);
    const status = kind === 'revoke' ? 'revoked' : 'shielded';
    const [updated] = await tx
      .update(entries)
      .set({
        status,
        statusChangedAt: when,
        statusReason: reason,
        revokedAt: kind === 'revoke' ? when : current.revokedAt,
        updatedAt: sql`now()`,
      })
      .where(and(eq(entries.uid, uid), eq(entries.status, 'active')))
      .returning();
    await tx.insert(entryEvents).values({ entryUid: uid, kind: status, actor, reason, at: when });
    return updated!;
  });
}

/**
 * Revokes (撤销) an entry. When this resolves the change is committed, and every public
 * read filters through db/visibility.ts, so the entry is no longer public anywhere.
 */
export function revokeEntry(uid: string, removal: Removal) {
  return removeEntry(uid, 'revoke', removal);
}

/** Shields (屏蔽) an entry; same guarantees as revokeEntry. */
export function shieldEntry(uid: string, removal: Removal) {
  return removeEntry(uid, 'shield', removal);
}

export async function entryHistory(uid: string) {
  return getDb().select().from(entryEvents).where(eq(entryEvents.entryUid, uid)).orderBy(entryEvents.id);
}

export async function entriesByUid(uids: string[]) {
  if (uids.length === 0) return [];
  return getDb().select().from(entries).where(inArray(entries.uid, uids));
}
