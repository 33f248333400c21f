import 'server-only';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type MultiSearchParams,
  type MultiSearchQuery,
  type RecordAny,
} from 'meilisearch';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { normalizeCaseNo, normalizeText } from '@/lib/normalize';
import { MAX_PAGE, PAGE_SIZE } from '@/lib/search/limits';
import type { SearchEngine, SearchHit, SearchResult } from '@/adapters/search/types';
import { clientOptions, type MeiliConfig } from '@/adapters/search/meilisearch/config';
import { hashIdentifier } from '@/adapters/search/meilisearch/documents';
import {
  andFilters,
  buildFilter,
  contains,
  eq,
  exactFilter,
  orFilters,
  startsWith,
} from '@/adapters/search/meilisearch/filters';
import { MAX_TOTAL_HITS } from '@/adapters/search/meilisearch/settings';
import { type SearchQuery } from '@/lib/search/params';

/**
 * # The Meilisearch engine
 *
 * Same contract as the built-in engine (postgres-engine.ts): the query is normalised the
 * same way, a hit matches when an identifier or the case number equals the query (rank 0),
 * or the normalised name contains it (queries of ≥ 2 characters), or — for Latin input —
 * the full pinyin starts with it or the initials equal it; rank 1 = name or pinyin equal,
 * 2 = name or pinyin prefix or initials equal, 3 = the rest; ties newest first, then uid.
 *
 * ## No text query
 * Measured against a real Meilisearch (v1.50.0, docs/benchmarks.md), a text query cannot
 * give that contract on a large register: it is ordered by relevance, so "newest first"
 * held only inside the window fetched and pages built from different windows repeated or
 * skipped entries; its last word is a prefix expanded to at most 1,000 indexed words in
 * alphabetical order (pinyin `zhang` lost every name after the first 1,000 readings); only
 * its first 10 words count; and jieba's cuts decide what is a word. So every query here is a
 * placeholder (`q` absent) with a filter and `sort: publishedAtMs:desc, uidKey:asc` — the
 * built-in engine's order exactly (documents.ts explains both keys):
 * 1. `exact`: `idHashes = hash(id) AND subjectType = organization OR caseNo = …` → rank 0;
 * 2. `equal`: `name = q` (Latin: `OR pinyin = q`) → rank 1;
 * 3. `prefix`: `name STARTS WITH q` (Latin: `OR pinyin STARTS WITH q OR pinyinInitials = q`)
 *    → rank 1 or 2;
 * 4. `all`: every match — the exact clause `OR name CONTAINS q` (Latin: `OR` the pinyin
 *    clauses) → ranks 0–3, with `page`/`hitsPerPage` so that `totalHits` is an exhaustive count
 *    (up to `maxTotalHits`).
 * Each query fetches the first `page × pageSize` hits of its own set in that order. The
 * requested page, ordered by (rank, newest, uid), then lies inside the union: the hits of
 * rank r it needs are the newest of rank r, and each query's window holds at least that many
 * of them unless better-ranked hits already fill the page (the argument is in mergeResults).
 * `rankHit()` recomputes each hit's rank from its fields and drops a hit whose name does not
 * really contain the query (Meilisearch compares NFKD-decomposed, lowercased facet values,
 * which can only widen a match).
 *
 * Totals: `totalHits` of the `all` query, exact below MAX_TOTAL_HITS (10,000), a lower bound
 * (`totalIsLowerBound`) at it. The built-in engine stops counting at 3,000, so both engines
 * show the same pages and the same order, and may word the total differently.
 *
 * Cost: `CONTAINS` checks every distinct `name` value (a scan of the facet strings, growing
 * with the register); `=`, `STARTS WITH` and the sort are index lookups.
 *
 * Privacy (design rule 5): when the query is shaped like a resident ID (15 digits, or 17
 * digits + digit/X), only its hash is sent — no name clause, no case-number clause — so the
 * number never reaches the index server (nor its logs). Errors are rethrown as
 * {@link MeilisearchSearchError}, which carries a code and never the request.
 *
 * Timeouts: the client's `timeout` option aborts each HTTP request (response body included)
 * after `config.timeoutMs`; the resulting error has code `timeout`, so the caller can fall
 * back to the built-in engine.
 */

