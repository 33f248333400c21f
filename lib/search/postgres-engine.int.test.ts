/**
 * The search contract, through the one public path (`searchPublic`) and the built-in
 * Postgres engine directly. Every test makes its own entries with names built from rare
 * characters (`freshToken`) or a unique court, so it never depends on what else is stored.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { insertNewEntries, revokeEntry, saveEntry, shieldEntry } from '@/db/entries';
import { getPublicEntriesInOrder } from '@/db/queries';
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
import type { EntryInput } from '@/lib/entry-input';
import { residentIdCheckChar } from '@/lib/identifiers';
import { namePinyin, normalizeText } from '@/lib/normalize';
import { pinyin } from 'pinyin-pro';
import { searchPublic, type PublicSearch } from './index';
import { PAGE_SIZE } from './limits';
import { EXACT_TOTAL_LIMIT, PostgresSearchEngine } from './postgres-engine';
import type { SearchFilters } from './types';

const engine = new PostgresSearchEngine();

async function save(...inputs: EntryInput[]) {
  for (const input of inputs) await saveEntry(input, ACTOR);
  return inputs;
}

type Ok = Extract<PublicSearch, { status: 'ok' }>;

async function search(q: string, filters: SearchFilters = {}, page = 1): Promise<Ok> {
  const result = await searchPublic(q, filters, page);
  if (result.status !== 'ok') throw new Error(`search ${JSON.stringify(q)} returned status ${result.status}`);
  return result;
}

/** [uid, rank] of the hits, in order. */
async function hits(q: string, filters: SearchFilters = {}, page = 1) {
  return (await search(q, filters, page)).entries.map((e) => [e.uid, e.rank] as const);
}

async function uidsOf(q: string, filters: SearchFilters = {}, page = 1) {
  return (await search(q, filters, page)).entries.map((e) => e.uid);
}

