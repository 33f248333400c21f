/**
 * Writes to entries: saveEntry's idempotency and `updated` events, revocation and
 * shielding with their events, the append-only history (design rule 9) and the public
 * removal notices.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  EntryNotActiveError,
  EntryNotFoundError,
  MinorNotListableError,
  entryHistory,
  revokeEntry,
  saveEntries,
  saveEntry,
  shieldEntry,
  VersionRefusedError,
} from '@/domain/entries/entries';
import { getPublicEntry, noticeCourts, removalNotices } from '@/domain/publishing/queries';
import { entries, entryEvents } from '@/db/schema';
import { ACTOR, DAY, entryState, makeOrganization, makePerson, residentId, uniqueUid } from './factory';

async function entryRowOf(uid: string) {
  const [row] = await getDb().select().from(entries).where(eq(entries.uid, uid));
  return row;
}

async function countAll() {
  const [e] = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM entries`);
  const [ev] = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM entry_events`);
  return { entries: Number(e?.n), events: Number(ev?.n) };
}

/** The error text including drizzle's wrapped cause (the Postgres message). */
function fullMessage(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    parts.push(String(e.message ?? e));
  return parts.join(' | ');
}

/** Runs `fn` in a transaction that is always rolled back; returns the error `fn` threw, if any. */
async function errorInRolledBackTx(
  fn: (tx: Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0]) => Promise<unknown>,
) {
  const ROLLBACK = new Error('rollback');
  let caught: unknown;
  await getDb()
    .transaction(async (tx) => {
      try {
        await fn(tx);
      } catch (err) {
        caught = err;
      }
      throw ROLLBACK;
    })
    .catch((err) => {
      if (err !== ROLLBACK) throw err;
    });
  return caught;
}