export type QueryKind = 'exact' | 'equal' | 'prefix' | 'all';

export type NormalizedQuery = {
  /** normalizeText(q): compared with `name` and the pinyin fields. */
  name: string;
  /** normalizeCaseNo(q). */
  caseNo: string;
  /** normalizeIdentifierInput(q). */
  id: string;
  /** `name` is only [a-z]+ → pinyin and initials are matched too. */
  isLatin: boolean;
  /** `name` has ≥ 2 code points → substring matching on names applies. */
  nameMatchable: boolean;
  /** `id` looks like a resident ID → nothing but its hash is sent. */
  residentIdShaped: boolean;
};

export function normalizeQuery(q: string): NormalizedQuery {
  const name = normalizeText(q);
  const id = normalizeIdentifierInput(q);
  return {
    name,
    caseNo: normalizeCaseNo(q),
    id,
    isLatin: /^[a-z]+$/.test(name),
    nameMatchable: Array.from(name).length >= 2,
    residentIdShaped: /^(?:\d{17}[\dX]|\d{15})$/.test(id),
  };
}

/** No query asks for more hits than the deepest page allowed. */
export const MAX_WINDOW = MAX_PAGE * PAGE_SIZE;

/** How many hits each query asks for to serve `page`: every hit up to the end of that page. */
export function searchWindow(page: number, pageSize: number): number {
  return Math.max(1, Math.min(MAX_WINDOW, page * pageSize));
}

const RANK_FIELDS = ['uid', 'name', 'pinyin', 'pinyinInitials', 'publishedAtMs'];
/** The built-in engine's order: newest first, then uid (as `ORDER BY uid` under collation C). */
export const SORT = ['publishedAtMs:desc', 'uidKey:asc'];

export type PreparedSearch = {
  query: NormalizedQuery;
  /** Parallel to `request.queries`. */
  kinds: QueryKind[];
  /** The limit every query asks for. */
  window: number;
  request: MultiSearchParams;
};

/**
 * The multiSearch body for a query (pure: no I/O). `request.queries` is empty when there is
 * nothing to look up (an empty query). The last query is the counting one (`page` mode).
 */
export function buildSearchRequests(
  query: SearchQuery,
  opts: { indexUid: string; idHashSecret?: string },
): PreparedSearch {
  const nq = normalizeQuery(query.q);
  const window = searchWindow(query.page, query.pageSize);
  const userFilter = buildFilter(query);
  const queries: MultiSearchQuery[] = [];
  const kinds: QueryKind[] = [];
  if (nq.name === '' && nq.id === '') return { query: nq, kinds, window, request: { queries } };

  const base = (filter: string, fields: string[]): MultiSearchQuery => ({
    indexUid: opts.indexUid,
    filter: andFilters(filter, userFilter),
    sort: SORT,
    attributesToRetrieve: fields,
    limit: window,
  });

  let exact: string | undefined;
  if (nq.id !== '') {
    const caseNo = nq.residentIdShaped || nq.caseNo === '' ? null : nq.caseNo;
    exact = exactFilter(hashIdentifier(nq.id, opts.idHashSecret), caseNo);
    kinds.push('exact');
    queries.push(base(exact, ['uid', 'publishedAtMs']));
  }
  const name = nq.residentIdShaped ? { ...nq, nameMatchable: false, isLatin: false } : nq;
  const equal = orFilters(
    name.nameMatchable ? eq('name', nq.name) : undefined,
    name.isLatin ? eq('pinyin', nq.name) : undefined,
  );
  const prefix = orFilters(
    name.nameMatchable ? startsWith('name', nq.name) : undefined,
    name.isLatin ? startsWith('pinyin', nq.name) : undefined,
    name.isLatin ? eq('pinyinInitials', nq.name) : undefined,
  );
  const anywhere = orFilters(
    name.nameMatchable ? contains('name', nq.name) : undefined,
    name.isLatin ? startsWith('pinyin', nq.name) : undefined,
    name.isLatin ? eq('pinyinInitials', nq.name) : undefined,
  );
  if (equal !== undefined) {
    kinds.push('equal');
    queries.push(base(equal, RANK_FIELDS));
  }
  if (prefix !== undefined) {
    kinds.push('prefix');
    queries.push(base(prefix, RANK_FIELDS));
  }
  if (anywhere !== undefined) {
    kinds.push('all');
    const { limit: _limit, ...rest } = base(orFilters(exact, anywhere)!, RANK_FIELDS);
    queries.push({ ...rest, hitsPerPage: window, page: 1 });
  } else if (queries.length > 0) {
    // Identifiers only: the exact query counts.
    const { limit: _limit, ...rest } = queries[0]!;
    queries[0] = { ...rest, hitsPerPage: window, page: 1 };
  }
  return { query: nq, kinds, window, request: { queries } };
}

