/**
 * `npm start`: one command from a fresh checkout to a running site.
 * Embedded Postgres (unless DATABASE_URL is set) → migrations → reference data (the 41
 * measures, member units) → demo data → `next build` → the HTTP front (scripts/serve.ts,
 * Next in-process) on a printed URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { closeDb, getDb } from '@/db/client';
import { seedDemoData } from '@/domain/entries/demo-seed';
import { loadReferenceData } from '@/db/reference-data';
import { searchRuntime } from '@/adapters/search/runtime';
import { provideAppDatabase } from './lib/database';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

function runNext(args: string[]): ChildProcess {
  return spawn(process.execPath, ['node_modules/next/dist/bin/next', ...args], { stdio: 'inherit', env: process.env });
}

/**
 * With Meilisearch configured: apply the index settings (idempotent). Search falls back to the built-in engine
 * meanwhile.
 */
async function prepareSearchIndex() {
  const { meili } = searchRuntime();
  if (!meili) return;
  try {
    await meili.writer.ensureIndex();
    console.log(
      `Meilisearch index "${meili.config.indexUid}" ready; run \`npm run search:reindex\` after restoring data.`,
    );
  } catch (err) {
    console.warn(
      `Meilisearch not ready (${err instanceof Error ? err.message.split('\n')[0] : 'error'}); searching with the ` +
        `built-in engine until it is.`,
    );
  }
}

async function main() {
  const database = await provideAppDatabase();
  if (!process.env.BETTER_AUTH_SECRET)
    throw new Error('BETTER_AUTH_SECRET must be set when DATABASE_URL is (it signs staff sessions)');
  await loadReferenceData(getDb());
  if (process.env.DEMO_DATA !== 'off') {
    const demo = await seedDemoData();
    if (demo.seeded) console.log(`Loaded ${demo.count} demo entries (演示数据).`);
  }
  await prepareSearchIndex();
  await closeDb();

  if (process.env.SKIP_BUILD !== '1') {
    const code = await new Promise<number | null>((resolve) => runNext(['build']).on('exit', resolve));
    if (code !== 0) {
      await database.stop();
      process.exit(code ?? 1);
    }
  }

  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    stdio: ['inherit', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: host, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
  });
  // SERVER_LOG_FILE (npm test): a copy of the server's log, which the test run scans for ID numbers.
  const copy = process.env.SERVER_LOG_FILE ? fs.createWriteStream(process.env.SERVER_LOG_FILE, { flags: 'a' }) : null;
  server.stdout!.on('data', (d: Buffer) => (process.stdout.write(d), copy?.write(d)));
  server.stderr!.on('data', (d: Buffer) => (process.stderr.write(d), copy?.write(d)));
  console.log(`\n诚信昆山 is starting at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}\n`);
  const shutdown = async () => {
    server.kill('SIGTERM');
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  server.on('exit', async (code) => {
    await database.stop();
    process.exit(code ?? 0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
