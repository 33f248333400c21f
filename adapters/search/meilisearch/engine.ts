import 'server-only';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type Config,
  type MultiSearchParams,
  type MultiSearchQuery,
  type RecordAny,
} from 'meilisearch';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { normalizeCaseNo, normalizeText } from '@/lib/normalize';
import { MAX_PAGE, PAGE_SIZE } from '@/lib/search/limits';
import type { SearchEngine, SearchHit, SearchResult } from '@/adapters/search/types';
import type { MeiliConfig } from '@/adapters/search/meilisearch/config';
import { hashIdentifier } from '@/adapters/search/meilisearch/documents';
import { andFilters, buildFilter, eq, exactFilter, orFilters } from '@/adapters/search/meilisearch/filters';
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
 * One `multiSearch` request (https://www.meilisearch.com/docs/reference/api/multi_search)
 * carries up to three queries, each with the user filters:
 * 1. `exact`: placeholder (`q: ''`), filter `idHashes = hash(id) OR caseNo = caseNo` → rank 0;
 * 2. `strong`: placeholder, filter `name = q` (Latin: `OR pinyin = q OR pinyinInitials = q`),
 *    so every rank-1 hit (and initials-equal rank-2 hit) is fetched whatever the relevance
 *    order of the text query;
 * 3. `name`: the text query over the name fields, `matchingStrategy: 'all'`. Meilisearch
 *    matches jieba words (and `nameSubstrings`), which over-matches, so a hit is kept only if
 *    its `name` contains the query, or (Latin query) its pinyin starts with it or its
 *    initials equal it: the precision filter, `rankHit()`.
 * Hits are merged (exact first, de-duplicated by uid, best rank kept), ordered by rank,
 * newest, uid, and the requested page is sliced.
 *
 * Window and totals: each query asks for the first `searchWindow(page)` hits
 * ((page + 5) × pageSize, at most MAX_PAGE × PAGE_SIZE), so the page and a few after it are
 * ranked from the same candidates. When every query returned fewer hits than it asked for,
 * all matches were seen: `total` is exact. Otherwise `total` is the number of distinct
 * matching hits seen — a true lower bound — and `totalIsLowerBound` is set; the order of
 * rank-3 hits beyond the window (and name-prefix rank-2 hits, which only the text query
 * finds) then follows Meilisearch's relevance rather than strictly newest-first.
 *
 * Privacy (design rule 5): when the query is shaped like a resident ID (15 digits, or 17
 * digits + digit/X), only its hash is sent — no text query, no case-number clause — so the
 * number never reaches the index server (nor its logs). Errors are rethrown as
 * {@link MeilisearchSearchError}, which carries a code and never the request.
 *
 * Timeouts: the client's `timeout` option aborts each HTTP request (response body included)
 * after `config.timeoutMs`; the resulting error has code `timeout`, so the caller can fall
 * back to the built-in engine.
 */

export type QueryKind = 'exact' | 'strong' | 'name';

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

/** Pages of headroom fetched after the requested one. */
export const HEADROOM_PAGES = 5;
/** No query asks for more hits than the deepest page allowed. */
export const MAX_WINDOW = MAX_PAGE * PAGE_SIZE;

/** How many hits each query asks for to serve `page`. */
export function searchWindow(page: number, pageSize: number): number {
  return Math.max(1, Math.min(MAX_WINDOW, (page + HEADROOM_PAGES) * pageSize));
}

/**
 * The text of the `q` parameter. Meilisearch gives `"` (phrase search) and a leading `-`
 * (negative search) a meaning; both are neutralised so that the name is searched as text.
 * Removing them only widens the candidates: the precision filter compares the full query.
 */
export function textQuery(name: string): string {
  return name
    .replace(/"/g, ' ')
    .replace(/(^|\s)-+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const HAN_RE = /\p{Script=Han}/u;
const NAME_FIELDS = ['name', 'nameSubstrings', 'pinyin', 'pinyinInitials'];
const RANK_FIELDS = ['uid', 'name', 'pinyin', 'pinyinInitials', 'publishedAt'];
const SORT_NEWEST = ['publishedAt:desc'];

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
 * nothing to look up (an empty query).
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

  if (nq.id !== '') {
    const caseNo = nq.residentIdShaped || nq.caseNo === '' ? null : nq.caseNo;
    kinds.push('exact');
    queries.push({
      indexUid: opts.indexUid,
      q: '',
      filter: andFilters(exactFilter(hashIdentifier(nq.id, opts.idHashSecret), caseNo), userFilter),
      sort: SORT_NEWEST,
      attributesToRetrieve: ['uid', 'publishedAt'],
      limit: window,
    });
  }
  if (nq.residentIdShaped) return { query: nq, kinds, window, request: { queries } };

  const equalities = [
    nq.nameMatchable ? eq('name', nq.name) : undefined,
    nq.isLatin ? eq('pinyin', nq.name) : undefined,
    nq.isLatin ? eq('pinyinInitials', nq.name) : undefined,
  ];
  const strong = orFilters(...equalities);
  if (strong !== undefined) {
    kinds.push('strong');
    queries.push({
      indexUid: opts.indexUid,
      q: '',
      filter: andFilters(strong, userFilter),
      sort: SORT_NEWEST,
      attributesToRetrieve: RANK_FIELDS,
      limit: window,
    });
  }

  const q = textQuery(nq.name);
  if ((nq.nameMatchable || nq.isLatin) && q !== '') {
    kinds.push('name');
    queries.push({
      indexUid: opts.indexUid,
      q,
      ...(userFilter === undefined ? {} : { filter: userFilter }),
      matchingStrategy: 'all',
      attributesToSearchOn: NAME_FIELDS,
      attributesToRetrieve: RANK_FIELDS,
      ...(HAN_RE.test(q) ? { locales: ['cmn'] } : {}),
      limit: window,
    });
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

/** rank, then newest, then uid (code-unit order, as Postgres sorts ASCII uids). */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.publishedAt !== b.publishedAt) return b.publishedAt - a.publishedAt;
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/**
 * Merges the multiSearch results (parallel to `prepared.kinds`) into the requested page:
 * ranks, precision filter, de-duplication (best rank wins), order, slice, total.
 */
export function mergeResults(
  prepared: PreparedSearch,
  results: readonly { hits: readonly RecordAny[] }[],
  page: number,
  pageSize: number,
): SearchResult {
  if (results.length !== prepared.kinds.length) {
    throw new MeilisearchSearchError('unexpected_response');
  }
  const best = new Map<string, Candidate>();
  let complete = true;
  results.forEach((result, i) => {
    const kind = prepared.kinds[i];
    if (result.hits.length >= prepared.window) complete = false;
    for (const hit of result.hits) {
      const uid = hit.uid;
      if (typeof uid !== 'string' || uid === '') continue;
      const rank = kind === 'exact' ? 0 : rankHit(hit, prepared.query);
      if (rank === null) continue;
      const publishedAt = typeof hit.publishedAt === 'number' ? hit.publishedAt : 0;
      const seen = best.get(uid);
      if (!seen || rank < seen.rank) best.set(uid, { uid, rank, publishedAt });
    }
  });
  const ordered = [...best.values()].sort(compareCandidates);
  const offset = (page - 1) * pageSize;
  const hits: SearchHit[] = ordered.slice(offset, offset + pageSize).map(({ uid, rank }) => ({ uid, rank }));
  return { hits, total: ordered.length, totalIsLowerBound: !complete };
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

/** The client options of a search client: the request timeout is what makes a slow index fail fast. */
export function searchClientConfig(config: MeiliConfig): Config {
  return { host: config.host, apiKey: config.apiKey, timeout: config.timeoutMs };
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  private readonly client: Meilisearch;

  constructor(private readonly config: MeiliConfig) {
    this.client = new Meilisearch(searchClientConfig(config));
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

  /** Resolves when the server answers GET /health within the timeout; throws a MeilisearchSearchError otherwise. */
  async health(): Promise<void> {
    try {
      await this.client.health();
    } catch (err) {
      throw toSearchError(err);
    }
  }
}
