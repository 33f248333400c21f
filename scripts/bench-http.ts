/**
 * `npm run bench:http`: requests per second and latency of the site over HTTP, with autocannon on loopback.
 *
 * 1. Postgres: the server at TEST_SERVER_URL if set, else the embedded one with its own data dir
 *    (defaultDataDir('bench-http-pg'), port 54371). Database `chengxin_bench_http` holds N synthetic entries
 *    (scripts/lib/bench-load.ts; about 23 % not public), reloaded unless --reuse finds the same N, seed and day.
 * 2. The site as `npm start` runs it (scripts/start.ts with SKIP_BUILD=1 → scripts/serve.ts: the HTTP front with its
 *    checks, Next in-process, WEB_CONCURRENCY processes) on the existing production build (.next) on 127.0.0.1.
 *    The read budgets stay on — every search and entry still takes them in Postgres — but this server's only client
 *    is the benchmark, so READ_BUDGET_PER_MINUTE/HOUR are raised for it.
 * 3. The reference: the same search (searchPublic: the built-in engine's SQL and the visibility re-check) in a bare
 *    node:http server (scripts/lib/bench-http-reference.ts), with and without taking the read budgets.
 * 4. For each target and each client count: a warm-up, then at most --amount requests or --duration seconds,
 *    whichever ends first. Search queries rotate over names and company-name fragments of public entries, entry
 *    pages over public entries. Prints requests/s, p50/p95/p99/max latency, non-2xx answers, the CPU the site, the
 *    embedded Postgres and this process used, and the 1-minute load average before and after.
 *
 * Flags: --n 100000 · --clients 10,100 · --amount 3000 · --duration 20 · --warmup 300
 *        --targets api,page,entry,home,ref,ref-budget · --workers K (WEB_CONCURRENCY of both servers; default: the
 *        product's default) · --port 3710 (site; the reference uses port + 1) · --reuse · --seed 20240611
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { getDb, closeDb } from '@/db/client';
import { startOfUtcDay } from '@/db/demo-data';
import { isPublic } from '@/db/visibility';
import { defaultDataDir } from '@/db/embedded-postgres';
import { environmentLines, intArg, loadedBenchDatabase, pad, pct } from './lib/bench-database';
import { findPostmaster } from './lib/bench-ingest-cpu';
import { nextBuildInfo } from './lib/bench-ingest-server';

const DATABASE = 'chengxin_bench_http';
const PG_PORT = 54371;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '10,100' },
    amount: { type: 'string', default: '3000' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '300' },
    targets: { type: 'string', default: 'api,page,entry,home,ref,ref-budget' },
    workers: { type: 'string' },
    port: { type: 'string', default: '3710' },
    seed: { type: 'string', default: '20240611' },
    reuse: { type: 'boolean', default: false },
  },
  strict: true,
});

const N = intArg('n', args.n);
const CLIENTS = args.clients.split(',').map((c) => intArg('clients', c));
const AMOUNT = intArg('amount', args.amount);
const DURATION_S = intArg('duration', args.duration);
const WARMUP = intArg('warmup', args.warmup, 0);
const PORT = intArg('port', args.port);
const SEED = intArg('seed', args.seed);
const GEN = { seed: SEED, anchor: startOfUtcDay(), uidPrefix: 'BENCH' };

type Target = { key: string; label: string; site: boolean; path: (i: number) => string };

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

type Child = { proc: ChildProcess; log: () => string; stop: () => Promise<void> };

function startChild(argv: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString('utf8')).slice(-20_000));
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  process.once('exit', () => proc.kill('SIGKILL'));
  return {
    proc,
    log: () => output,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitFor(url: string, child: Child, what: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`${what} exited (${child.proc.exitCode}):\n${child.log()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer within 120 s:\n${child.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** CPU ticks (1/100 s) of `root` and all its descendants. */
function treeTicks(root: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const s = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(f[1]));
      ticks.set(Number(name), Number(f[11]) + Number(f[12]));
    } catch {
      // gone
    }
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        sum += t;
        break;
      }
    }
  }
  return sum;
}

// ---------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------

type Run = {
  count: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  load: [number, number];
  cpu: { site: number; postgres: number; bench: number };
};