type RankFields = { name?: unknown; pinyin?: unknown; pinyinInitials?: unknown };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The built-in engine's match rule and rank for a name-side hit, or null when the hit does
 * not match (Meilisearch over-matched it): the precision filter.
 */
export function rankHit(hit: RankFields, nq: NormalizedQuery): 1 | 2 | 3 | null {
  const q = nq.name;
  if (q === '') return null;
  const name = str(hit.name);
  const pinyin = str(hit.pinyin);
  const initials = str(hit.pinyinInitials);
  const matches = (nq.nameMatchable && name.includes(q)) || (nq.isLatin && (pinyin.startsWith(q) || initials === q));
  if (!matches) return null;
  if (name === q || pinyin === q) return 1;
  if (name.startsWith(q) || pinyin.startsWith(q) || initials === q) return 2;
  return 3;
}

type Candidate = { uid: string; rank: number; publishedAt: number };
type QueryResult = { hits: readonly RecordAny[]; totalHits?: number; estimatedTotalHits?: number };

/** rank, then newest, then uid (code-unit order, as Postgres sorts ASCII uids). */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.publishedAt !== b.publishedAt) return b.publishedAt - a.publishedAt;
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/**
 * Merges the multiSearch results (parallel to `prepared.kinds`) into the requested page:
 * ranks, precision filter, de-duplication (best rank wins), order, slice, total.
 *
 * Why the page is right: let k = page × pageSize (the window) and R_r the hits of rank r.
 * The page needs, for each r, the newest min(|R_r|, k − |R_0 ∪ … ∪ R_{r−1}|) hits of R_r.
 * The query covering R_r (exact: R_0; equal: R_1; prefix: R_1 ∪ R_2; all: every rank) returns
 * its k newest hits; those that are not of a better rank are the newest of R_r, and there
 * are at least k minus the better-ranked hits among them — enough.
 */
export function mergeResults(
  prepared: PreparedSearch,
  results: readonly QueryResult[],
  page: number,
  pageSize: number,
): SearchResult {
  if (results.length !== prepared.kinds.length) {
    throw new MeilisearchSearchError('unexpected_response');
  }
  const best = new Map<string, Candidate>();
  results.forEach((result, i) => {
    const kind = prepared.kinds[i];
    for (const hit of result.hits) {
      const uid = hit.uid;
      if (typeof uid !== 'string' || uid === '') continue;
      const rank = kind === 'exact' ? 0 : rankHit(hit, prepared.query);
      if (rank === null) continue;
      const publishedAt = typeof hit.publishedAtMs === 'number' ? hit.publishedAtMs : 0;
      const seen = best.get(uid);
      if (!seen || rank < seen.rank) best.set(uid, { uid, rank, publishedAt });
    }
  });
  const ordered = [...best.values()].sort(compareCandidates);
  const offset = (page - 1) * pageSize;
  const hits: SearchHit[] = ordered.slice(offset, offset + pageSize).map(({ uid, rank }) => ({ uid, rank }));
  const counted = results.at(-1);
  const reported = counted?.totalHits ?? counted?.estimatedTotalHits;
  if (typeof reported !== 'number' || !Number.isFinite(reported))
    throw new MeilisearchSearchError('unexpected_response');
  // Never fewer than the distinct matches seen (a stale count while documents are being indexed).
  const total = Math.max(reported, ordered.length);
  return { hits, total, totalIsLowerBound: total >= MAX_TOTAL_HITS };
}

