import { clientOptions } from '@/adapters/search/meilisearch/config';
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type MultiSearchParams,
  type SearchParams,
} from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { MAX_PAGE, PAGE_SIZE } from '@/lib/search/limits';
import { hashIdentifier, toMeiliDocument } from '@/adapters/search/meilisearch/documents';
import {
  buildSearchRequests,
  compareCandidates,
  MeilisearchSearchError,
  mergeResults,
  normalizeQuery,
  rankHit,
  searchWindow,
  SORT,
  healthFromError,
  toSearchError,
} from '@/adapters/search/meilisearch/engine';
import { cstDayStartMs } from '@/adapters/search/meilisearch/filters';
import { INDEX_SETTINGS, MAX_TOTAL_HITS } from '@/adapters/search/meilisearch/settings';
import { makeEntry, PERSON_ID, USCC } from '@/adapters/search/meilisearch/test-entries';
import { type SearchQuery } from '@/lib/search/params';

const INDEX = 'entries';
const q = (over: Partial<SearchQuery> & { q: string }): SearchQuery => ({ page: 1, pageSize: PAGE_SIZE, ...over });
const build = (over: Partial<SearchQuery> & { q: string }, secret?: string) =>
  buildSearchRequests(q(over), { indexUid: INDEX, idHashSecret: secret });

/** Search parameters the docs define for POST /multi-search queries (reference/api/search + indexUid). */
const SEARCH_PARAMS = new Set([
  'indexUid',
  'q',
  'offset',
  'limit',
  'hitsPerPage',
  'page',
  'filter',
  'facets',
  'attributesToRetrieve',
  'attributesToCrop',
  'cropLength',
  'cropMarker',
  'attributesToHighlight',
  'highlightPreTag',
  'highlightPostTag',
  'showMatchesPosition',
  'sort',
  'matchingStrategy',
  'showRankingScore',
  'showRankingScoreDetails',
  'rankingScoreThreshold',
  'attributesToSearchOn',
  'hybrid',
  'vector',
  'retrieveVectors',
  'locales',
  'distinct',
]);

function checkShape(request: MultiSearchParams) {
  expect(Object.keys(request)).toEqual(['queries']);
  for (const query of request.queries) {
    for (const key of Object.keys(query)) expect(SEARCH_PARAMS.has(key), key).toBe(true);
    expect(query.indexUid).toBe(INDEX);
    const size = query.limit ?? query.hitsPerPage;
    expect(Number.isInteger(size) && size! > 0 && size! <= INDEX_SETTINGS.pagination.maxTotalHits).toBe(true);
    // No text query: every query is a sorted placeholder.
    expect(query.q).toBeUndefined();
    expect(query.sort).toEqual(SORT);
    if (query.matchingStrategy !== undefined) expect(['last', 'all', 'frequency']).toContain(query.matchingStrategy);
    for (const s of query.sort ?? []) {
      const [field, dir] = s.split(':');
      expect(INDEX_SETTINGS.sortableAttributes).toContain(field);
      expect(['asc', 'desc']).toContain(dir);
    }
    for (const a of query.attributesToRetrieve ?? []) expect(INDEX_SETTINGS.displayedAttributes).toContain(a);
    for (const a of query.attributesToSearchOn ?? []) expect(INDEX_SETTINGS.searchableAttributes).toContain(a);
    if (typeof query.filter === 'string') {
      // Every attribute a condition names must be filterable.
      for (const m of query.filter.matchAll(/([A-Za-z]+) (?:=|>=|<|STARTS WITH|CONTAINS) /g))
        expect(INDEX_SETTINGS.filterableAttributes).toContain(m[1]);
    }
  }
}

