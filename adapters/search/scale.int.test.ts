/**
 * The search contract at scale (issue 14): fixtures large enough to show what the 25-match
 * fixtures of contract.int.test.ts cannot, run on every available engine — the built-in
 * Postgres engine always, Meilisearch too when MEILI_URL is set — and checked against one
 * oracle computed here from the stored rows, so both engines must give the same pages in the
 * same order:
 * - a two-character fragment with more than 3,000 matches (EXACT_TOTAL_LIMIT): a few exact
 *   names, some prefixes, thousands of infixes, many publication times shared to the
 *   millisecond (the uid breaks the tie; upper- and lower-case uids) and many within one
 *   second (milliseconds decide);
 * - the pinyin prefixes of three common surnames (zhang, huang, zheng), each over 1,000
 *   distinct full readings (Meilisearch expands a text prefix to at most 1,000 words);
 * - pages 1–5 (the built-in engine's newest-first shortcut), 6 and 50 (every match ranked).
 *
 * Rows are inserted in bulk (entryRow, multi-row INSERTs) and indexed in bulk (the writer's
 * upsert), not one saveEntry each: about 6,700 entries load in seconds. Each fixture has a
 * court of its own and every query filters on it, so nothing else stored counts.
 * Random values come from TEST_SEED.
 */
import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { entries, type Entry } from '@/db/schema';
import { DAY, freshToken, makeOrganization, makePerson } from '@/db/tests/factory';
import { entryRow } from '@/domain/entries/entries';
import { searchPublic } from '@/domain/publishing/search';
import { seededRandom } from '@/lib/testing/seeded-random';
import { MAX_PAGE, PAGE_SIZE } from '@/lib/search/limits';
import type { EntryInput } from '@/lib/validation/entry-push';
import { ENGINES, useEngine, type EngineName } from '@/adapters/search/testing/engine-under-test';
import { EXACT_TOTAL_LIMIT } from '@/adapters/search/postgres-engine';
import { type SearchFilters } from '@/lib/search/params';

const rand = seededRandom('scale-fixtures');
/** Publication times are whole days before this anchor, some moved by up to 999 ms. */
const ANCHOR = Date.parse('2026-01-01T04:00:00Z');
const PAGES = [1, 2, 3, 4, 5, 6, MAX_PAGE];

const GIVEN = [...'安波成东芳刚海建军凯兰明宁鹏强荣森涛伟霞勇志杰丽敏平琴顺婷文欣燕云泽辉峰静坤林梅'];
const SURNAMES = [
  { char: '张', reading: 'zhang' },
  { char: '黄', reading: 'huang' },
  { char: '郑', reading: 'zheng' },
];
const PER_SURNAME = 1_100;

/** uids in both cases: Postgres orders `B…` before `a…` (collation C); so must every engine. */
let serial = 0;
function fixtureUid(kind: string): string {
  serial += 1;
  const prefix = rand.int(2) === 0 ? 'SC' : 'sc';
  return `${prefix}-${kind}-${rand.hex(3)}-${String(serial).padStart(5, '0')}`;
}

/** A quarter share exact days (ties to the millisecond), the rest are spread inside a second. */
function publishedAt(days: number): Date {
  const jitter = rand.int(4) === 0 ? 0 : rand.int(1000);
  return new Date(ANCHOR - rand.int(days) * DAY - jitter);
}

type Row = ReturnType<typeof entryRow>;

async function insertRows(inputs: EntryInput[]): Promise<Row[]> {
  const rows = inputs.map(entryRow);
  for (let i = 0; i < rows.length; i += 500)
    await getDb()
      .insert(entries)
      .values(rows.slice(i, i + 500));
  return rows;
}

/** The built-in engine's rule (postgres-engine.ts), written out: rank, newest, uid — or null. */
function oracleRank(row: Row, name: string): number | null {
  const isLatin = /^[a-z]+$/.test(name);
  const contains = [...name].length >= 2 && row.searchName.includes(name);
  const pinyin = isLatin && (row.searchPinyin.startsWith(name) || row.searchInitials === name);
  if (!contains && !pinyin) return null;
  if (row.searchName === name || row.searchPinyin === name) return 1;
  if (row.searchName.startsWith(name) || row.searchPinyin.startsWith(name) || row.searchInitials === name) return 2;
  return 3;
}

function oracle(rows: Row[], name: string): { uid: string; rank: number }[] {
  return rows
    .map((r) => ({ uid: r.uid, rank: oracleRank(r, name), at: r.publishedAt.getTime() }))
    .filter((r): r is { uid: string; rank: number; at: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank || b.at - a.at || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0))
    .map(({ uid, rank }) => ({ uid, rank }));
}

let fragment: { token: string; court: string; rows: Row[] };
let surnames: { court: string; rows: Row[] };
/** What each engine showed for each query and page, to compare the engines directly. */
const shown = new Map<EngineName, Map<string, { uid: string; rank: number }[]>>();

