/**
 * The search contract (issue 3), run against every available engine through the one public
 * path (`searchPublic`) and the engine itself: the built-in Postgres engine always,
 * Meilisearch too whenever MEILI_URL (+ MEILI_API_KEY or MEILI_MASTER_KEY) is set.
 *
 * - The engine is selected per run by setting `searchRuntime().meili` (null → built-in).
 *   Every search asserts that the engine under test answered and did not fall back, so a
 *   Meilisearch run can never pass on the built-in engine's results.
 * - The Meilisearch run uses a fresh index of its own (`<MEILI_INDEX>-contract-<random>`,
 *   deleted afterwards): the database is recreated on every test run, an index is not, and
 *   documents left by an earlier run would count in totals.
 * - Entries reach the index the production way: saving writes outbox rows, `syncIndex`
 *   drains exactly those rows into the index (the built-in engine reads Postgres itself, so
 *   there it is a no-op). Revocations also go through revokeEntry's own immediate sync.
 * - Every test makes its own entries with names built from rare characters (`freshToken`)
 *   or a unique court, so it never depends on what else is stored.
 *
 * Tests of the built-in engine's own internals (a mocked stale engine, EXACT_TOTAL_LIMIT)
 * are in postgres-engine.int.test.ts; degradation to the built-in engine in
 * fallback.int.test.ts.
 */
