/**
 * `npm run bench:search -- --n 1000000`: search latency of the built-in engine at scale.
 *
 * 1. Postgres: the server at TEST_SERVER_URL if set, else the embedded one with its own
 *    data dir (defaultDataDir('bench-pg'), port 54349). Database `chengxin_bench` is
 *    dropped, recreated and migrated (unless --reuse finds one loaded with the same N,
 *    seed and anchor day).
 * 2. Loads N synthetic entries (db/demo-data.ts, fixed seed; rows from entryRow) in bulk;
 *    see scripts/lib/bench-load.ts. No entry_events: search never reads them.
 * 3. Runs searchPublic (domain/publishing/search.ts) — the real path: PostgresSearchEngine plus
 *    the visibility re-check getPublicEntriesInOrder — for six query kinds, sampled from
 *    the generator, after a warm-up; prints latency percentiles and how many entries
 *    each kind matches.
 *
 * Flags: --n N (default 100000) · --queries 200 · --warmup 20 · --seed 20240611
 *        --workers K (row-generation threads; default: CPU count; 0 = main thread)
 *        --reuse (keep a matching loaded database) · --explain (EXPLAIN (ANALYZE, BUFFERS)
 *        the p95 query of each kind) · --engine builtin|meilisearch (meilisearch: needs
 *        MEILI_URL; indexes the loaded entries with search:reindex's code and times it).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { demoEntry, mulberry32, startOfUtcDay, type DemoEntry } from '@/db/demo-data';
import { namePinyin } from '@/lib/normalize';
import { searchPublic } from '@/domain/publishing/search';
import { reindex } from '@/adapters/search/reindex';
import { searchRuntime } from '@/adapters/search/runtime';
import { PAGE_SIZE } from '@/lib/search/limits';
import type { SearchEngine } from '@/adapters/search/types';
import { environmentLines, explainFirstStatement, intArg, loadedBenchDatabase, pct } from './lib/bench-database';
import { type SearchQuery } from '@/lib/search/params';

const DATABASE = 'chengxin_bench';
const PORT = 54349;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    seed: { type: 'string', default: '20240611' },
    reuse: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'builtin' },
    workers: { type: 'string', default: String(os.cpus().length) },
  },
  strict: true,
});

if (args.engine !== 'builtin' && args.engine !== 'meilisearch')
  throw new Error(`--engine must be builtin or meilisearch, got ${args.engine}`);
const N = intArg('n', args.n);
const QUERIES = intArg('queries', args.queries);
const WARMUP = intArg('warmup', args.warmup);
const SEED = intArg('seed', args.seed);
const WORKERS = args.workers === '0' ? 0 : intArg('workers', args.workers);
const ANCHOR = startOfUtcDay();
const GEN = { seed: SEED, anchor: ANCHOR, uidPrefix: 'BENCH' };

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
    key: 'idNumber',
    label: 'resident ID number',
    pick: ({ input }) => (input.subjectType === 'person' ? (input.idNumber ?? null) : null),
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

type Run = { q: string; ms: number; engineMs: number; total: number; shown: number };

function pad(s: string, w: number, right = false) {
  // CJK characters take two columns in a terminal.
  const width = [...s].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, w - width));
  return right ? fill + s : s + fill;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  const bench = await loadedBenchDatabase({
    database: DATABASE,
    dataDirName: 'bench-pg',
    port: PORT,
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

    // Time the engine part of searchPublic separately (the rest is the visibility re-check).
    const runtime = searchRuntime();
    let engine: SearchEngine = runtime.builtin;
    let engineName = `${engine.name} (built-in, adapters/search/postgres-engine.ts)`;
    if (args.engine === 'meilisearch') {
      if (!runtime.meili)
        throw new Error('--engine meilisearch needs MEILI_URL and MEILI_MASTER_KEY (or MEILI_API_KEY)');
      const started = performance.now();
      const drift = await reindex(runtime.meili.writer);
      console.log(
        `index     meilisearch: ${fmtInt(drift.public)} documents indexed in ${fmtS(performance.now() - started)} ` +
          `(search:reindex)`,
      );
      engine = runtime.meili.engine;
      engineName = `${engine.name} (${runtime.meili.config.host}, index ${runtime.meili.config.indexUid})`;
    } else {
      runtime.meili = null; // builtin: never consult Meilisearch, even when MEILI_URL is set
    }
    const engineSearch = engine.search.bind(engine);
    let lastEngineMs = 0;
    engine.search = async (query: SearchQuery) => {
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
      return { q, ms, engineMs: lastEngineMs, total: r.total, shown: r.entries.length };
    };

    const plan = KINDS.map((kind) => {
      const measured = sample(kind, QUERIES, 1);
      const warm = sample(kind, WARMUP, 2, new Set(measured));
      return { kind, measured, warm };
    });

    const loadBefore = os.loadavg()[0]!;
    const w0 = performance.now();
    for (const { warm } of plan) for (const q of warm) await runOne(q);
    console.log('');
    console.log(`engine    ${engineName}`);
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
    ].join(' ');
    console.log(header);
    console.log('-'.repeat(header.length));

    const results: { kind: Kind; runs: Run[] }[] = [];
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
        ].join(' '),
      );
    }
    console.log('');
    console.log(
      `cpu load  1-min load average ${loadBefore.toFixed(2)} before the queries, ` +
        `${os.loadavg()[0]!.toFixed(2)} after (${cpus.length} CPUs; ` +
        'anything above ~1 means other processes competed with the benchmark)',
    );
    console.log(
      'examples  ' + plan.map((p) => `${p.kind.key}: ${p.measured.slice(0, 3).join(' / ')}`).join('\n          '),
    );
    const slowest = results.map(({ kind, runs }) => {
      const worst = [...runs].sort((a, b) => b.ms - a.ms)[0]!;
      return `${kind.key}: ${worst.q} ${fmtMs(worst.ms)} ms (${fmtInt(worst.total)} matches)`;
    });
    console.log('slowest   ' + slowest.join('\n          '));

    if (args.explain) {
      // The engine's own SQL (its first statement), EXPLAINed.
      for (const { kind, runs } of results) {
        const byMs = [...runs].sort((a, b) => a.ms - b.ms);
        const p95 = byMs[Math.min(byMs.length - 1, Math.ceil(0.95 * byMs.length) - 1)]!;
        const plan = await explainFirstStatement(() => engineSearch({ q: p95.q, page: 1, pageSize: PAGE_SIZE }));
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
