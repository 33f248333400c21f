/**
 * `npm run bench:export -- --n 1265000`: the departments' export (GET /api/v1/export) of every shared entry as CSV and
 * XLSX, showing that memory stays flat however many rows the file holds.
 *
 * 1. Postgres: the server at TEST_SERVER_URL if set, else the embedded one with its own data dir
 *    (defaultDataDir('bench-export-pg'), port 54373 — beside bench:search's 54349, bench:ingest's 54359 and
 *    bench:check's 54369). Database `chengxin_bench_export` is dropped, recreated, migrated and loaded with N synthetic
 *    entries (scripts/lib/bench-load.ts; about 80 % shared with departments) unless --reuse finds one loaded with the
 *    same N, seed and anchor day.
 * 2. For each format, the GET handler of /api/v1/export is called in this process with a department key (no filter:
 *    the whole shared list), and the response body is read to the end and counted, never kept. While it runs, this
 *    process's RSS and the Postgres server's PSS are sampled every 200 ms, and the RSS is noted every 10 MiB read, so
 *    a growth with the rows would show.
 *
 * Prints per format: rows (X-Export-Rows, and for CSV the records counted in the stream), seconds, bytes, rows/s, the
 * RSS before, its peak during the export and at the end, and the Postgres PSS peak.
 *
 * Flags: --n N (default 1265000: about 1,000,000 shared) · --formats csv,xlsx · --seed 20240611 · --workers K
 *        --reuse · --full (a key granted full identifiers)
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { GET } from '@/app/api/v1/export/route';
import { getDb } from '@/db/client';
import { startOfUtcDay } from '@/db/demo-data';
import { exportWhere } from '@/db/export';
import { createApiKey } from '@/domain/auth/api-keys';
import { environmentLines, intArg, loadedBenchDatabase, pad } from './lib/bench-database';
import { postgresMemory } from './lib/process-memory';

const DATABASE = 'chengxin_bench_export';
const PORT = 54373;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1265000' },
    formats: { type: 'string', default: 'csv,xlsx' },
    seed: { type: 'string', default: '20240611' },
    workers: { type: 'string', default: String(os.cpus().length) },
    reuse: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
  },
  strict: true,
});

const N = intArg('n', args.n);
const SEED = intArg('seed', args.seed);
const WORKERS = args.workers === '0' ? 0 : intArg('workers', args.workers);
const FORMATS = args.formats.split(',').map((f) => f.trim());
for (const f of FORMATS) if (f !== 'csv' && f !== 'xlsx') throw new Error(`--formats: unknown format ${f}`);

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

type Result = {
  format: string;
  rows: number;
  counted: number | null;
  seconds: number;
  bytes: number;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
  pgPeak: number | null;
  rssAtTenths: number[];
};

async function exportOnce(format: string, key: string): Promise<Result> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let pgPeak: number | null = null;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      const pg = await postgresMemory().catch(() => null);
      if (pg) pgPeak = Math.max(pgPeak ?? 0, pg.pss);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const started = performance.now();
  const res = await GET(
    new Request(`http://localhost/api/v1/export?format=${format}`, { headers: { authorization: `Bearer ${key}` } }),
  );
  if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
  const rows = Number(res.headers.get('x-export-rows'));
  const reader = res.body!.getReader();
  let bytes = 0;
  // CSV: records end with CRLF outside quotes; a quote toggles (an escaped "" toggles twice).
  let inQuotes = false;
  let records = 0;
  let prevCr = false;
  const rssAtTenths: number[] = [];
  // The size is not known in advance: the RSS is noted every 10 MiB read.
  let nextMark = 10 * 2 ** 20;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (format === 'csv') {
      for (let i = 0; i < value.length; i++) {
        const c = value[i]!;
        if (c === 0x22) inQuotes = !inQuotes;
        else if (!inQuotes && c === 0x0a && prevCr) records++;
        prevCr = c === 0x0d;
      }
    }
    if (bytes >= nextMark) {
      const rss = process.memoryUsage().rss;
      rssPeak = Math.max(rssPeak, rss);
      rssAtTenths.push(rss);
      nextMark += 10 * 2 ** 20;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  return {
    format,
    rows,
    counted: format === 'csv' ? records - 1 : null,
    seconds,
    bytes,
    rssBefore,
    rssPeak,
    rssAfter: process.memoryUsage().rss,
    pgPeak,
    rssAtTenths,
  };
}

async function main() {
  const bench = await loadedBenchDatabase({
    database: DATABASE,
    dataDirName: 'bench-export-pg',
    port: PORT,
    reuse: args.reuse,
    load: { seed: SEED, anchor: startOfUtcDay(), uidPrefix: 'BENCH', n: N, workers: WORKERS },
  });
  const { where, load } = bench;
  try {
    const db = getDb();
    const [size] = await db.execute<{ heap: number; idx: number; shared: number }>(sql`
      SELECT pg_table_size('entries')::float8 AS heap, pg_indexes_size('entries')::float8 AS idx,
             (SELECT count(*) FROM entries WHERE ${exportWhere({})})::int AS shared`);
    console.log('');
    console.log('诚信昆山 export benchmark (GET /api/v1/export, in process)');
    for (const line of await environmentLines(where)) console.log(line);
    console.log(
      `N         ${fmtInt(N)} entries (seed ${SEED}); ${fmtInt(Number(size?.shared))} shared · table ` +
        `${mib(Number(size?.heap))} · indexes ${mib(Number(size?.idx))}`,
    );
    if (load)
      console.log(`load      ${((load.loadMs + load.indexMs + load.vacuumMs + load.analyzeMs) / 1000).toFixed(1)} s`);
    console.log(
      `node      ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const key = (
      await createApiKey({
        organization: 'bench:export',
        role: 'department',
        fullIdentifiers: args.full,
        createdBy: 'bench',
      })
    ).key;
    console.log('');
    console.log('format  rows        seconds  rows/s   bytes       RSS before  RSS peak  RSS end  Postgres PSS peak');
    for (const format of FORMATS) {
      const r = await exportOnce(format, key);
      if (r.counted !== null && r.counted !== r.rows)
        throw new Error(`csv: ${r.counted} records in the file, X-Export-Rows says ${r.rows}`);
      console.log(
        [
          pad(format, 7),
          pad(fmtInt(r.rows), 11),
          pad(r.seconds.toFixed(1), 8, true),
          pad(fmtInt(r.rows / r.seconds), 8, true),
          pad(`${(r.bytes / 2 ** 20).toFixed(0)} MiB`, 11, true),
          pad(mib(r.rssBefore), 11, true),
          pad(mib(r.rssPeak), 9, true),
          pad(mib(r.rssAfter), 8, true),
          pad(r.pgPeak === null ? '—' : mib(r.pgPeak), 18, true),
        ].join(' '),
      );
      const marks = r.rssAtTenths;
      const step = Math.max(1, Math.floor(marks.length / 10));
      const shown = marks.filter((_, i) => i % step === 0);
      console.log(
        `        RSS every ${step * 10} MiB read: ${shown.map((b) => (b / 2 ** 20).toFixed(0)).join(' ')} MiB`,
      );
    }
    console.log(
      `load average after: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await bench.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