describe('saveEntry', () => {
  it('creates an entry with one `listed` event by the actor', async () => {
    const input = makePerson({ uid: uniqueUid('ent-create') });
    const result = await saveEntry(input, 'court:push');
    expect(result).toEqual({ uid: input.uid, outcome: 'created', changed: [] });
    const history = await entryHistory(input.uid);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ entryUid: input.uid, kind: 'listed', actor: 'court:push' });
    const row = await entryRowOf(input.uid);
    expect(row).toMatchObject({ status: 'active', disclosure: 'public', name: input.name, caseNo: input.caseNo });
  });

  it('is idempotent: the same input twice → `unchanged` and no second event', async () => {
    const input = makePerson({
      uid: uniqueUid('ent-idem'),
      otherIds: [{ type: '护照', number: 'E12345678' }],
      circumstances: ['违反财产报告制度', '违反限制消费令'],
    });
    expect((await saveEntry(input, ACTOR)).outcome).toBe('created');
    const before = await entryRowOf(input.uid);
    // A structurally equal copy (new Date objects, new arrays), as a second push would be.
    const again = await saveEntry(structuredClone(input), ACTOR);
    expect(again).toEqual({ uid: input.uid, outcome: 'unchanged', changed: [] });
    expect(await entryHistory(input.uid)).toHaveLength(1);
    expect((await entryRowOf(input.uid))?.updatedAt).toEqual(before?.updatedAt);
  });

  it('is idempotent for an organisation with no optional fields', async () => {
    const input = makeOrganization({ uid: uniqueUid('ent-idem-org') });
    delete input.gender;
    delete input.age;
    delete input.otherIds;
    delete input.validUntil;
    delete input.disclosure;
    await saveEntry(input, ACTOR);
    expect((await saveEntry(input, ACTOR)).outcome).toBe('unchanged');
    expect(await entryHistory(input.uid)).toHaveLength(1);
  });

  it('is idempotent whatever the key order of otherIds objects (jsonb reorders keys)', async () => {
    // The court's JSON may carry {"number": …, "type": …}; saving it twice must change nothing.
    const input = makePerson({ uid: uniqueUid('ent-idem-keys'), otherIds: [{ number: 'E23456789', type: '护照' }] });
    await saveEntry(input, ACTOR);
    expect(await saveEntry(input, ACTOR)).toEqual({ uid: input.uid, outcome: 'unchanged', changed: [] });
    expect(await entryHistory(input.uid)).toHaveLength(1);
  });

  it('records an `updated` event with the names of the changed fields', async () => {
    const input = makePerson({ uid: uniqueUid('ent-update') });
    await saveEntry(input, ACTOR);
    const changedInput = {
      ...input,
      performance: '部分履行',
      performedPart: '人民币20,000元',
      unperformedPart: '人民币80,000元',
    };
    const result = await saveEntry(changedInput, 'court:push-2');
    expect(result).toEqual({
      uid: input.uid,
      outcome: 'updated',
      changed: ['performance', 'performedPart', 'unperformedPart'],
    });

    const history = await entryHistory(input.uid);
    expect(history.map((h) => h.kind)).toEqual(['listed', 'updated']);
    expect(history[1]).toMatchObject({
      kind: 'updated',
      actor: 'court:push-2',
      details: { changed: ['performance', 'performedPart', 'unperformedPart'] },
    });
    expect(await entryRowOf(input.uid)).toMatchObject({ performance: '部分履行', unperformedPart: '人民币80,000元' });
    // Saving the updated data again is a no-op.
    expect((await saveEntry(changedInput, ACTOR)).outcome).toBe('unchanged');
    expect(await entryHistory(input.uid)).toHaveLength(2);
  });

  it('updates the derived search columns with the name', async () => {
    const input = makePerson({ uid: uniqueUid('ent-rename'), name: '测试旧名' });
    await saveEntry(input, ACTOR);
    const result = await saveEntry({ ...input, name: '測試新名' }, ACTOR);
    expect(result.changed).toEqual(['name']);
    expect(await entryRowOf(input.uid)).toMatchObject({ name: '測試新名', searchName: '测试新名' });
  });

  it('a change of publishedAt or validUntil by a millisecond is a change', async () => {
    const input = makePerson({ uid: uniqueUid('ent-dates') });
    await saveEntry(input, ACTOR);
    const result = await saveEntry(
      {
        ...input,
        publishedAt: new Date(input.publishedAt.getTime() + 1),
        validUntil: new Date(input.validUntil!.getTime() + 1),
      },
      ACTOR,
    );
    expect(result.changed).toEqual(['publishedAt', 'validUntil']);
  });

  it('saveEntries writes new entries and a `listed` event for each', async () => {
    const inputs = [makePerson({ uid: uniqueUid('ent-bulk') }), makeOrganization({ uid: uniqueUid('ent-bulk') })];
    await saveEntries(inputs, 'import:test');
    for (const input of inputs) {
      expect(await entryRowOf(input.uid)).toMatchObject({ uid: input.uid, status: 'active' });
      expect((await entryHistory(input.uid)).map((h) => [h.kind, h.actor])).toEqual([['listed', 'import:test']]);
    }
  });
});

