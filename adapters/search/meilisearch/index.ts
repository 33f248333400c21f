/**
 * The Meilisearch implementation of the search contract (adapters/search/types.ts), selected
 * when `MEILI_URL` is set (config.ts). Document design: documents.ts; index settings:
 * settings.ts; query plan, ranking and paging: engine.ts; index maintenance: writer.ts.
 */
import 'server-only';
export {
  meiliConfigFromEnv,
  MeiliConfigError,
  DEFAULT_INDEX_UID,
  DEFAULT_TIMEOUT_MS,
  clientOptions,
  type MeiliConfig,
} from '@/adapters/search/meilisearch/config';
export {
  toMeiliDocument,
  hashIdentifier,
  uidSortKey,
  type MeiliDocument,
} from '@/adapters/search/meilisearch/documents';
export {
  INDEX_SETTINGS,
  PRIMARY_KEY,
  applySettings,
  assertTaskSucceeded,
} from '@/adapters/search/meilisearch/settings';
export { buildFilter, exactFilter, quoteFilterValue, cstDayStartMs } from '@/adapters/search/meilisearch/filters';
export {
  MeilisearchEngine,
  MeilisearchSearchError,
  buildSearchRequests,
  mergeResults,
  rankHit,
  normalizeQuery,
  searchWindow,
  healthFromError,
  type MeiliHealth,
  type PreparedSearch,
} from '@/adapters/search/meilisearch/engine';
export { MeilisearchIndexWriter, type WriterOptions } from '@/adapters/search/meilisearch/writer';