async function cannon(opts: {
  base: string;
  path: (i: number) => string;
  connections: number;
  amount: number;
  durationS: number;
  pids: { site: number; postgres: number | null };
}): Promise<Run> {
  let i = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const load0 = os.loadavg()[0]!;
  const cpu0 = {
    site: treeTicks(opts.pids.site),
    postgres: opts.pids.postgres ? treeTicks(opts.pids.postgres) : 0,
    bench: process.cpuUsage(),
  };
  const started = performance.now();
  let done: (r: { errors: number }) => void = () => {};
  const finished = new Promise<{ errors: number }>((resolve) => (done = resolve));
  const instance = autocannon(
    {
      url: opts.base,
      connections: opts.connections,
      amount: opts.amount,
      timeout: 30,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: opts.path(i++) }) }],
    },
    (err, result) => (err ? done({ errors: -1 }) : done(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    latencies.push(ms);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const timer = setTimeout(() => instance.stop(), opts.durationS * 1000);
  const result = await finished;
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const bench = process.cpuUsage(cpu0.bench);
  return {
    count: latencies.length,
    seconds,
    latencies: latencies.sort((a, b) => a - b),
    statuses,
    errors: result.errors,
    load: [load0, os.loadavg()[0]!],
    cpu: {
      site: (treeTicks(opts.pids.site) - cpu0.site) / 100,
      postgres: opts.pids.postgres ? (treeTicks(opts.pids.postgres) - cpu0.postgres) / 100 : NaN,
      bench: (bench.user + bench.system) / 1e6,
    },
  };
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  const build = nextBuildInfo();
  if (!build) throw new Error('No production build in .next: run `npx next build` (or `npm start` once) first.');
  const bench = await loadedBenchDatabase({
    database: DATABASE,
    dataDirName: 'bench-http-pg',
    port: PG_PORT,
    reuse: args.reuse,
    load: { ...GEN, n: N, workers: os.cpus().length },
  });
  const children: Child[] = [];
  try {
    const db = getDb();
    for (const line of await environmentLines(bench.where)) console.log(line);
    // Queries: whole person names (2–3 characters) and 4-character fragments of company names, of public entries.
    const sample = await db.execute<{ uid: string; name: string; subject_type: string }>(sql`
      SELECT uid, name, subject_type FROM entries WHERE ${isPublic()} ORDER BY md5(uid) LIMIT 400`);
    const queries = sample.map((r) =>
      r.subject_type === 'person' ? r.name : [...r.name.replace(/^昆山市?/, '')].slice(0, 4).join(''),
    );
    const uids = sample.map((r) => r.uid);
    const postmaster = process.env.TEST_SERVER_URL ? null : findPostmaster(defaultDataDir('bench-http-pg'));
    await closeDb();

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: bench.url,
      SKIP_BUILD: '1',
      DEMO_DATA: 'off',
      HOST: '127.0.0.1',
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? 'bench-http-only-not-a-secret-0123456789abcdef',
      // The benchmark is this server's only client: its read budget is raised, the counting stays.
      READ_BUDGET_PER_MINUTE: String(1e9),
      READ_BUDGET_PER_HOUR: String(1e9),
      TSX_TSCONFIG_PATH: 'tsconfig.node.json',
    };
    for (const k of Object.keys(env)) if (k.startsWith('MEILI_') || k === 'SERVER_LOG_FILE') delete env[k];
    if (args.workers !== undefined) env.WEB_CONCURRENCY = String(intArg('workers', args.workers));
    const site = startChild(['scripts/start.ts'], { ...env, PORT: String(PORT) });
    children.push(site);
    const reference = startChild(['scripts/lib/bench-http-reference.ts'], {
      ...env,
      PORT: String(PORT + 1),
      WEB_CONCURRENCY: env.WEB_CONCURRENCY ?? String(os.availableParallelism()),
    });
    children.push(reference);
    const siteUrl = `http://127.0.0.1:${PORT}`;
    const refUrl = `http://127.0.0.1:${PORT + 1}`;
    await waitFor(`${siteUrl}/`, site, 'the site');
    await waitFor(`${refUrl}/search?q=${encodeURIComponent(queries[0]!)}`, reference, 'the reference server');
    const serving = site
      .log()
      .split('\n')
      .filter((l) => l.includes('serving on'));

    const q = (i: number) => encodeURIComponent(queries[i % queries.length]!);
    const targets: Target[] = [
      { key: 'api', label: 'GET /api/v1/search?q=', site: true, path: (i) => `/api/v1/search?q=${q(i)}` },
      { key: 'page', label: 'GET /search?q=', site: true, path: (i) => `/search?q=${q(i)}` },
      { key: 'entry', label: 'GET /entries/{uid}', site: true, path: (i) => `/entries/${uids[i % uids.length]}` },
      { key: 'home', label: 'GET /', site: true, path: () => '/' },
      { key: 'ref', label: 'bare node:http search', site: false, path: (i) => `/search?q=${q(i)}` },
      {
        key: 'ref-budget',
        label: 'bare node:http search + budgets',
        site: false,
        path: (i) => `/search-budget?q=${q(i)}`,
      },
    ];
    const wanted = args.targets.split(',');
    for (const w of wanted) if (!targets.some((t) => t.key === w)) throw new Error(`unknown target ${w}`);

    console.log(`build     .next ${build.id} (built ${build.builtAt.toISOString()})`);
    console.log(`started   ${new Date().toISOString()}; 1-minute load average ${os.loadavg()[0]!.toFixed(2)}`);
    console.log(
      `site      scripts/start.ts → scripts/serve.ts, WEB_CONCURRENCY=${env.WEB_CONCURRENCY ?? '(default)'}; ` +
        serving.join(' / '),
    );
    console.log(
      `data      ${N.toLocaleString('en-US')} synthetic entries; ${queries.length} queries (person names, ` +
        `company-name fragments), ${uids.length} entries`,
    );
    console.log(
      `runs      autocannon on loopback, per target and client count: ${WARMUP} warm-up requests, then at most ` +
        `${AMOUNT} requests or ${DURATION_S} s; latency in ms`,
    );
    console.log('');
    const header = [
      pad('target', 34),
      pad('clients', 7, true),
      pad('req/s', 7, true),
      pad('p50', 7, true),
      pad('p95', 7, true),
      pad('p99', 7, true),
      pad('max', 7, true),
      pad('n', 6, true),
      pad('non-2xx', 8, true),
      pad('cpu s: site', 12, true),
      pad('pg', 6, true),
      pad('bench', 6, true),
      pad('load', 11, true),
    ].join(' ');
    console.log(header);
    console.log('-'.repeat(header.length));
    for (const target of targets.filter((t) => wanted.includes(t.key))) {
      const base = target.site ? siteUrl : refUrl;
      const pids = { site: (target.site ? site : reference).proc.pid!, postgres: postmaster };
      for (const connections of CLIENTS) {
        if (WARMUP > 0)
          await cannon({ base, path: target.path, connections, amount: WARMUP, durationS: DURATION_S, pids });
        const r = await cannon({ base, path: target.path, connections, amount: AMOUNT, durationS: DURATION_S, pids });
        const non2xx = [...r.statuses].filter(([s]) => s < 200 || s > 299);
        console.log(
          [
            pad(target.label, 34),
            pad(String(connections), 7, true),
            pad((r.count / r.seconds).toFixed(0), 7, true),
            pad(pct(r.latencies, 50).toFixed(0), 7, true),
            pad(pct(r.latencies, 95).toFixed(0), 7, true),
            pad(pct(r.latencies, 99).toFixed(0), 7, true),
            pad(pct(r.latencies, 100).toFixed(0), 7, true),
            pad(String(r.count), 6, true),
            pad(non2xx.length ? non2xx.map(([s, c]) => `${s}×${c}`).join(',') : '0', 8, true),
            pad(r.cpu.site.toFixed(1), 12, true),
            pad(r.cpu.postgres.toFixed(1), 6, true),
            pad(r.cpu.bench.toFixed(1), 6, true),
            pad(`${r.load[0].toFixed(2)}→${r.load[1].toFixed(2)}`, 11, true),
          ].join(' ') + (r.errors ? ` (${r.errors} connection errors)` : ''),
        );
      }
    }
    console.log('');
    console.log(
      `cpu       seconds of CPU during the measured run: the server (all its processes), the embedded Postgres ` +
        `(all backends), this process (autocannon); ${os.cpus().length} CPUs; load = 1-minute load average ` +
        'before → after the run',
    );
  } finally {
    for (const c of children.reverse()) await c.stop();
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
