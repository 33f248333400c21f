/**
 * The one visibility rule (design rule 2), through every public read: an entry is public
 * only while published, active (not revoked, not shielded), not restricted and inside its
 * validity period — and expiry needs no job.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { revokeEntry, saveEntry, shieldEntry } from '@/domain/entries/entries';
import {
  countPublicEntries,
  getPublicEntriesInOrder,
  getPublicEntry,
  latestPublicEntries,
  recentPublicEntryCounts,
} from '@/domain/publishing/queries';
import { searchPublic } from '@/domain/publishing/search';
import type { EntryInput } from '@/lib/validation/entry-push';
import { ACTOR, DAY, freshToken, makeOrganization, makePerson, residentId, uniqueUid, uscc } from './factory';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every public read, asked whether it shows `uid`. */
async function visibleIn(entry: EntryInput) {
  const search = await searchPublic(entry.name, {}, 1);
  // Persons are never searched by ID number (lib/disclosure.ts): their case number instead.
  const byId = await searchPublic(
    entry.subjectType === 'person' ? entry.caseNo : (entry.idNumber ?? entry.caseNo),
    {},
    1,
  );
  const latest = await latestPublicEntries(100_000);
  return {
    getPublicEntry: (await getPublicEntry(entry.uid)) !== null,
    getPublicEntriesInOrder: (await getPublicEntriesInOrder([entry.uid])).some((e) => e.uid === entry.uid),
    latestPublicEntries: latest.some((e) => e.uid === entry.uid),
    searchByName: search.status === 'ok' && search.entries.some((e) => e.uid === entry.uid),
    searchById: byId.status === 'ok' && byId.entries.some((e) => e.uid === entry.uid),
  };
}

const ALL_TRUE = {
  getPublicEntry: true,
  getPublicEntriesInOrder: true,
  latestPublicEntries: true,
  searchByName: true,
  searchById: true,
};
const ALL_FALSE = {
  getPublicEntry: false,
  getPublicEntriesInOrder: false,
  latestPublicEntries: false,
  searchByName: false,
  searchById: false,
};

describe('the visibility rule', () => {
  let token: string;
  let court: string;
  const made: Record<string, EntryInput> = {};
  let countBefore: { person: number; organization: number };
  let countAfter: { person: number; organization: number };

  beforeAll(async () => {
    token = await freshToken(3);
    court = `可见性测试法院${token}`;
    countBefore = await countPublicEntries();
    const now = Date.now();
    // Each kind gets its own name (token + a suffix) so a search by name targets it alone.
    const specs: Record<string, Partial<EntryInput>> = {
      public: { publishedAt: new Date(now - 60_000) },
      revoked: {},
      shielded: {},
      restricted: { disclosure: 'restricted' },
      expired: { validUntil: new Date(now - DAY) },
      future: { publishedAt: new Date(now + DAY), validUntil: new Date(now + 400 * DAY) },
      expiredJustNow: { validUntil: new Date(now - 1000) },
    };
    for (const [kind, spec] of Object.entries(specs)) {
      const input = makePerson({ uid: uniqueUid(`vis-${kind}`), name: `${token}${kind}`, court, ...spec });
      await saveEntry(input, ACTOR);
      made[kind] = input;
    }
    await revokeEntry(made.revoked!.uid, { reason: '全部履行', actor: 'clerk:vis' });
    await shieldEntry(made.shielded!.uid, { reason: '纳入错误', actor: 'clerk:vis' });
    countAfter = await countPublicEntries();
  });

  it('shows an active, public, published, in-validity entry in every public read', async () => {
    expect(await visibleIn(made.public!)).toEqual(ALL_TRUE);
  });

  it('counts exactly one new public person among the entries created', () => {
    expect(countAfter.person - countBefore.person).toBe(1);
    expect(countAfter.organization - countBefore.organization).toBe(0);
  });

  it.each(['revoked', 'shielded', 'restricted', 'expired', 'future', 'expiredJustNow'])(
    'hides a %s entry from every public read',
    async (kind) => {
      expect(await visibleIn(made[kind]!)).toEqual(ALL_FALSE);
    },
  );

  it('search by the shared token returns only the public entry, and its total agrees', async () => {
    const result = await searchPublic(token, {}, 1);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.entries.map((e) => e.uid)).toEqual([made.public!.uid]);
    expect(result.total).toBe(1);
  });

  it('getPublicEntriesInOrder keeps only the public uid out of all of them, plus unknown uids', async () => {
    const uids = [...Object.values(made).map((e) => e.uid), 'vis-does-not-exist'];
    const rows = await getPublicEntriesInOrder(uids);
    expect(rows.map((e) => e.uid)).toEqual([made.public!.uid]);
  });

  it('becomes public when publishedAt arrives and stays public until the moment validUntil passes', async () => {
    const name = `${token}临界`;
    const soon = makePerson({
      uid: uniqueUid('vis-soon'),
      name,
      publishedAt: new Date(Date.now() + 1500),
      validUntil: new Date(Date.now() + 60 * DAY),
    });
    await saveEntry(soon, ACTOR);
    expect(await getPublicEntry(soon.uid)).toBeNull();
    await sleep(2000);
    expect(await getPublicEntry(soon.uid)).not.toBeNull();
  });
});

