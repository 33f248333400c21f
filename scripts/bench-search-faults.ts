/**
 * `npm run bench:search-faults -- --n 100000`: Meilisearch as the engine under faults, on the bench database of
 * `bench:search` (same N, seed and day: `--reuse` keeps it) and a local Meilisearch at MEILI_URL.
 *
 * 1. Revocation under readers: 20 concurrent readers search for (and open) a set of public entries through the public
 *    path (searchPublic, getPublicEntry) while the entries are revoked one after another (revokeEntry, as the court
 *    API does). Counts the reads that started after a revoke had returned and still showed its entry: must be 0.
 * 2. Meilisearch killed mid-load: readers keep searching and the court keeps pushing while the Meilisearch process is
 *    killed (SIGKILL) and, some seconds later, started again with its own command line. Counts reader errors (must be
 *    0: the built-in engine answers, marked degraded), then waits for the sync worker to drain the outbox and runs
 *    search:reindex's code, which reports the drift it had to repair (must be 0).
 *
 * It kills and restarts the Meilisearch process listening on MEILI_URL's port, so run it only against a Meilisearch of
 * its own on this machine. Flags: --n 100000 · --seed 20240611 · --reuse · --readers 20 · --targets 50 ·
 * --down-seconds 10.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { and, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { entries } from '@/db/schema';
import { isPublic } from '@/db/visibility';
import { mulberry32 } from '@/db/demo-data';
import { saveEntry, revokeEntry } from '@/domain/entries/entries';
import { searchPublic } from '@/domain/publishing/search';
import { getPublicEntry } from '@/domain/publishing/queries';
import { MeilisearchEngine, meiliConfigFromEnv } from '@/adapters/search/meilisearch';
import { reindex } from '@/adapters/search/reindex';
import { meiliRuntime, searchRuntime } from '@/adapters/search/runtime';
import { outboxState, startSyncWorker } from '@/adapters/search/sync';
import { environmentLines, intArg, loadedBenchDatabase, pct } from './lib/bench-database';
import { localProcess } from './lib/process-memory';
import { pushedEntry, SEARCH_BENCH, searchBenchGenerator } from './lib/search-bench';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20240611' },
    reuse: { type: 'boolean', default: false },
    readers: { type: 'string', default: '20' },
    targets: { type: 'string', default: '50' },
    'down-seconds': { type: 'string', default: '10' },
  },
  strict: true,
});
const N = intArg('n', args.n);
const SEED = intArg('seed', args.seed);
const READERS = intArg('readers', args.readers);
const TARGETS = intArg('targets', args.targets);
const DOWN_MS = intArg('down-seconds', args['down-seconds']) * 1000;
const GEN = searchBenchGenerator(SEED);

/** Where the restarted Meilisearch writes its output. */
const RESTART_LOG = '/tmp/meilisearch-restarted.log';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmtMs = (ms: number) => ms.toFixed(1);

type Target = { uid: string; name: string; caseNo: string };

/** Public entries picked by a seeded order, with what a reader would type to find them. */
async function pickPublic(count: number, salt: string): Promise<Target[]> {
  return getDb()
    .select({ uid: entries.uid, name: entries.name, caseNo: entries.caseNo })
    .from(entries)
    .where(and(isPublic(), sql`${entries.uid} LIKE 'BENCH%'`))
    .orderBy(sql`md5(${entries.uid} || ${`${SEED}-${salt}`})`)
    .limit(count);
}

/** One reader's look at a target: its case-number search and its entry page. */
async function readTarget(t: Target): Promise<{ shown: boolean; degraded: boolean }> {
  const [search, page] = await Promise.all([searchPublic(t.caseNo, {}, 1), getPublicEntry(t.uid)]);
  if (search.status !== 'ok') throw new Error(`search ${t.caseNo} → ${search.status}`);
  return { shown: search.entries.some((e) => e.uid === t.uid) || page !== null, degraded: search.degraded };
}