describe('normalizeQuery', () => {
  it('normalises like the built-in engine', () => {
    expect(normalizeQuery(' 張 偉 ')).toMatchObject({
      name: '张伟',
      isLatin: false,
      nameMatchable: true,
      residentIdShaped: false,
    });
    expect(normalizeQuery('ZhangWei')).toMatchObject({ name: 'zhangwei', isLatin: true, nameMatchable: true });
    expect(normalizeQuery('（２０２３）苏0583执１２３４号').caseNo).toBe('(2023)苏0583执1234号');
    expect(normalizeQuery('9132 0583-7161 0585').id).toBe('9132058371610585');
    expect(normalizeQuery('张').nameMatchable).toBe(false);
  });

  it('recognises resident-ID-shaped input, with or without spaces, x or full-width digits', () => {
    expect(normalizeQuery(PERSON_ID).residentIdShaped).toBe(true);
    expect(normalizeQuery('3205 8319 8001 0112 3x').residentIdShaped).toBe(true);
    expect(normalizeQuery('３２０５８３８００１０１１２３').residentIdShaped).toBe(true); // 15 digits
    expect(normalizeQuery('91320583MA1X2Y3Z4A').residentIdShaped).toBe(false); // a USCC with letters
    expect(normalizeQuery('3205831980').residentIdShaped).toBe(false);
  });
});

describe('searchWindow', () => {
  it('fetches every hit up to the end of the page, within the deepest allowed page', () => {
    expect(searchWindow(1, 20)).toBe(20);
    expect(searchWindow(10, 20)).toBe(200);
    expect(searchWindow(MAX_PAGE, PAGE_SIZE)).toBe(MAX_PAGE * PAGE_SIZE);
    expect(searchWindow(1000, 20)).toBe(MAX_PAGE * PAGE_SIZE);
  });
});

describe('buildSearchRequests', () => {
  it('builds the four filter queries for a Chinese name, each sorted newest first then by uid', () => {
    const p = build({
      q: '中国 農業',
      subjectType: 'organization',
      court: '昆山市人民法院',
      publishedFrom: '2024-03-02',
      publishedTo: '2024-03-04',
    });
    const user =
      `subjectType = "organization" AND court = "昆山市人民法院" AND publishedAtMs >= ` +
      `${cstDayStartMs('2024-03-02')} AND publishedAtMs < ${cstDayStartMs('2024-03-05')}`;
    const exact = `((idHashes = "${hashIdentifier('中国農業')}" AND subjectType = "organization") OR caseNo = "中国农业")`;
    const fields = ['uid', 'name', 'pinyin', 'pinyinInitials', 'publishedAtMs'];
    expect(p.kinds).toEqual(['exact', 'equal', 'prefix', 'all']);
    expect(p.window).toBe(20);
    expect(p.request).toEqual({
      queries: [
        {
          indexUid: INDEX,
          filter: `${exact} AND ${user}`,
          sort: ['publishedAtMs:desc', 'uidKey:asc'],
          attributesToRetrieve: ['uid', 'publishedAtMs'],
          limit: 20,
        },
        {
          indexUid: INDEX,
          filter: `name = "中国农业" AND ${user}`,
          sort: SORT,
          attributesToRetrieve: fields,
          limit: 20,
        },
        {
          indexUid: INDEX,
          filter: `name STARTS WITH "中国农业" AND ${user}`,
          sort: SORT,
          attributesToRetrieve: fields,
          limit: 20,
        },
        {
          indexUid: INDEX,
          filter: `(${exact} OR name CONTAINS "中国农业") AND ${user}`,
          sort: SORT,
          attributesToRetrieve: fields,
          hitsPerPage: 20,
          page: 1,
        },
      ],
    });
    checkShape(p.request);
  });

  it('matches Latin input on pinyin prefix and initials by filter, never by a text prefix', () => {
    const p = build({ q: 'Zhang' });
    expect(p.kinds).toEqual(['exact', 'equal', 'prefix', 'all']);
    expect(p.request.queries[1]!.filter).toBe('name = "zhang" OR pinyin = "zhang"');
    expect(p.request.queries[2]!.filter).toBe(
      'name STARTS WITH "zhang" OR pinyin STARTS WITH "zhang" OR pinyinInitials = "zhang"',
    );
    expect(p.request.queries[3]!.filter).toBe(
      `((idHashes = "${hashIdentifier('ZHANG')}" AND subjectType = "organization") OR caseNo = "zhang") OR ` +
        'name CONTAINS "zhang" OR pinyin STARTS WITH "zhang" OR pinyinInitials = "zhang"',
    );
    for (const query of p.request.queries) expect(query).not.toHaveProperty('q');
    checkShape(p.request);
  });

  it('counts with the identifier query alone when no name clause applies', () => {
    const p = build({ q: '张' });
    expect(p.kinds).toEqual(['exact']);
    expect(p.request.queries[0]).toMatchObject({ hitsPerPage: 20, page: 1 });
    expect(p.request.queries[0]).not.toHaveProperty('limit');
    checkShape(p.request);
  });

  it('sends only the identifier hash for a resident ID: no name, no case number', () => {
    const p = build({ q: PERSON_ID.slice(0, 6) + ' ' + PERSON_ID.slice(6) });
    expect(p.kinds).toEqual(['exact']);
    expect(p.request.queries).toHaveLength(1);
    expect(p.request.queries[0]!.filter).toBe(
      `(idHashes = "${hashIdentifier(PERSON_ID)}" AND subjectType = "organization")`,
    );
    expect(JSON.stringify(p.request)).not.toContain(PERSON_ID);
    expect(JSON.stringify(p.request)).not.toContain(PERSON_ID.slice(0, 15));
    checkShape(p.request);
  });

  it('hashes the identifier with the configured secret, as the documents are', () => {
    const secret = 'a-secret-of-16-chars';
    const p = build({ q: USCC }, secret);
    const doc = toMeiliDocument(makeEntry({ subjectType: 'organization', name: '某某有限公司', idNumber: USCC }), {
      idHashSecret: secret,
    });
    expect(p.request.queries[0]!.filter).toContain(
      `(idHashes = "${doc.idHashes[0]}" AND subjectType = "organization")`,
    );
  });

  it('matches a case number typed full-width, by filter', () => {
    const p = build({ q: '（２０２３）苏0583执１２３４号' });
    const doc = toMeiliDocument(makeEntry());
    expect(p.request.queries[0]!.filter).toContain(`caseNo = "${doc.caseNo}"`);
    checkShape(p.request);
  });

  it('keeps quotes, a leading minus and more than 10 words as plain text of one quoted value', () => {
    const long = Array.from({ length: 12 }, (_, i) => `词${i}`).join(' ');
    for (const text of ['某"有限"公司', '-abc', long]) {
      const p = build({ q: text });
      const filter = p.request.queries.at(-1)!.filter as string;
      expect(filter).toContain(`name CONTAINS ${JSON.stringify(normalizeQuery(text).name)}`);
      checkShape(p.request);
    }
  });

  it('sends nothing for an empty query', () => {
    expect(build({ q: '  ' }).request.queries).toEqual([]);
  });

  it('asks every query for the same window, deeper for deeper pages', () => {
    const p = build({ q: '有限公司', page: 7 });
    for (const query of p.request.queries) expect(query.limit ?? query.hitsPerPage).toBe(7 * PAGE_SIZE);
  });

  it('produces parameters the client accepts', () => {
    // Compile-time check: the request is a MultiSearchParams and each query a SearchParams.
    const p = build({ q: '张伟' });
    const asParams: SearchParams[] = p.request.queries;
    expect(asParams.length).toBe(4);
  });
});

