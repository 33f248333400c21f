import 'server-only';
import { MeilisearchApiError, type Meilisearch, type Settings, type Task } from 'meilisearch';

/** The primary key of the index: the entry's 信息唯一标识. */
export const PRIMARY_KEY = 'uid';

/**
 * Index settings (https://www.meilisearch.com/docs/reference/api/settings), tested against a
 * real Meilisearch v1.50.0 (docs/benchmarks.md). Needs Meilisearch ≥ 1.14 (`STARTS WITH` and
 * `CONTAINS` filters, `prefixSearch`, `localizedAttributes`, `facetSearch`) and the
 * experimental feature `containsFilter`, which applySettings switches on.
 *
 * The engine sends no text query (engine.ts): every match is a filter over the normalised
 * fields and every query is sorted, so the settings serve filters and sorting.
 * - `searchableAttributes: ['name']`: nothing searches text; one field keeps the index
 *   usable from the server's own tools without the cost of indexing the others as words.
 * - `filterableAttributes`: the user filters, the exact-match fields (`idHashes`, `caseNo`)
 *   and the name fields the match filters read (`=`, `STARTS WITH`, `CONTAINS`).
 * - `sortableAttributes`: `publishedAtMs` (newest first), `uidKey` (the uid tie-break).
 * - `rankingRules`: `sort` first. For a placeholder query the other rules give every hit the
 *   same bucket; with `sort` first, a sorted query is ordered by its sort alone even if a
 *   text query is ever added.
 * - `typoTolerance.enabled: false`, `prefixSearch: 'disabled'`: no text query, so neither is
 *   used; switching them off spares their index structures (and one typo away is a
 *   different debtor anyway).
 * - `localizedAttributes`: `name` is `cmn` (ISO 639-3, Mandarin), so the searchable copy is
 *   cut by the Chinese pipeline (jieba) rather than mis-detected as Japanese.
 * - `pagination.maxTotalHits`: 10,000 bounds every count (`totalHits`); the engine never asks
 *   for more than MAX_PAGE × PAGE_SIZE hits per query.
 * - `displayedAttributes`: what the engine reads back to rank a hit (display data comes from
 *   Postgres). `attributesToRetrieve` silently drops fields missing from this list.
 * - `facetSearch: false`: no facet search is offered; skips building its structures.
 */
export const INDEX_SETTINGS = {
  searchableAttributes: ['name'],
  filterableAttributes: [
    'subjectType',
    'court',
    'regionId',
    'severity',
    'publishedAtMs',
    'idHashes',
    'caseNo',
    'name',
    'pinyin',
    'pinyinInitials',
  ],
  sortableAttributes: ['publishedAtMs', 'uidKey'],
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  typoTolerance: { enabled: false },
  prefixSearch: 'disabled',
  localizedAttributes: [{ attributePatterns: ['name'], locales: ['cmn'] }],
  pagination: { maxTotalHits: 10_000 },
  displayedAttributes: ['uid', 'name', 'pinyin', 'pinyinInitials', 'caseNo', 'publishedAtMs'],
  facetSearch: false,
} satisfies Settings;

/** Counts at or above this are lower bounds (`pagination.maxTotalHits`). */
export const MAX_TOTAL_HITS = INDEX_SETTINGS.pagination.maxTotalHits;

/** How long to wait for one settings/index task (the client's default is 5 s). */
export const DEFAULT_TASK_TIMEOUT_MS = 120_000;

/**
 * Throws unless the task succeeded. `waitTask()` / `tasks.waitForTask()` resolve with the
 * finished task whatever its status (they only throw on their own timeout), so the status
 * must be checked: https://www.meilisearch.com/docs/reference/api/tasks#status.
 */
export function assertTaskSucceeded(task: Pick<Task, 'uid' | 'status' | 'type' | 'error'>): void {
  if (task.status === 'succeeded') return;
  const reason = task.error ? `${task.error.code}: ${task.error.message}` : 'no error reported';
  throw new Error(`meilisearch task ${task.uid} (${task.type}) ${task.status}: ${reason}`.slice(0, 500));
}

/** The Meilisearch error code of a failed API call (e.g. `index_not_found`), if any. */
export function apiErrorCode(err: unknown): string | undefined {
  return err instanceof MeilisearchApiError ? err.cause?.code : undefined;
}

/**
 * Switches on the experimental `containsFilter` feature (instance-wide, kept across restarts)
 * unless it is on already — by this call earlier or by the server's
 * `--experimental-contains-filter` / `MEILI_EXPERIMENTAL_CONTAINS_FILTER=true`. Needs a key
 * with `experimental_features.get` and `.update` (the master key has them); without it,
 * start the server with the flag.
 */
export async function enableContainsFilter(client: Meilisearch): Promise<void> {
  let features;
  try {
    features = await client.getExperimentalFeatures();
    if (features.containsFilter === true) return;
    await client.updateExperimentalFeatures({ containsFilter: true });
  } catch (err) {
    const code = apiErrorCode(err);
    if (code === undefined) throw err;
    throw new Error(
      `meilisearch: cannot enable the containsFilter experimental feature (${code}); use a key with ` +
        'experimental_features rights or start the server with MEILI_EXPERIMENTAL_CONTAINS_FILTER=true',
    );
  }
}

/**
 * Switches on `containsFilter`, creates the index (primary key `uid`) if it is missing, then
 * applies INDEX_SETTINGS and waits until both tasks have succeeded. Idempotent: an existing
 * index is kept (its primary key must be `uid`), and settings equal to the current ones
 * change nothing. Documents indexed before the document shape changed (e.g. `publishedAt` in
 * seconds) are refreshed by `npm run search:reindex`.
 */
export async function applySettings(
  client: Meilisearch,
  indexUid: string,
  opts: { taskTimeoutMs?: number } = {},
): Promise<void> {
  const wait = { timeout: opts.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS };
  await enableContainsFilter(client);
  let primaryKey: string | undefined;
  let exists = true;
  try {
    primaryKey = (await client.getRawIndex(indexUid)).primaryKey ?? undefined;
  } catch (err) {
    if (apiErrorCode(err) !== 'index_not_found') throw err;
    exists = false;
  }

  if (!exists) {
    const task = await client.createIndex(indexUid, { primaryKey: PRIMARY_KEY }).waitTask(wait);
    // Another process may have created it in between: that is fine.
    if (task.error?.code !== 'index_already_exists') assertTaskSucceeded(task);
  } else if (primaryKey === undefined) {
    // An index created without a primary key and still empty: set it.
    assertTaskSucceeded(await client.updateIndex(indexUid, { primaryKey: PRIMARY_KEY }).waitTask(wait));
  } else if (primaryKey !== PRIMARY_KEY) {
    throw new Error(`meilisearch index ${indexUid} has primary key ${primaryKey}, expected ${PRIMARY_KEY}`);
  }

  assertTaskSucceeded(await client.index(indexUid).updateSettings(structuredClone(INDEX_SETTINGS)).waitTask(wait));
}
