/**
 * `npm run bench:check -- --n 1000000`: subjects checked per second by the bulk check
 * (domain/check/match.ts), for requests of 1,000 subjects.
 *
 * 1. Postgres: the server at TEST_SERVER_URL if set, else the embedded one with its own data
 *    dir (defaultDataDir('bench-check-pg'), port 54369 — not bench:search's 54349 nor
 *    bench:ingest's 54359, so all can run at once). Database `chengxin_bench_check` is
 *    dropped, recreated, migrated and loaded with N synthetic entries (scripts/lib/bench-load.ts,
 *    the generator of db/demo-data.ts; about 23 % not public) unless --reuse finds one loaded
 *    with the same N, seed and anchor day.
 * 2. Subjects are drawn from the loaded data, per 1,000-subject request: 400 identifiers of
 *    public entries (resident IDs, USCCs, organisation codes as stored), 200 names of public
 *    organisations, 100 names of public persons (name only: the common-name path, up to 21
 *    rows each), 200 never listed (100 fresh USCC + name, 100 names), 100 revoked entries
 *    (identifier + name). Every request has its own subjects.
 * 3. Modes: `inproc` calls checkSubjects as a department key with full identifiers; `route` calls the POST handler of
 *    /api/v1/check with an enterprise key (auth, JSON, zod validation, check, response) —
 *    both in this process, no socket. Each with --clients concurrent clients (1 and 2 by
 *    default, on a 2-vCPU machine). After --warmup requests, prints p50/p95/max per request
 *    and subjects/s, and checks the answers: every listed identifier listed, every revoked
 *    and never-listed subject not listed.
 *
 *    `--mix identifiers`: 700 identifiers of public entries, 200 never listed, 100 revoked —
 *    what a department system sends. (The generator's company and person names repeat: at
 *    1,000,000 entries each organisation name is shared by about 80 entries, so the name path
 *    of the mixed requests fetches and sorts far more rows than real, unique names would.)
 *
 * Flags: --n N (default 1000000) · --requests 30 · --warmup 3 · --size 1000 · --seed 20240611 · --mix mixed|identifiers
 *        --clients 1,2 · --modes inproc,route · --workers K (row-generation threads) · --reuse
 *        --explain (EXPLAIN (ANALYZE, BUFFERS) one request's statement)
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql, type SQLWrapper } from 'drizzle-orm';
import { POST } from '@/app/api/v1/check/route';
import { getDb } from '@/db/client';
import { mulberry32, startOfUtcDay } from '@/db/demo-data';
import { isPublic } from '@/db/visibility';
import { createApiKey } from '@/domain/auth/api-keys';
import { checkSubjects, type CheckResult } from '@/domain/check/match';
import type { Disclosure } from '@/lib/disclosure';
import { orgCodeCheckChar, usccCheckChar, USCC_CHARSET } from '@/lib/identifiers';
import { environmentLines, explainFirstStatement, intArg, loadedBenchDatabase, pct } from './lib/bench-database';
import { type CheckSubject } from '@/lib/validation/check';

/**
 * Persons' ID numbers are looked up only for a key allowed them (lib/disclosure.ts): the identifier mix measures that
 * caller.
 */
const BENCH_DISCLOSURE: Disclosure = { audience: 'department', personIds: true };

const DATABASE = 'chengxin_bench_check';
const PORT = 54369;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    size: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20240611' },
    clients: { type: 'string', default: '1,2' },
    modes: { type: 'string', default: 'inproc,route' },
    workers: { type: 'string', default: String(os.cpus().length) },
    reuse: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    mix: { type: 'string', default: 'mixed' },
  },
  strict: true,
});

const N = intArg('n', args.n);
const REQUESTS = intArg('requests', args.requests);
const WARMUP = intArg('warmup', args.warmup, 0);
const SIZE = intArg('size', args.size);
if (SIZE > 1000) throw new Error('--size: the API takes at most 1,000 subjects per request');
const SEED = intArg('seed', args.seed);
const WORKERS = args.workers === '0' ? 0 : intArg('workers', args.workers);
const CLIENTS = args.clients.split(',').map((c) => intArg('clients', c.trim()));
const MODES = args.modes.split(',').map((m) => m.trim());
for (const m of MODES)
  if (m !== 'inproc' && m !== 'route') throw new Error(`--modes: unknown mode ${m} (inproc or route)`);
const ANCHOR = startOfUtcDay();
const GEN = { seed: SEED, anchor: ANCHOR, uidPrefix: 'BENCH' };