describe('expiry needs no job', () => {
  it('an entry whose validity ends in 2 seconds disappears from every public read after it', async () => {
    const token = await freshToken(3);
    const before = await countPublicEntries();
    const entry = makePerson({
      uid: uniqueUid('vis-expiry'),
      name: `${token}到期`,
      validUntil: new Date(Date.now() + 2000),
    });
    await saveEntry(entry, ACTOR);
    expect(await visibleIn(entry)).toEqual(ALL_TRUE);
    expect((await countPublicEntries()).person).toBe(before.person + 1);

    await sleep(2600);

    expect(await visibleIn(entry)).toEqual(ALL_FALSE);
    expect((await countPublicEntries()).person).toBe(before.person);
    const search = await searchPublic(token, {}, 1);
    expect(search).toMatchObject({ status: 'ok', total: 0, entries: [] });
  });
});

describe('public output masks a person’s identifiers and shows an organisation’s', () => {
  const id = residentId({ birth: '1980-07-15', seq: '123' });
  const passport = 'E98765432';
  let person: EntryInput;
  let org: EntryInput;
  let orgUscc: string;
  let token: string;

  beforeAll(async () => {
    token = await freshToken(3);
    person = makePerson({
      uid: uniqueUid('vis-mask'),
      name: `${token}人`,
      idNumber: id,
      otherIds: [{ type: '护照', number: passport }],
      publishedAt: new Date(Date.now() - 1000),
    });
    orgUscc = uscc().uscc;
    org = makeOrganization({ uid: uniqueUid('vis-mask-org'), name: `${token}有限公司`, idNumber: orgUscc });
    await saveEntry(person, ACTOR);
    await saveEntry(org, ACTOR);
  });

  it('masks birth month and day: 3205831980****123X style', async () => {
    const entry = await getPublicEntry(person.uid);
    expect(entry?.idNumber).toBe(`3205831980****123${id.slice(17)}`);
    expect(entry?.idNumber).toMatch(/^3205831980\*{4}123[\dX]$/);
  });

  it('never contains the full ID (or the passport number) in any public read', async () => {
    const outputs = [
      await getPublicEntry(person.uid),
      await getPublicEntriesInOrder([person.uid]),
      (await latestPublicEntries(100_000)).filter((e) => e.uid === person.uid),
      await searchPublic(token, {}, 1),
    ];
    // The reads really returned the entry (otherwise "no full ID" would prove nothing).
    for (const out of outputs) expect(JSON.stringify(out)).toContain(person.uid);
    // Searching by the ID or the passport number finds nothing at all (lib/disclosure.ts).
    expect(await searchPublic(id, {}, 1)).toEqual({ status: 'person_id' });
    expect(JSON.stringify(await searchPublic(passport, {}, 1))).not.toContain(person.uid);
    for (const out of outputs) {
      const json = JSON.stringify(out);
      expect(json).not.toContain(id);
      expect(json).not.toContain(id.slice(6, 14)); // the full birth date
      expect(json).not.toContain(passport);
    }
  });

  it('does not look a person up by the full ID; found by name, the ID is shown masked', async () => {
    expect(await searchPublic(id, {}, 1)).toEqual({ status: 'person_id' });
    const result = await searchPublic(person.name, {}, 1);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.entries.map((e) => [e.uid, e.rank, e.idNumber])).toEqual([
      [person.uid, 1, `3205831980****123${id.slice(17)}`],
    ]);
  });

  it('shows an organisation’s USCC whole', async () => {
    expect((await getPublicEntry(org.uid))?.idNumber).toBe(orgUscc);
    const result = await searchPublic(orgUscc, {}, 1);
    expect(result.status === 'ok' && result.entries.map((e) => e.idNumber)).toEqual([orgUscc]);
  });
});

describe('the home page’s counts', () => {
  it('are one count, reused for a minute', async () => {
    const first = recentPublicEntryCounts();
    expect(recentPublicEntryCounts()).toBe(first);
    const counts = await first;
    expect(counts.person).toBeGreaterThanOrEqual(0);
    expect(counts.organization).toBeGreaterThanOrEqual(0);
  });
});
