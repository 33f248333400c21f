/**
 * What `bench:search` and `bench:search-faults` share, so that one load serves both (`--reuse`): the database, its
 * embedded Postgres, the Meilisearch index and the generator's options, and the entries both push while measuring.
 */
import { demoEntry, startOfUtcDay } from '@/db/demo-data';
import type { EntryInput } from '@/lib/validation/entry-push';

export const SEARCH_BENCH = {
  database: 'chengxin_bench',
  dataDirName: 'bench-pg',
  port: 54349,
  /** The benchmarks' own Meilisearch index (the site's index is left alone). */
  index: 'chengxin-bench',
} as const;

/** The generator's options for a seed: entries `BENCH0000000` … anchored on today (UTC). */
export function searchBenchGenerator(seed: number) {
  return { seed, anchor: startOfUtcDay(), uidPrefix: 'BENCH' };
}

/**
 * A public entry pushed during a run: generated like the loaded ones (index `i`, beyond them) under a uid prefix of
 * the run's own, published a second ago and valid for a year. `caseNo` replaces its case number when given.
 */
export function pushedEntry(
  gen: ReturnType<typeof searchBenchGenerator>,
  i: number,
  uidPrefix: string,
  caseNo?: string,
): EntryInput {
  const { input } = demoEntry(i, { ...gen, uidPrefix });
  return {
    ...input,
    ...(caseNo ? { caseNo } : {}),
    disclosure: 'public',
    publishedAt: new Date(Date.now() - 1000),
    validUntil: new Date(Date.now() + 365 * 86_400_000),
  };
}