describe('rankHit (precision filter and rank)', () => {
  const nq = normalizeQuery('农业');
  const hit = (name: string, pinyin = '', pinyinInitials = '') => ({ name, pinyin, pinyinInitials });

  it('ranks exact, prefix and substring name matches', () => {
    expect(rankHit(hit('农业'), nq)).toBe(1);
    expect(rankHit(hit('农业银行'), nq)).toBe(2);
    expect(rankHit(hit('中国农业发展银行'), nq)).toBe(3);
  });

  it('drops hits whose name does not contain the query (jieba and substring over-matching)', () => {
    expect(rankHit(hit('农村业务公司'), nq)).toBeNull(); // 农 + 业 matched as separate words
    expect(rankHit(hit('业农公司'), nq)).toBeNull();
    expect(rankHit(hit(''), nq)).toBeNull();
    expect(rankHit({}, nq)).toBeNull();
  });

  it('matches Latin input on pinyin prefix and initials', () => {
    const zw = normalizeQuery('zw');
    expect(rankHit(hit('张伟', 'zhangwei', 'zw'), zw)).toBe(2); // initials equal
    expect(rankHit(hit('赵文伟', 'zhaowenwei', 'zww'), zw)).toBeNull();
    const zhang = normalizeQuery('Zhang');
    expect(rankHit(hit('张', 'zhang', 'z'), zhang)).toBe(1); // pinyin equal
    expect(rankHit(hit('张伟', 'zhangwei', 'zw'), zhang)).toBe(2); // pinyin prefix
    expect(rankHit(hit('李章', 'lizhang', 'lz'), zhang)).toBeNull(); // pinyin infix does not match
    expect(rankHit(hit('zhang记', 'zhangji', 'zhangj'), zhang)).toBe(2);
    expect(rankHit(hit('小zhang记', 'xiaozhangji', 'xzhangj'), zhang)).toBe(3); // name substring
  });

  it('ignores pinyin for non-Latin input, as the built-in engine does', () => {
    const q2 = normalizeQuery('ab1');
    expect(rankHit(hit('某公司', 'ab1x', 'ab1'), q2)).toBeNull();
    expect(rankHit(hit('ab1公司', 'ab1gongsi', 'ab1gs'), q2)).toBe(2);
  });

  it('does not match names on a one-character query', () => {
    expect(rankHit(hit('张伟'), normalizeQuery('张'))).toBeNull();
  });
});

