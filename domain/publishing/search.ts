import 'server-only';
import { getPublicEntriesInOrder } from '@/domain/publishing/queries';
import { isPersonIdShaped } from '@/lib/disclosure';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { normalizeText } from '@/lib/normalize';
import type { PublicEntry } from '@/domain/publishing/public-entry';
import { MAX_PAGE, MAX_QUERY_CHARS, MIN_QUERY_CHARS, PAGE_SIZE } from '@/lib/search/limits';
import { runSearch } from '@/adapters/search/runtime';
import { type SearchFilters } from '@/lib/search/params';

export type PublicSearch =
  | { status: 'empty' }
  | { status: 'too_short' }
  | { status: 'too_long' }
  /**
   * A resident ID number: persons are searched by name (lib/disclosure.ts); said for every such query, listed or not.
   */
  | { status: 'person_id' }
  | {
      status: 'ok';
      entries: (PublicEntry & { rank: number })[];
      total: number;
      /** There are at least `total` matches (the engine stopped counting). */
      totalIsLowerBound: boolean;
      /** The engine that answered, and whether it was the fallback for an unavailable one. */
      engine: string;
      degraded: boolean;
      page: number;
      pageCount: number;
    };

/**
 * A failed engine query. Database errors quote the query's parameters — possibly a full ID
 * number someone searched for — so only the error code travels on (logs never hold an ID).
 */
export class SearchFailedError extends Error {
  constructor(err: unknown) {
    const code =
      (err as { cause?: { code?: string }; code?: string })?.cause?.code ??
      (err as { code?: string })?.code ??
      'unknown';
    super(`search engine query failed (code ${code})`);
  }
}

/**
 * The one public search path (pages and API): validate the query, ask the engine, then
 * re-check every hit against the visibility rule in Postgres before anything is shown.
 */
export async function searchPublic(q: string, filters: SearchFilters, page: number): Promise<PublicSearch> {
  const trimmed = q.trim();
  if (!trimmed) return { status: 'empty' };
  if (trimmed.length > MAX_QUERY_CHARS) return { status: 'too_long' };
  if ([...normalizeText(trimmed)].length < MIN_QUERY_CHARS) return { status: 'too_short' };
  if (isPersonIdShaped(normalizeIdentifierInput(trimmed))) return { status: 'person_id' };
  const safePage = Math.min(Math.max(1, Math.trunc(page) || 1), MAX_PAGE);
  const { result, engine, degraded } = await runSearch({
    q: trimmed,
    ...filters,
    page: safePage,
    pageSize: PAGE_SIZE,
  }).catch((err: unknown) => {
    throw new SearchFailedError(err);
  });
  const lastPage = Math.min(MAX_PAGE, Math.max(1, Math.ceil(result.total / PAGE_SIZE)));
  if (safePage > lastPage) {
    // A page past the end (an old link, a hand-edited URL) shows the last page instead.
    return searchPublic(q, filters, lastPage);
  }
  const visible = await getPublicEntriesInOrder(result.hits.map((h) => h.uid));
  const rankOf = new Map(result.hits.map((h) => [h.uid, h.rank]));
  // An external index may still hold an entry revoked a moment ago (until the sync removes it): the re-check hides it,
  // and the count must not include it either, or "1 result" with none shown would tell that something was there.
  const hidden = result.hits.length - visible.length;
  return {
    status: 'ok',
    entries: visible.map((e) => ({ ...e, rank: rankOf.get(e.uid) ?? 3 })),
    total: Math.max(0, result.total - hidden),
    totalIsLowerBound: result.totalIsLowerBound,
    engine,
    degraded,
    page: safePage,
    pageCount: lastPage,
  };
}
