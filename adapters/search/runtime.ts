/**
 * Which search engines this process uses. With MEILI_URL set: Meilisearch first, the
 * built-in Postgres engine as the fallback when it fails or is slower than MEILI_TIMEOUT_MS;
 * otherwise the built-in engine alone. The same holds for the index writer the sync worker
 * drains the outbox into: Meilisearch, or none (the built-in engine reads Postgres itself).
 */
import 'server-only';
import {
  MeilisearchEngine,
  MeilisearchIndexWriter,
  meiliConfigFromEnv,
  type MeiliConfig,
} from '@/adapters/search/meilisearch';
import { PostgresSearchEngine } from '@/adapters/search/postgres-engine';
import { onEntriesCommitted } from '@/db/after-commit';
import { drainOutbox, startSyncWorker } from '@/adapters/search/sync';
import type { SearchIndexWriter, SearchResult } from '@/adapters/search/types';
import { type SearchQuery } from '@/lib/search/params';

/** No external index: nothing to keep in step, so outbox rows are simply consumed. */
const noIndex: SearchIndexWriter = {
  name: 'none',
  upsert: async () => {},
  remove: async () => {},
  listUids: async () => [],
};

export type MeiliRuntime = ReturnType<typeof meiliRuntime>;

/** The Meilisearch engine and writers for one configuration. */
export function meiliRuntime(config: MeiliConfig) {
  return {
    config,
    engine: new MeilisearchEngine(config),
    writer: new MeilisearchIndexWriter(config),
    /** Same index, short timeouts: the at-once attempt after a revocation holds its outbox lock briefly. */
    urgentWriter: new MeilisearchIndexWriter(config, { requestTimeoutMs: 1000, taskTimeoutMs: 1500 }),
  };
}

type Runtime = {
  builtin: PostgresSearchEngine;
  meili: MeiliRuntime | null;
  writer: SearchIndexWriter;
};

const globalForSearch = globalThis as unknown as {
  ckSearch?: Runtime;
  ckSyncWorker?: ReturnType<typeof startSyncWorker>;
};

export function searchRuntime(): Runtime {
  if (!globalForSearch.ckSearch) {
    const config = meiliConfigFromEnv();
    const meili = config ? meiliRuntime(config) : null;
    globalForSearch.ckSearch = { builtin: new PostgresSearchEngine(), meili, writer: meili?.writer ?? noIndex };
  }
  return globalForSearch.ckSearch;
}

export type EngineRun = { result: SearchResult; engine: string; degraded: boolean };

let lastFallbackLog = 0;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs a query on the preferred engine, falling back to the built-in one. Either way the
 * caller re-checks every hit against the visibility rule (domain/publishing/search.ts).
 */
export async function runSearch(query: SearchQuery): Promise<EngineRun> {
  const { builtin, meili } = searchRuntime();
  if (meili) {
    try {
      return {
        result: await withTimeout(meili.engine.search(query), meili.config.timeoutMs),
        engine: meili.engine.name,
        degraded: false,
      };
    } catch (err) {
      if (Date.now() - lastFallbackLog > 60_000) {
        lastFallbackLog = Date.now();
        console.warn(
          `meilisearch unavailable, serving from the built-in engine: ` +
            `${err instanceof Error ? err.message.split('\n')[0] : 'error'}`,
        );
      }
    }
  }
  return { result: await builtin.search(query), engine: builtin.name, degraded: meili !== null };
}

/**
 * Called right after a removal commits: pushes those entries' outbox rows to the index at
 * once instead of waiting for the worker's next round. Bounded by the urgent writer's short
 * timeouts (the rows stay locked only that long); never throws — on failure the rows stay in
 * the outbox, backed off, for the worker.
 */
export async function syncEntriesNow(uids: string[]): Promise<void> {
  const { meili, writer } = searchRuntime();
  if (writer === noIndex) return;
  // Tests may swap `writer`; the urgent writer is only used when it targets the same index.
  const urgent = meili && writer === meili.writer ? meili.urgentWriter : writer;
  await drainOutbox(urgent, { onlyUids: uids }).catch(() => undefined);
}

// Entries committed anywhere in this process are pushed to the index at once (db/after-commit.ts).
onEntriesCommitted(syncEntriesNow);

/** Starts the in-process sync worker once (the server calls this at start-up). */
export function ensureSyncWorker() {
  globalForSearch.ckSyncWorker ??= startSyncWorker(searchRuntime().writer);
  return globalForSearch.ckSyncWorker;
}