/** Shares of a request, per 1,000 subjects. */
const MIXES = {
  mixed: { listedId: 400, orgName: 200, personName: 100, never: 200, revoked: 100 },
  identifiers: { listedId: 700, orgName: 0, personName: 0, never: 200, revoked: 100 },
} as const;
type Category = keyof (typeof MIXES)['mixed'];
if (!(args.mix in MIXES)) throw new Error(`--mix must be one of ${Object.keys(MIXES).join(', ')}`);
const MIX: Record<Category, number> = MIXES[args.mix as keyof typeof MIXES];

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms: number) => ms.toFixed(1);
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtBytes = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${(b / 2 ** 20).toFixed(0)} MiB`);

// ---------------------------------------------------------------------------
// Subjects, drawn from what is loaded
// ---------------------------------------------------------------------------

type Tagged = { subject: CheckSubject; category: Category };

async function pool(where: SQLWrapper, count: number): Promise<{ name: string; id_number: string | null }[]> {
  return getDb().execute<{ name: string; id_number: string | null }>(sql`
    SELECT name, id_number FROM entries WHERE ${where} ORDER BY md5(uid || ${String(SEED)}) LIMIT ${count}`);
}

async function buildRequests(total: number): Promise<Tagged[][]> {
  const per = (c: Category) => Math.ceil((MIX[c] * SIZE) / 1000) * total;
  const [ids, orgNames, personNames, revoked] = await Promise.all([
    pool(sql`${isPublic()} AND id_number IS NOT NULL`, per('listedId')),
    pool(sql`${isPublic()} AND subject_type = 'organization'`, per('orgName')),
    pool(sql`${isPublic()} AND subject_type = 'person'`, per('personName')),
    pool(sql`status = 'revoked' AND id_number IS NOT NULL`, per('revoked')),
  ]);
  const rand = mulberry32(SEED);
  const never = Array.from({ length: per('never') }, (_, k): CheckSubject => {
    let body = '';
    for (let i = 0; i < 8; i++) body += USCC_CHARSET[Math.floor(rand() * USCC_CHARSET.length)];
    const first17 = `91320584${body}${orgCodeCheckChar(body)}`; // 320584: a region the generator never uses
    const name = `昆山从未列入${k}号贸易有限公司`;
    return k % 2 === 0 ? { name, idNumber: first17 + usccCheckChar(first17) } : { name };
  });
  const sources: Record<Category, CheckSubject[]> = {
    listedId: ids.map((r) => ({ idNumber: r.id_number! })),
    orgName: orgNames.map((r) => ({ name: r.name })),
    personName: personNames.map((r) => ({ name: r.name })),
    never,
    revoked: revoked.map((r) => ({ name: r.name, idNumber: r.id_number! })),
  };
  return Array.from({ length: total }, (_, r) => {
    const request: Tagged[] = [];
    for (const category of Object.keys(MIX) as Category[]) {
      const n = Math.round((MIX[category] * SIZE) / 1000);
      const src = sources[category];
      for (let k = 0; k < n; k++) request.push({ subject: src[(r * n + k) % src.length]!, category });
    }
    // Shuffle so categories interleave as in a real list.
    for (let i = request.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [request[i], request[j]] = [request[j]!, request[i]!];
    }
    return request.slice(0, SIZE);
  });
}

// ---------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------

type Check = (subjects: CheckSubject[]) => Promise<CheckResult[]>;

async function routeCheck(key: string): Promise<Check> {
  return async (subjects) => {
    const response = await POST(
      new Request('http://localhost/api/v1/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ subjects }),
      }),
    );
    if (response.status !== 200) throw new Error(`POST /api/v1/check → ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { results: CheckResult[] }).results;
  };
}

type Tally = Record<Category, { total: number; listed: number; withMatches: number; matches: number }>;

function tally(requests: Tagged[][], answers: CheckResult[][]): Tally {
  const t = Object.fromEntries(
    (Object.keys(MIX) as Category[]).map((c) => [c, { total: 0, listed: 0, withMatches: 0, matches: 0 }]),
  ) as Tally;
  requests.forEach((req, r) =>
    req.forEach(({ category }, i) => {
      const a = answers[r]![i]!;
      const row = t[category];
      row.total += 1;
      row.listed += a.listed ? 1 : 0;
      row.withMatches += a.matches.length > 0 ? 1 : 0;
      row.matches += a.matches.length;
    }),
  );
  return t;
}