const toFullWidth = (s: string) => s.replace(/[0-9()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function ago(days: number) {
  return new Date(Date.now() - days * DAY);
}

describe('names', () => {
  it('two-character name: exact name (1) before a name starting with it (2) before a name containing it (3)', async () => {
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
    expect(result.total).toBe(3);
    // The engine alone agrees.
    const direct = await engine.search({ q: t, page: 1, pageSize: 10 });
    expect(direct).toEqual({ hits: [
      { uid: exact!.uid, rank: 1 },
      { uid: prefix!.uid, rank: 2 },
      { uid: infix!.uid, rank: 3 },
    ], total: 3, totalIsLowerBound: false });
  });

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
    expect(await hits(`${t}农业`)).toEqual([[org!.uid, 3]]);
    expect((await hits(`昆山${t}`)).map(([, rank]) => rank)).toEqual([2, 2]);
    expect(await hits('科技有限', { court })).toEqual([[other!.uid, 3]]);
    expect(await hits(`${t}有限`)).toEqual([]);
  });

  it('pinyin: full pinyin (exact and prefix) and initials (exact only) find a person', async () => {
    const t = await freshToken(3);
    const { full, initials } = namePinyin(t);
    expect(full).toMatch(/^[a-z]{6,}$/);
    expect(initials).toMatch(/^[a-z]{3}$/);
    const [p] = await save(makePerson({ uid: uniqueUid('s-pinyin'), name: t }));

    expect(await hits(full)).toEqual([[p!.uid, 1]]);
    expect(await hits(full.toUpperCase())).toEqual([[p!.uid, 1]]);
    // Syllables read in context, as the stored pinyin was.
    const syllables = pinyin(t, { type: 'array', toneType: 'none', surname: 'head', v: true });
    expect(syllables.join('')).toBe(full);
    expect(await hits(syllables.join(' '))).toEqual([[p!.uid, 1]]);
    // A prefix of the full pinyin: the first two syllables. Other stored names may share
    // them; ours must be among the hits.
    const firstTwo = `${syllables[0]}${syllables[1]}`;
    expect(await hits(firstTwo)).toContainEqual([p!.uid, 2]);
    expect(await hits(initials)).toEqual([[p!.uid, 2]]);

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
      if (residentIdCheckChar(first17) === 'X') idX = residentId({ birth: '1985-06-06', seq: String(seq).padStart(3, '0') });
    }
    personX = makePerson({ uid: uniqueUid('s-id-x'), idNumber: idX });
    orgU = uscc();
    org = makeOrganization({ uid: uniqueUid('s-uscc'), idNumber: orgU.uscc });
    code = orgCode();
    codeOnly = makeOrganization({ uid: uniqueUid('s-orgcode'), idNumber: code.hyphenated });
    await save(person, personX, org, codeOnly);
  });

  it('a full resident ID finds the person with rank 0', async () => {
    expect(await hits(person.idNumber!)).toEqual([[person.uid, 0]]);
  });

  it('the ID with a lower-case x, spaces or full-width digits finds the person', async () => {
    const id = personX.idNumber!;
    expect(id.endsWith('X')).toBe(true);
    expect(await hits(id.toLowerCase())).toEqual([[personX.uid, 0]]);
    expect(await hits(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`)).toEqual([[personX.uid, 0]]);
    expect(await hits(toFullWidth(id))).toEqual([[personX.uid, 0]]);
  });

  it('part of an ID does not find the person', async () => {
    expect(await uidsOf(person.idNumber!.slice(0, 17))).not.toContain(person.uid);
    expect(await uidsOf(person.idNumber!.slice(6, 14))).not.toContain(person.uid);
  });

  it('a USCC finds the organisation; so does the organisation code embedded in it, with or without hyphen', async () => {
    expect(await hits(orgU.uscc)).toEqual([[org.uid, 0]]);
    expect(await hits(orgU.uscc.toLowerCase())).toEqual([[org.uid, 0]]);
    expect(orgU.uscc.slice(8, 17)).toBe(orgU.orgCode);
    expect(await hits(orgU.orgCode)).toEqual([[org.uid, 0]]);
    expect(await hits(`${orgU.orgCode.slice(0, 8)}-${orgU.orgCode.slice(8)}`)).toEqual([[org.uid, 0]]);
  });

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
    person = makePerson({ uid: uniqueUid('s-f'), name: `${t}甲`, court: courtA, publishedAt: new Date('2023-03-10T04:00:00Z') });
    org = makeOrganization({ uid: uniqueUid('s-f'), name: `${t}乙有限公司`, court: courtB, publishedAt: new Date('2023-06-10T04:00:00Z') });
    march = person;
    june = org;
    september = makePerson({ uid: uniqueUid('s-f'), name: `${t}丙`, court: courtB, publishedAt: new Date('2023-09-10T04:00:00Z') });
    await save(person, org, september);
  });

  it('without filters all three match', async () => {
    expect((await uidsOf(t)).sort()).toEqual([person.uid, org.uid, september.uid].sort());
  });

  it('subjectType narrows to persons or organisations', async () => {
    expect((await uidsOf(t, { subjectType: 'person' })).sort()).toEqual([person.uid, september.uid].sort());
    expect(await uidsOf(t, { subjectType: 'organization' })).toEqual([org.uid]);
    expect((await search(t, { subjectType: 'organization' })).total).toBe(1);
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
    expect(await uidsOf(t, { publishedFrom: '2023-01-01', publishedTo: '2023-12-31', subjectType: 'person', court: courtB })).toEqual([
      september.uid,
    ]);
  });

  it('dates are China Standard Time days, as the site displays them', async () => {
    const early = makePerson({ uid: uniqueUid('s-cst'), name: `${t}丁`, publishedAt: new Date('2023-12-01T20:00:00Z') });
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
    expect(p1.total).toBe(25);
    expect(p2.total).toBe(25);
    expect(p1.pageCount).toBe(2);
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
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0))
      .map((e) => e.uid);
    expect(first).toEqual(expected);
  });

  it('a page past the end shows the last page; bad page numbers are clamped', async () => {
    const p3 = await search(t, {}, 3);
    expect(p3.page).toBe(2);
    expect(p3.entries.map((e) => e.uid)).toEqual(await uidsOf(t, {}, 2));
    expect(p3.total).toBe(25);
    expect((await search(t, {}, 0)).page).toBe(1);
    expect((await search(t, {}, -4)).page).toBe(1);
    expect((await search(t, {}, Number.NaN)).page).toBe(1);
    expect((await search(t, {}, 10_000)).page).toBe(2);
    expect(await uidsOf(t, {}, 1.7)).toEqual(await uidsOf(t, {}, 1));
  });

  it('the engine pages the same way', async () => {
    const a = await engine.search({ q: t, page: 1, pageSize: 10 });
    const b = await engine.search({ q: t, page: 2, pageSize: 10 });
    const c = await engine.search({ q: t, page: 3, pageSize: 10 });
    expect([a.total, b.total, c.total]).toEqual([25, 25, 25]);
    expect([...a.hits, ...b.hits, ...c.hits].map((h) => h.uid)).toEqual([
      ...(await uidsOf(t, {}, 1)),
      ...(await uidsOf(t, {}, 2)),
    ]);
    expect(await engine.search({ q: t, page: 4, pageSize: 10 })).toEqual({ hits: [], total: 25, totalIsLowerBound: false });
  });
});

describe('ranking', () => {
  it('exact identifier (0) > exact name (1) > name prefix (2) > substring (3), whatever the dates', async () => {
    const u = uscc().uscc;
    const [byId, exactName, prefix, infix] = await save(
      makeOrganization({ uid: uniqueUid('s-rank'), name: `${await freshToken(2)}有限公司`, idNumber: u, publishedAt: ago(400) }),
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
  it('revoked, shielded, restricted, expired and future entries are not found by name, ID or case number', async () => {
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
      await saveEntry(made[kind]!, ACTOR);
    }
    await revokeEntry(made.revoked!.uid, { reason: '全部履行', actor: 'clerk' });
    await shieldEntry(made.shielded!.uid, { reason: '纳入错误', actor: 'clerk' });

    const result = await search(t);
    expect(result.entries.map((e) => e.uid)).toEqual([made.public!.uid]);
    expect(result.total).toBe(1);
    const direct = await engine.search({ q: t, page: 1, pageSize: 50 });
    expect(direct.hits.map((h) => h.uid)).toEqual([made.public!.uid]);

    for (const kind of ['revoked', 'shielded', 'restricted', 'expired', 'future']) {
      const e = made[kind]!;
      expect(await hits(e.name)).toEqual([]);
      expect(await hits(e.idNumber!)).toEqual([]);
      expect(await hits(e.caseNo)).toEqual([]);
      expect((await engine.search({ q: e.idNumber!, page: 1, pageSize: 10 })).hits).toEqual([]);
    }
  });

  it('an entry found by search and then revoked is gone from the next search', async () => {
    const t = await freshToken(2);
    const [p] = await save(makePerson({ uid: uniqueUid('s-revoke'), name: `${t}撤` }));
    expect(await uidsOf(t)).toEqual([p!.uid]);
    expect(await uidsOf(p!.idNumber!)).toEqual([p!.uid]);
    await revokeEntry(p!.uid, { reason: '全部履行', actor: 'clerk' });
    expect(await search(t)).toMatchObject({ entries: [], total: 0 });
    expect(await uidsOf(p!.idNumber!)).toEqual([]);
  });
});

describe('the re-check in Postgres (a stale index cannot leak an entry)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('getPublicEntriesInOrder drops uids that are not public, keeps the given order, ignores unknown uids', async () => {
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
  });

  it('searchPublic drops a revoked hit even when the engine still returns it', async () => {
    const t = await freshToken(2);
    const [live, gone] = await save(
      makePerson({ uid: uniqueUid('s-stale'), name: `${t}在` }),
      makePerson({ uid: uniqueUid('s-stale'), name: `${t}去` }),
    );
    await revokeEntry(gone!.uid, { reason: '全部履行', actor: 'clerk' });
    // A stale index: it still believes both entries are listed.
    const spy = vi
      .spyOn(PostgresSearchEngine.prototype, 'search')
      .mockResolvedValue({ hits: [{ uid: gone!.uid, rank: 1 }, { uid: live!.uid, rank: 2 }], total: 2, totalIsLowerBound: false });
    const result = await search(t);
    expect(spy).toHaveBeenCalled();
    expect(result.entries.map((e) => [e.uid, e.rank])).toEqual([[live!.uid, 2]]);
    expect(JSON.stringify(result)).not.toContain(gone!.uid);
  });
});

describe('query validation and hostile input', () => {
  it('empty → empty; one character → too_short; over 100 characters → too_long', async () => {
    expect(await searchPublic('', {}, 1)).toEqual({ status: 'empty' });
    expect(await searchPublic('   　', {}, 1)).toEqual({ status: 'empty' });
    expect(await searchPublic('张', {}, 1)).toEqual({ status: 'too_short' });
    expect(await searchPublic(' a ', {}, 1)).toEqual({ status: 'too_short' });
    expect(await searchPublic('张·', {}, 1)).toEqual({ status: 'too_short' });
    expect(await searchPublic('张'.repeat(101), {}, 1)).toEqual({ status: 'too_long' });
    expect((await searchPublic('张'.repeat(100), {}, 1)).status).toBe('ok');
  });

  it('SQL-looking input is just text: ok, no matches, nothing harmed', async () => {
    const [before] = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM entries`);
    for (const q of [`' OR 1=1 --`, `'; DROP TABLE entries; --`, `" OR ""="`, `\\' OR 1=1 --`, `1) OR (1=1`]) {
      expect(await searchPublic(q, {}, 1)).toMatchObject({ status: 'ok', entries: [], total: 0 });
    }
    const [after] = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM entries`);
    expect(after?.n).toBe(before?.n);
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

describe('a fragment matching more than EXACT_TOTAL_LIMIT entries', () => {
  let t: string;
  let expected: string[];

  beforeAll(async () => {
    t = await freshToken(2);
    const now = Date.now();
    // Many substring matches, plus an exact name (rank 1) and a prefix match (rank 2) that are
    // the oldest of all: ranking, not recency, must put them first.
    const many = Array.from({ length: EXACT_TOTAL_LIMIT + 40 }, (_, i) =>
      makeOrganization({ uid: uniqueUid('s-cap'), name: `昆山${i}${t}科技有限公司`, publishedAt: new Date(now - (i % 700) * 3_600_000) }),
    );
    const exact = makePerson({ uid: uniqueUid('s-cap-exact'), name: t, publishedAt: new Date(now - 900 * DAY) });
    const prefix = makePerson({ uid: uniqueUid('s-cap-prefix'), name: `${t}甲`, publishedAt: new Date(now - 800 * DAY) });
    await getDb().transaction((tx) => insertNewEntries([...many, exact, prefix], ACTOR, tx));
    await getDb().execute(sql`ANALYZE entries`);
    const byRecency = [...many].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.uid < b.uid ? -1 : 1));
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
  });

  it('a filter that leaves fewer matches gives an exact total again', async () => {
    const people = await search(t, { subjectType: 'person' });
    expect(people.total).toBe(2);
    expect(people.totalIsLowerBound).toBe(false);
  });
});
