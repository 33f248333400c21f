/**
 * The engines the search suites run on — the built-in engine always, Meilisearch too when MEILI_URL is set — and the
 * hooks that point the search runtime at one of them for a describe block: Meilisearch in an index of the suite's own
 * (created with its settings, deleted afterwards), or the built-in engine alone. The runtime is restored afterwards.
 */
import 'server-only';
import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll } from 'vitest';
import { clientOptions, meiliConfigFromEnv } from '@/adapters/search/meilisearch';
import { meiliRuntime, searchRuntime, type MeiliRuntime } from '@/adapters/search/runtime';

export type EngineName = 'postgres' | 'meilisearch';

export const ENGINES: EngineName[] = ['postgres', ...(meiliConfigFromEnv() ? (['meilisearch'] as const) : [])];

/**
 * Call inside a describe block. `timeoutMs` raises Meilisearch's search timeout for suites that check results, not
 * speed (a busy machine must not turn a deep page into a fallback); `createIndex: false` leaves the index missing
 * (the health suite creates it itself). Returns the Meilisearch runtime of the block
 * (null on the built-in engine), available once its beforeAll has run.
 */
export function useEngine(
  engine: EngineName,
  suite: string,
  opts: { timeoutMs?: number; createIndex?: boolean } = {},
): () => MeiliRuntime | null {
  let saved: Pick<ReturnType<typeof searchRuntime>, 'meili' | 'writer'>;
  let meili: MeiliRuntime | null = null;
  beforeAll(async () => {
    const runtime = searchRuntime();
    saved = { meili: runtime.meili, writer: runtime.writer };
    if (engine === 'postgres') {
      runtime.meili = null;
      return;
    }
    const env = meiliConfigFromEnv()!;
    meili = meiliRuntime({
      ...env,
      indexUid: `${env.indexUid}-${suite}-${randomBytes(4).toString('hex')}`,
      timeoutMs: Math.max(env.timeoutMs, opts.timeoutMs ?? 0),
    });
    // Create the index with its settings now: a search on a missing index would fail.
    if (opts.createIndex !== false) await meili.writer.ensureIndex();
    runtime.meili = meili;
    runtime.writer = meili.writer;
  });
  afterAll(async () => {
    const runtime = searchRuntime();
    runtime.meili = saved.meili;
    runtime.writer = saved.writer;
    if (meili) {
      await new Meilisearch(clientOptions(meili.config, 30_000))
        .deleteIndexIfExists(meili.config.indexUid)
        .catch(() => undefined);
    }
  });
  return () => meili;
}