async function revocationUnderReaders(meili: ReturnType<typeof meiliRuntime>) {
  const targets = await pickPublic(TARGETS, 'revoke');
  const revokedAt = new Map<string, number>();
  const reads: { uid: string; start: number; shown: boolean; degraded: boolean; indexHad: boolean }[] = [];
  let done = false;
  const rand = mulberry32(SEED);
  // Asks the index directly (no fallback, a patient timeout): did the index itself still hold the entry?
  const probe = new MeilisearchEngine({ ...meili.config, timeoutMs: 10_000 });
  const reader = async () => {
    while (!done) {
      const t = targets[Math.floor(rand() * targets.length)]!;
      const start = performance.now();
      const [read, indexed] = await Promise.all([
        readTarget(t),
        probe.search({ q: t.caseNo, page: 1, pageSize: 20 }).then(
          (r) => r.hits.some((h) => h.uid === t.uid),
          () => false,
        ),
      ]);
      reads.push({ uid: t.uid, start, ...read, indexHad: indexed });
    }
  };
  const readers = Array.from({ length: READERS }, reader);
  const revokeMs: number[] = [];
  for (const t of targets) {
    await sleep(40);
    const started = performance.now();
    await revokeEntry(t.uid, { reason: 'bench:search-faults', actor: 'bench' });
    revokedAt.set(t.uid, performance.now());
    revokeMs.push(performance.now() - started);
  }
  await sleep(500);
  done = true;
  await Promise.all(readers);
  const after = reads.filter((r) => r.start > revokedAt.get(r.uid)!);
  const stale = after.filter((r) => r.shown);
  const indexStale = after.filter((r) => r.indexHad);
  revokeMs.sort((a, b) => a - b);
  console.log('');
  console.log(`revocation under ${READERS} concurrent readers (Meilisearch as the engine)`);
  console.log(
    `          ${targets.length} entries revoked one after another; revokeEntry p50 ${fmtMs(pct(revokeMs, 50))} ms, ` +
      `p95 ${fmtMs(pct(revokeMs, 95))} ms (commit, then the at-once index delete)`,
  );
  console.log(
    `          ${reads.length} reads (case-number search + entry page), ${after.length} started after their entry's ` +
      `revoke returned: ${stale.length} showed it (must be 0); ` +
      `${reads.filter((r) => r.degraded).length} served by the fallback`,
  );
  console.log(
    `          the index itself still answered with a revoked entry in ${indexStale.length} of those reads ` +
      `(hidden by the visibility re-check)`,
  );
  return stale.length;
}

