import { defaultDataDir, startEmbeddedPostgres } from '@/db/embedded-postgres';
import { ensureDatabase, migrateDatabase } from '@/db/setup';

/**
 * Uses DATABASE_URL when it is set; otherwise starts the embedded Postgres and creates
 * `database` in it. Either way the migrations are applied. Sets process.env.DATABASE_URL.
 */
export async function provideDatabase(opts: { database: string; dataDirName: string; port: number }) {
  let stop = async () => {};
  if (!process.env.DATABASE_URL) {
    const dataDir = defaultDataDir(opts.dataDirName);
    const pg = await startEmbeddedPostgres({ dataDir, port: opts.port });
    await ensureDatabase(pg.url('postgres'), opts.database);
    process.env.DATABASE_URL = pg.url(opts.database);
    stop = pg.stop;
    console.log(`Embedded Postgres: ${dataDir} (port ${opts.port})`);
  }
  await migrateDatabase(process.env.DATABASE_URL!);
  return { url: process.env.DATABASE_URL!, stop };
}