describe('mergeResults', () => {
  const prepared = build({ q: '农业' }); // exact, equal, prefix, all
  const H = (uid: string, name: string, publishedAtMs: number) => ({
    uid,
    name,
    pinyin: '',
    pinyinInitials: '',
    publishedAtMs,
  });
  const counted = (hits: ReturnType<typeof H>[], totalHits = hits.length) => ({ hits, totalHits });
  const none = { hits: [] };

  it('puts exact hits first, de-duplicates by uid keeping the best rank, orders rank → newest → uid', () => {
    const r = mergeResults(
      prepared,
      [
        { hits: [{ uid: 'X1', publishedAtMs: 100 }] },
        { hits: [H('S1', '农业', 50)] },
        { hits: [H('S1', '农业', 50), H('P1', '农业银行', 10)] },
        counted([
          H('S1', '农业', 50),
          H('X1', '中国农业银行', 100),
          H('P1', '农业银行', 10),
          H('A2', '中国农业', 300),
          H('A1', '昆山农业', 300),
          H('N1', '农村业务', 999), // not a substring (NFKD-widened match), dropped
        ]),
      ],
      1,
      20,
    );
    expect(r.hits).toEqual([
      { uid: 'X1', rank: 0 },
      { uid: 'S1', rank: 1 },
      { uid: 'P1', rank: 2 },
      { uid: 'A1', rank: 3 },
      { uid: 'A2', rank: 3 },
    ]);
    expect(r.total).toBe(6);
    expect(r.totalIsLowerBound).toBe(false);
  });

  it('slices the requested page', () => {
    const hits = Array.from({ length: 45 }, (_, i) => H(`U${String(i).padStart(3, '0')}`, '中国农业', 1000 - i));
    const p2 = mergeResults(prepared, [none, none, none, counted(hits)], 2, 20);
    expect(p2.hits.map((h) => h.uid)).toEqual(hits.slice(20, 40).map((h) => h.uid));
    expect(p2.total).toBe(45);
    const p3 = mergeResults(prepared, [none, none, none, counted(hits)], 3, 20);
    expect(p3.hits).toHaveLength(5);
    expect(mergeResults(prepared, [none, none, none, counted(hits)], 4, 20).hits).toEqual([]);
  });

  it('takes the total from the counting query: exact below maxTotalHits, a lower bound at it', () => {
    const page = Array.from({ length: 20 }, (_, i) => H(`U${i}`, '中国农业', i));
    expect(mergeResults(prepared, [none, none, none, counted(page, 3456)], 1, 20)).toMatchObject({
      total: 3456,
      totalIsLowerBound: false,
    });
    expect(mergeResults(prepared, [none, none, none, counted(page, MAX_TOTAL_HITS)], 1, 20)).toMatchObject({
      total: MAX_TOTAL_HITS,
      totalIsLowerBound: true,
    });
    // Never fewer than the distinct matches seen.
    expect(mergeResults(prepared, [none, none, none, counted(page, 3)], 1, 20).total).toBe(20);
  });

  it('a rank-2 hit newer than every rank-1 hit still comes after them (the windows are per rank)', () => {
    const equal = [H('E1', '农业', 1)];
    const prefix = [H('P9', '农业局', 9), H('E1', '农业', 1)];
    const r = mergeResults(prepared, [none, { hits: equal }, { hits: prefix }, counted([...prefix])], 1, 20);
    expect(r.hits).toEqual([
      { uid: 'E1', rank: 1 },
      { uid: 'P9', rank: 2 },
    ]);
  });

  it('skips malformed hits and refuses a response that does not match the request', () => {
    const r = mergeResults(
      prepared,
      [{ hits: [{ publishedAtMs: 1 }, { uid: 5 }] }, none, none, { hits: [{ uid: 'A', name: '农业' }], totalHits: 1 }],
      1,
      20,
    );
    expect(r.hits).toEqual([{ uid: 'A', rank: 1 }]);
    expect(() => mergeResults(prepared, [none], 1, 20)).toThrow(MeilisearchSearchError);
    // No count at all: not a response to this request.
    expect(() => mergeResults(prepared, [none, none, none, none], 1, 20)).toThrow(MeilisearchSearchError);
  });

  it('compares like the built-in engine: rank, publishedAt desc, uid', () => {
    const c = (uid: string, rank: number, publishedAt: number) => ({ uid, rank, publishedAt });
    expect(compareCandidates(c('b', 1, 5), c('a', 2, 9))).toBeLessThan(0);
    expect(compareCandidates(c('b', 3, 9), c('a', 3, 5))).toBeLessThan(0);
    expect(compareCandidates(c('a', 3, 5), c('b', 3, 5))).toBeLessThan(0);
    expect(compareCandidates(c('a', 3, 5), c('a', 3, 5))).toBe(0);
  });
});