/** The argv, environment and working directory of a process, to start it again as it was. */
function processImage(pid: number) {
  const split = (file: string) => fs.readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean);
  const env: Record<string, string> = Object.fromEntries(
    split('environ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  return { argv: split('cmdline'), env, cwd: fs.readlinkSync(`/proc/${pid}/cwd`) };
}

async function waitHealthy(host: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`${host}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`Meilisearch at ${host} not healthy after ${timeoutMs} ms`);
}

async function killMidLoad(meili: ReturnType<typeof meiliRuntime>) {
  const { host } = meili.config;
  const pid = localProcess('meilisearch', new URL(host).port || '7700');
  if (!pid) throw new Error(`no local meilisearch process listens on ${host}`);
  const image = processImage(pid);
  const queries = (await pickPublic(200, 'read')).flatMap((t) => [t.caseNo, t.name]);
  const worker = startSyncWorker(meili.writer);
  const phase = { name: 'before' as 'before' | 'down' | 'after' };
  const phases = ['before', 'down', 'after'] as const;
  const tally = Object.fromEntries(phases.map((p) => [p, { reads: 0, degraded: 0, errors: 0, ms: [] as number[] }]));
  let done = false;
  const rand = mulberry32(SEED + 1);
  const reader = async () => {
    while (!done) {
      const q = queries[Math.floor(rand() * queries.length)]!;
      const p = phase.name;
      const counts = tally[p]!;
      const start = performance.now();
      try {
        const r = await searchPublic(q, {}, 1);
        if (r.status !== 'ok') throw new Error(r.status);
        if (r.degraded) counts.degraded += 1;
      } catch {
        counts.errors += 1;
      }
      counts.reads += 1;
      counts.ms.push(performance.now() - start);
    }
  };
  let pushed = 0;
  const run = Date.now().toString(36);
  const pusher = async () => {
    while (!done) {
      await saveEntry(pushedEntry(GEN, N + pushed, `FAULT${run}`), 'bench');
      pushed += 1;
      await sleep(50);
    }
  };
  const running = [...Array.from({ length: READERS }, reader), pusher()];
  await sleep(3000);
  process.kill(pid, 'SIGKILL');
  const killedAt = performance.now();
  phase.name = 'down';
  await sleep(DOWN_MS);
  const log = fs.openSync(RESTART_LOG, 'a');
  const child = spawn(image.argv[0]!, image.argv.slice(1), {
    cwd: image.cwd,
    env: image.env as NodeJS.ProcessEnv, // exactly its own environment, nothing of ours
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  await waitHealthy(host, 60_000);
  const upAt = performance.now();
  phase.name = 'after';
  await sleep(3000);
  done = true;
  await Promise.all(running);
  const backlogAtStop = (await outboxState()).backlog;
  const drainStart = performance.now();
  let state = await outboxState();
  while (state.backlog > 0 && performance.now() - drainStart < 180_000) {
    await sleep(250);
    state = await outboxState();
  }
  const drainMs = performance.now() - drainStart;
  await worker.stop();
  const drift = await reindex(meili.writer);

  console.log('');
  console.log(
    `Meilisearch killed mid-load (pid ${pid}, SIGKILL), restarted after ${fmtMs((upAt - killedAt) / 1000)} s`,
  );
  console.log(`          ${READERS} readers (case-number and name searches) and one court push every 50 ms throughout`);
  for (const p of phases) {
    const { reads, degraded, errors, ms } = tally[p]!;
    ms.sort((a, b) => a - b);
    console.log(
      `          ${p.padEnd(6)} ${reads} reads, ${errors} errors, ${degraded} by the built-in engine (degraded); ` +
        `p50 ${fmtMs(pct(ms, 50))} ms, p99 ${fmtMs(pct(ms, 99))} ms`,
    );
  }
  console.log(
    `          ${pushed} entries pushed; outbox backlog ${backlogAtStop} when the load stopped, ` +
      `${state.backlog} after ${fmtMs(drainMs / 1000)} s of draining (the failed rows wait out their backoff)`,
  );
  console.log(
    `          search:reindex afterwards: ${drift.public} public, ${drift.missing} missing, ${drift.stale} stale ` +
      `(drift must be 0)`,
  );
  const errors = phases.reduce((sum, p) => sum + tally[p]!.errors, 0);
  return errors + state.backlog + drift.missing + drift.stale;
}

async function main() {
  const config = meiliConfigFromEnv();
  if (!config) throw new Error('bench:search-faults needs MEILI_URL and MEILI_MASTER_KEY (or MEILI_API_KEY)');
  const bench = await loadedBenchDatabase({
    database: SEARCH_BENCH.database,
    dataDirName: SEARCH_BENCH.dataDirName,
    port: SEARCH_BENCH.port,
    reuse: args.reuse,
    load: { ...GEN, n: N },
  });
  try {
    console.log('');
    console.log('诚信昆山 search under faults (Meilisearch)');
    for (const line of await environmentLines(bench.where)) console.log(line);
    const meili = meiliRuntime({ ...config, indexUid: SEARCH_BENCH.index });
    const runtime = searchRuntime();
    runtime.meili = meili;
    runtime.writer = meili.writer;
    const started = performance.now();
    const synced = await reindex(meili.writer);
    console.log(
      `index     ${SEARCH_BENCH.index} brought up to date in ${fmtMs((performance.now() - started) / 1000)} s ` +
        `(${synced.public} public, ${synced.missing} added, ${synced.stale} removed)`,
    );
    const failures = (await revocationUnderReaders(meili)) + (await killMidLoad(meili));
    console.log('');
    console.log(failures === 0 ? 'all checks held' : `${failures} failures`);
    process.exitCode = failures === 0 ? 0 : 1;
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
