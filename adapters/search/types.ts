import 'server-only';
import type { Entry } from '@/db/schema';
import type { SearchQuery } from '@/lib/search/params';

/**
 * The search contract every engine (built-in Postgres, Meilisearch) implements; the query's shape is
 * lib/search/params.ts's.
 */
export type SearchHit = {
  uid: string;
  /** 0 exact identifier or case number, 1 exact name, 2 name prefix, 3 substring. */
  rank: number;
};

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  /** True when the engine stopped counting: there are at least `total` matches. */
  totalIsLowerBound: boolean;
};

export interface SearchEngine {
  readonly name: string;
  /**
   * Returns candidate hits, best first. Engines may be stale (an index lags Postgres);
   * callers re-check every hit against the visibility rule before showing it.
   */
  search(query: SearchQuery): Promise<SearchResult>;
}

/**
 * Keeps an external index (Meilisearch) in step with Postgres. The sync worker
 * (adapters/search/sync.ts) drains the outbox through it; both calls are idempotent and resolve
 * only once the index has applied the change, so a crash between them loses nothing.
 */
export interface SearchIndexWriter {
  readonly name: string;
  /** Adds or replaces the documents of these entries (all currently public). */
  upsert(entries: Entry[]): Promise<void>;
  /** Removes these uids from the index; uids it does not hold are fine. */
  remove(uids: string[]): Promise<void>;
  /** Every uid the index holds (reindex compares them with Postgres). */
  listUids(): Promise<string[]>;
}