beforeAll(async () => {
  const t = await freshToken(2);
  const court = `规模测试甲法院${t}`;
  const pick = () => rand.pick(GIVEN);
  const inputs: EntryInput[] = [];
  for (let i = 0; i < 3; i++) inputs.push(makeOrganization({ uid: fixtureUid('a'), name: t, court }));
  for (let i = 0; i < 60; i++) {
    inputs.push(makeOrganization({ uid: fixtureUid('a'), name: `${t}${pick()}${pick()}有限公司`, court }));
  }
  for (let i = 0; i < 3_337; i++) {
    inputs.push(makeOrganization({ uid: fixtureUid('a'), name: `昆山${pick()}${t}${pick()}有限公司`, court }));
  }
  for (const input of inputs) input.publishedAt = publishedAt(200);
  fragment = { token: t, court, rows: await insertRows(inputs) };

  const courtB = `规模测试乙法院${await freshToken(2)}`;
  const people: EntryInput[] = [];
  for (const { char } of SURNAMES) {
    const readings = new Set<string>();
    const pairs = GIVEN.flatMap((a) => GIVEN.map((b) => `${a}${b}`));
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = rand.int(i + 1);
      [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
    }
    for (const given of pairs) {
      if (readings.size >= PER_SURNAME) break;
      const input = makePerson({ uid: fixtureUid('b'), name: `${char}${given}`, court: courtB });
      input.publishedAt = publishedAt(400);
      const reading = entryRow(input).searchPinyin;
      if (readings.has(reading)) continue;
      readings.add(reading);
      people.push(input);
    }
  }
  surnames = { court: courtB, rows: await insertRows(people) };
}, 180_000);

describe('the fixtures are as large as they claim', () => {
  it('a fragment with more than 3,000 matches, three surnames over 1,000 distinct readings each', () => {
    expect(oracle(fragment.rows, fragment.token).length).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    const ranks = new Set(oracle(fragment.rows, fragment.token).map((h) => h.rank));
    expect([...ranks].sort()).toEqual([1, 2, 3]);
    for (const { reading } of SURNAMES) {
      const matching = surnames.rows.filter((r) => r.searchPinyin.startsWith(reading));
      expect(new Set(matching.map((r) => r.searchPinyin)).size).toBeGreaterThan(1_000);
    }
    // Ties: shared to the millisecond, and shared to the second only.
    const times = fragment.rows.map((r) => r.publishedAt.getTime());
    expect(new Set(times).size).toBeLessThan(times.length);
    const seconds = new Set(times.map((ms) => Math.floor(ms / 1000)));
    expect(seconds.size).toBeLessThan(new Set(times).size);
  });
});

describe.each(ENGINES)('search at scale: %s', (engineName) => {
  // Correctness, not speed: on a busy machine a deep page can outlast MEILI_TIMEOUT_MS and fall back (bench:search
  // measures latency).
  const meiliOf = useEngine(engineName, 'scale', { timeoutMs: 10_000 });

  beforeAll(async () => {
    const meili = meiliOf();
    if (!meili) return;
    const uids = [...fragment.rows, ...surnames.rows].map((r) => r.uid);
    const stored: Entry[] = [];
    for (let i = 0; i < uids.length; i += 2_000) {
      stored.push(
        ...(await getDb()
          .select()
          .from(entries)
          .where(inArray(entries.uid, uids.slice(i, i + 2_000)))),
      );
    }
    await meili.writer.upsert(stored);
  }, 300_000);

  async function page(q: string, filters: SearchFilters, n: number) {
    const result = await searchPublic(q, filters, n);
    if (result.status !== 'ok') throw new Error(`search ${q} returned ${result.status}`);
    expect({ engine: result.engine, degraded: result.degraded }).toEqual({ engine: engineName, degraded: false });
    return result;
  }

  /** Pages 1–5, 6 and 50 equal the oracle's; the total is exact or a true lower bound. */
  async function expectPages(q: string, filters: SearchFilters, rows: Row[], name = q) {
    const expected = oracle(rows, name);
    let engineShown = shown.get(engineName);
    if (!engineShown) shown.set(engineName, (engineShown = new Map()));
    for (const n of PAGES) {
      const result = await page(q, filters, n);
      const lastPage = Math.min(MAX_PAGE, Math.ceil(expected.length / PAGE_SIZE));
      const from = (Math.min(n, lastPage) - 1) * PAGE_SIZE;
      const got = result.entries.map((e) => ({ uid: e.uid, rank: e.rank }));
      expect(got, `${q} page ${n}`).toEqual(expected.slice(from, from + PAGE_SIZE));
      engineShown.set(`${q} ${n}`, got);
      if (result.totalIsLowerBound) {
        expect(result.total).toBeLessThanOrEqual(expected.length);
        expect(result.total).toBeGreaterThanOrEqual(Math.min(expected.length, EXACT_TOTAL_LIMIT));
      } else {
        expect(result.total).toBe(expected.length);
      }
    }
  }

  it('a fragment with more than 3,000 matches: exact, prefix, then infixes newest first, every page', async () => {
    await expectPages(fragment.token, { court: fragment.court }, fragment.rows);
  });

  it('the same fragment narrowed to organisations and a date range', async () => {
    const filters: SearchFilters = { court: fragment.court, subjectType: 'organization', publishedFrom: '2025-09-01' };
    const from = Date.parse('2025-08-31T16:00:00Z');
    const rows = fragment.rows.filter((r) => r.publishedAt.getTime() >= from);
    await expectPages(fragment.token, filters, rows);
  });

  it.each(SURNAMES.map((s) => s.reading))('pinyin prefix %s over 1,000 distinct readings', async (reading) => {
    await expectPages(reading, { court: surnames.court }, surnames.rows);
  });

  it('a shorter pinyin prefix (zh: zhang and zheng) and a Chinese surname + given-name prefix', async () => {
    await expectPages('zh', { court: surnames.court }, surnames.rows);
    await expectPages('ZHAN', { court: surnames.court }, surnames.rows, 'zhan');
    await expectPages('张明', { court: surnames.court }, surnames.rows);
  });
});

describe('both engines', () => {
  it.skipIf(ENGINES.length < 2)('showed the same pages in the same order for every query', () => {
    const [a, b] = [shown.get('postgres'), shown.get('meilisearch')];
    expect(a && b && a.size > 0).toBeTruthy();
    expect(Object.fromEntries(b!)).toEqual(Object.fromEntries(a!));
  });
});
