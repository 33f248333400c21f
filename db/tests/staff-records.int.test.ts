/**
 * What the court-exchange issue records for later: the change feed for the receiving
 * departments — an event with its transaction id for every listing, change and removal
 * (none for an unchanged replay; the removal clock's event is not in it) — and the removal
 * clock itself (ground recorded → overdue after 3 days).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  EntryNotActiveError,
  EntryNotFoundError,
  recordRemovalGround,
  RemovalGroundDateError,
  revokeEntry,
  saveEntries,
  saveEntry,
  shieldEntry,
} from '@/domain/entries/entries';
import { entries, entryEvents } from '@/db/schema';
import { findEntriesForStaff, removalClock } from '@/db/staff-queries';
import { dueDay, todayInChina } from '@/lib/clocks';
import { ACTOR, DAY, makePerson } from './factory';
import { FEED_KINDS } from '@/lib/entry-input';

/** The change feed of these entries: their events of FEED_KINDS in id order. */
async function feedOf(uids: string[]) {
  return getDb()
    .select()
    .from(entryEvents)
    .where(and(inArray(entryEvents.entryUid, uids), inArray(entryEvents.kind, [...FEED_KINDS])))
    .orderBy(entryEvents.id);
}

function daysAgo(n: number): string {
  return new Date(Date.parse(`${todayInChina()}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);
}

describe('change feed', () => {
  it('has one event per listing, change and removal, each with its transaction, and none for a replay', async () => {
    const entry = makePerson();
    await saveEntry(entry, ACTOR);
    await saveEntry(entry, ACTOR); // replay: nothing
    await saveEntry({ ...entry, duty: `${entry.duty}（更正）` }, ACTOR);
    await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
    const feed = await feedOf([entry.uid]);
    expect(feed.map((f) => f.kind)).toEqual(['listed', 'updated', 'revoked']);
    expect(new Set(feed.map((f) => f.txId)).size).toBe(3); // three transactions
  });

  it('a batch save writes its feed in batch order, in one transaction', async () => {
    const a = makePerson();
    const b = makePerson();
    const c = makePerson();
    await saveEntries([a, b, c], ACTOR);
    const feed = await feedOf([a.uid, b.uid, c.uid]);
    expect(feed.map((f) => f.entryUid)).toEqual([a.uid, b.uid, c.uid]);
    expect(new Set(feed.map((f) => f.txId)).size).toBe(1);
  });

  it('shielding a restricted entry is in the feed too (departments receive restricted entries)', async () => {
    const entry = makePerson({ disclosure: 'restricted' });
    await saveEntry(entry, ACTOR);
    await shieldEntry(entry.uid, { reason: '其他：依法屏蔽', actor: ACTOR });
    expect((await feedOf([entry.uid])).map((f) => f.kind)).toEqual(['listed', 'shielded']);
  });
});

describe('removal clock', () => {
  it('records the ground with an event (not a feed row) and flags the entry overdue after 3 days', async () => {
    const late = makePerson({ filedAt: daysAgo(400) });
    const onTime = makePerson({ filedAt: daysAgo(400) });
    await saveEntries([late, onTime], ACTOR);
    await recordRemovalGround(late.uid, { ground: '全部履行', on: daysAgo(4), actor: ACTOR });
    await recordRemovalGround(onTime.uid, { ground: '执行和解履行完毕', on: daysAgo(3), actor: ACTOR });

    const clock = (await removalClock()).filter((r) => [late.uid, onTime.uid].includes(r.uid));
    const byUid = Object.fromEntries(clock.map((r) => [r.uid, r]));
    expect(byUid[late.uid]).toMatchObject({
      overdue: true,
      removalGround: '全部履行',
      dueDay: dueDay(daysAgo(4), 'removalDays'),
    });
    expect(byUid[onTime.uid]).toMatchObject({ overdue: false, dueDay: todayInChina() }); // due today: not yet overdue

    const [event] = await getDb()
      .select()
      .from(entryEvents)
      .where(eq(entryEvents.entryUid, late.uid))
      .orderBy(entryEvents.id)
      .offset(1);
    expect(event).toMatchObject({ kind: 'removal_due', reason: '全部履行', details: { on: daysAgo(4) } });
    expect((await feedOf([late.uid])).map((f) => f.kind)).toEqual(['listed']);

    // Once revoked it leaves the clock.
    await revokeEntry(late.uid, { reason: '全部履行', actor: ACTOR });
    expect((await removalClock()).some((r) => r.uid === late.uid)).toBe(false);
  });

  it('refuses an unknown entry, a removed one and a ground dated before the case was filed', async () => {
    const entry = makePerson({ filedAt: daysAgo(30) });
    await saveEntry(entry, ACTOR);
    await expect(
      recordRemovalGround('no-such-uid', { ground: '全部履行', on: daysAgo(1), actor: ACTOR }),
    ).rejects.toThrow(EntryNotFoundError);
    await expect(recordRemovalGround(entry.uid, { ground: '全部履行', on: daysAgo(31), actor: ACTOR })).rejects.toThrow(
      RemovalGroundDateError,
    );
    const [unchanged] = await getDb().select().from(entries).where(eq(entries.uid, entry.uid));
    expect(unchanged!.removalGroundOn).toBeNull();
    await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
    await expect(recordRemovalGround(entry.uid, { ground: '全部履行', on: daysAgo(1), actor: ACTOR })).rejects.toThrow(
      EntryNotActiveError,
    );
  });
});

describe('staff entry search', () => {
  it('finds revoked and restricted entries by uid, case number (either width) and name', async () => {
    const restricted = makePerson({ disclosure: 'restricted' });
    await saveEntry(restricted, ACTOR);
    await revokeEntry(restricted.uid, { reason: '全部履行', actor: ACTOR });
    const wide = restricted.caseNo.replace('(', '（').replace(')', '）');
    for (const q of [restricted.uid, restricted.caseNo, wide, restricted.name]) {
      expect(
        (await findEntriesForStaff(q)).map((r) => r.uid),
        q,
      ).toContain(restricted.uid);
    }
    expect(await findEntriesForStaff('%')).toEqual([]);
  });
});
