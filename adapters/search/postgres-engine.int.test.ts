/**
 * Tests of the built-in Postgres engine's own internals, through `searchPublic` with the
 * built-in engine selected and through PostgresSearchEngine directly: the re-check of a
 * (mocked) stale engine's hits, and fragments matching more than EXACT_TOTAL_LIMIT entries.
 * The search contract every engine meets (names, identifiers, filters, paging, ranking,
 * hidden entries, an index not yet synced) is in contract.int.test.ts.
 */
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { revokeEntry, saveEntries, saveEntry } from '@/domain/entries/entries';
import { getPublicEntriesInOrder } from '@/domain/publishing/queries';
import { ACTOR, DAY, freshToken, makeOrganization, makePerson, uniqueUid } from '@/db/tests/factory';
import type { EntryInput } from '@/lib/validation/entry-push';
import { searchPublic, type PublicSearch } from '@/domain/publishing/search';
import { PAGE_SIZE } from '@/lib/search/limits';
import { EXACT_TOTAL_LIMIT, PostgresSearchEngine } from '@/adapters/search/postgres-engine';
import { searchRuntime } from '@/adapters/search/runtime';
import { type SearchFilters } from '@/lib/search/params';

const engine = new PostgresSearchEngine();

// The built-in engine serves searchPublic here, whether or not MEILI_URL is set.
let savedMeili: ReturnType<typeof searchRuntime>['meili'];
beforeAll(() => {
  savedMeili = searchRuntime().meili;
  searchRuntime().meili = null;
});
afterAll(() => {
  searchRuntime().meili = savedMeili;
});

async function save(...inputs: EntryInput[]) {
  for (const input of inputs) await saveEntry(input, ACTOR);
  return inputs;
}

type Ok = Extract<PublicSearch, { status: 'ok' }>;

async function search(q: string, filters: SearchFilters = {}, page = 1): Promise<Ok> {
  const result = await searchPublic(q, filters, page);
  if (result.status !== 'ok') throw new Error(`search ${JSON.stringify(q)} returned status ${result.status}`);
  expect({ engine: result.engine, degraded: result.degraded }).toEqual({ engine: 'postgres', degraded: false });
  return result;
}

async function uidsOf(q: string, filters: SearchFilters = {}, page = 1) {
  return (await search(q, filters, page)).entries.map((e) => e.uid);
}

describe('the re-check in Postgres (a stale index cannot leak an entry)', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'getPublicEntriesInOrder drops uids that are not public, keeps the given order, ignores unknown' + ' uids',
    async () => {
      const [a, b, c, d] = await save(
        makePerson({ uid: uniqueUid('s-recheck') }),
        makePerson({ uid: uniqueUid('s-recheck') }),
        makePerson({ uid: uniqueUid('s-recheck') }),
        makePerson({ uid: uniqueUid('s-recheck'), disclosure: 'restricted' }),
      );
      await revokeEntry(b!.uid, { reason: '全部履行', actor: 'clerk' });
      const rows = await getPublicEntriesInOrder([c!.uid, b!.uid, 'no-such-uid', d!.uid, a!.uid]);
      expect(rows.map((r) => r.uid)).toEqual([c!.uid, a!.uid]);
      expect(await getPublicEntriesInOrder([])).toEqual([]);
    },
  );

  it('searchPublic drops a revoked hit even when the engine still returns it', async () => {
    const t = await freshToken(2);
    const [live, gone] = await save(
      makePerson({ uid: uniqueUid('s-stale'), name: `${t}在` }),
      makePerson({ uid: uniqueUid('s-stale'), name: `${t}去` }),
    );
    await revokeEntry(gone!.uid, { reason: '全部履行', actor: 'clerk' });
    // A stale index: it still believes both entries are listed.
    const spy = vi.spyOn(PostgresSearchEngine.prototype, 'search').mockResolvedValue({
      hits: [
        { uid: gone!.uid, rank: 1 },
        { uid: live!.uid, rank: 2 },
      ],
      total: 2,
      totalIsLowerBound: false,
    });
    const result = await search(t);
    expect(spy).toHaveBeenCalled();
    expect(result.entries.map((e) => [e.uid, e.rank])).toEqual([[live!.uid, 2]]);
    expect(JSON.stringify(result)).not.toContain(gone!.uid);
  });
});

describe('a fragment matching more than EXACT_TOTAL_LIMIT entries', () => {
  let t: string;
  let expected: string[];

  beforeAll(async () => {
    t = await freshToken(2);
    const now = Date.now();
    // Many substring matches, plus an exact name (rank 1) and a prefix match (rank 2) that are
    // the oldest of all: ranking, not recency, must put them first.
    const many = Array.from({ length: EXACT_TOTAL_LIMIT + 40 }, (_, i) =>
      makeOrganization({
        uid: uniqueUid('s-cap'),
        name: `昆山${i}${t}科技有限公司`,
        publishedAt: new Date(now - (i % 700) * 3_600_000),
      }),
    );
    const exact = makePerson({ uid: uniqueUid('s-cap-exact'), name: t, publishedAt: new Date(now - 900 * DAY) });
    const prefix = makePerson({
      uid: uniqueUid('s-cap-prefix'),
      name: `${t}甲`,
      publishedAt: new Date(now - 800 * DAY),
    });
    await saveEntries([...many, exact, prefix], ACTOR);
    await getDb().execute(sql`ANALYZE entries`);
    const byRecency = [...many].sort(
      (a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.uid < b.uid ? -1 : 1),
    );
    expected = [exact.uid, prefix.uid, ...byRecency.map((e) => e.uid)];
  });

  it('reports a lower-bound total and still ranks exact name > prefix > substring, newest first', async () => {
    const p1 = await search(t);
    expect(p1.total).toBe(EXACT_TOTAL_LIMIT);
    expect(p1.totalIsLowerBound).toBe(true);
    expect(p1.pageCount).toBe(50);
    expect(p1.entries.map((e) => e.uid)).toEqual(expected.slice(0, PAGE_SIZE));
    expect(p1.entries.slice(0, 3).map((e) => e.rank)).toEqual([1, 2, 3]);
  });

  it('pages on the newest-first path and on the deep-page path agree with the full ranking', async () => {
    for (const page of [2, 5, 6, 9]) {
      expect(await uidsOf(t, {}, page)).toEqual(expected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE));
    }
    // The engine alone, on both paths.
    for (const page of [5, 6]) {
      expect(await engine.search({ q: t, page, pageSize: PAGE_SIZE })).toEqual({
        hits: expected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((uid) => ({ uid, rank: 3 })),
        total: EXACT_TOTAL_LIMIT,
        totalIsLowerBound: true,
      });
    }
  });

  it('a filter that leaves fewer matches gives an exact total again', async () => {
    const people = await search(t, { subjectType: 'person' });
    expect(people.total).toBe(2);
    expect(people.totalIsLowerBound).toBe(false);
  });
});
