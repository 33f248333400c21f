import 'server-only';
import { AppError } from '@/lib/errors';
import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { RemovalKind } from '@/lib/entry-input';
import type { EntryInput } from '@/lib/validation/entry-push';
import { ENTRY_PUSH_FIELDS, type EntryPushField } from '@/lib/entry-fields';
import { ageAt } from '@/lib/identifiers';
import { searchFieldsFor } from '@/lib/search/fields';
import { entriesCommitted } from '@/db/after-commit';
import { getDb, type Transaction } from '@/db/client';
import { liftingTasksForRemovals, openRemovalLiftingTasks } from '@/domain/entries/lifting';
import { entries, entryEvents, expirySweep, searchOutbox, type Entry, type NewEntry } from '@/db/schema';

/**
 * Pushed fields that are not stored under their own name: uid is the key; 撤销时间 (revokedAt) is set only by a removal
 * (see saveEntry); 更新时间 (updatedAt) is stored as sourceUpdatedAt and orders versions.
 */
const NOT_COURT_FIELDS = ['uid', 'revokedAt', 'updatedAt'] as const;
type CourtField = Exclude<EntryPushField, (typeof NOT_COURT_FIELDS)[number]>;

/** Fields of an entry the court owns, each a column of its own name; a change to any of them is an `updated` event. */
const COURT_FIELDS = ENTRY_PUSH_FIELDS.filter(
  (f): f is CourtField => !(NOT_COURT_FIELDS as readonly string[]).includes(f),
);

/** The court's fields as stored: every one present, an empty one as null. */
type CourtColumns = {
  [K in CourtField]-?: undefined extends EntryInput[K] ? Exclude<EntryInput[K], undefined> | null : EntryInput[K];
};

export function entryRow(input: EntryInput): Omit<NewEntry, 'revokedAt' | 'status'> {
  // Every court field is written, an absent one as null, so a new version clears what the court left out.
  const court = Object.fromEntries(COURT_FIELDS.map((f) => [f, input[f] ?? null])) as CourtColumns;
  return {
    ...court,
    uid: input.uid,
    otherIds: input.otherIds ?? [],
    disclosure: input.disclosure ?? 'public',
    sourceUpdatedAt: input.updatedAt ?? null,
    demo: input.demo ?? false,
    ...searchFieldsFor(input),
  };
}

/** A stable string for comparison: dates as ISO, object keys sorted (jsonb reorders keys). */
function comparable(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function changedFields(current: Entry, next: ReturnType<typeof entryRow>): string[] {
  return COURT_FIELDS.filter((f) => comparable(current[f]) !== comparable(next[f]));
}

/** Queues the index update for these entries in the caller's transaction (design rule 3). */
async function enqueueSearchSync(tx: Transaction, uids: string[]) {
  // One JSON parameter rather than one per row: a 1,000-item batch builds no 1,000-placeholder statement.
  if (uids.length > 0) {
    await tx.execute(
      sql`INSERT INTO ${searchOutbox} (entry_uid) SELECT value FROM
        json_array_elements_text(${JSON.stringify(uids)}::json)`,
    );
  }
}

/**
 * Appends events (design rule 9), returning their ids in order; those of FEED_KINDS are the departments' change feed.
 */
async function appendEvents(tx: Transaction, events: (typeof entryEvents.$inferInsert)[]): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = events.map((e) => ({
    entry_uid: e.entryUid,
    kind: e.kind,
    actor: e.actor,
    reason: e.reason ?? null,
    details: e.details ?? null,
    at: e.at instanceof Date ? e.at.toISOString() : null,
  }));
  // As JSON, in the given order (ids follow it); `at` defaults to the transaction's now().
  const written = await tx.execute<{ id: string }>(sql`
    INSERT INTO ${entryEvents} (entry_uid, kind, actor, reason, details, at)
    SELECT entry_uid, kind, actor, reason, details, COALESCE(at, now())
    FROM json_populate_recordset(NULL::entry_events, ${JSON.stringify(rows)}::json) WITH ORDINALITY AS r
    ORDER BY ordinality
    RETURNING id`);
  return written.map((r) => Number(r.id));
}

