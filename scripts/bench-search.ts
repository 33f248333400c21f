/**
 * `npm run bench:search -- --n 1000000 --engine both`: search latency at scale, each engine on the same entries.
 *
 * 1. Postgres: the server at TEST_SERVER_URL if set, else the embedded one with its own
 *    data dir (defaultDataDir('bench-pg'), port 54349). Database `chengxin_bench` is
 *    dropped, recreated and migrated (unless --reuse finds one loaded with the same N,
 *    seed and anchor day).
 * 2. Loads N synthetic entries (db/demo-data.ts, fixed seed; rows from entryRow) in bulk;
 *    see scripts/lib/bench-load.ts. No entry_events: search never reads them.
 * 3. Meilisearch (`--engine meilisearch|both`, needs MEILI_URL): the index `chengxin-bench` is
 *    deleted and rebuilt from the loaded entries with search:reindex's code, and timed.
 * 4. Runs searchPublic (domain/publishing/search.ts) — the real path: the engine plus the
 *    visibility re-check getPublicEntriesInOrder, Meilisearch with its built-in fallback —
 *    for five query kinds, sampled from the generator, after a warm-up; prints latency
 *    percentiles, how many entries each kind matches and how many answers were fallbacks;
 *    with two engines, a side-by-side table.
 * 5. The lag from a push (saveEntry) to the engine finding the entry, `--lag` pushes per engine.
 * 6. Memory: Postgres's PSS and database size; Meilisearch's RSS, peak RSS and database size.
 *
 * Flags: --n N (default 100000) · --queries 200 · --warmup 20 · --seed 20240611
 *        --workers K (row-generation threads; default: CPU count; 0 = main thread)
 *        --reuse (keep a matching loaded database) · --explain (EXPLAIN (ANALYZE, BUFFERS)
 *        the built-in engine's p95 query of each kind) · --engine builtin|meilisearch|both
 *        --lag 100 (pushes timed per engine; 0 = none)
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { demoEntry, mulberry32, type DemoEntry } from '@/db/demo-data';
import { namePinyin } from '@/lib/normalize';
import { Meilisearch } from 'meilisearch';
import { searchPublic } from '@/domain/publishing/search';
import { saveEntry } from '@/domain/entries/entries';
import { clientOptions, meiliConfigFromEnv } from '@/adapters/search/meilisearch';
import { reindex } from '@/adapters/search/reindex';
import { meiliRuntime, searchRuntime, type MeiliRuntime } from '@/adapters/search/runtime';
import { startSyncWorker } from '@/adapters/search/sync';
import { PAGE_SIZE } from '@/lib/search/limits';
import type { SearchEngine } from '@/adapters/search/types';
import { type SearchQuery } from '@/lib/search/params';
import { environmentLines, explainFirstStatement, intArg, loadedBenchDatabase, pad, pct } from './lib/bench-database';
import { pushedEntry, SEARCH_BENCH, searchBenchGenerator } from './lib/search-bench';
import { databaseSize, localProcess, postgresMemory, residentMemory } from './lib/process-memory';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    seed: { type: 'string', default: '20240611' },
    reuse: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'builtin' },
    lag: { type: 'string', default: '100' },
    workers: { type: 'string', default: String(os.cpus().length) },
  },
  strict: true,
});

if (!['builtin', 'meilisearch', 'both'].includes(args.engine))
  throw new Error(`--engine must be builtin, meilisearch or both, got ${args.engine}`);
const N = intArg('n', args.n);
const QUERIES = intArg('queries', args.queries);
const WARMUP = intArg('warmup', args.warmup);
const SEED = intArg('seed', args.seed);
const WORKERS = args.workers === '0' ? 0 : intArg('workers', args.workers);
const LAG = args.lag === '0' ? 0 : intArg('lag', args.lag);
const LAG_POLL_MS = 5;
/** The benchmark's own Meilisearch index, rebuilt from empty each run (the site's index is left alone). */
const GEN = searchBenchGenerator(SEED);
const ANCHOR = GEN.anchor;

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtMs = (ms: number) => ms.toFixed(1);
const fmtBytes = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${(b / 2 ** 20).toFixed(0)} MiB`);

// ---------------------------------------------------------------------------
// Query samples (drawn from the generator, i.e. from data that exists)
// ---------------------------------------------------------------------------

type Kind = { key: string; label: string; pick: (d: DemoEntry, rand: () => number) => string | null };

const FULL_WIDTH = (s: string) => s.replace(/[0-9()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The distinctive middle of a generated company name: 昆山(市)[华信农业发展]有限公司. */
function companyCore(name: string) {
  return [...name.replace(/^昆山市?/, '').replace(/(股份有限公司|有限责任公司|有限公司)$/, '')];
}

// No resident-ID kind: the public search refuses a person's ID number (status person_id, lib/disclosure.ts).
const KINDS: Kind[] = [
  {
    key: 'name2',
    label: 'person name, 2 chars',
    pick: ({ input }) => (input.subjectType === 'person' && [...input.name].length === 2 ? input.name : null),
  },
  {
    key: 'company',
    label: 'company substring 2–4',
    pick: ({ input }, rand) => {
      if (input.subjectType !== 'organization') return null;
      const core = companyCore(input.name);
      const len = Math.min(core.length, 2 + Math.floor(rand() * 3));
      const start = Math.floor(rand() * (core.length - len + 1));
      return core.slice(start, start + len).join('');
    },
  },
  {
    key: 'pinyin',
    label: 'person name, pinyin/initials',
    pick: ({ input }, rand) => {
      if (input.subjectType !== 'person') return null;
      const { full, initials } = namePinyin(input.name);
      return rand() < 0.5 ? full : initials;
    },
  },
  {
    key: 'uscc',
    label: 'USCC',
    pick: ({ input }) =>
      input.subjectType === 'organization' && input.idNumber?.length === 18 ? input.idNumber : null,
  },
  {
    key: 'caseNo',
    label: 'case number (½ full-width)',
    pick: ({ input }, rand) => (rand() < 0.5 ? FULL_WIDTH(input.caseNo) : input.caseNo),
  },
];

/** `count` distinct queries of one kind, deterministic for (seed, kind, salt). */
function sample(kind: Kind, count: number, salt: number, exclude = new Set<string>()): string[] {
  const rand = mulberry32(
    SEED ^ (salt * 0x9e3779b1) ^ [...kind.key].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7),
  );
  const out = new Set<string>();
  for (let attempts = 0; out.size < count && attempts < count * 200; attempts++) {
    const q = kind.pick(demoEntry(Math.floor(rand() * N), GEN), rand);
    if (q && !exclude.has(q)) out.add(q);
  }
  return [...out];
}

// ---------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------

type Run = { q: string; ms: number; engineMs: number; total: number; shown: number; fellBack: boolean };

// ---------------------------------------------------------------------------
// Engines
// ---------------------------------------------------------------------------

type Runtime = ReturnType<typeof searchRuntime>;
type BenchEngine = { name: 'builtin' | 'meilisearch'; label: string; engine: SearchEngine; meili: MeiliRuntime | null };
type KindResult = { kind: Kind; runs: Run[] };

/** The engines of `--engine`; Meilisearch's bench index is built from the loaded entries here, and timed. */
async function prepareEngines(runtime: Runtime): Promise<BenchEngine[]> {
  const list: BenchEngine[] = [];
  if (args.engine !== 'meilisearch')
    list.push({
      name: 'builtin',
      label: 'built-in (adapters/search/postgres-engine.ts)',
      engine: runtime.builtin,
      meili: null,
    });
  if (args.engine !== 'builtin') {
    const config = meiliConfigFromEnv();
    if (!config) throw new Error(`--engine ${args.engine} needs MEILI_URL and MEILI_MASTER_KEY (or MEILI_API_KEY)`);
    const meili = meiliRuntime({ ...config, indexUid: SEARCH_BENCH.index });
    const client = new Meilisearch(clientOptions(config, 30_000));
    await client.deleteIndex(SEARCH_BENCH.index).waitTask({ timeout: 600_000 }); // fails harmlessly when there is none
    const started = performance.now();
    await meili.writer.ensureIndex();
    const drift = await reindex(meili.writer);
    const ms = performance.now() - started;
    const { pkgVersion } = await client.getVersion();
    console.log(
      `index     meilisearch ${pkgVersion}: ${fmtInt(drift.public)} public entries indexed from empty in ${fmtS(ms)} ` +
        `(settings, then search:reindex's code: batches of 5,000, each waited for) → ` +
        `${fmtInt(drift.public / (ms / 1000))} documents/s`,
    );
    list.push({
      name: 'meilisearch',
      label: `meilisearch ${pkgVersion} (${config.host})`,
      engine: meili.engine,
      meili,
    });
  }
  return list;
}

