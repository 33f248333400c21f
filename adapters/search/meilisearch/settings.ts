import 'server-only';
import { MeilisearchApiError, type Meilisearch, type Settings, type Task } from 'meilisearch';

/** The primary key of the index: the entry's 信息唯一标识. */
export const PRIMARY_KEY = 'uid';

/**
 * Index settings (https://www.meilisearch.com/docs/reference/api/settings). Needs
 * Meilisearch ≥ 1.12 (`localizedAttributes` 1.10, `facetSearch` 1.12).
 *
 * - `searchableAttributes`, in ranked order (the `attribute` rule prefers earlier ones).
 *   `legalRepresentative` and `caseNo` are searchable for future use, but the engine
 *   restricts its text query to the four name fields with `attributesToSearchOn`, because
 *   the search contract (postgres-engine.ts) matches names and pinyin only; case numbers
 *   and identifiers are matched exactly, by filter.
 * - `filterableAttributes`: the user filters, the exact-match fields (`idHashes`, `caseNo`)
 *   and the equality fields of the exact-name query (`name`, `pinyin`, `pinyinInitials`).
 * - `sortableAttributes`: `publishedAt` (newest first).
 * - `rankingRules`: the documented default order (words, typo, proximity, attribute, sort,
 *   exactness — https://www.meilisearch.com/docs/reference/api/settings/ranking-rules), then
 *   the custom rule `publishedAt:desc` last, so that among equally relevant hits the newest
 *   comes first and placeholder (filter-only) queries return newest first. `attribute` is
 *   used rather than its v1.36 split (`attributeRank` + `wordPosition`) so that the setting
 *   is accepted by every v1.x server; it is the same ranking.
 * - `typoTolerance.enabled: false`: every searchable attribute is a name, a pinyin string
 *   or a case number, where "one typo away" is a different debtor (design.md: turn typo
 *   tolerance off for names and identifiers). With no attribute left where typos help,
 *   switching it off globally equals listing them all in `disableOnAttributes` and also
 *   spares the typo derivations at query time.
 * - `localizedAttributes`: the Chinese fields are `cmn` (ISO 639-3, Mandarin; listed as a
 *   supported locale in https://www.meilisearch.com/docs/reference/api/settings/localized-attributes)
 *   so they are always segmented by the Chinese pipeline (jieba) — short names are easily
 *   mis-detected as Japanese otherwise. The engine sends `locales: ['cmn']` with Chinese
 *   queries so query and documents are cut the same way.
 * - `pagination.maxTotalHits`: 10 000 bounds every search; the engine never asks for more
 *   than MAX_PAGE × PAGE_SIZE hits per query.
 * - `displayedAttributes`: what the engine reads back to rank a hit (display data comes from
 *   Postgres). `attributesToRetrieve` silently drops fields missing from this list.
 * - `facetSearch: false`: no facet search is offered; skips building its structures.
 */
export const INDEX_SETTINGS = {
  searchableAttributes: ['name', 'nameSubstrings', 'pinyin', 'pinyinInitials', 'legalRepresentative', 'caseNo'],
  filterableAttributes: [
    'subjectType',
    'court',
    'regionId',
    'severity',
    'publishedAt',
    'idHashes',
    'caseNo',
    'name',
    'pinyin',
    'pinyinInitials',
  ],
  sortableAttributes: ['publishedAt'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedAt:desc'],
  typoTolerance: { enabled: false },
  localizedAttributes: [{ attributePatterns: ['name', 'nameSubstrings', 'legalRepresentative'], locales: ['cmn'] }],
  pagination: { maxTotalHits: 10_000 },
  displayedAttributes: ['uid', 'name', 'pinyin', 'pinyinInitials', 'caseNo', 'publishedAt'],
  facetSearch: false,
} satisfies Settings;

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
 * Creates the index (primary key `uid`) if it is missing, then applies INDEX_SETTINGS and
 * waits until both tasks have succeeded. Idempotent: an existing index is kept (its primary
 * key must be `uid`), and settings equal to the current ones change nothing.
 */
export async function applySettings(
  client: Meilisearch,
  indexUid: string,
  opts: { taskTimeoutMs?: number } = {},
): Promise<void> {
  const wait = { timeout: opts.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS };
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