export class MinorNotListableError extends AppError {
  readonly code = 'minor_not_listable';
}

/** Minors are never listed (design rule 5): judged by the stated age and by the ID's birth date. */
function isMinor(input: EntryInput): boolean {
  if (input.subjectType !== 'person') return false;
  const ageFromId = input.idNumber ? ageAt(input.idNumber, input.publishedAt) : null;
  return (input.age != null && input.age < 18) || (ageFromId != null && ageFromId < 18);
}

function assertListable(input: EntryInput) {
  if (isMinor(input)) throw new MinorNotListableError(`entry ${input.uid}: a person under 18 is never listed`);
}

export type SaveResult = { uid: string; outcome: 'created' | 'updated' | 'unchanged'; changed: string[] };

/** Why a push may not replace the stored version of its entry (the codes of the 409 answers). */
export type VersionRefusal = 'stale_version' | 'version_conflict' | 'version_required';

export class VersionRefusedError extends AppError {
  constructor(
    readonly code: VersionRefusal,
    uid: string,
  ) {
    super(`entry ${uid}: ${code}`);
  }
}

/**
 * The court's 更新时间 (updatedAt) orders the versions of one entry. A push is refused when
 * it cannot be shown to be the stored version or a newer one: an older time, the same time
 * with other content (one version names one content), or no time onto a stored timed version.
 */
function versionRefusal(current: Entry, input: EntryInput, changed: string[]): VersionRefusal | null {
  const stored = current.sourceUpdatedAt?.getTime();
  const pushed = input.updatedAt?.getTime();
  if (stored === undefined) return null;
  if (pushed === undefined) return 'version_required';
  if (pushed < stored) return 'stale_version';
  if (pushed === stored && changed.length > 0) return 'version_conflict';
  return null;
}

/**
 * Applies a push to the stored row, which the caller has locked FOR UPDATE: concurrent
 * pushes of one entry are compared one after another, so the newest version wins whatever
 * the arrival order. Throws VersionRefusedError before writing anything. A newer version
 * with the same content only records its time (no event: nothing the court owns changed).
 */
async function updateStored(tx: Transaction, current: Entry, input: EntryInput): Promise<SaveResult> {
  const row = entryRow(input);
  const changed = changedFields(current, row);
  const refusal = versionRefusal(current, input, changed);
  if (refusal) throw new VersionRefusedError(refusal, input.uid);
  if (changed.length) {
    await tx
      .update(entries)
      .set({ ...row, updatedAt: sql`now()` })
      .where(eq(entries.uid, input.uid));
  } else if (row.sourceUpdatedAt && row.sourceUpdatedAt.getTime() !== current.sourceUpdatedAt?.getTime()) {
    await tx.update(entries).set({ sourceUpdatedAt: row.sourceUpdatedAt }).where(eq(entries.uid, input.uid));
  }
  return { uid: input.uid, outcome: changed.length ? 'updated' : 'unchanged', changed };
}

/**
 * Creates or updates one entry with its event, in one transaction. Saving the same data
 * twice changes nothing and records no second event. A push its updatedAt shows to be no
 * newer than the stored version changes nothing either: VersionRefusedError.
 */
