import 'server-only';
import { and, asc, gt } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { entries } from '@/db/schema';
import { isPublic } from '@/db/visibility';
import type { SearchIndexWriter } from '@/adapters/search/types';

export type Drift = {
  /** Public entries in Postgres. */
  public: number;
  /** Public in Postgres but missing from the index: added. */
  missing: number;
  /** In the index but not public (revoked, shielded, restricted, expired, unknown): removed. */
  stale: number;
};

/**
 * Rebuilds the index from Postgres, the source of truth: every public entry is upserted
 * (refreshing any document whose content drifted), every other document removed. Idempotent;
 * safe while the site runs and while the sync worker drains the outbox.
 */
export async function reindex(
  writer: SearchIndexWriter,
  opts: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<Drift> {
  const batchSize = opts.batchSize ?? 5000;
  const indexed = new Set(await writer.listUids());
  const drift: Drift = { public: 0, missing: 0, stale: 0 };
  let after = '';
  for (;;) {
    const batch = await getDb()
      .select()
      .from(entries)
      .where(and(isPublic(), gt(entries.uid, after)))
      .orderBy(asc(entries.uid))
      .limit(batchSize);
    if (batch.length === 0) break;
    await writer.upsert(batch);
    for (const e of batch) {
      if (!indexed.delete(e.uid)) drift.missing += 1;
    }
    drift.public += batch.length;
    after = batch.at(-1)!.uid;
    opts.onProgress?.(drift.public);
  }
  const stale = [...indexed];
  for (let i = 0; i < stale.length; i += batchSize) await writer.remove(stale.slice(i, i + batchSize));
  drift.stale = stale.length;
  return drift;
}