/** Points the public search path at one engine: the built-in alone, or Meilisearch with its fallback. */
function selectEngine(runtime: Runtime, engine: BenchEngine) {
  runtime.meili = engine.meili;
  runtime.writer = engine.meili?.writer ?? runtime.writer;
}

/** searchPublic for every query of the plan on one engine; prints its table. */
async function measureQueries(
  runtime: Runtime,
  bench: BenchEngine,
  plan: { kind: Kind; measured: string[]; warm: string[] }[],
): Promise<KindResult[]> {
  selectEngine(runtime, bench);
  // Time the engine part of searchPublic separately (the rest is the visibility re-check).
  const engineSearch = bench.engine.search.bind(bench.engine);
  let lastEngineMs = 0;
  bench.engine.search = async (query: SearchQuery) => {
    const t = performance.now();
    try {
      return await engineSearch(query);
    } finally {
      lastEngineMs = performance.now() - t;
    }
  };
  const runOne = async (q: string): Promise<Run> => {
    const t = performance.now();
    const r = await searchPublic(q, {}, 1);
    const ms = performance.now() - t;
    if (r.status !== 'ok') throw new Error(`query ${q} → ${r.status}`);
    return { q, ms, engineMs: lastEngineMs, total: r.total, shown: r.entries.length, fellBack: r.degraded };
  };
  try {
    const w0 = performance.now();
    for (const { warm } of plan) for (const q of warm) await runOne(q);
    console.log('');
    console.log(`engine    ${bench.label}`);
    console.log(
      `queries   searchPublic(q, {}, page 1): engine query + visibility re-check, page size ${PAGE_SIZE}; ` +
        `sequential, one connection at a time`,
    );
    console.log(
      `          warm-up ${plan.reduce((n, p) => n + p.warm.length, 0)} other queries ` +
        `(${fmtS(performance.now() - w0)}); latency in ms`,
    );
    console.log('');
    const header = [
      pad('kind', 28),
      pad('n', 5, true),
      pad('p50', 8, true),
      pad('p95', 8, true),
      pad('p99', 8, true),
      pad('max', 8, true),
      pad('engine p95', 11, true),
      pad('matches: median', 16, true),
      pad('p95', 8, true),
      pad('max', 8, true),
      pad('zero', 6, true),
      pad('fallback', 9, true),
    ].join(' ');
    console.log(header);
    console.log('-'.repeat(header.length));
    const results: KindResult[] = [];
    for (const { kind, measured } of plan) {
      const runs: Run[] = [];
      for (const q of measured) runs.push(await runOne(q));
      results.push({ kind, runs });
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
      const eng = runs.map((r) => r.engineMs).sort((a, b) => a - b);
      const totals = runs.map((r) => r.total).sort((a, b) => a - b);
      const zero = runs.filter((r) => r.total === 0).length;
      console.log(
        [
          pad(kind.label, 28),
          pad(String(runs.length), 5, true),
          pad(fmtMs(pct(ms, 50)), 8, true),
          pad(fmtMs(pct(ms, 95)), 8, true),
          pad(fmtMs(pct(ms, 99)), 8, true),
          pad(fmtMs(pct(ms, 100)), 8, true),
          pad(fmtMs(pct(eng, 95)), 11, true),
          pad(fmtInt(pct(totals, 50)), 16, true),
          pad(fmtInt(pct(totals, 95)), 8, true),
          pad(fmtInt(pct(totals, 100)), 8, true),
          pad(`${((100 * zero) / runs.length).toFixed(0)}%`, 6, true),
          pad(String(runs.filter((r) => r.fellBack).length), 9, true),
        ].join(' '),
      );
    }
    const slowest = results.map(({ kind, runs }) => {
      const worst = [...runs].sort((a, b) => b.ms - a.ms)[0]!;
      return `${kind.key}: ${worst.q} ${fmtMs(worst.ms)} ms (${fmtInt(worst.total)} matches)`;
    });
    console.log('slowest   ' + slowest.join('\n          '));
    return results;
  } finally {
    bench.engine.search = engineSearch;
  }
}