export async function saveEntry(input: EntryInput, actor: string, tx?: Transaction): Promise<SaveResult> {
  assertListable(input);
  const run = async (t: Transaction): Promise<SaveResult> => {
    const lock = () => t.select().from(entries).where(eq(entries.uid, input.uid)).for('update');
    let result: SaveResult | undefined;
    let [current] = await lock();
    if (!current) {
      // A concurrent push may create the entry first (ON CONFLICT): then this one is compared with it.
      [current] = await t.insert(entries).values(entryRow(input)).onConflictDoNothing().returning();
      if (current) {
        await appendEvents(t, [{ entryUid: input.uid, kind: 'listed', actor }]);
        await expireSaved(t, [input.uid], 'listed');
        await enqueueSearchSync(t, [input.uid]);
        result = { uid: input.uid, outcome: 'created', changed: [] };
      } else {
        [current] = await lock();
      }
    }
    if (!current) throw new Error(`entry ${input.uid} vanished while saving`); // entries are never deleted
    if (!result) {
      result = await updateStored(t, current, input);
      if (result.changed.length) {
        await appendEvents(t, [{ entryUid: input.uid, kind: 'updated', actor, details: { changed: result.changed } }]);
        await expireSaved(t, [input.uid], 'updated');
        await enqueueSearchSync(t, [input.uid]);
      }
    }
    // A push that carries 撤销时间 is a revocation; an entry already removed keeps its own time.
    if (input.revokedAt && current.status === 'active') {
      await applyRemoval(t, current, 'revoke', { reason: '法院推送撤销时间', actor, at: input.revokedAt });
      revoked = true;
    }
    return result;
  };
  let revoked = false;
  if (tx) return run(tx); // the caller commits, and then owns the index attempt
  const result = await getDb().transaction(run);
  if (revoked) await entriesCommitted([input.uid]);
  return result;
}

export type BatchOutcome = SaveResult | MinorNotListableError | VersionRefusedError;

/** Column names of the rows entryRow builds, for the JSON bulk insert below. */
const ENTRY_COLUMNS = Object.entries(getTableColumns(entries)).map(([key, column]) => ({ key, name: column.name }));

/**
 * Saves a court batch: the same outcome per item as calling saveEntry for each in order,
 * with far fewer round trips — one transaction locks the existing rows, inserts the new
 * ones in one statement (rows as JSON), updates the changed ones, and writes all events and
 * outbox rows in one statement each. Items whose uid repeats in the batch, or that carry
 * 撤销时间, and any the bulk step could not take (a concurrent insert of the same uid) go
 * through saveEntry one by one afterwards; different uids never interact, so the result
 * equals sequential processing.
 */
export async function saveEntries(inputs: EntryInput[], actor: string): Promise<BatchOutcome[]> {
  const out: BatchOutcome[] = new Array(inputs.length);
  const uses = new Map<string, number>();
  for (const e of inputs) uses.set(e.uid, (uses.get(e.uid) ?? 0) + (e.revokedAt ? 2 : 1));
  const bulk: number[] = [];
  const oneByOne: number[] = [];
  inputs.forEach((e, i) => {
    if (isMinor(e)) out[i] = new MinorNotListableError(`entry ${e.uid}: a person under 18 is never listed`);
    else (uses.get(e.uid)! > 1 ? oneByOne : bulk).push(i);
  });

  if (bulk.length > 0) {
    const staged = await getDb().transaction(async (tx) => {
      const current = await tx
        .select()
        .from(entries)
        .where(
          inArray(
            entries.uid,
            bulk.map((i) => inputs[i]!.uid),
          ),
        )
        .orderBy(entries.uid)
        .for('update');
      const byUid = new Map(current.map((r) => [r.uid, r]));
      const results = new Map<number, SaveResult | VersionRefusedError>();
      const fresh: number[] = [];
      const touched: { uid: string; event: typeof entryEvents.$inferInsert }[] = [];
      for (const i of bulk) {
        const input = inputs[i]!;
        const existing = byUid.get(input.uid);
        if (!existing) {
          fresh.push(i);
          continue;
        }
        try {
          const result = await updateStored(tx, existing, input);
          results.set(i, result);
          const { changed } = result;
          if (changed.length)
            touched.push({
              uid: input.uid,
              event: { entryUid: input.uid, kind: 'updated', actor, details: { changed } },
            });
        } catch (err) {
          if (!(err instanceof VersionRefusedError)) throw err;
          results.set(i, err); // rejected on its own; the other items are saved
        }
      }
      const rows = fresh.map((i) => entryRow(inputs[i]!) as Record<string, unknown>);
      const columns = ENTRY_COLUMNS.filter((c) => rows[0] && c.key in rows[0]);
      const inserted = new Set<string>();
      if (rows.length > 0) {
        const json = JSON.stringify(
          rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, r[c.key] ?? null]))),
        );
        const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
        const res = await tx.execute<{ uid: string }>(sql`
          INSERT INTO entries (${names})
          SELECT ${names} FROM json_populate_recordset(NULL::entries, ${json}::json)
          ON CONFLICT (uid) DO NOTHING RETURNING uid`);
        for (const r of res) inserted.add(r.uid);
      }
      const raced: number[] = [];
      for (const i of fresh) {
        const uid = inputs[i]!.uid;
        if (!inserted.has(uid)) {
          raced.push(i); // another request inserted it meanwhile: saveEntry decides below
          continue;
        }
        results.set(i, { uid, outcome: 'created', changed: [] });
        touched.push({ uid, event: { entryUid: uid, kind: 'listed', actor } });
      }
      // Events and outbox rows in batch order.
      const position = new Map(bulk.map((i, k) => [inputs[i]!.uid, k]));
      touched.sort((a, b) => position.get(a.uid)! - position.get(b.uid)!);
      if (touched.length > 0) {
        await appendEvents(
          tx,
          touched.map((t) => t.event),
        );
        for (const how of ['listed', 'updated'] as const) {
          await expireSaved(
            tx,
            touched.filter((t) => t.event.kind === how).map((t) => t.uid),
            how,
          );
        }
        await enqueueSearchSync(
          tx,
          touched.map((t) => t.uid),
        );
      }
      return { results, raced };
    });
    for (const [i, result] of staged.results) out[i] = result;
    oneByOne.push(...staged.raced);
  }

  for (const i of oneByOne.sort((a, b) => a - b)) {
    try {
      out[i] = await saveEntry(inputs[i]!, actor);
    } catch (err) {
      if (!(err instanceof MinorNotListableError || err instanceof VersionRefusedError)) throw err;
      out[i] = err;
    }
  }
  return out;
}