/** `clients` loops taking requests from one queue; each request's latency and the wall time. */
async function run(check: Check, requests: Tagged[][], clients: number) {
  const latencies: number[] = [];
  const answers: CheckResult[][] = new Array(requests.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let r = next++; r < requests.length; r = next++) {
        const t = performance.now();
        answers[r] = await check(requests[r]!.map((x) => x.subject));
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { wallMs: performance.now() - started, latencies: latencies.sort((a, b) => a - b), answers };
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  const bench = await loadedBenchDatabase({
    database: DATABASE,
    dataDirName: 'bench-check-pg',
    port: PORT,
    reuse: args.reuse,
    load: { ...GEN, n: N, workers: WORKERS },
  });
  const { where, load } = bench;
  try {
    const db = getDb();

    const [size] = await db.execute<{ heap: number; idx: number; rows: number; visible: number }>(sql`
      SELECT pg_table_size('entries')::float8 AS heap, pg_indexes_size('entries')::float8 AS idx,
             (SELECT count(*) FROM entries)::int AS rows,
             (SELECT count(*) FROM entries WHERE ${isPublic()})::int AS visible`);
    console.log('');
    console.log('诚信昆山 bulk check benchmark');
    for (const line of await environmentLines(where)) console.log(line);
    console.log(
      `N         ${fmtInt(N)} entries (seed ${SEED}); ${fmtInt(Number(size?.visible))} public · table ` +
        `${fmtBytes(Number(size?.heap))} · indexes ${fmtBytes(Number(size?.idx))}`,
    );
    if (load)
      console.log(
        `load      ${fmtS(load.loadMs + load.indexMs + load.vacuumMs + load.analyzeMs)} (generate+insert ` +
          `${fmtS(load.loadMs)}, indexes ${fmtS(load.indexMs)})`,
      );

    const maxClients = Math.max(...CLIENTS);
    const all = await buildRequests(WARMUP + REQUESTS * MODES.length * CLIENTS.length);
    const mix = Object.entries(MIX)
      .map(([c, n]) => `${c} ${Math.round((n * SIZE) / 1000)}`)
      .join(', ');
    console.log(
      `requests  --mix ${args.mix}: ${fmtInt(SIZE)} subjects each (${mix}); ${WARMUP} warm-up, then ${REQUESTS} per ` +
        `mode and client count, each with its own subjects`,
    );
    const key = (
      await createApiKey({ organization: 'bench:check', role: 'department', fullIdentifiers: true, createdBy: 'bench' })
    ).key;
    const checks: Record<string, Check> = {
      inproc: (s) => checkSubjects(s, BENCH_DISCLOSURE),
      route: await routeCheck(key),
    };

    await run(checks[MODES[0]!]!, all.slice(0, WARMUP), 1);
    console.log('');
    console.log('mode                      clients  p50 ms  p95 ms  max ms  subjects/s');
    let offset = WARMUP;
    const tallies: Tally[] = [];
    for (const mode of MODES) {
      for (const clients of CLIENTS) {
        const requests = all.slice(offset, offset + REQUESTS);
        offset += REQUESTS;
        const loadBefore = os.loadavg()[0]!;
        const { wallMs, latencies, answers } = await run(checks[mode]!, requests, clients);
        tallies.push(tally(requests, answers));
        const label = mode === 'inproc' ? 'checkSubjects in-process' : 'POST handler (enterprise)';
        const cells = [
          label.padEnd(26),
          String(clients).padStart(7),
          ...[50, 95, 100].map((p) => fmtMs(pct(latencies, p)).padStart(8)),
          fmtInt((requests.length * SIZE) / (wallMs / 1000)).padStart(12),
        ];
        console.log(`${cells.join('')}   (load avg ${loadBefore.toFixed(2)})`);
      }
    }
    console.log('');
    console.log('answers   category      subjects  listed  with matches  matches/subject');
    const sum = tallies.reduce<Tally>((acc, t) => {
      for (const c of Object.keys(t) as Category[]) {
        acc[c] ??= { total: 0, listed: 0, withMatches: 0, matches: 0 };
        for (const k of ['total', 'listed', 'withMatches', 'matches'] as const) acc[c][k] += t[c][k];
      }
      return acc;
    }, {} as Tally);
    for (const [c, v] of Object.entries(sum)) {
      if (v.total === 0) continue;
      const pctOf = (n: number) => `${((100 * n) / v.total).toFixed(1)}%`;
      const cells = [c.padEnd(12), fmtInt(v.total).padStart(10), pctOf(v.listed).padStart(8)];
      cells.push(pctOf(v.withMatches).padStart(14), (v.matches / v.total).toFixed(2).padStart(17));
      console.log(`          ${cells.join('')}`);
    }
    const wrong = sum.listedId.listed !== sum.listedId.total || sum.never.listed > 0;
    if (wrong) console.log('WARNING   a listed identifier was not found, or a never-listed subject was listed');
    console.log(
      `          (revoked subjects are "listed" only when the same subject has another, public, listing; max clients ` +
        `${maxClients})`,
    );

    if (args.explain) {
      const plan = await explainFirstStatement(() =>
        checkSubjects(
          all[0]!.map((x) => x.subject),
          BENCH_DISCLOSURE,
        ),
      );
      console.log('\nEXPLAIN (ANALYZE, BUFFERS) — one request');
      for (const line of plan ?? []) console.log(`  ${line}`);
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
