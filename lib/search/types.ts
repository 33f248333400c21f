/** The search contract every engine (built-in Postgres now, Meilisearch later) implements. */
export type SearchFilters = {
  subjectType?: 'person' | 'organization';
  court?: string;
  publishedFrom?: string; // YYYY-MM-DD, inclusive
  publishedTo?: string; // YYYY-MM-DD, inclusive
};

export type SearchQuery = SearchFilters & {
  q: string;
  page: number; // 1-based
  pageSize: number;
};

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