export class EntryNotFoundError extends AppError {
  readonly code = 'entry_not_found';
}
export class EntryNotActiveError extends AppError {
  readonly code = 'entry_not_active';
}

export class RemovalBeforeListingError extends AppError {
  readonly code = 'removal_before_listing';
}

/** A court clerk acting on another court's entry (entries are named by their 执行法院). */
export class OutsideCourtError extends AppError {
  readonly code = 'outside_court';
  constructor(readonly court: string) {
    super(`只能处理本院（${court}）的失信信息`);
  }
  override deniesAccess() {
    return true;
  }
}

/**
 * `court`: the staff member's court scope (courtScope in lib/auth/staff-identity.ts); the entry must be that court's.
 * Absent for the court's API and the credit office.
 */
function checkCourt(current: Entry, court: string | null | undefined) {
  if (court && current.court !== court) throw new OutsideCourtError(court);
}

export type Removal = { reason: string; actor: string; at?: Date; court?: string | null };

async function applyRemoval(
  tx: Transaction,
  current: Entry,
  kind: RemovalKind,
  { reason, actor, at }: Removal,
): Promise<Entry> {
  const when = at ?? new Date();
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
    .where(and(eq(entries.uid, current.uid), eq(entries.status, 'active')))
    .returning();
  const [eventId] = await appendEvents(tx, [{ entryUid: current.uid, kind: status, actor, reason, at: when }]);
  // domain/entries/lifting.ts: the units that reported a measure
  await openRemovalLiftingTasks(tx, current.uid, eventId!);
  await enqueueSearchSync(tx, [current.uid]);
  return updated!;
}

/**
 * Locks the entry and checks it may be removed as asked: it exists, is of the staff member's
 * court, is active, and the removal is not dated before its publication. Throws otherwise.
 */
