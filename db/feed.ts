/**
 * The change feed for departments (seed 二(七)): the entry events of FEED_KINDS in a stable
 * order — by writing transaction, then event id — delivered only once every transaction
 * older than the oldest one still running has finished (`tx_id < pg_snapshot_xmin`). No
 * event can later appear before a cursor already handed out, so a consumer replaying from
 * any cursor sees every event exactly once, in the same order, however writes interleave.
 */
import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from './client';
import { entries, entryEvents, type Entry } from './schema';
import { FEED_KINDS } from '@/lib/entry-input';

export type FeedCursor = { txId: string; id: number };
export type FeedEvent = {
  cursor: FeedCursor;
  eventId: number;
  kind: (typeof FEED_KINDS)[number];
  at: Date;
  reason: string | null;
  entry: Entry;
};

export const MAX_FEED_LIMIT = 1000;

export function encodeCursor(c: FeedCursor): string {
  return Buffer.from(`${c.txId}.${c.id}`).toString('base64url');
}

/** The cursor a client sent back, or null when it is not one of ours. */
export function decodeCursor(value: string): FeedCursor | null {
  const m = /^(\d{1,20})\.(\d{1,18})$/.exec(Buffer.from(value, 'base64url').toString());
  return m ? { txId: m[1]!, id: Number(m[2]) } : null;
}

export async function readFeed(after: FeedCursor | null, limit: number): Promise<FeedEvent[]> {
  const rows = await getDb()
    .select({ event: entryEvents, entry: entries })
    .from(entryEvents)
    .innerJoin(entries, eq(entries.uid, entryEvents.entryUid))
    .where(
      and(
        inArray(entryEvents.kind, [...FEED_KINDS]),
        sql`${entryEvents.txId} < pg_snapshot_xmin(pg_current_snapshot())`,
        after ? sql`(${entryEvents.txId}, ${entryEvents.id}) > (${after.txId}::xid8, ${after.id}::bigint)` : undefined,
      ),
    )
    .orderBy(asc(entryEvents.txId), asc(entryEvents.id))
    .limit(Math.min(Math.max(limit, 1), MAX_FEED_LIMIT));
  return rows.map(({ event, entry }) => ({
    cursor: { txId: event.txId, id: event.id },
    eventId: event.id,
    kind: event.kind as FeedEvent['kind'],
    at: event.at,
    reason: event.reason,
    entry,
  }));
}

/** The last event the feed can hand out now: a new consumer starting here misses nothing later (see readFeed). */
export async function feedHead(): Promise<FeedCursor> {
  const [row] = await getDb()
    .select({ txId: entryEvents.txId, id: entryEvents.id })
    .from(entryEvents)
    .where(
      and(
        inArray(entryEvents.kind, [...FEED_KINDS]),
        sql`${entryEvents.txId} < pg_snapshot_xmin(pg_current_snapshot())`,
      ),
    )
    .orderBy(desc(entryEvents.txId), desc(entryEvents.id))
    .limit(1);
  return row ?? { txId: '0', id: 0 };
}
