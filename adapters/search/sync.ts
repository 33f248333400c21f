/**
 * The search sync worker: drains the outbox (db/schema.ts searchOutbox) into the external
 * index, at least once and idempotently. For each batch it locks outbox rows, reads the
 * entries' CURRENT state from Postgres (so order and duplicates do not matter), upserts the
 * public ones and removes the rest, waits for the index to apply both, and only then deletes
 * the rows — all in one transaction. A crash at any point leaves the rows for the next run;
 * a failure keeps them with a backed-off `next_attempt_at`. No row is dropped unsynced.
 * Any number of drainers may run (every app instance has a worker, and syncs its removals at
 * once): an entry is written by one of them at a time (a transaction-scoped advisory lock), so an
 * older state never reaches the index after a newer one.
 */
import 'server-only';
import { and, asc, inArray, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { entries, searchOutbox, searchSweep } from '@/db/schema';
import { isPublic } from '@/db/visibility';
import { firstLine, startPollingLoop, type PollingLoop } from '@/lib/polling';
import type { SearchIndexWriter } from '@/adapters/search/types';

const MAX_BACKOFF_SECONDS = 600;
/** The first key of the advisory locks a drainer holds on the entries it is writing to the index. */
const ENTRY_LOCK_SPACE = 0x5ea7c4;

/** 2, 4, 8 … seconds, at most ten minutes, with jitter so failing rows do not retry in step. */
export function backoffSeconds(attempts: number): number {
  const base = Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.min(attempts, 20));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** An error message fit for a log: database errors quote parameters, so keep only the first line, shortened. */

export type DrainResult = { synced: number; failed: number };

/** Drains one batch; `onlyUids` restricts it to those entries (used right after a revocation). */
export async function drainOutboxBatch(
  writer: SearchIndexWriter,
  opts: { batchSize?: number; onlyUids?: string[] } = {},
): Promise<DrainResult> {
  const batchSize = opts.batchSize ?? 500;
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .select({ id: searchOutbox.id, entryUid: searchOutbox.entryUid, attempts: searchOutbox.attempts })
      .from(searchOutbox)
      .where(
        and(
          lte(searchOutbox.nextAttemptAt, sql`now()`),
          opts.onlyUids ? inArray(searchOutbox.entryUid, opts.onlyUids) : undefined,
        ),
      )
      .orderBy(asc(searchOutbox.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return { synced: 0, failed: 0 };

    // One drainer per entry at a time, whichever process it runs in: another one may still be writing a state it read
    // before this row's change committed, and that older write must not land after this one. Rows of entries held
    // elsewhere stay queued for a later round.
    const held = await tx.execute<{ uid: string }>(sql`
      SELECT uid FROM unnest(ARRAY[${sql.join(
        [...new Set(rows.map((r) => r.entryUid))].map((uid) => sql`${uid}`),
        sql`, `,
      )}]::text[]) AS uid
      WHERE pg_try_advisory_xact_lock(${ENTRY_LOCK_SPACE}::int, hashtext(uid))`);
    const mine = new Set(held.map((h) => h.uid));
    const taken = rows.filter((r) => mine.has(r.entryUid));
    if (taken.length === 0) return { synced: 0, failed: 0 };

    const uids = [...mine];
    const ids = taken.map((r) => r.id);
    try {
      const visible = await tx
        .select()
        .from(entries)
        .where(and(inArray(entries.uid, uids), isPublic()));
      const visibleUids = new Set(visible.map((e) => e.uid));
      const gone = uids.filter((uid) => !visibleUids.has(uid));
      // Removals first: a revocation must leave the index before anything else is done.
      if (gone.length > 0) await writer.remove(gone);
      if (visible.length > 0) await writer.upsert(visible);
      await tx.delete(searchOutbox).where(inArray(searchOutbox.id, ids));
      return { synced: taken.length, failed: 0 };
    } catch (err) {
      const attempts = Math.max(...taken.map((r) => r.attempts)) + 1;
      await tx
        .update(searchOutbox)
        .set({
          attempts: sql`${searchOutbox.attempts} + 1`,
          nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(attempts)})`,
          lastError: `${writer.name}: ${firstLine(err)}`,
        })
        .where(inArray(searchOutbox.id, ids));
      return { synced: 0, failed: taken.length };
    }
  });
}

/** Drains until the outbox has nothing due, or a batch fails. */
export async function drainOutbox(
  writer: SearchIndexWriter,
  opts: { batchSize?: number; onlyUids?: string[] } = {},
): Promise<DrainResult> {
  const total = { synced: 0, failed: 0 };
  for (;;) {
    const batch = await drainOutboxBatch(writer, opts);
    total.synced += batch.synced;
    total.failed += batch.failed;
    if (batch.synced === 0) return total;
  }
}

/**
 * Queues entries whose visibility changed with time alone since the last sweep: published_at
 * reached (now public) or valid_until passed (expired). Visibility itself never waits for
 * this — `now()` in the rule decides at read time; the sweep only tidies the index.
 */
export async function sweepTimedVisibility(): Promise<number> {
  return getDb().transaction(async (tx) => {
    const [state] = await tx.select().from(searchSweep).for('update');
    if (!state) {
      // First run: everything before now is the reindex's business.
      await tx
        .insert(searchSweep)
        .values({ id: 1, sweptUntil: sql`now()` })
        .onConflictDoNothing();
      return 0;
    }
    const since = state.sweptUntil.toISOString();
    const queued = await tx.execute(sql`
      INSERT INTO search_outbox (entry_uid)
      SELECT uid FROM entries
      WHERE (valid_until > ${since}::timestamptz AND valid_until <= now())
         OR (published_at > ${since}::timestamptz AND published_at <= now())`);
    await tx.update(searchSweep).set({ sweptUntil: sql`now()` });
    return queued.count;
  });
}

export type OutboxState = { backlog: number; failing: number; oldestSeconds: number | null };

export async function outboxState(): Promise<OutboxState> {
  const [row] = await getDb().execute<{ backlog: number; failing: number; oldest: number | null }>(sql`
    SELECT count(*)::int AS backlog,
           count(*) FILTER (WHERE attempts > 0)::int AS failing,
           extract(epoch FROM now() - min(enqueued_at))::float AS oldest
    FROM search_outbox`);
  return {
    backlog: Number(row?.backlog ?? 0),
    failing: Number(row?.failing ?? 0),
    oldestSeconds: row?.oldest == null ? null : Math.round(Number(row.oldest)),
  };
}

/**
 * Runs sweep + drain every `intervalMs` until stopped. `wake()` runs a round at once
 * (after a revocation). Errors are logged (first line only) and retried next round.
 */
export function startSyncWorker(
  writer: SearchIndexWriter,
  opts: { intervalMs?: number; log?: (line: string) => void } = {},
): PollingLoop {
  const log = opts.log ?? ((line: string) => console.warn(line));
  return startPollingLoop(
    async () => {
      await sweepTimedVisibility();
      const { failed } = await drainOutbox(writer);
      if (failed > 0) log(`search sync: ${failed} outbox rows failed; will retry with backoff`);
    },
    { intervalMs: opts.intervalMs ?? 1000, label: 'search sync', log },
  );
}