export async function lockRemovable(
  t: Transaction,
  uid: string,
  removal: Pick<Removal, 'at' | 'court'>,
): Promise<Entry> {
  const [current] = await t.select().from(entries).where(eq(entries.uid, uid)).for('update');
  if (!current) throw new EntryNotFoundError(`entry ${uid} does not exist`);
  checkCourt(current, removal.court);
  if (current.status !== 'active') throw new EntryNotActiveError(`entry ${uid} is already ${current.status}`);
  if (removal.at && removal.at < current.publishedAt)
    throw new RemovalBeforeListingError(`entry ${uid}: removal dated before its publication`);
  return current;
}

async function removeEntry(uid: string, kind: RemovalKind, removal: Removal, tx?: Transaction): Promise<Entry> {
  const run = async (t: Transaction) => applyRemoval(t, await lockRemovable(t, uid, removal), kind, removal);
  if (tx) return run(tx); // the caller commits, and then owns the index attempt (entriesCommitted)
  const removed = await getDb().transaction(run);
  // Committed: the entry is hidden. Now try the index delete at once (the outbox retries it).
  await entriesCommitted([uid]);
  return removed;
}

/**
 * Revokes (撤销) an entry. When this resolves the change is committed, and every public
 * read filters through db/visibility.ts, so the entry is no longer public anywhere. With
 * `tx` it joins the caller's transaction (a court decision on a correction request).
 */
export function revokeEntry(uid: string, removal: Removal, tx?: Transaction) {
  return removeEntry(uid, 'revoke', removal, tx);
}

/** Shields (屏蔽) an entry; same guarantees as revokeEntry. */
export function shieldEntry(uid: string, removal: Removal, tx?: Transaction) {
  return removeEntry(uid, 'shield', removal, tx);
}

export async function entryHistory(uid: string) {
  return getDb().select().from(entryEvents).where(eq(entryEvents.entryUid, uid)).orderBy(entryEvents.id);
}

export class RemovalGroundDateError extends AppError {
  readonly code = 'removal_ground_date';
}

/** A removal ground other than the one recorded, for an entry whose clock already runs (refused when asked). */
export class RemovalGroundConflictError extends AppError {
  readonly code = 'removal_ground_conflict';
  constructor(
    message: string,
    readonly recorded: { ground: string; on: string },
  ) {
    super(message);
  }
}

export type RemovalGroundFact = { ground: string; on: string; note?: string; actor: string; court?: string | null };

/**
 * Starts the removal clock (seed 二(四)): records the fact that obliges the court to remove
 * an active entry (e.g. 全部履行) and the day it happened. The entry stays public until it
 * is revoked or shielded; from the day after the deadline it shows as overdue. The one
 * implementation behind the clerk's screen and the court's API.
 *
 * The same ground and day again changes nothing (`unchanged`: no event). Another ground or day while the clock
 * runs: `onConflict: 'replace'` (the clerk's screen, which corrects a ground recorded in error) records it and the
 * clock restarts from its day; `'refuse'` (the court's API) throws RemovalGroundConflictError and changes nothing.
 */
export async function recordRemovalGround(
  uid: string,
  fact: RemovalGroundFact,
  opts: { onConflict?: 'replace' | 'refuse' } = {},
): Promise<{ entry: Entry; outcome: 'recorded' | 'unchanged' }> {
  return getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(entries).where(eq(entries.uid, uid)).for('update');
    if (!current) throw new EntryNotFoundError(`entry ${uid} does not exist`);
    checkCourt(current, fact.court);
    if (current.status !== 'active') throw new EntryNotActiveError(`entry ${uid} is already ${current.status}`);
    if (current.removalGround === fact.ground && current.removalGroundOn === fact.on) {
      return { entry: current, outcome: 'unchanged' as const };
    }
    if (fact.on < current.filedAt)
      throw new RemovalGroundDateError(`entry ${uid}: removal ground dated before the case was filed`);
    if (current.removalGroundOn && (opts.onConflict ?? 'replace') === 'refuse') {
      throw new RemovalGroundConflictError(`entry ${uid}: another removal ground is recorded`, {
        ground: current.removalGround ?? '',
        on: current.removalGroundOn,
      });
    }
    const [updated] = await tx
      .update(entries)
      .set({ removalGround: fact.ground, removalGroundOn: fact.on, updatedAt: sql`now()` })
      .where(eq(entries.uid, uid))
      .returning();
    const details = { on: fact.on, ...(fact.note ? { note: fact.note } : {}) };
    await appendEvents(tx, [{ entryUid: uid, kind: 'removal_due', actor: fact.actor, reason: fact.ground, details }]);
    return { entry: updated!, outcome: 'recorded' as const };
  });
}

