/**
 * A benchmark's own database with N synthetic entries (bench:search, bench:check): the server
 * at TEST_SERVER_URL if set, else the embedded Postgres with the benchmark's own data dir and
 * port. The database is dropped, recreated, migrated and loaded (./bench-load.ts) — or, with
 * `reuse`, kept when its comment says it already holds the same N, seed and anchor day. The
 * application's pool (db/client.ts) is pointed at it through DATABASE_URL.
 */
import os from 'node:os';
import { sql, type SQLWrapper } from 'drizzle-orm';
import postgres from 'postgres';
import { closeDb, getDb } from '@/db/client';
import { defaultDataDir, startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded-postgres';
import { ensureDatabase, migrateDatabase, recreateDatabase } from '@/db/setup';
import { loadBenchEntries, type LoadOptions, type LoadTimings } from './bench-load';

export type BenchDatabase = { url: string; where: string; load: LoadTimings | null; stop: () => Promise<void> };

/** Parses `--name 1_000_000` / `1,000,000`; at least `min`. */
export function intArg(name: string, raw: string, min = 1): number {
  const v = Number(raw.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isSafeInteger(v) || v < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
  return v;
}

/** `s` padded to `w` terminal columns (CJK characters take two), on the left when `right`. */
export function pad(s: string, w: number, right = false) {
  // CJK characters take two columns in a terminal.
  const width = [...s].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, w - width));
  return right ? fill + s : s + fill;
}

/** Nearest-rank percentile of an ascending array. */
export function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function dbComment(serverUrl: string, database: string): Promise<string | null> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<{ c: string | null }[]>`
      SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = ${database}`;
    return row?.c ?? null;
  } finally {
    await admin.end();
  }
}

export async function loadedBenchDatabase(opts: {
  database: string;
  dataDirName: string;
  port: number;
  reuse: boolean;
  load: Omit<LoadOptions, 'log'>;
}): Promise<BenchDatabase> {
  let pg: EmbeddedPostgres | undefined;
  const stop = async () => {
    await closeDb().catch(() => {});
    await pg?.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    let serverUrl = process.env.TEST_SERVER_URL;
    let where: string;
    if (serverUrl) {
      where = `TEST_SERVER_URL (${new URL(serverUrl).host})`;
    } else {
      const dataDir = defaultDataDir(opts.dataDirName);
      pg = await startEmbeddedPostgres({ dataDir, port: opts.port });
      serverUrl = pg.url('postgres');
      where = `embedded, ${dataDir}, port ${opts.port}`;
    }
    const { database } = opts;
    const { n, seed, anchor } = opts.load;
    const marker = `chengxin bench: n=${n} seed=${seed} anchor=${anchor.toISOString().slice(0, 10)}`;
    let url: string;
    let load: LoadTimings | null = null;
    if (opts.reuse && (await dbComment(serverUrl, database)) === marker) {
      await ensureDatabase(serverUrl, database);
      const u = new URL(serverUrl);
      u.pathname = `/${database}`;
      url = u.toString();
      await migrateDatabase(url);
      console.log(`Reusing ${database} (${marker}).`);
    } else {
      url = await recreateDatabase(serverUrl, database);
      await migrateDatabase(url);
      console.log(`Loading ${n.toLocaleString('en-US')} entries into ${database} …`);
      load = await loadBenchEntries(url, { ...opts.load, log: console.log });
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`COMMENT ON DATABASE "${database}" IS '${marker}'`);
      await admin.end();
    }
    // The application's own pool (db/client.ts) now points at the bench database.
    process.env.DATABASE_URL = url;
    return { url, where, load, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The `machine` and `postgres` lines every benchmark prints first. */
export async function environmentLines(where: string): Promise<string[]> {
  const [version] = await getDb().execute<{ v: string }>(sql`SELECT version() AS v`);
  const cpus = os.cpus();
  const gib = (os.totalmem() / 2 ** 30).toFixed(2);
  return [
    `machine   ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length} · ${gib} GiB RAM · ${os.platform()} ` +
      `${os.release()}`,
    `postgres  ${version?.v} (${where})`,
  ];
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the first statement `run` sends through the application's pool; null when it sent none.
 */
export async function explainFirstStatement(run: () => Promise<unknown>): Promise<string[] | null> {
  const db = getDb();
  const execute = db.execute.bind(db);
  let captured: SQLWrapper | string | undefined;
  (db as { execute: typeof execute }).execute = ((query: SQLWrapper | string) => {
    captured ??= query;
    return execute(query);
  }) as typeof execute;
  try {
    await run();
  } finally {
    (db as { execute: typeof execute }).execute = execute;
  }
  const query = captured as SQLWrapper | string | undefined;
  if (!query || typeof query === 'string') return null;
  const rows = await execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
  return rows.map((r) => r['QUERY PLAN']);
}
