import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defaultDataDir, runningEmbeddedPostgres, startEmbeddedPostgres } from '@/db/embedded-postgres';
import { ensureDatabase, migrateDatabase } from '@/db/setup';

/**
 * Uses DATABASE_URL when it is set; otherwise the embedded Postgres (already running, or
 * started now) with `database` created in it. Either way the migrations are applied. Sets
 * process.env.DATABASE_URL, and with the embedded Postgres also BETTER_AUTH_SECRET (kept
 * beside its data) when unset.
 */
export async function provideDatabase(opts: { database: string; dataDirName: string; port: number }) {
  let stop = async () => {};
  if (!process.env.DATABASE_URL) {
    const dataDir = defaultDataDir(opts.dataDirName);
    const pg =
      runningEmbeddedPostgres({ dataDir, port: opts.port }) ??
      (await startEmbeddedPostgres({ dataDir, port: opts.port }));
    await ensureDatabase(pg.url('postgres'), opts.database);
    process.env.DATABASE_URL = pg.url(opts.database);
    process.env.BETTER_AUTH_SECRET ??= localAuthSecret(path.join(path.dirname(dataDir), 'auth-secret'));
    stop = pg.stop;
    console.log(`Embedded Postgres: ${dataDir} (port ${opts.port})`);
  }
  await migrateDatabase(process.env.DATABASE_URL!);
  return { url: process.env.DATABASE_URL!, stop };
}

/** The staff-session signing secret of a local install: made once, readable by this user only. */
function localAuthSecret(file: string): string {
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  return fs.readFileSync(file, 'utf8').trim();
}

/** The site's own database: DATABASE_URL's, or `chengxin` in the embedded Postgres that `npm start` uses. */
export function provideAppDatabase() {
  return provideDatabase({
    database: process.env.PGDATABASE_NAME ?? 'chengxin',
    dataDirName: 'pg',
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  });
}