describe('revokeEntry and shieldEntry', () => {
  it('revoke sets status, statusChangedAt, statusReason and revokedAt, and records who, when and why', async () => {
    const input = makePerson({ uid: uniqueUid('ent-revoke') });
    await saveEntry(input, ACTOR);
    const at = new Date(Date.now() - 5 * 60_000);
    const returned = await revokeEntry(input.uid, { reason: '全部履行', actor: 'clerk:wang', at });
    expect(returned).toMatchObject({ uid: input.uid, status: 'revoked', statusReason: '全部履行' });

    const row = await entryRowOf(input.uid);
    expect(row?.status).toBe('revoked');
    expect(row?.statusChangedAt?.toISOString()).toBe(at.toISOString());
    expect(row?.statusReason).toBe('全部履行');
    expect(row?.revokedAt?.toISOString()).toBe(at.toISOString());

    const history = await entryHistory(input.uid);
    expect(history.map((h) => h.kind)).toEqual(['listed', 'revoked']);
    expect(history[1]).toMatchObject({ kind: 'revoked', actor: 'clerk:wang', reason: '全部履行' });
    expect(history[1]!.at.toISOString()).toBe(at.toISOString());
  });

  it('revoke without `at` stamps the current time', async () => {
    const input = makePerson({ uid: uniqueUid('ent-revoke-now') });
    await saveEntry(input, ACTOR);
    const t0 = Date.now();
    await revokeEntry(input.uid, { reason: '终结执行', actor: 'clerk:li' });
    const row = await entryRowOf(input.uid);
    const [event] = (await entryHistory(input.uid)).slice(-1);
    for (const d of [row!.statusChangedAt!, row!.revokedAt!, event!.at]) {
      expect(d.getTime()).toBeGreaterThanOrEqual(t0 - 1000);
      expect(d.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it('shield sets status, statusChangedAt, statusReason, leaves revokedAt empty, and records the event', async () => {
    const input = makeOrganization({ uid: uniqueUid('ent-shield') });
    await saveEntry(input, ACTOR);
    const at = new Date(Date.now() - 60_000);
    await shieldEntry(input.uid, { reason: '纳入错误', actor: 'clerk:zhao', at });

    const row = await entryRowOf(input.uid);
    expect(row).toMatchObject({ status: 'shielded', statusReason: '纳入错误', revokedAt: null });
    expect(row?.statusChangedAt?.toISOString()).toBe(at.toISOString());
    const history = await entryHistory(input.uid);
    expect(history.map((h) => h.kind)).toEqual(['listed', 'shielded']);
    expect(history[1]).toMatchObject({ actor: 'clerk:zhao', reason: '纳入错误' });
    expect(history[1]!.at.toISOString()).toBe(at.toISOString());
  });

  it('revoking or shielding an entry that is not active throws EntryNotActiveError and changes nothing', async () => {
    const input = makePerson({ uid: uniqueUid('ent-twice') });
    await saveEntry(input, ACTOR);
    await revokeEntry(input.uid, { reason: '全部履行', actor: 'clerk:a' });
    const rowBefore = await entryRowOf(input.uid);
    const totalsBefore = await countAll();

    await expect(revokeEntry(input.uid, { reason: '再次撤销', actor: 'clerk:b' })).rejects.toBeInstanceOf(
      EntryNotActiveError,
    );
    await expect(shieldEntry(input.uid, { reason: '屏蔽', actor: 'clerk:b' })).rejects.toBeInstanceOf(
      EntryNotActiveError,
    );
    await expect(revokeEntry(input.uid, { reason: 'x', actor: 'clerk:b' })).rejects.toMatchObject({
      code: 'entry_not_active',
    });

    expect(await entryRowOf(input.uid)).toEqual(rowBefore);
    expect((await entryHistory(input.uid)).map((h) => h.kind)).toEqual(['listed', 'revoked']);
    expect(await countAll()).toEqual(totalsBefore);
  });

  it('a shielded entry cannot be revoked', async () => {
    const input = makePerson({ uid: uniqueUid('ent-shield-revoke') });
    await saveEntry(input, ACTOR);
    await shieldEntry(input.uid, { reason: '纳入错误', actor: 'clerk:a' });
    await expect(revokeEntry(input.uid, { reason: '全部履行', actor: 'clerk:b' })).rejects.toBeInstanceOf(
      EntryNotActiveError,
    );
    expect(await entryRowOf(input.uid)).toMatchObject({
      status: 'shielded',
      revokedAt: null,
      statusReason: '纳入错误',
    });
  });

  it('an unknown uid throws EntryNotFoundError and changes nothing', async () => {
    const totalsBefore = await countAll();
    const uid = uniqueUid('ent-missing');
    await expect(revokeEntry(uid, { reason: '全部履行', actor: 'clerk:a' })).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(shieldEntry(uid, { reason: '纳入错误', actor: 'clerk:a' })).rejects.toMatchObject({
      code: 'entry_not_found',
    });
    expect(await countAll()).toEqual(totalsBefore);
    expect(await entryHistory(uid)).toEqual([]);
  });

  it('two concurrent revocations: exactly one wins, one event is recorded', async () => {
    const input = makePerson({ uid: uniqueUid('ent-race') });
    await saveEntry(input, ACTOR);
    const results = await Promise.allSettled([
      revokeEntry(input.uid, { reason: 'a', actor: 'clerk:a' }),
      revokeEntry(input.uid, { reason: 'b', actor: 'clerk:b' }),
      shieldEntry(input.uid, { reason: 'c', actor: 'clerk:c' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(EntryNotActiveError);
    expect((await entryHistory(input.uid)).map((h) => h.kind).filter((k) => k !== 'listed')).toHaveLength(1);
  });

  it('re-pushing the same court data after a revocation keeps the revocation time', async () => {
    // Status stays `revoked`; revokedAt (撤销时间) should not be wiped by a stale re-push.
    const input = makePerson({ uid: uniqueUid('ent-repush') });
    await saveEntry(input, ACTOR);
    const at = new Date(Date.now() - 60_000);
    await revokeEntry(input.uid, { reason: '全部履行', actor: 'clerk:a', at });
    const result = await saveEntry(input, 'court:push');
    const row = await entryRowOf(input.uid);
    expect(row?.status).toBe('revoked');
    expect(row?.revokedAt?.toISOString()).toBe(at.toISOString());
    expect(result.outcome).toBe('unchanged');
  });
});

describe('a court push that carries 撤销时间 (revokedAt)', () => {
  it('takes the entry off the public list', async () => {
    // Attachment 1 lists 撤销时间 among the pushed fields; a push with it set is a revocation.
    const input = makePerson({ uid: uniqueUid('ent-push-revoked') });
    await saveEntry(input, ACTOR);
    expect(await getPublicEntry(input.uid)).not.toBeNull();
    await saveEntry({ ...input, revokedAt: new Date(Date.now() - 60_000) }, 'court:push');
    expect(await getPublicEntry(input.uid)).toBeNull();
  });
});

describe('entry_events is append-only', () => {
  it('rejects UPDATE, DELETE and TRUNCATE, and the row stays as it was', async () => {
    const input = makePerson({ uid: uniqueUid('ent-append') });
    await saveEntry(input, ACTOR);
    const before = await entryHistory(input.uid);
    expect(before).toHaveLength(1);
    const id = before[0]!.id;

    // Each statement runs in a transaction that is rolled back anyway, so a missing trigger
    // cannot damage other files' rows; the assertion is on the error.
    const updateErr = await errorInRolledBackTx((tx) =>
      tx.execute(sql`UPDATE entry_events SET reason = 'tampered' WHERE id = ${id}`),
    );
    expect(fullMessage(updateErr)).toMatch(/entry_events is append-only/);
    const deleteErr = await errorInRolledBackTx((tx) => tx.execute(sql`DELETE FROM entry_events WHERE id = ${id}`));
    expect(fullMessage(deleteErr)).toMatch(/entry_events is append-only/);
    // CASCADE: the tables referencing entry_events (webhook deliveries) would refuse a plain TRUNCATE before the
    // trigger fires; with it, only the trigger stands in the way.
    const truncateErr = await errorInRolledBackTx((tx) => tx.execute(sql`TRUNCATE entry_events CASCADE`));
    expect(fullMessage(truncateErr)).toMatch(/entry_events is append-only/);

    // Outside a transaction too: plain statements through the pool.
    const outside = [
      getDb().execute(sql`UPDATE entry_events SET actor = 'x' WHERE id = ${id}`),
      getDb().execute(sql`DELETE FROM entry_events WHERE id = ${id}`),
      getDb().update(entryEvents).set({ reason: 'x' }).where(eq(entryEvents.id, id)),
      getDb().delete(entryEvents).where(eq(entryEvents.entryUid, input.uid)),
    ];
    for (const attempt of outside) {
      const err = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(fullMessage(err)).toMatch(/entry_events is append-only/);
    }

    expect(await entryHistory(input.uid)).toEqual(before);
  });

  it('still accepts new events', async () => {
    const input = makePerson({ uid: uniqueUid('ent-append-ok') });
    await saveEntry(input, ACTOR);
    await getDb()
      .insert(entryEvents)
      .values({ entryUid: input.uid, kind: 'updated', actor: 'test', details: { changed: [] } });
    expect(await entryHistory(input.uid)).toHaveLength(2);
  });
});

describe('removalNotices', () => {
  it(
    'lists recent public removals: persons masked, organisations whole; not restricted ones, not old ones, not' +
      ' active ones',
    async () => {
      const person = makePerson({ uid: uniqueUid('ent-notice-p'), name: '张旮旯' });
      const org = makeOrganization({ uid: uniqueUid('ent-notice-o'), name: '昆山囝彧农业发展有限公司' });
      const restricted = makePerson({ uid: uniqueUid('ent-notice-r'), disclosure: 'restricted' });
      const old = makePerson({
        uid: uniqueUid('ent-notice-old'),
        name: '李犇垚',
        publishedAt: new Date(Date.now() - 300 * DAY),
      });
      const active = makePerson({ uid: uniqueUid('ent-notice-a') });
      for (const e of [person, org, restricted, old, active]) await saveEntry(e, ACTOR);

      const revokedAt = new Date(Date.now() - 2 * DAY);
      await revokeEntry(person.uid, { reason: '全部履行', actor: 'clerk:a', at: revokedAt });
      await shieldEntry(org.uid, { reason: '纳入错误', actor: 'clerk:a' });
      await revokeEntry(restricted.uid, { reason: '全部履行', actor: 'clerk:a' });
      await revokeEntry(old.uid, { reason: '全部履行', actor: 'clerk:a', at: new Date(Date.now() - 100 * DAY) });

      const notices = await removalNotices({ days: 90, pageSize: 500 }).then((p) => p.notices);
      const mine = (uid: string) => notices.find((n) => n.uid === uid);

      expect(mine(person.uid)).toEqual({
        uid: person.uid,
        caseNo: person.caseNo,
        court: person.court,
        displayName: '张**',
        subjectType: 'person',
        kind: 'revoked',
        at: revokedAt.toISOString(),
      });
      expect(mine(org.uid)).toMatchObject({
        displayName: '昆山囝彧农业发展有限公司',
        subjectType: 'organization',
        kind: 'shielded',
      });
      expect(mine(restricted.uid)).toBeUndefined();
      expect(mine(old.uid)).toBeUndefined();
      expect(mine(active.uid)).toBeUndefined();
      // No notice anywhere carries a person's full name.
      expect(JSON.stringify(notices)).not.toContain('张旮旯');

      // A wider window includes the old removal, still masked.
      expect(
        (await removalNotices({ days: 120, pageSize: 500 }).then((p) => p.notices)).find((n) => n.uid === old.uid),
      ).toMatchObject({
        displayName: '李**',
        kind: 'revoked',
      });
    },
  );

  it('orders newest first', async () => {
    const a = makePerson({ uid: uniqueUid('ent-order') });
    const b = makePerson({ uid: uniqueUid('ent-order') });
    await saveEntry(a, ACTOR);
    await saveEntry(b, ACTOR);
    await revokeEntry(a.uid, { reason: 'x', actor: 'clerk', at: new Date(Date.now() - 3 * DAY) });
    await revokeEntry(b.uid, { reason: 'x', actor: 'clerk', at: new Date(Date.now() - 1 * DAY) });
    const uids = (await removalNotices({ days: 90, pageSize: 500 }).then((p) => p.notices))
      .map((n) => n.uid)
      .filter((u) => u === a.uid || u === b.uid);
    expect(uids).toEqual([b.uid, a.uid]);
  });

  it('narrows by kind, day, case number and court, and pages with the total', async () => {
    const court = `通告测试法院${uniqueUid('c')}`;
    const made = [0, 1, 2, 3, 4].map((i) => makePerson({ uid: uniqueUid(`ent-notice-f${i}`), court }));
    for (const e of made) await saveEntry(e, ACTOR);
    // Days ago, in China Standard Time noon so the calendar day is unambiguous.
    const cstNoon = (daysAgo: number) => {
      const day = new Date(Date.now() + 8 * 3_600_000 - daysAgo * DAY).toISOString().slice(0, 10);
      return { day, at: new Date(`${day}T12:00:00+08:00`) };
    };
    await revokeEntry(made[0]!.uid, { reason: 'x', actor: 'clerk', at: cstNoon(5).at });
    await revokeEntry(made[1]!.uid, { reason: 'x', actor: 'clerk', at: cstNoon(4).at });
    await shieldEntry(made[2]!.uid, { reason: 'x', actor: 'clerk', at: cstNoon(3).at });
    await revokeEntry(made[3]!.uid, { reason: 'x', actor: 'clerk', at: cstNoon(2).at });
    // made[4] stays active.
    const uids = async (q: Parameters<typeof removalNotices>[0]) => (await removalNotices(q)).notices.map((n) => n.uid);

    expect(await uids({ days: 90, court })).toEqual([made[3]!.uid, made[2]!.uid, made[1]!.uid, made[0]!.uid]);
    expect(await uids({ days: 90, court, kind: 'shielded' })).toEqual([made[2]!.uid]);
    expect(await uids({ days: 90, court, from: cstNoon(4).day, to: cstNoon(3).day })).toEqual([
      made[2]!.uid,
      made[1]!.uid,
    ]);
    // A case number as typed (full-width brackets, spaces) finds its notice.
    const typed = ` ${made[1]!.caseNo.replace('(', '（').replace(')', '）')} `;
    expect(await uids({ days: 90, caseNo: typed })).toEqual([made[1]!.uid]);
    // The period is a rolling window (now − 3 days): made[3], 1.5–2.5 days old, is always in it; made[2], shielded at
    // noon 3 calendar days ago, is in it only while it is less than 72 hours old (before noon, China time).
    const inLast3Days = (
      [
        [made[3], cstNoon(2).at],
        [made[2], cstNoon(3).at],
      ] as const
    )
      .filter(([, at]) => at.getTime() > Date.now() - 3 * DAY)
      .map(([e]) => e!.uid);
    expect(inLast3Days[0]).toBe(made[3]!.uid);
    expect(await uids({ days: 3, court })).toEqual(inLast3Days);

    const page2 = await removalNotices({ days: 90, court, page: 2, pageSize: 3 });
    expect(page2).toMatchObject({ total: 4, page: 2, pageCount: 2 });
    expect(page2.notices.map((n) => n.uid)).toEqual([made[0]!.uid]);
    expect(await noticeCourts(90)).toContain(court);
  });
});

describe('minors are never listed', () => {
  it('rejects a person under 18 by stated age or by the birth date in the ID, and writes nothing', async () => {
    const publishedAt = new Date();
    const seventeen = new Date(publishedAt.getTime() - 17 * 365.25 * DAY).toISOString().slice(0, 10);
    const byId = makePerson({
      uid: uniqueUid('ent-minor-id'),
      idNumber: residentId({ birth: seventeen }),
      age: null,
      publishedAt,
    });
    const byAge = makePerson({ uid: uniqueUid('ent-minor-age'), age: 17, publishedAt });
    await expect(saveEntry(byId, ACTOR)).rejects.toBeInstanceOf(MinorNotListableError);
    await expect(saveEntry(byAge, ACTOR)).rejects.toBeInstanceOf(MinorNotListableError);
    expect(await entryRowOf(byId.uid)).toBeUndefined();
    expect(await entryRowOf(byAge.uid)).toBeUndefined();
    // An adult with the same data shape is listed.
    await expect(saveEntry({ ...byAge, uid: uniqueUid('ent-adult'), age: 18 }, ACTOR)).resolves.toMatchObject({
      outcome: 'created',
    });
  });
});

/** `minutes` ago: versions of the court's record (updatedAt) in the past, as the validation requires. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** Expects `save` to be refused with `code`, leaving the entry exactly as it was. */
async function expectRefused(save: () => Promise<unknown>, uid: string, code: VersionRefusedError['code']) {
  const before = await entryState(uid);
  const err = await save().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VersionRefusedError);
  expect(err).toMatchObject({ code });
  expect(await entryState(uid)).toEqual(before);
}

describe("versions: the court's updatedAt orders pushes of one entry", () => {
  it('an older version pushed after a newer one is refused and changes nothing: row, events, outbox', async () => {
    const newer = makePerson({ uid: uniqueUid('ver-stale'), updatedAt: ago(10) });
    await saveEntry(newer, ACTOR);
    const older = { ...newer, duty: `${newer.duty}（旧版本）`, updatedAt: ago(20) };
    await expectRefused(() => saveEntry(older, ACTOR), newer.uid, 'stale_version');
    // An older version carrying 撤销时间 does not revoke either.
    await expectRefused(() => saveEntry({ ...older, revokedAt: ago(1) }, ACTOR), newer.uid, 'stale_version');
    expect(await entryRowOf(newer.uid)).toMatchObject({
      duty: newer.duty,
      status: 'active',
      sourceUpdatedAt: newer.updatedAt,
    });
  });

  it('an older version then a newer one: both saved, the newer with its updated event', async () => {
    const older = makePerson({ uid: uniqueUid('ver-order'), updatedAt: ago(20) });
    expect((await saveEntry(older, ACTOR)).outcome).toBe('created');
    const newer = { ...older, duty: `${older.duty}（新版本）`, updatedAt: ago(10) };
    expect(await saveEntry(newer, ACTOR)).toMatchObject({ outcome: 'updated', changed: ['duty'] });
    expect(await entryRowOf(older.uid)).toMatchObject({ duty: newer.duty, sourceUpdatedAt: newer.updatedAt });
    expect((await entryHistory(older.uid)).map((h) => h.kind)).toEqual(['listed', 'updated']);
  });

  it('the same version again is the idempotent no-op; the same version with other content is a conflict', async () => {
    const v = makePerson({ uid: uniqueUid('ver-same'), updatedAt: ago(10) });
    await saveEntry(v, ACTOR);
    const before = await entryState(v.uid);
    expect(await saveEntry(structuredClone(v), ACTOR)).toEqual({ uid: v.uid, outcome: 'unchanged', changed: [] });
    expect(await entryState(v.uid)).toEqual(before);
    await expectRefused(() => saveEntry({ ...v, performance: '部分履行' }, ACTOR), v.uid, 'version_conflict');
  });

  it('without updatedAt: accepted onto an entry stored without one, refused onto one stored with one', async () => {
    const e = makePerson({ uid: uniqueUid('ver-none') });
    await saveEntry(e, ACTOR);
    expect((await saveEntry({ ...e, duty: `${e.duty}（一）` }, ACTOR)).outcome).toBe('updated'); // as before versions
    const version = ago(10);
    expect((await saveEntry({ ...e, duty: `${e.duty}（二）`, updatedAt: version }, ACTOR)).outcome).toBe('updated');
    expect((await entryRowOf(e.uid))?.sourceUpdatedAt).toEqual(version);
    await expectRefused(() => saveEntry({ ...e, duty: `${e.duty}（三）` }, ACTOR), e.uid, 'version_required');
    await expectRefused(() => saveEntry({ ...e, duty: `${e.duty}（二）` }, ACTOR), e.uid, 'version_required');
  });

  it('a newer version with the same content records only its time, so a version between the two is stale', async () => {
    const v1 = makePerson({ uid: uniqueUid('ver-time'), updatedAt: ago(30) });
    await saveEntry(v1, ACTOR);
    const before = await entryState(v1.uid);
    const v3 = { ...v1, updatedAt: ago(10) };
    expect((await saveEntry(v3, ACTOR)).outcome).toBe('unchanged');
    const after = await entryState(v1.uid);
    expect({ events: after.events, outbox: after.outbox }).toEqual({ events: before.events, outbox: before.outbox });
    expect((await entryRowOf(v1.uid))?.sourceUpdatedAt).toEqual(v3.updatedAt);
    await expectRefused(
      () => saveEntry({ ...v1, duty: `${v1.duty}（中间版本）`, updatedAt: ago(20) }, ACTOR),
      v1.uid,
      'stale_version',
    );
  });
});

describe('saveEntries (a court batch)', () => {
  it('gives each item the outcome saveEntry would give in order, with its events and outbox rows', async () => {
    const { searchOutbox } = await import('@/db/schema');
    const { inArray } = await import('drizzle-orm');
    const created = makePerson({ uid: uniqueUid('bat-new') });
    const changed = makePerson({ uid: uniqueUid('bat-chg') });
    const same = makeOrganization({ uid: uniqueUid('bat-same') });
    const twice = makePerson({ uid: uniqueUid('bat-twice') });
    const revoked = makePerson({ uid: uniqueUid('bat-rev') });
    const minor = makePerson({ uid: uniqueUid('bat-minor'), age: 16 });
    for (const e of [changed, same, revoked]) await saveEntry(e, ACTOR);

    const outcomes = await saveEntries(
      [
        created,
        { ...changed, duty: `${changed.duty}（变更）` },
        same,
        twice,
        minor,
        { ...twice, performance: '部分履行' },
        { ...revoked, revokedAt: new Date(Date.now() - 60_000) },
      ],
      'court:batch',
    );
    expect(outcomes.map((o) => (o instanceof Error ? o.constructor.name : o.outcome))).toEqual([
      'created',
      'updated',
      'unchanged',
      'created',
      'MinorNotListableError',
      'updated',
      'unchanged',
    ]);
    expect(outcomes[1]).toMatchObject({ changed: ['duty'] });
    expect((await entryHistory(created.uid)).map((h) => [h.kind, h.actor])).toEqual([['listed', 'court:batch']]);
    expect((await entryHistory(changed.uid)).map((h) => h.kind)).toEqual(['listed', 'updated']);
    expect((await entryHistory(same.uid)).map((h) => h.kind)).toEqual(['listed']);
    expect((await entryHistory(twice.uid)).map((h) => h.kind)).toEqual(['listed', 'updated']);
    expect((await entryHistory(revoked.uid)).map((h) => h.kind)).toEqual(['listed', 'revoked']);
    expect(await getPublicEntry(revoked.uid)).toBeNull();
    expect(await entryRowOf(minor.uid)).toBeUndefined();
    expect((await entryRowOf(created.uid))?.searchName).toBe(created.name);
    expect((await entryRowOf(created.uid))?.circumstances).toEqual(created.circumstances);

    const queued = await getDb()
      .select()
      .from(searchOutbox)
      .where(inArray(searchOutbox.entryUid, [created.uid, changed.uid, same.uid, twice.uid]));
    const count = (uid: string) => queued.filter((r) => r.entryUid === uid).length;
    expect([count(created.uid), count(changed.uid), count(same.uid), count(twice.uid)]).toEqual([1, 2, 1, 2]);
  });

  it('rejects a stale item on its own and saves the others, in the bulk step and one by one', async () => {
    const stored = makePerson({ uid: uniqueUid('bat-ver-stale'), updatedAt: ago(10) });
    const newer = makePerson({ uid: uniqueUid('bat-ver-new'), updatedAt: ago(30) });
    await saveEntry(stored, ACTOR);
    await saveEntry(newer, ACTOR);
    const fresh = makePerson({ uid: uniqueUid('bat-ver-fresh') });
    const twice = makePerson({ uid: uniqueUid('bat-ver-twice'), updatedAt: ago(10) });
    const before = await entryState(stored.uid);

    const outcomes = await saveEntries(
      [
        { ...stored, duty: `${stored.duty}（旧版本）`, updatedAt: ago(20) },
        fresh,
        { ...newer, duty: `${newer.duty}（新版本）`, updatedAt: ago(5) },
        twice,
        // same uid again: saved one by one, after the first
        { ...twice, duty: `${twice.duty}（旧版本）`, updatedAt: ago(20) },
      ],
      'court:batch',
    );
    expect(
      outcomes.map((o) =>
        o instanceof VersionRefusedError ? o.code : o instanceof Error ? o.constructor.name : o.outcome,
      ),
    ).toEqual(['stale_version', 'created', 'updated', 'created', 'stale_version']);
    expect(await entryState(stored.uid)).toEqual(before);
    expect((await entryRowOf(newer.uid))?.duty).toBe(`${newer.duty}（新版本）`);
    expect(await entryRowOf(twice.uid)).toMatchObject({ duty: twice.duty, sourceUpdatedAt: twice.updatedAt });
    expect((await entryHistory(twice.uid)).map((h) => h.kind)).toEqual(['listed']);
  });

  it('stores exactly what saveEntry stores', async () => {
    const viaBatch = makePerson({ uid: uniqueUid('bat-eq-a'), otherIds: [{ type: '护照', number: 'E76543210' }] });
    const viaSingle = { ...viaBatch, uid: uniqueUid('bat-eq-b') };
    await saveEntries([viaBatch], ACTOR);
    await saveEntry(viaSingle, ACTOR);
    const strip = (row: Record<string, unknown> | undefined) => {
      const { uid: _u, createdAt: _c, updatedAt: _up, ...rest } = row ?? {};
      return rest;
    };
    expect(strip(await entryRowOf(viaBatch.uid))).toEqual(strip(await entryRowOf(viaSingle.uid)));
  });
});