/** p50 / p95 / p99 of each kind, the engines side by side. */
function printSideBySide(measured: { engine: BenchEngine; results: KindResult[] }[]) {
  console.log('');
  console.log('side by side (searchPublic latency in ms: p50 / p95 / p99)');
  console.log([pad('kind', 28), ...measured.map((m) => pad(m.engine.name, 24, true))].join(' '));
  for (const [i, { kind }] of measured[0]!.results.entries()) {
    const cells = measured.map(({ results }) => {
      const ms = results[i]!.runs.map((r) => r.ms).sort((a, b) => a - b);
      return pad([50, 95, 99].map((p) => fmtMs(pct(ms, p))).join(' / '), 24, true);
    });
    console.log([pad(kind.label, 28), ...cells].join(' '));
  }
}

/**
 * Push → searchable: each entry saved as a court push is (one transaction, its outbox row with it), then the engine
 * asked for its case number until it answers with it. Meilisearch gets it from the sync worker, running here as in the
 * server (a round every second, woken by nothing else for a new entry).
 */
async function measureLag(runtime: Runtime, bench: BenchEngine): Promise<number[]> {
  selectEngine(runtime, bench);
  const worker = bench.meili ? startSyncWorker(bench.meili.writer) : null;
  const run = Date.now().toString(36);
  const lags: number[] = [];
  try {
    for (let i = 0; i < LAG; i++) {
      // A case number no generated entry has: the search for it finds this entry alone.
      const input = pushedEntry(GEN, N + i, `LAG${run}`, `(2099)苏0583执${run}${i}号`);
      await saveEntry(input, 'bench:search');
      const pushed = performance.now();
      for (;;) {
        const { hits } = await bench.engine.search({ q: input.caseNo, page: 1, pageSize: PAGE_SIZE });
        if (hits.some((h) => h.uid === input.uid)) break;
        if (performance.now() - pushed > 60_000)
          throw new Error(`${bench.name}: ${input.uid} not searchable after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, LAG_POLL_MS));
      }
      lags.push(performance.now() - pushed);
    }
  } finally {
    await worker?.stop();
  }
  return lags;
}

/** RSS (now, peak) of the local Meilisearch process and its database size. */
async function meiliMemory(meili: MeiliRuntime): Promise<string> {
  const stats = await new Meilisearch(clientOptions(meili.config, 30_000)).getStats();
  const pid = localProcess('meilisearch', new URL(meili.config.host).port || '7700');
  const memory = pid ? residentMemory(pid) : null;
  const rss = memory ? `RSS ${fmtBytes(memory.rss)} (peak ${fmtBytes(memory.peak)})` : 'not a local process';
  return `${rss} · database ${fmtBytes(stats.databaseSize)} (${fmtBytes(stats.usedDatabaseSize)} used)`;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  const bench = await loadedBenchDatabase({
    database: SEARCH_BENCH.database,
    dataDirName: SEARCH_BENCH.dataDirName,
    port: SEARCH_BENCH.port,
    reuse: args.reuse,
    load: { ...GEN, n: N, workers: WORKERS },
  });
  const { where, load } = bench;
  try {
    const db = getDb();

    const setting = async (name: string) =>
      String((await db.execute<{ v: string }>(sql`SELECT current_setting(${name}) AS v`))[0]?.v);
    const settings = await Promise.all(
      [
        'shared_buffers',
        'work_mem',
        'effective_cache_size',
        'random_page_cost',
        'jit',
        'max_parallel_workers_per_gather',
      ].map(async (s) => `${s}=${await setting(s)}`),
    );
    const [size] = await db.execute<{ heap: number; idx: number; rows: number; visible: number }>(sql`
      SELECT pg_table_size('entries')::float8 AS heap, pg_indexes_size('entries')::float8 AS idx,
             (SELECT count(*) FROM entries)::int AS rows,
             (SELECT count(*) FROM entries WHERE status = 'active' AND disclosure = 'public'
                AND published_at <= now() AND (valid_until IS NULL OR valid_until > now()))::int AS visible`);
    const cpus = os.cpus();

    console.log('');
    console.log('诚信昆山 search benchmark');
    for (const line of await environmentLines(where)) console.log(line);
    console.log(`settings  ${settings.join(' ')}`);
    console.log(
      `N         ${fmtInt(N)} entries (seed ${SEED}, anchor ${ANCHOR.toISOString().slice(0, 10)}); ` +
        `${fmtInt(Number(size?.visible))} public (${((100 * Number(size?.visible)) / Number(size?.rows)).toFixed(1)}%)`,
    );
    console.log(`          entry_events not loaded (search does not read them)`);
    console.log(`size      table ${fmtBytes(Number(size?.heap))} · indexes ${fmtBytes(Number(size?.idx))}`);
    if (load) {
      const total = load.loadMs + load.indexMs + load.vacuumMs + load.analyzeMs;
      console.log(
        `load      generate+insert ${fmtS(load.loadMs)} → ${fmtInt(load.rows / (load.loadMs / 1000))} rows/s ` +
          `(generation ${fmtS(load.generateMs)} of thread time on ` +
          `${load.workers ? `${load.workers} worker threads` : 'the main thread'}, overlapped with the inserts; ` +
          `main thread waited ${fmtS(load.generateWaitMs)} for rows, ${fmtS(load.insertWaitMs)} for Postgres)`,
      );
      console.log(
        `          index build ${fmtS(load.indexMs)} · VACUUM ${fmtS(load.vacuumMs)} · ANALYZE ${fmtS(load.analyzeMs)}`,
      );
      console.log(`          total ${fmtS(total)} → ${fmtInt(load.rows / (total / 1000))} rows/s end to end`);
      console.log(
        `          indexes: ` +
          `${load.indexTimes.map((t) => `${t.name.replace(/^entries_/, '')} ${fmtS(t.ms)}`).join(', ')}`,
      );
    } else {
      console.log('load      (reused; no load this run)');
    }

    const runtime = searchRuntime();
    const engines = await prepareEngines(runtime);
    const plan = KINDS.map((kind) => {
      const measured = sample(kind, QUERIES, 1);
      const warm = sample(kind, WARMUP, 2, new Set(measured));
      return { kind, measured, warm };
    });
    const loadBefore = os.loadavg()[0]!;
    const measured: { engine: BenchEngine; results: KindResult[] }[] = [];
    for (const engine of engines) measured.push({ engine, results: await measureQueries(runtime, engine, plan) });
    if (measured.length > 1) printSideBySide(measured);
    console.log('');
    console.log(
      `cpu load  1-min load average ${loadBefore.toFixed(2)} before the queries, ` +
        `${os.loadavg()[0]!.toFixed(2)} after (${cpus.length} CPUs; ` +
        'anything above ~1 means other processes competed with the benchmark)',
    );
    console.log(
      'examples  ' + plan.map((p) => `${p.kind.key}: ${p.measured.slice(0, 3).join(' / ')}`).join('\n          '),
    );

    if (LAG > 0) {
      console.log('');
      console.log(
        `lag       push (saveEntry, as the court API does) → the engine returns the entry for its case number; ` +
          `${LAG} pushes one after another, polled every ${LAG_POLL_MS} ms`,
      );
      for (const engine of engines) {
        const lags = (await measureLag(runtime, engine)).sort((a, b) => a - b);
        console.log(
          `          ${pad(engine.name, 12)} p50 ${fmtMs(pct(lags, 50))} ms · p95 ${fmtMs(pct(lags, 95))} ms · ` +
            `max ${fmtMs(pct(lags, 100))} ms`,
        );
      }
    }

    console.log('');
    const pg = await postgresMemory();
    const pgMemory = pg ? `${fmtBytes(pg.pss)} PSS over ${pg.processes} processes` : 'not a local process';
    console.log(`memory    postgres: ${pgMemory} · database ${fmtBytes(await databaseSize())}`);
    for (const engine of engines)
      if (engine.meili) console.log(`          meilisearch: ${await meiliMemory(engine.meili)}`);

    if (args.explain) {
      // The built-in engine's own SQL (its first statement), EXPLAINed.
      const builtin = measured.find((m) => m.engine.name === 'builtin');
      for (const { kind, runs } of builtin?.results ?? []) {
        const byMs = [...runs].sort((a, b) => a.ms - b.ms);
        const p95 = byMs[Math.min(byMs.length - 1, Math.ceil(0.95 * byMs.length) - 1)]!;
        const query = { q: p95.q, page: 1, pageSize: PAGE_SIZE };
        const plan = await explainFirstStatement(() => runtime.builtin.search(query));
        if (!plan) continue;
        console.log(
          `\nEXPLAIN (ANALYZE, BUFFERS) — ${kind.label}, p95 query ${p95.q} (${fmtMs(p95.ms)} ms, ` +
            `${fmtInt(p95.total)} matches)`,
        );
        for (const line of plan) console.log(`  ${line}`);
      }
    }
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
