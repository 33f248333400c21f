/**
 * The expiry job: writes the `expired` events (and the units' lifting tasks) that the passage
 * of time brings, once a second. Visibility needs no job (db/visibility.ts decides expiry
 * with now()); the departments' change feed and the lifting tasks do. The server starts it
 * (instrumentation.ts) beside the search sync worker, which no longer carries it.
 */
import 'server-only';
import { startPollingLoop, type PollingLoop } from '@/lib/polling';
import { recordExpiries } from './entries';

const globalForJob = globalThis as unknown as { ckExpiryJob?: PollingLoop };

/** Starts the in-process expiry job once. */
export function ensureExpiryJob(): PollingLoop {
  globalForJob.ckExpiryJob ??= startPollingLoop(
    async () => {
      await recordExpiries();
    },
    { intervalMs: 1000, label: 'expiry job', log: (line) => console.warn(line) },
  );
  return globalForJob.ckExpiryJob;
}
