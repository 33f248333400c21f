/**
 * Search index maintenance (Meilisearch; needs MEILI_URL and a key, see README):
 *   npm run search:setup    create the index and apply its settings (idempotent)
 *   npm run search:sync     run the outbox sync worker until stopped (--once: drain and exit)
 *   npm run search:reindex  rebuild the index from Postgres and print the drift it repaired
 * Uses DATABASE_URL, or the embedded Postgres `npm start` uses.
 */
import { closeDb } from '@/db/client';
import { reindex } from '@/adapters/search/reindex';
import { searchRuntime } from '@/adapters/search/runtime';
import { drainOutbox, outboxState, startSyncWorker, sweepTimedVisibility } from '@/adapters/search/sync';
import { provideAppDatabase } from './lib/database';

async function main() {
  const [command, ...flags] = process.argv.slice(2);
  const { meili } = searchRuntime();
  if (!meili) {
    console.error(
      'MEILI_URL is not set: the built-in Postgres engine needs no index. Set MEILI_URL and MEILI_MASTER_KEY' +
        ' (or MEILI_API_KEY).',
    );
    process.exit(2);
  }
  if (command === 'setup') {
    await meili.writer.ensureIndex();
    console.log(`Index "${meili.config.indexUid}" ready at ${meili.config.host}.`);
    return;
  }

  const database = await provideAppDatabase();
  try {
    if (command === 'reindex') {
      const started = Date.now();
      const drift = await reindex(meili.writer, {
        onProgress: (n) => process.stdout.write(`\r  ${n.toLocaleString('en-US')} entries indexed`),
      });
      console.log(
        `\nReindexed ${drift.public} public entries in ${((Date.now() - started) / 1000).toFixed(1)} s. ` +
          `Drift repaired: ${drift.missing} missing from the index (added), ${drift.stale} not public but indexed ` +
          `(removed).`,
      );
    } else if (command === 'sync' && flags.includes('--once')) {
      await sweepTimedVisibility();
      const result = await drainOutbox(meili.writer);
      const state = await outboxState();
      console.log(`Synced ${result.synced} outbox rows, ${result.failed} failed; backlog now ${state.backlog}.`);
      if (result.failed > 0) process.exitCode = 1;
    } else if (command === 'sync') {
      const worker = startSyncWorker(meili.writer, { log: (line) => console.error(line) });
      console.log('Search sync running; Ctrl-C stops it (unsynced rows stay in the outbox).');
      const keepAlive = setInterval(() => {}, 60_000);
      await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
      clearInterval(keepAlive);
      await worker.stop();
    } else {
      console.error('usage: tsx scripts/search.ts setup | sync [--once] | reindex');
      process.exitCode = 2;
    }
  } finally {
    await closeDb();
    await database.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