/**
 * Writes the `expired` event (and opens the lifting tasks) for the entries `which` selects
 * whose validity has ended by `now` and has no such event yet: departments read it in the
 * feed (visibility itself already follows from now()). One event per entry and validity end.
 */
async function expireDue(tx: Transaction, which: SQL, now: Date, limit: number, opts: { liftingTasks: boolean }) {
  // Set-based: the events, then (when asked) the lifting tasks of the units that reported a measure, in one statement.
  return tx.execute<{ uid: string; valid_until: string }>(sql`
    WITH due AS (
      SELECT uid, valid_until FROM ${entries} e
      WHERE ${which} AND status = 'active' AND valid_until <= ${now.toISOString()}::timestamptz
        AND NOT EXISTS (SELECT 1 FROM ${entryEvents} ev WHERE ev.entry_uid = e.uid AND ev.kind = 'expired'
                        AND ev.details->>'validUntil' = e.valid_until::text)
      ORDER BY valid_until, uid
      LIMIT ${limit}
    ), events AS (
      INSERT INTO ${entryEvents} (entry_uid, kind, actor, reason, details)
      SELECT uid, 'expired', 'system:validity', '有效期届满', jsonb_build_object('validUntil', valid_until::text)
      FROM due ORDER BY valid_until, uid
      RETURNING id, entry_uid, details->>'validUntil' AS valid_until
    ), tasks AS (
      ${liftingTasksForRemovals(sql`(SELECT id, entry_uid FROM events WHERE ${opts.liftingTasks})`)}
    )
    SELECT entry_uid AS uid, valid_until FROM events ORDER BY valid_until, entry_uid`);
}

/**
 * Entries saved with a validity that has already ended expire in the same transaction. One
 * listed that way was never in force, so no unit has measures to lift; one updated that way was.
 */
async function expireSaved(tx: Transaction, uids: string[], how: 'listed' | 'updated') {
  if (uids.length === 0) return;
  const which = sql`e.uid IN (SELECT value FROM json_array_elements_text(${JSON.stringify(uids)}::json))`;
  await expireDue(tx, which, new Date(), uids.length, { liftingTasks: how === 'updated' });
}

const SWEEP_PAGE = 1000;

/**
 * Records the expiries that the passage of time brought since the last sweep (run by the
 * expiry job, domain/entries/expiry-job.ts, every second). Returns how many expired.
 */
export async function recordExpiries(now: Date = new Date()): Promise<number> {
  return getDb().transaction(async (tx) => {
    await tx.execute(
      sql`INSERT INTO ${expirySweep} (id, swept_until) VALUES (1, '-infinity') ON CONFLICT (id) DO NOTHING`,
    );
    const [{ swept_until: from } = { swept_until: '-infinity' }] = await tx.execute<{ swept_until: string }>(
      sql`SELECT swept_until::text FROM ${expirySweep} WHERE id = 1 FOR UPDATE`,
    );
    const due = await expireDue(tx, sql`e.valid_until > ${from}::timestamptz`, now, SWEEP_PAGE, { liftingTasks: true });
    // A full page may have left entries with the same end: resume just before the last one (the guard skips repeats).
    const full = due.length === SWEEP_PAGE;
    const until = full ? due[due.length - 1]!.valid_until : now.toISOString();
    await tx.execute(
      sql`UPDATE ${expirySweep} SET swept_until = ${until}::timestamptz - ${full ? '1 microsecond' : '0'}::interval
        WHERE id = 1`,
    );
    return due.length;
  });
}
