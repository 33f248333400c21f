/**
 * The departments' change feed: every listing, update, revocation, shielding and expiry comes
 * out once, in a stable order, from any cursor — also while transactions interleave, and
 * never ahead of a transaction still running.
 */
import { inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { recordExpiries, revokeEntry, saveEntries, saveEntry, shieldEntry } from '@/domain/entries/entries';
import { decodeCursor, encodeCursor, readFeed, type FeedCursor, type FeedEvent } from '@/db/feed';
import { entries } from '@/db/schema';
import { ACTOR, DAY, makeOrganization, makePerson } from './factory';

/** Reads the whole feed from `after`, page by page; returns the events of these entries (and the end cursor). */
async function drain(uids: Set<string>, after: FeedCursor | null = null, limit = 7) {
  const seen: FeedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await readFeed(cursor, limit);
    if (page.length === 0) return { events: seen, cursor };
    seen.push(...page.filter((e) => uids.has(e.entry.uid)));
    cursor = page.at(-1)!.cursor;
  }
}

const key = (e: FeedEvent) => `${e.entry.uid}:${e.kind}:${e.eventId}`;

describe('change feed', () => {
  it('has every kind of change once, in order, and replays identically from any cursor', async () => {
    const start = (await drain(new Set())).cursor;
    const a = makePerson();
    const b = makeOrganization();
    const c = makePerson({ disclosure: 'restricted' });
    const d = makePerson({ publishedAt: new Date(Date.now() - 400 * DAY), validUntil: new Date(Date.now() - DAY) });
    await saveEntries([a, b, c, d], ACTOR);
    await saveEntry({ ...a, duty: `${a.duty}（补正）` }, ACTOR);
    await saveEntry({ ...a, duty: `${a.duty}（补正）` }, ACTOR); // unchanged: no event
    await revokeEntry(a.uid, { reason: '全部履行', actor: ACTOR });
    await shieldEntry(c.uid, { reason: '其他：依法屏蔽', actor: ACTOR });
    await recordExpiries(); // nothing more: one event per entry and validity end

    const uids = new Set([a.uid, b.uid, c.uid, d.uid]);
    const { events } = await drain(uids, start);
    expect(events.map((e) => `${e.entry.uid}:${e.kind}`)).toEqual([
      `${a.uid}:listed`,
      `${b.uid}:listed`,
      `${c.uid}:listed`,
      `${d.uid}:listed`,
      `${d.uid}:expired`, // saved with its validity already over: expired in the same transaction
      `${a.uid}:updated`,
      `${a.uid}:revoked`,
      `${c.uid}:shielded`,
    ]);
    // departments see restricted entries
    expect(events.find((e) => e.entry.uid === c.uid)!.entry.disclosure).toBe('restricted');

    // From every cursor in between, the rest comes out the same.
    for (let i = 0; i < events.length; i++) {
      const rest = await drain(uids, events[i]!.cursor, 3);
      expect(rest.events.map(key)).toEqual(events.slice(i + 1).map(key));
    }
    expect(decodeCursor(encodeCursor(events[0]!.cursor))).toEqual(events[0]!.cursor);
    expect(decodeCursor('not a cursor')).toBeNull();
  });

  it('holds back events behind a transaction still running, then delivers them in order', async () => {
    const start = (await drain(new Set())).cursor;
    const slow = makePerson();
    const fast = makePerson();
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const begun = new Promise<void>((r) => (started = r));
      // An older transaction is open…
      const slowTx = other.begin(async (tx) => {
        await tx`SELECT pg_current_xact_id()`; // takes a transaction id, as a first write does
        started();
        await held;
      });
      await begun;
      // …while a younger one commits its event.
      await saveEntry(fast, ACTOR);
      const ahead = await drain(new Set([fast.uid]), start);
      expect(ahead.events).toHaveLength(0); // not before the older transaction ends
      release();
      await slowTx;
      await saveEntry(slow, ACTOR);
      const after = await drain(new Set([fast.uid, slow.uid]), start);
      expect(after.events.map((e) => e.entry.uid)).toEqual([fast.uid, slow.uid]);
    } finally {
      await other.end({ timeout: 5 });
    }
  });

  it('under concurrent writers a polling consumer sees each event exactly once, as a replay does', async () => {
    const start = (await drain(new Set())).cursor;
    const batches = Array.from({ length: 6 }, () => Array.from({ length: 20 }, () => makePerson()));
    const uids = new Set(batches.flat().map((e) => e.uid));
    const consumed: FeedEvent[] = [];
    let cursor = start;
    let writing = true;
    const consumer = (async () => {
      while (writing || (await readFeed(cursor, 50)).length > 0) {
        const page = await readFeed(cursor, 50);
        if (page.length > 0) {
          consumed.push(...page.filter((e) => uids.has(e.entry.uid)));
          cursor = page.at(-1)!.cursor;
        } else await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await Promise.all(
      batches.map(async (batch, i) => {
        await saveEntries(batch, ACTOR);
        await Promise.all(
          batch
            .slice(0, 5)
            .map((e) => (i % 2 ? revokeEntry : shieldEntry)(e.uid, { reason: '其他：测试', actor: ACTOR })),
        );
      }),
    );
    writing = false;
    await consumer;
    const replay = await drain(uids, start, 13);
    expect(consumed.map(key)).toEqual(replay.events.map(key));
    expect(new Set(consumed.map(key)).size).toBe(consumed.length);
    expect(consumed).toHaveLength(120 + 30);
    // Per entry, listing comes before removal.
    for (const uid of uids) {
      const kinds = consumed.filter((e) => e.entry.uid === uid).map((e) => e.kind);
      expect(kinds[0]).toBe('listed');
    }
    expect(await getDb().$count(entries, inArray(entries.uid, [...uids]))).toBe(120);
  });
});

describe('expiry', () => {
  it('the sweep records an entry whose validity runs out after it was saved, once', async () => {
    const start = (await drain(new Set())).cursor;
    const soon = makePerson({ publishedAt: new Date(Date.now() - 400 * DAY), validUntil: new Date(Date.now() + 1500) });
    await saveEntry(soon, ACTOR);
    await new Promise((r) => setTimeout(r, 1600));
    await recordExpiries();
    await recordExpiries();
    const { events } = await drain(new Set([soon.uid]), start);
    expect(events.map((e) => e.kind)).toEqual(['listed', 'expired']);
  });
});