/** A failed search; `code` is `timeout`, `request_failed`, `unexpected_response` or the API's error code. */
export class MeilisearchSearchError extends Error {
  readonly code: string;
  constructor(code: string) {
    super(`meilisearch search failed (${code})`);
    this.name = 'MeilisearchSearchError';
    this.code = code;
  }
}

/**
 * Maps a client error to a {@link MeilisearchSearchError}. The client's errors hold the
 * request (URL, body with the query); none of it is kept.
 */
export function toSearchError(err: unknown): MeilisearchSearchError {
  if (err instanceof MeilisearchSearchError) return err;
  if (err instanceof MeilisearchRequestError) {
    return new MeilisearchSearchError(
      err.cause instanceof MeilisearchRequestTimeOutError ? 'timeout' : 'request_failed',
    );
  }
  if (err instanceof MeilisearchApiError)
    return new MeilisearchSearchError(err.cause?.code ?? `http_${err.response.status}`);
  return new MeilisearchSearchError('unexpected_response');
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  private readonly client: Meilisearch;

  constructor(private readonly config: MeiliConfig) {
    // The request timeout is what makes a slow index fail fast (the caller falls back).
    this.client = new Meilisearch(clientOptions(config, config.timeoutMs));
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const prepared = buildSearchRequests(query, {
      indexUid: this.config.indexUid,
      idHashSecret: this.config.idHashSecret,
    });
    if (prepared.request.queries.length === 0) return { hits: [], total: 0, totalIsLowerBound: false };
    let response;
    try {
      response = await this.client.multiSearch(prepared.request);
    } catch (err) {
      throw toSearchError(err);
    }
    if (!response || !Array.isArray(response.results)) throw new MeilisearchSearchError('unexpected_response');
    return mergeResults(prepared, response.results, query.page, query.pageSize);
  }

  /**
   * Whether searches would be served by Meilisearch: GET /health (the server is up), then one
   * real search through the same request shape as every search (the index exists, the
   * `containsFilter` feature is on, the sort and filter settings are in place, the key may
   * search), each within the search timeout. GET /health alone answers `available` while the
   * index is missing and every search quietly falls back.
   */
  async health(): Promise<MeiliHealth> {
    try {
      await this.client.health();
      await this.search(HEALTH_PROBE);
      return 'ok';
    } catch (err) {
      return healthFromError(err);
    }
  }
}

/** What GET /api/health reports for Meilisearch. */
export type MeiliHealth = 'ok' | 'unreachable' | 'index_missing' | 'misconfigured';

/** A cheap query of every clause kind (name, pinyin, case number). */
const HEALTH_PROBE: SearchQuery = { q: '健康检查', page: 1, pageSize: 1 };

/**
 * The health state a failed probe means: no answer → `unreachable`; `index_not_found` →
 * `index_missing` (run `npm run search:setup` and `search:reindex`); any other API error
 * (`feature_not_enabled`, `invalid_search_sort`, `invalid_search_filter`, a key without
 * rights…) → `misconfigured` (run `npm run search:setup`, check the key).
 */
export function healthFromError(err: unknown): MeiliHealth {
  const { code } = toSearchError(err);
  if (code === 'index_not_found') return 'index_missing';
  if (code === 'timeout' || code === 'request_failed' || code === 'unexpected_response' || /^http_5/.test(code)) {
    return 'unreachable';
  }
  return 'misconfigured';
}