import { inArray, sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { revokeEntry, saveEntry, shieldEntry } from '@/domain/entries/entries';
import { searchOutbox } from '@/db/schema';
import {
  ACTOR,
  DAY,
  freshToken,
  makeOrganization,
  makePerson,
  orgCode,
  residentId,
  uniqueCaseNo,
  uniqueUid,
  uscc,
} from '@/db/tests/factory';
import type { EntryInput } from '@/lib/validation/entry-push';
import { residentIdCheckChar } from '@/lib/identifiers';
import { namePinyin, normalizeText } from '@/lib/normalize';
import { searchPublic, type PublicSearch } from '@/domain/publishing/search';
import { MAX_PAGE, PAGE_SIZE } from '@/lib/search/limits';
import { searchRuntime } from '@/adapters/search/runtime';
import { ENGINES, useEngine } from '@/adapters/search/testing/engine-under-test';
import { drainOutbox } from '@/adapters/search/sync';
import type { SearchEngine, SearchIndexWriter } from '@/adapters/search/types';
import { type SearchFilters } from '@/lib/search/params';

type Ok = Extract<PublicSearch, { status: 'ok' }>;

const toFullWidth = (s: string) => s.replace(/[0-9()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function ago(days: number) {
  return new Date(Date.now() - days * DAY);
}

async function outboxRowsFor(uids: string[]) {
  return getDb().select().from(searchOutbox).where(inArray(searchOutbox.entryUid, uids)).orderBy(searchOutbox.id);
}

/** An index that cannot be written to: changes stay queued in the outbox. */
const failingWriter: SearchIndexWriter = {
  name: 'failing',
  upsert: async () => {
    throw new Error('index unavailable (test)');
  },
  remove: async () => {
    throw new Error('index unavailable (test)');
  },
  listUids: async () => [],
};

/**
 * A USCC whose normalised form is not shaped like a resident ID (18 digits, or 17 + X).
 * Meilisearch sends a resident-ID-shaped query only as an identifier hash, never as a name
 * (design rule 5), so such a string cannot also be searched as a name there.
 */
function usccNotIdShaped(): string {
  for (;;) {
    const u = uscc().uscc;
    if (!/^\d{17}[\dX]$/.test(u)) return u;
  }
}

describe.each(ENGINES)('search contract: %s', (engineName) => {
  const isBuiltin = engineName === 'postgres';
  const meiliOf = useEngine(engineName, 'contract');

  /** The engine under test, queried directly. */
  const engine = (): SearchEngine => meiliOf()?.engine ?? searchRuntime().builtin;

  /** Pushes these entries' outbox rows into the index under test (built-in: nothing to do). */
  async function syncIndex(uids: string[]) {
    const meili = meiliOf();
    if (!meili) return;
    const result = await drainOutbox(meili.writer, { onlyUids: uids });
    expect(result.failed).toBe(0);
    expect(await outboxRowsFor(uids)).toEqual([]);
  }

  async function save(...inputs: EntryInput[]) {
    for (const input of inputs) await saveEntry(input, ACTOR);
    await syncIndex(inputs.map((e) => e.uid));
    return inputs;
  }

  async function search(q: string, filters: SearchFilters = {}, page = 1): Promise<Ok> {
    const result = await searchPublic(q, filters, page);
    if (result.status !== 'ok') throw new Error(`search ${JSON.stringify(q)} returned status ${result.status}`);
    // The engine under test answered; a fallback would test the wrong engine.
    expect({ engine: result.engine, degraded: result.degraded }).toEqual({ engine: engineName, degraded: false });
    return result;
  }

  /** [uid, rank] of the hits, in order. */
  async function hits(q: string, filters: SearchFilters = {}, page = 1) {
    return (await search(q, filters, page)).entries.map((e) => [e.uid, e.rank] as const);
  }

  async function uidsOf(q: string, filters: SearchFilters = {}, page = 1) {
    return (await search(q, filters, page)).entries.map((e) => e.uid);
  }

  /**
   * The total of `n` matches. The built-in engine counts exactly (below EXACT_TOTAL_LIMIT);
   * Meilisearch may report a lower bound (then flagged), never more than there are.
   */
  function expectTotal(result: { total: number; totalIsLowerBound: boolean }, n: number) {
    if (isBuiltin || !result.totalIsLowerBound) {
      expect(result).toMatchObject({ total: n, totalIsLowerBound: false });
    } else {
      expect(result.total).toBeLessThanOrEqual(n);
    }
  }

  describe('names', () => {
    it(
      'two-character name: exact name (1) before a name starting with it (2) before a name containing' + ' it (3)',
      async () => {
        const t = await freshToken(2);
        // Recency must not beat rank: the substring match is the newest, the exact match the oldest.
        const [exact, prefix, infix] = await save(
          makePerson({ uid: uniqueUid('s-two'), name: t, publishedAt: ago(30) }),
          makePerson({ uid: uniqueUid('s-two'), name: `${t}明`, publishedAt: ago(20) }),
          makePerson({ uid: uniqueUid('s-two'), name: `欧${t}明`, publishedAt: ago(10) }),
        );
        const result = await search(t);
        expect(result.entries.map((e) => [e.uid, e.rank])).toEqual([
          [exact!.uid, 1],
          [prefix!.uid, 2],
          [infix!.uid, 3],
        ]);
        expectTotal(result, 3);
        // The engine alone agrees.
        const direct = await engine().search({ q: t, page: 1, pageSize: 10 });
        expect(direct.hits).toEqual([
          { uid: exact!.uid, rank: 1 },
          { uid: prefix!.uid, rank: 2 },
          { uid: infix!.uid, rank: 3 },
        ]);
        expectTotal(direct, 3);
      },
    );

    it('two characters that are not adjacent in a name do not match it', async () => {
      const t = await freshToken(2);
      const [a, b] = [...t];
      await save(makePerson({ uid: uniqueUid('s-gap'), name: `${a}中${b}` }));
      expect(await hits(`${a}${b}`)).toEqual([]);
    });

    it('three-character name: whole name, its surname+first char, and its given name', async () => {
      const t = await freshToken(2);
      const [p] = await save(makePerson({ uid: uniqueUid('s-three'), name: `谭${t}` }));
      expect(await hits(`谭${t}`)).toEqual([[p!.uid, 1]]);
      expect(await hits(`谭${[...t][0]}`)).toEqual([[p!.uid, 2]]);
      expect(await hits(t)).toEqual([[p!.uid, 3]]);
      // Spaces and a middle dot typed into the query are ignored.
      expect(await hits(` 谭 ${t} `)).toEqual([[p!.uid, 1]]);
      expect(await hits(`谭·${t}`)).toEqual([[p!.uid, 1]]);
    });

    it('a substring in the middle of a company name: 农业 in …农业发展有限公司', async () => {
      const t = await freshToken(2);
      const court = `搜索测试法院${t}`;
      const [org, other] = await save(
        makeOrganization({ uid: uniqueUid('s-infix'), name: `昆山${t}农业发展有限公司`, court }),
        makeOrganization({ uid: uniqueUid('s-infix'), name: `昆山${t}电子科技有限公司`, court }),
      );
      expect(await hits('农业', { court })).toEqual([[org!.uid, 3]]);
      expect(await hits('农业发展', { court })).toEqual([[org!.uid, 3]]);
      expect(await hits('业发', { court })).toEqual([[org!.uid, 3]]);
      expect(await hits(`${t}农业`)).toEqual([[org!.uid, 3]]);
      expect((await hits(`昆山${t}`)).map(([, rank]) => rank)).toEqual([2, 2]);
      expect(await hits('科技有限', { court })).toEqual([[other!.uid, 3]]);
      expect(await hits(`${t}有限`)).toEqual([]);
    });

    it('pinyin: full pinyin (exact and prefix) and initials (exact only) find a person', async () => {
      const t = await freshToken(3);
      const { full, initials } = namePinyin(t);
      // Syllables read in context, as the stored pinyin was. A syllable may be a single
      // letter (吖 → a: 邳吖邳 is piapi), so the full pinyin has at least 3 letters, not 6.
      const syllables = pinyin(t, { type: 'array', toneType: 'none', surname: 'head', v: true });
      expect(syllables).toHaveLength(3);
      for (const s of syllables) expect(s).toMatch(/^[a-z]+$/);
      expect(syllables.join('')).toBe(full);
      expect(initials).toBe(syllables.map((s) => s[0]).join(''));
      const [p] = await save(makePerson({ uid: uniqueUid('s-pinyin'), name: t }));

      expect(await hits(full)).toEqual([[p!.uid, 1]]);
      expect(await hits(full.toUpperCase())).toEqual([[p!.uid, 1]]);
      expect(await hits(syllables.join(' '))).toEqual([[p!.uid, 1]]);
      // A prefix of the full pinyin: the first two syllables. Other stored names may share
      // them; ours must be among the hits.
      const firstTwo = `${syllables[0]}${syllables[1]}`;
      expect(await hits(firstTwo)).toContainEqual([p!.uid, 2]);
      // Initials rank as a prefix match (2); only when every syllable is one letter (吖吖吖)
      // are they the full pinyin itself, an exact match (1).
      expect(await hits(initials)).toEqual([[p!.uid, initials === full ? 1 : 2]]);

      // Initials match exactly, not as a prefix (unless the letters also start the full pinyin).
      if (!full.startsWith(initials.slice(0, 2))) expect(await uidsOf(initials.slice(0, 2))).not.toContain(p!.uid);
      // Pinyin matches from the start, not in the middle.
      const lastTwo = `${syllables[1]}${syllables[2]}`;
      if (!full.startsWith(lastTwo)) expect(await uidsOf(lastTwo)).not.toContain(p!.uid);
    });

    it('pinyin of an organisation name', async () => {
      const t = await freshToken(2);
      const [o] = await save(makeOrganization({ uid: uniqueUid('s-pinyin-org'), name: `${t}有限公司` }));
      const { full, initials } = namePinyin(`${t}有限公司`, { surname: false });
      expect(await hits(full)).toEqual([[o!.uid, 1]]);
      expect(await hits(initials)).toContainEqual([o!.uid, 2]);
      expect(await hits(namePinyin(t, { surname: false }).full)).toContainEqual([o!.uid, 2]);
    });

    it('traditional characters find simplified names and the other way round', async () => {
      const t = await freshToken(2);
      const [chen, zhang, org] = await save(
        makePerson({ uid: uniqueUid('s-trad'), name: `陈${t}` }),
        makePerson({ uid: uniqueUid('s-trad'), name: `張${t}` }),
        makeOrganization({ uid: uniqueUid('s-trad'), name: `昆山${t}農業發展有限公司` }),
      );
      expect(await hits(`陳${t}`)).toEqual([[chen!.uid, 1]]);
      expect(await hits(`张${t}`)).toEqual([[zhang!.uid, 1]]);
      expect(await hits(`張${t}`)).toEqual([[zhang!.uid, 1]]);
      expect(await hits(`${t}农业发展`)).toEqual([[org!.uid, 3]]);
      expect(await hits(`${t}農業`)).toEqual([[org!.uid, 3]]);
    });
  });

  describe('identifiers and case numbers', () => {
    let person: EntryInput;
    let personX: EntryInput;
    let org: EntryInput;
    let orgU: { uscc: string; orgCode: string };
    let codeOnly: EntryInput;
    let code: { code: string; hyphenated: string };

    beforeAll(async () => {
      person = makePerson({ uid: uniqueUid('s-id') });
      // An ID whose check character is X, to search it in lower case.
      let idX = '';
      for (let seq = 0; seq < 1000 && !idX; seq++) {
        const first17 = `32058319850606${String(seq).padStart(3, '0')}`;
        if (residentIdCheckChar(first17) === 'X')
          idX = residentId({ birth: '1985-06-06', seq: String(seq).padStart(3, '0') });
      }
      personX = makePerson({ uid: uniqueUid('s-id-x'), idNumber: idX });
      orgU = uscc();
      org = makeOrganization({ uid: uniqueUid('s-uscc'), idNumber: orgU.uscc });
      code = orgCode();
      codeOnly = makeOrganization({ uid: uniqueUid('s-orgcode'), idNumber: code.hyphenated });
      await save(person, personX, org, codeOnly);
    });

    it('a full resident ID is never looked up (it would confirm a guess): the same answer, listed or not', async () => {
      const unlisted = `${person.idNumber!.slice(0, 14)}${person.idNumber!.slice(14) === '0000' ? '0001' : '0000'}`;
      for (const q of [person.idNumber!, unlisted])
        expect(await searchPublic(q, {}, 1)).toEqual({ status: 'person_id' });
      // Nor does an engine asked directly find a person by an identifier.
      expect((await engine().search({ q: person.idNumber!, page: 1, pageSize: 10 })).hits).toEqual([]);
    });

    it('the ID with a lower-case x, spaces or full-width digits is refused alike', async () => {
      const id = personX.idNumber!;
      expect(id.endsWith('X')).toBe(true);
      for (const q of [id.toLowerCase(), `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`, toFullWidth(id)]) {
        expect(await searchPublic(q, {}, 1)).toEqual({ status: 'person_id' });
      }
    });

    it('part of an ID does not find the person', async () => {
      expect(await uidsOf(person.idNumber!.slice(0, 17))).not.toContain(person.uid);
      expect(await uidsOf(person.idNumber!.slice(6, 14))).not.toContain(person.uid);
    });

    it(
      'a USCC finds the organisation; so does the organisation code embedded in it, with or without' + ' hyphen',
      async () => {
        expect(await hits(orgU.uscc)).toEqual([[org.uid, 0]]);
        expect(await hits(orgU.uscc.toLowerCase())).toEqual([[org.uid, 0]]);
        expect(orgU.uscc.slice(8, 17)).toBe(orgU.orgCode);
        expect(await hits(orgU.orgCode)).toEqual([[org.uid, 0]]);
        expect(await hits(`${orgU.orgCode.slice(0, 8)}-${orgU.orgCode.slice(8)}`)).toEqual([[org.uid, 0]]);
      },
    );

    it('an organisation known only by its organisation code is found with or without the hyphen', async () => {
      expect(await hits(code.hyphenated)).toEqual([[codeOnly.uid, 0]]);
      expect(await hits(code.code)).toEqual([[codeOnly.uid, 0]]);
      expect(await hits(code.hyphenated.replace('-', '－'))).toEqual([[codeOnly.uid, 0]]);
    });

    it('a case number in full-width brackets and digits finds the entry stored in half-width', async () => {
      const caseNo = uniqueCaseNo(2024);
      expect(caseNo).toMatch(/^\(2024\)苏0583执\d+号$/);
      const [p] = await save(makePerson({ uid: uniqueUid('s-case'), caseNo }));
      const fullWidth = toFullWidth(caseNo);
      expect(fullWidth).toMatch(/^（２０２４）苏０５８３执[０-９]+号$/);
      // The brief's exact shape: court code half-width, the rest full-width.
      const mixed = `（２０２４）苏0583执${toFullWidth(caseNo.slice('(2024)苏0583执'.length, -1))}号`;
      for (const q of [caseNo, fullWidth, mixed, caseNo.replace('(', '〔').replace(')', '〕'), ` ${caseNo} `]) {
        expect(await hits(q)).toEqual([[p!.uid, 0]]);
      }
      // Another serial does not match.
      expect(await uidsOf(caseNo.replace('号', '9号'))).not.toContain(p!.uid);
    });
  });

  describe('filters', () => {
    let t: string;
    let person: EntryInput;
    let org: EntryInput;
    let march: EntryInput;
    let june: EntryInput;
    let september: EntryInput;
    let courtA: string;
    let courtB: string;

    beforeAll(async () => {
      t = await freshToken(2);
      courtA = `搜索甲法院${t}`;
      courtB = `搜索乙法院${t}`;
      // Published at noon China time, far from any date boundary.
      person = makePerson({
        uid: uniqueUid('s-f'),
        name: `${t}甲`,
        court: courtA,
        publishedAt: new Date('2023-03-10T04:00:00Z'),
      });
      org = makeOrganization({
        uid: uniqueUid('s-f'),
        name: `${t}乙有限公司`,
        court: courtB,
        publishedAt: new Date('2023-06-10T04:00:00Z'),
      });
      march = person;
      june = org;
      september = makePerson({
        uid: uniqueUid('s-f'),
        name: `${t}丙`,
        court: courtB,
        publishedAt: new Date('2023-09-10T04:00:00Z'),
      });
      await save(person, org, september);
    });

    it('without filters all three match', async () => {
      expect((await uidsOf(t)).sort()).toEqual([person.uid, org.uid, september.uid].sort());
    });

    it('subjectType narrows to persons or organisations', async () => {
      expect((await uidsOf(t, { subjectType: 'person' })).sort()).toEqual([person.uid, september.uid].sort());
      expect(await uidsOf(t, { subjectType: 'organization' })).toEqual([org.uid]);
      expectTotal(await search(t, { subjectType: 'organization' }), 1);
    });

    it('court narrows to one court', async () => {
      expect(await uidsOf(t, { court: courtA })).toEqual([person.uid]);
      expect((await uidsOf(t, { court: courtB })).sort()).toEqual([org.uid, september.uid].sort());
      expect(await uidsOf(t, { court: `${courtA}不存在` })).toEqual([]);
    });

    it('publishedFrom and publishedTo narrow by date, both inclusive', async () => {
      expect(await uidsOf(t, { publishedFrom: '2023-06-10' })).toEqual([september.uid, june.uid]);
      expect(await uidsOf(t, { publishedTo: '2023-06-10' })).toEqual([june.uid, march.uid]);
      expect(await uidsOf(t, { publishedFrom: '2023-06-10', publishedTo: '2023-06-10' })).toEqual([june.uid]);
      expect(await uidsOf(t, { publishedFrom: '2023-06-11', publishedTo: '2023-09-09' })).toEqual([]);
      expect(
        await uidsOf(t, {
          publishedFrom: '2023-01-01',
          publishedTo: '2023-12-31',
          subjectType: 'person',
          court: courtB,
        }),
      ).toEqual([september.uid]);
    });

    it('dates are China Standard Time days, as the site displays them', async () => {
      const early = makePerson({
        uid: uniqueUid('s-cst'),
        name: `${t}丁`,
        publishedAt: new Date('2023-12-01T20:00:00Z'),
      });
      await save(early);
      expect(await uidsOf(t, { publishedFrom: '2023-12-02', publishedTo: '2023-12-02' })).toEqual([early.uid]);
      expect(await uidsOf(t, { publishedFrom: '2023-12-01', publishedTo: '2023-12-01' })).toEqual([]);
    });
  });

  describe('pagination', () => {
    let t: string;
    let all: EntryInput[];

    beforeAll(async () => {
      t = await freshToken(2);
      const sameTime = ago(5);
      // 25 matches; several share a publishedAt so the uid tie-break is exercised.
      all = Array.from({ length: 25 }, (_, i) =>
        makePerson({
          uid: uniqueUid(`s-page-${String(i).padStart(2, '0')}`),
          name: `${t}${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅'[Math.floor(i / 10)]}`,
          publishedAt: i % 3 === 0 ? sameTime : ago(10 + i),
        }),
      );
      await save(...all);
    });

    it('page 1 and page 2 are disjoint, cover every match, and report the total', async () => {
      const p1 = await search(t, {}, 1);
      const p2 = await search(t, {}, 2);
      expect(p1.entries).toHaveLength(PAGE_SIZE);
      expect(p2.entries).toHaveLength(25 - PAGE_SIZE);
      expectTotal(p1, 25);
      expectTotal(p2, 25);
      expect(p1.pageCount).toBe(Math.min(MAX_PAGE, Math.max(1, Math.ceil(p1.total / PAGE_SIZE))));
      if (!p1.totalIsLowerBound) expect(p1.pageCount).toBe(2);
      expect([p1.page, p2.page]).toEqual([1, 2]);
      const u1 = p1.entries.map((e) => e.uid);
      const u2 = p2.entries.map((e) => e.uid);
      expect(u1.filter((u) => u2.includes(u))).toEqual([]);
      expect([...u1, ...u2].sort()).toEqual(all.map((e) => e.uid).sort());
    });

    it('is stable: the same query gives the same order, newest first then by uid', async () => {
      const first = [...(await uidsOf(t, {}, 1)), ...(await uidsOf(t, {}, 2))];
      const second = [...(await uidsOf(t, {}, 1)), ...(await uidsOf(t, {}, 2))];
      expect(second).toEqual(first);
      const expected = [...all]
        .sort(
          (a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0),
        )
        .map((e) => e.uid);
      expect(first).toEqual(expected);
    });

    it('a page past the end shows the last page; bad page numbers are clamped', async () => {
      const p3 = await search(t, {}, 3);
      expect(p3.page).toBe(2);
      expect(p3.entries.map((e) => e.uid)).toEqual(await uidsOf(t, {}, 2));
      expectTotal(p3, 25);
      expect((await search(t, {}, 0)).page).toBe(1);
      expect((await search(t, {}, -4)).page).toBe(1);
      expect((await search(t, {}, Number.NaN)).page).toBe(1);
      expect((await search(t, {}, 10_000)).page).toBe(2);
      expect(await uidsOf(t, {}, 1.7)).toEqual(await uidsOf(t, {}, 1));
    });

    it('the engine pages the same way', async () => {
      const a = await engine().search({ q: t, page: 1, pageSize: 10 });
      const b = await engine().search({ q: t, page: 2, pageSize: 10 });
      const c = await engine().search({ q: t, page: 3, pageSize: 10 });
      for (const r of [a, b, c]) expectTotal(r, 25);
      expect([...a.hits, ...b.hits, ...c.hits].map((h) => h.uid)).toEqual([
        ...(await uidsOf(t, {}, 1)),
        ...(await uidsOf(t, {}, 2)),
      ]);
      const past = await engine().search({ q: t, page: 4, pageSize: 10 });
      expect(past.hits).toEqual([]);
      expectTotal(past, 25);
    });
  });

  describe('ranking', () => {
    it('exact identifier (0) > exact name (1) > name prefix (2) > substring (3), whatever the dates', async () => {
      const u = usccNotIdShaped();
      const [byId, exactName, prefix, infix] = await save(
        makeOrganization({
          uid: uniqueUid('s-rank'),
          name: `${await freshToken(2)}有限公司`,
          idNumber: u,
          publishedAt: ago(400),
        }),
        makeOrganization({ uid: uniqueUid('s-rank'), name: u, publishedAt: ago(300) }),
        makeOrganization({ uid: uniqueUid('s-rank'), name: `${u}有限公司`, publishedAt: ago(200) }),
        makeOrganization({ uid: uniqueUid('s-rank'), name: `昆山${u}有限公司`, publishedAt: ago(100) }),
      );
      expect(await hits(u)).toEqual([
        [byId!.uid, 0],
        [exactName!.uid, 1],
        [prefix!.uid, 2],
        [infix!.uid, 3],
      ]);
    });

    it('a case number matches with rank 0 ahead of names', async () => {
      const caseNo = uniqueCaseNo(2025);
      const [byCase, byName] = await save(
        makePerson({ uid: uniqueUid('s-rank-case'), caseNo, publishedAt: ago(300) }),
        makeOrganization({ uid: uniqueUid('s-rank-case'), name: `${caseNo}有限公司`, publishedAt: ago(1) }),
      );
      expect(await hits(caseNo)).toEqual([
        [byCase!.uid, 0],
        [byName!.uid, 2],
      ]);
    });
  });

  describe('entries that are not public are never returned', () => {
    it(
      'revoked, shielded, restricted, expired and future entries are not found by name, ID or case' + ' number',
      async () => {
        const t = await freshToken(2);
        const kinds: Record<string, Partial<EntryInput>> = {
          public: {},
          revoked: {},
          shielded: {},
          restricted: { disclosure: 'restricted' },
          expired: { validUntil: ago(1) },
          future: { publishedAt: new Date(Date.now() + DAY) },
        };
        const made: Record<string, EntryInput> = {};
        for (const [kind, spec] of Object.entries(kinds)) {
          made[kind] = makePerson({ uid: uniqueUid(`s-hidden-${kind}`), name: `${t}${kind}`, ...spec });
        }
        await save(...Object.values(made));
        await revokeEntry(made.revoked!.uid, { reason: '全部履行', actor: 'clerk' });
        await shieldEntry(made.shielded!.uid, { reason: '纳入错误', actor: 'clerk' });
        await syncIndex([made.revoked!.uid, made.shielded!.uid]);

        const result = await search(t);
        expect(result.entries.map((e) => e.uid)).toEqual([made.public!.uid]);
        expectTotal(result, 1);
        const direct = await engine().search({ q: t, page: 1, pageSize: 50 });
        expect(direct.hits.map((h) => h.uid)).toEqual([made.public!.uid]);

        for (const kind of ['revoked', 'shielded', 'restricted', 'expired', 'future']) {
          const e = made[kind]!;
          expect(await hits(e.name)).toEqual([]);
          expect(await searchPublic(e.idNumber!, {}, 1)).toEqual({ status: 'person_id' });
          expect(await hits(e.caseNo)).toEqual([]);
          expect((await engine().search({ q: e.idNumber!, page: 1, pageSize: 10 })).hits).toEqual([]);
        }
      },
    );

    it('an entry found by search and then revoked is gone from the next search', async () => {
      const t = await freshToken(2);
      const [p] = await save(makePerson({ uid: uniqueUid('s-revoke'), name: `${t}撤` }));
      expect(await uidsOf(t)).toEqual([p!.uid]);
      expect(await uidsOf(p!.caseNo)).toEqual([p!.uid]);
      await revokeEntry(p!.uid, { reason: '全部履行', actor: 'clerk' });
      // revokeEntry pushed the removal to the index at once (nothing left queued).
      if (meiliOf()) expect(await outboxRowsFor([p!.uid])).toEqual([]);
      expect(await search(t)).toMatchObject({ entries: [], total: 0 });
      expect(await uidsOf(p!.caseNo)).toEqual([]);
      expect((await engine().search({ q: p!.idNumber!, page: 1, pageSize: 10 })).hits).toEqual([]);
    });
  });

  describe('an entry changed in Postgres and the index not yet synced', () => {
    /** Runs `fn` while every index update fails: revokeEntry's immediate sync keeps the rows queued. */
    async function withIndexUpdatesFailing<T>(fn: () => Promise<T>): Promise<T> {
      const runtime = searchRuntime();
      const writer = runtime.writer;
      runtime.writer = failingWriter;
      try {
        return await fn();
      } finally {
        runtime.writer = writer;
      }
    }

    /** The index catches up: the backed-off rows are made due and drained. */
    async function catchUp(uids: string[]) {
      await getDb()
        .update(searchOutbox)
        .set({ nextAttemptAt: sql`now()` })
        .where(inArray(searchOutbox.entryUid, uids));
      await syncIndex(uids);
    }

    it('a revoked entry is not returned by name, ID or case number, though the index still lists it', async () => {
      const t = await freshToken(2);
      const [p] = await save(makePerson({ uid: uniqueUid('s-unsynced-revoke'), name: `${t}撤` }));
      expect(await hits(`${t}撤`)).toEqual([[p!.uid, 1]]);
      expect(await hits(p!.caseNo)).toEqual([[p!.uid, 0]]);

      await withIndexUpdatesFailing(() => revokeEntry(p!.uid, { reason: '全部履行', actor: 'clerk' }));
      // The change is queued, not delivered: revokeEntry's immediate sync was tried and failed.
      const rows = await outboxRowsFor([p!.uid]);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.attempts >= 1)).toBe(true);
      const meili = meiliOf();
      if (meili) {
        // The index really is stale: it still returns the entry for each of these queries.
        for (const q of [t, p!.caseNo]) {
          expect((await meili.engine.search({ q, page: 1, pageSize: 10 })).hits.map((h) => h.uid)).toContain(p!.uid);
        }
      }

      for (const q of [t, `${t}撤`, p!.caseNo, toFullWidth(p!.caseNo)]) {
        const result = await search(q);
        expect(result.entries).toEqual([]);
        expect(JSON.stringify(result)).not.toContain(p!.uid);
        // Not even counted: the built-in engine reads Postgres, and what a stale index still holds the re-check hid.
        expect(result.total).toBe(0);
      }

      await catchUp([p!.uid]);
      expect(await search(t)).toMatchObject({ entries: [], total: 0 });
      expect((await engine().search({ q: p!.idNumber!, page: 1, pageSize: 10 })).hits).toEqual([]);
    });

    it(
      'a renamed entry: a search for the old name shows no stale data; the new name is found once' + ' synced',
      async () => {
        const [oldT, newT] = [await freshToken(2), await freshToken(2)];
        const [input] = await save(makePerson({ uid: uniqueUid('s-unsynced-rename'), name: `${oldT}旧` }));
        const uid = input!.uid;
        expect(await hits(oldT)).toEqual([[uid, 2]]);

        const renamed: EntryInput = { ...input!, name: `${newT}新` };
        expect((await withIndexUpdatesFailing(() => saveEntry(renamed, ACTOR))).outcome).toBe('updated');
        expect((await outboxRowsFor([uid])).length).toBeGreaterThan(0);
        const meili = meiliOf();
        if (meili) {
          // The index still holds the old name.
          expect((await meili.engine.search({ q: oldT, page: 1, pageSize: 10 })).hits.map((h) => h.uid)).toContain(uid);
        }

        const old = await search(oldT);
        // Whatever the engine matched, what is shown was read from Postgres: the new name.
        for (const e of old.entries) {
          if (e.uid === uid) expect(e.name).toBe(renamed.name);
        }
        expect(JSON.stringify(old)).not.toContain(input!.name);
        if (isBuiltin) {
          // The built-in engine reads Postgres: the old name no longer matches, the new one does at once.
          expect(old).toMatchObject({ entries: [], total: 0 });
          expect(await hits(newT)).toEqual([[uid, 2]]);
        }

        await catchUp([uid]);
        expect(await hits(newT)).toEqual([[uid, 2]]);
        expect(await hits(`${newT}新`)).toEqual([[uid, 1]]);
        expect(await search(oldT)).toMatchObject({ entries: [], total: 0 });
      },
    );

    it(
      'a revocation pushed by the court (撤销时间 in saveEntry) is not returned before the index hears' + ' of it',
      async () => {
        const t = await freshToken(2);
        const [p] = await save(makePerson({ uid: uniqueUid('s-unsynced-push'), name: `${t}推` }));
        expect(await uidsOf(t)).toEqual([p!.uid]);
        await withIndexUpdatesFailing(() => saveEntry({ ...p!, revokedAt: new Date() }, ACTOR));
        for (const q of [t, p!.caseNo]) expect((await search(q)).entries).toEqual([]);
        await catchUp([p!.uid]);
        expect(await search(t)).toMatchObject({ entries: [], total: 0 });
      },
    );
  });

  describe('query validation and hostile input', () => {
    it('empty → empty; one character → too_short; over 100 characters → too_long', async () => {
      expect(await searchPublic('', {}, 1)).toEqual({ status: 'empty' });
      expect(await searchPublic('   　', {}, 1)).toEqual({ status: 'empty' });
      expect(await searchPublic('张', {}, 1)).toEqual({ status: 'too_short' });
      expect(await searchPublic(' a ', {}, 1)).toEqual({ status: 'too_short' });
      expect(await searchPublic('张·', {}, 1)).toEqual({ status: 'too_short' });
      expect(await searchPublic('张'.repeat(101), {}, 1)).toEqual({ status: 'too_long' });
      expect((await search('张'.repeat(100))).status).toBe('ok');
    });

    it('SQL- and filter-looking input is just text: ok, no matches, nothing harmed', async () => {
      const [before] = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM entries`);
      for (const q of [`' OR 1=1 --`, `'; DROP TABLE entries; --`, `" OR ""="`, `\\' OR 1=1 --`, `1) OR (1=1`]) {
        expect(await search(q)).toMatchObject({ status: 'ok', entries: [], total: 0 });
      }
      // A court filter that would widen the search if it were spliced into a query or filter.
      const t = await freshToken(2);
      await save(makePerson({ uid: uniqueUid('s-hostile'), name: `${t}甲` }));
      for (const court of [`x' OR '1'='1`, `x" OR court != "x`, `x\\" OR court != \\"x`, 'x\\']) {
        expect(await search(t, { court })).toMatchObject({ status: 'ok', entries: [], total: 0 });
      }
      const [after] = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM entries`);
      expect(after?.n).toBe((before?.n ?? 0) + 1);
    });

    it('LIKE wildcards are literal characters', async () => {
      const t = await freshToken(2);
      const [plain, percent, underscore] = await save(
        makePerson({ uid: uniqueUid('s-like'), name: `${t}甲乙` }),
        makeOrganization({ uid: uniqueUid('s-like'), name: `${t}%乙有限公司` }),
        makeOrganization({ uid: uniqueUid('s-like'), name: `${t}_乙有限公司` }),
      );
      expect(await hits(`${t}%`)).toEqual([[percent!.uid, 2]]);
      expect(await hits(`${t}_`)).toEqual([[underscore!.uid, 2]]);
      expect(await hits(`${t}%乙`)).toEqual([[percent!.uid, 2]]);
      expect(await uidsOf(`${t}\\`)).toEqual([]);
      expect((await uidsOf(t)).sort()).toEqual([plain!.uid, percent!.uid, underscore!.uid].sort());
      for (const q of ['%%', '__', '%_', '_%', '\\%', '%%%%']) {
        const result = await search(q);
        // Whatever else is stored, a hit must contain the wildcard characters literally.
        for (const e of result.entries) expect(normalizeText(e.name)).toContain(normalizeText(q));
        expect(result.entries.map((e) => e.uid)).not.toContain(plain!.uid);
      }
    });
  });
});
