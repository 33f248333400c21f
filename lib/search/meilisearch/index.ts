/**
 * The Meilisearch implementation of the search contract (lib/search/types.ts), selected
 * when `MEILI_URL` is set (config.ts). Document design: documents.ts; index settings:
 * settings.ts; query plan, ranking and paging: engine.ts; index maintenance: writer.ts.
 */
export { meiliConfigFromEnv, MeiliConfigError, DEFAULT_INDEX_UID, DEFAULT_TIMEOUT_MS, type MeiliConfig } from './config';
export { toMeiliDocument, hashIdentifier, nameSubstrings, MAX_SUBSTRING_CHARS, type MeiliDocument } from './documents';
export { INDEX_SETTINGS, PRIMARY_KEY, applySettings, assertTaskSucceeded } from './settings';
export { buildFilter, exactFilter, quoteFilterValue, cstDayStartSeconds } from './filters';
export {
  MeilisearchEngine,
  MeilisearchSearchError,
  buildSearchRequests,
  mergeResults,
  rankHit,
  normalizeQuery,
  searchWindow,
  type PreparedSearch,
} from './engine';
export { MeilisearchIndexWriter, type WriterOptions } from './writer';