describe('errors and client configuration', () => {
  it('maps a request timeout to code "timeout" without keeping the request', () => {
    const timeout = new MeilisearchRequestError(
      'http://meili/multi-search',
      new MeilisearchRequestTimeOutError(300, { body: JSON.stringify({ q: '张伟' }) }),
    );
    const e = toSearchError(timeout);
    expect(e.code).toBe('timeout');
    expect(e.message).toBe('meilisearch search failed (timeout)');
    expect(JSON.stringify(e)).not.toContain('张伟');
    expect(e.cause).toBeUndefined();
  });

  it('maps network failures and API errors to their codes', () => {
    expect(toSearchError(new MeilisearchRequestError('http://meili', new TypeError('fetch failed'))).code).toBe(
      'request_failed',
    );
    const api = new MeilisearchApiError(new Response(null, { status: 400 }), {
      message: 'Attribute `x` is not filterable',
      code: 'invalid_search_filter',
      type: 'invalid_request',
      link: '',
    });
    expect(toSearchError(api).code).toBe('invalid_search_filter');
    expect(toSearchError(new MeilisearchApiError(new Response(null, { status: 502 }))).code).toBe('http_502');
    expect(toSearchError(new Error('x')).code).toBe('unexpected_response');
  });

  it('maps a failed health probe to what /api/health reports', () => {
    const api = (code: string, status = 400) =>
      new MeilisearchApiError(new Response(null, { status }), { message: '', code, type: 'invalid_request', link: '' });
    expect(healthFromError(api('index_not_found', 404))).toBe('index_missing');
    expect(healthFromError(api('feature_not_enabled'))).toBe('misconfigured');
    expect(healthFromError(api('invalid_search_sort'))).toBe('misconfigured');
    expect(healthFromError(api('invalid_api_key', 403))).toBe('misconfigured');
    expect(healthFromError(new MeilisearchApiError(new Response(null, { status: 503 })))).toBe('unreachable');
    expect(healthFromError(new MeilisearchRequestError('http://meili', new TypeError('fetch failed')))).toBe(
      'unreachable',
    );
  });

  it('gives every client its request timeout and asks for uncompressed responses', () => {
    const config = { host: 'http://m:7700', apiKey: 'k', indexUid: 'entries', timeoutMs: 250, idHashSecret: undefined };
    expect(clientOptions(config, config.timeoutMs)).toEqual({
      host: 'http://m:7700',
      apiKey: 'k',
      timeout: 250,
      requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    });
  });
});
