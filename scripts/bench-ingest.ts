/**
 * `npm run bench:ingest -- --n 100000`: entries per second through the court's batch push
 * API (POST /api/v1/court/entries/batch) end to end — authentication, JSON body, validation
 * (parseEntryPush), database (saveEntry: one transaction per item) and search outbox.
 *
 * 1. Postgres: the server at TEST_SERVER_URL if set, else the embedded one with its own data
 *    dir (defaultDataDir('bench-ingest-pg'), port 54359 — not bench:search's 54349, so both
 *    can run at once). Database `chengxin_bench_ingest` is dropped, recreated and migrated
 *    before every mode, so each mode starts from an empty registry.
 * 2. N push payloads from the deterministic demo generator (db/demo-data.ts), persons and
 *    organisations, in the API's JSON shape (scripts/lib/bench-ingest-payloads.ts); any the
 *    API would reject is dropped and counted. Serialized into batches of --batch (1,000)
 *    before timing starts.
 * 3. For each mode — in-process (the route's POST handler called with a Request, no HTTP)
 *    and HTTP (`next start` on the existing .next build, a real socket, undici keep-alive)
 *    with 1 or more concurrent clients — a court API key is created (createApiKey), one
 *    warm-up batch with other uids is sent, then:
 *      created: every batch once (all new entries),
 *      replay:  the same batches again, unchanged (the idempotent path),
 *      invalid: the same batches with 立案时间 in the future: every item parsed, then
 *               rejected — no database write (the API layer alone: auth, JSON, validation).
 *    Prints entries/s, batch latency p50/p95/max, the API's own summary counts (checked),
 *    outbox rows enqueued and left waiting, events written, WAL bytes per entry and where
 *    the CPU went. HTTP: after the created pass it waits for next start's sync worker to
 *    drain the outbox (and prints how long that took) before the replay.
 * 4. Profile (in-process, fresh database, --profile-n items): parseEntryPush alone vs
 *    saveEntry alone, SQL statements per item (counted on the application pool), the same
 *    with synchronous_commit=off (how much is commit flush), and the commit latency.
 *
 * Flags: --n N (default 100000) · --batch 1000 · --seed 20240611
 *        --modes inproc:1,http:1,http:2 (mode:clients, comma-separated)
 *        --profile-n 5000 (0: skip the profile) · --port (HTTP server port; default: a free one)
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { closeDb, getDb } from '@/db/client';
import { startOfUtcDay } from '@/db/demo-data';
import { defaultDataDir, startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded-postgres';
import { saveEntry } from '@/domain/entries/entries';
import * as schema from '@/db/schema';
import { recreateDatabase, migrateDatabase } from '@/db/setup';
import { createApiKey } from '@/domain/auth/api-keys';
import { parseEntryPush, type EntryInput } from '@/lib/validation/entry-push';
import { intArg, pct } from './lib/bench-database';
import { cpuMeter, findPostmaster, formatCpu, type CpuReport } from './lib/bench-ingest-cpu';
import { batchBodies, buildPayloads, type PushBody } from './lib/bench-ingest-payloads';
import { freePort, nextBuildInfo, startNextServer, type NextServer } from './lib/bench-ingest-server';

const DATABASE = 'chengxin_bench_ingest';
const PORT = 54359;
const ROUTE = '/api/v1/court/entries/batch';
const TARGET = 5000; // entries/s (issue 4)

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20240611' },
    modes: { type: 'string', default: 'inproc:1,http:1,http:2' },
    'profile-n': { type: 'string', default: '5000' },
    port: { type: 'string' },
  },
  strict: true,
});

const N = intArg('n', args.n);
const BATCH = intArg('batch', args.batch);
if (BATCH > 1000) throw new Error('--batch: the API takes at most 1,000 entries per batch');
const SEED = intArg('seed', args.seed);
const PROFILE_N = intArg('profile-n', args['profile-n'], 0);
const ANCHOR = startOfUtcDay();
type Mode = { kind: 'inproc' | 'http'; clients: number };
type Pass = 'created' | 'replay' | 'invalid';
const PASSES: Pass[] = ['created', 'replay', 'invalid'];
const MODES: Mode[] = args.modes.split(',').map((m) => {
  const [kind, clients = '1'] = m.trim().split(':');
  if (kind !== 'inproc' && kind !== 'http') throw new Error(`--modes: unknown mode ${kind} (inproc or http)`);
  return { kind, clients: intArg('modes', clients) };
});

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms: number) => ms.toFixed(0);
const fmtBytes = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${(b / 2 ** 20).toFixed(1)} MiB`);
const modeLabel = (m: Mode) =>
  `${m.kind === 'inproc' ? 'in-process' : 'HTTP'}, ${m.clients} client${m.clients > 1 ? 's' : ''}`;

// ---------------------------------------------------------------------------
// Passes
// ---------------------------------------------------------------------------

type Summary = { created: number; updated: number; unchanged: number; rejected: number };
type Send = (body: string) => Promise<Summary>;
type Batch = { body: string; count: number };

type PassResult = {
  entries: number;
  wallMs: number;
  latencies: number[];
  summary: Summary;
  outbox: number;
  /** search_outbox rows waiting when the pass ended. */
  backlog: number;
  events: number;
  walBytes: number;
  cpu: CpuReport;
};

function senderFor(post: (req: Request) => Promise<Response>, key: string, base: string): Send {
  return async (body) => {
    const res = await post(
      new Request(`${base}${ROUTE}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      }),
    );
    const text = await res.text();
    if (res.status !== 200) throw new Error(`batch → HTTP ${res.status}: ${text.slice(0, 500)}`);
    return (JSON.parse(text) as { summary: Summary }).summary;
  };
}

type Probe = { sql: postgres.Sql; postmasterPid: number | null };

async function counters(probe: Probe) {
  const [row] = await probe.sql<{ outbox: string; events: string; lsn: string; backlog: number }[]>`
    SELECT (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM search_outbox_id_seq)::text AS outbox,
           (SELECT count(*)::int FROM search_outbox) AS backlog,
           (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM entry_events_id_seq)::text AS events,
           pg_current_wal_lsn()::text AS lsn`;
  return row!;
}

const lsnBytes = (lsn: string) => {
  const [hi, lo] = lsn.split('/');
  return Number.parseInt(hi!, 16) * 2 ** 32 + Number.parseInt(lo!, 16);
};

async function runPass(
  batches: Batch[],
  clients: number,
  send: Send,
  probe: Probe,
  serverPid: number | undefined,
  label: string,
): Promise<PassResult> {
  const before = await counters(probe);
  const meter = cpuMeter({ cpus: os.cpus().length, serverPid, postmasterPid: probe.postmasterPid });
  const latencies: number[] = [];
  const summary: Summary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  let lastReport = t0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= batches.length) return;
        const s = performance.now();
        const r = await send(batches[i]!.body);
        const now = performance.now();
        latencies.push(now - s);
        summary.created += r.created;
        summary.updated += r.updated;
        summary.unchanged += r.unchanged;
        summary.rejected += r.rejected;
        done += batches[i]!.count;
        if (now - lastReport > 15_000) {
          lastReport = now;
          console.log(
            `  … ${label}: ${fmtInt(done)} entries in ${((now - t0) / 1000).toFixed(0)} s ` +
              `(${fmtInt(done / ((now - t0) / 1000))}/s)`,
          );
        }
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const cpu = meter();
  const after = await counters(probe);
  return {
    entries: batches.reduce((n, b) => n + b.count, 0),
    wallMs,
    latencies: latencies.sort((a, b) => a - b),
    summary,
    outbox: Number(after.outbox) - Number(before.outbox),
    backlog: after.backlog,
    events: Number(after.events) - Number(before.events),
    walBytes: lsnBytes(after.lsn) - lsnBytes(before.lsn),
    cpu,
  };
}

// ---------------------------------------------------------------------------
// Profile: validation vs database, statements per item, commit flush
// ---------------------------------------------------------------------------

type ProfileResult = {
  items: number;
  parseUs: number;
  created: { us: number; statements: number; walBytes: number; nodeCpuUs: number; pgCpuUs: number | null };
  replay: { us: number; statements: number; nodeCpuUs: number; pgCpuUs: number | null };
  asyncCommit: { us: number; statements: number };
  commitMs: { p50: number; p95: number };
  rttMs: { p50: number; p95: number };
  saveLatUs: { p50: number; p95: number };
};

/** The application pool (db/client.ts: same size) with a statement counter, installed as getDb()'s pool. */
function installCountingPool(url: string, counter: { n: number }, connection?: Record<string, string>) {
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
    debug: () => {
      counter.n++;
    },
    ...(connection ? { connection } : {}),
  });
  (globalThis as unknown as { ckDb?: unknown }).ckDb = drizzle(client, { schema });
}

async function profile(url: string, items: PushBody[], probe: Probe): Promise<ProfileResult> {
  const counter = { n: 0 };
  await closeDb();
  installCountingPool(url, counter);

  // Validation alone (as postBatch calls it: one item at a time, a fresh clock each).
  const t0 = performance.now();
  const parsed: EntryInput[] = [];
  for (const item of items) {
    const r = parseEntryPush(item, {});
    if (!r.ok) throw new Error(`profile item rejected: ${JSON.stringify(r.errors)}`);
    parsed.push(r.entry);
  }
  const parseUs = ((performance.now() - t0) * 1000) / items.length;

  const actor = 'apikey:bench-profile';
  const timeSaves = async (list: EntryInput[], expect: string) => {
    counter.n = 0;
    const lat: number[] = [];
    const w0 = lsnBytes((await counters(probe)).lsn);
    const meter = cpuMeter({ cpus: os.cpus().length, postmasterPid: probe.postmasterPid });
    const s0 = performance.now();
    for (const e of list) {
      const s = performance.now();
      const r = await saveEntry(e, actor);
      lat.push((performance.now() - s) * 1000);
      if (r.outcome !== expect) throw new Error(`profile: ${e.uid} → ${r.outcome}, expected ${expect}`);
    }
    const us = ((performance.now() - s0) * 1000) / list.length;
    const cpu = meter();
    const walBytes = (lsnBytes((await counters(probe)).lsn) - w0) / list.length;
    lat.sort((a, b) => a - b);
    return {
      us,
      statements: counter.n / list.length,
      walBytes,
      p50: pct(lat, 50),
      p95: pct(lat, 95),
      nodeCpuUs: (cpu.benchCpuS * 1e6) / list.length,
      pgCpuUs: cpu.postgresCpuS == null ? null : (cpu.postgresCpuS * 1e6) / list.length,
    };
  };

  const created = await timeSaves(parsed, 'created');
  const replay = await timeSaves(parsed, 'unchanged');

  // The same inserts with synchronous_commit=off (other uids): the share of commit flushes.
  await closeDb();
  installCountingPool(url, counter, { synchronous_commit: 'off' });
  const asyncCommit = await timeSaves(
    parsed.map((e) => ({ ...e, uid: `${e.uid}A` })),
    'created',
  );
  await closeDb();

  // Commit latency: autocommit 1-row inserts; round trip: SELECT 1.
  const c = postgres(url, { max: 1, onnotice: () => {} });
  await c`CREATE TABLE bench_commit_probe (id int)`;
  const commit: number[] = [];
  const rtt: number[] = [];
  for (let i = 0; i < 500; i++) {
    const s = performance.now();
    await c`INSERT INTO bench_commit_probe VALUES (${i})`;
    commit.push(performance.now() - s);
    const r = performance.now();
    await c`SELECT 1`;
    rtt.push(performance.now() - r);
  }
  await c`DROP TABLE bench_commit_probe`;
  await c.end();
  commit.sort((a, b) => a - b);
  rtt.sort((a, b) => a - b);

  return {
    items: items.length,
    parseUs,
    created: {
      us: created.us,
      statements: created.statements,
      walBytes: created.walBytes,
      nodeCpuUs: created.nodeCpuUs,
      pgCpuUs: created.pgCpuUs,
    },
    replay: { us: replay.us, statements: replay.statements, nodeCpuUs: replay.nodeCpuUs, pgCpuUs: replay.pgCpuUs },
    asyncCommit: { us: asyncCommit.us, statements: asyncCommit.statements },
    commitMs: { p50: pct(commit, 50), p95: pct(commit, 95) },
    rttMs: { p50: pct(rtt, 50), p95: pct(rtt, 95) },
    saveLatUs: { p50: created.p50, p95: created.p95 },
  };
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  let pg: EmbeddedPostgres | undefined;
  let server: NextServer | undefined;
  let probeSql: postgres.Sql | undefined;
  const stopAll = async () => {
    await server?.stop().catch(() => {});
    await probeSql?.end({ timeout: 2 }).catch(() => {});
    await closeDb().catch(() => {});
    await pg?.stop();
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  // no external index in any mode
  for (const k of Object.keys(process.env)) if (k.startsWith('MEILI_')) delete process.env[k];

  try {
    let serverUrl = process.env.TEST_SERVER_URL;
    let where: string;
    let postmasterPid: number | null = null;
    if (serverUrl) {
      where = `TEST_SERVER_URL (${new URL(serverUrl).host})`;
    } else {
      const dataDir = defaultDataDir('bench-ingest-pg');
      pg = await startEmbeddedPostgres({ dataDir, port: PORT });
      serverUrl = pg.url('postgres');
      where = `embedded, ${dataDir}, port ${PORT}`;
      postmasterPid = findPostmaster(dataDir);
    }

    const httpModes = MODES.filter((m) => m.kind === 'http');
    const build = nextBuildInfo();
    let skipHttp = false;
    if (httpModes.length > 0 && !build) {
      console.log('');
      console.log('!! No production build (.next/BUILD_ID is missing): the HTTP modes need one.');
      console.log('!! Run `npx next build` first (about a minute), then run this benchmark again.');
      console.log('!! Continuing with the in-process modes only.');
      console.log('');
      skipHttp = true;
    }

    console.log(`Generating ${fmtInt(N)} push payloads …`);
    const gen = { seed: SEED, anchor: ANCHOR, uidPrefix: 'INGEST' };
    const set = buildPayloads(N, gen);
    const batches = batchBodies(set.items, BATCH);
    const warm = batchBodies(buildPayloads(BATCH, { ...gen, uidPrefix: 'WARMUP' }).items, BATCH);
    // Validation only: every item parsed in full, then refused by a cross-field rule (立案时间
    // in the future) — no database write; the API layer's own cost (auth, JSON, parse, response).
    const invalid = batchBodies(
      set.items.map((it) => ({ ...it, filedAt: '2099-01-01' })),
      BATCH,
    );
    const bodyBytes = batches.reduce((n, b) => n + Buffer.byteLength(b.body), 0);

    // The database, fresh for each mode.
    const fresh = async () => {
      await closeDb();
      await probeSql?.end({ timeout: 2 });
      const url = await recreateDatabase(serverUrl, DATABASE);
      await migrateDatabase(url);
      process.env.DATABASE_URL = url;
      probeSql = postgres(url, { max: 1, onnotice: () => {} });
      return url;
    };

    type ModeResult = { mode: Mode; passes: { pass: Pass; r: PassResult }[]; drainS: number | null };
    const results: ModeResult[] = [];
    for (const mode of MODES) {
      if (mode.kind === 'http' && skipHttp) continue;
      const url = await fresh();
      const { key } = await createApiKey({
        organization: '昆山市人民法院',
        role: 'court',
        label: 'bench:ingest',
        createdBy: 'bench',
      });
      let send: Send;
      let serverPid: number | undefined;
      if (mode.kind === 'inproc') {
        const { POST } = await import('@/app/api/v1/court/entries/batch/route');
        send = senderFor(POST, key, 'http://bench.invalid');
      } else {
        const port = args.port ? intArg('port', args.port) : await freePort();
        console.log(`Starting next start on port ${port} (build ${build!.id}) …`);
        server = await startNextServer({ databaseUrl: url, port });
        serverPid = server.pid;
        send = senderFor((req) => fetch(req), key, server.url);
      }
      const probe: Probe = { sql: probeSql!, postmasterPid };
      console.log(
        `${modeLabel(mode)}: warm-up batch, then ${fmtInt(set.items.length)} entries in ${batches.length} batches …`,
      );
      for (const b of warm) await send(b.body);
      const passes: ModeResult['passes'] = [];
      let drainS: number | null = null;
      for (const pass of PASSES) {
        const r = await runPass(
          pass === 'invalid' ? invalid : batches,
          mode.clients,
          send,
          probe,
          serverPid,
          `${modeLabel(mode)} ${pass}`,
        );
        passes.push({ pass, r });
        const expected =
          pass === 'created' ? r.summary.created : pass === 'replay' ? r.summary.unchanged : r.summary.rejected;
        if (expected !== r.entries)
          throw new Error(
            `${modeLabel(mode)} ${pass}: API summary ${JSON.stringify(r.summary)} for ${r.entries} entries`,
          );
        if (pass === 'created' && mode.kind === 'http') {
          // next start's sync worker is consuming the backlog: let it finish before the next pass.
          const d0 = performance.now();
          while ((await counters(probe)).backlog > 0 && performance.now() - d0 < 600_000)
            await new Promise((res) => setTimeout(res, 250));
          drainS = (performance.now() - d0) / 1000;
        }
      }
      results.push({ mode, passes, drainS });
      console.log(`  ${passes.map(({ pass, r }) => `${pass} ${fmtInt(r.entries / (r.wallMs / 1000))}/s`).join(' · ')}`);
      if (server) {
        await server.stop();
        server = undefined;
      }
    }

    let prof: ProfileResult | null = null;
    if (PROFILE_N > 0) {
      console.log(
        `Profile: ${fmtInt(Math.min(PROFILE_N, set.items.length))} items through parseEntryPush and saveEntry ` +
          `separately …`,
      );
      const url = await fresh();
      prof = await profile(url, set.items.slice(0, PROFILE_N), { sql: probeSql!, postmasterPid });
    }

    // ----- Report -----
    const db = getDb();
    const setting = async (name: string) =>
      String((await db.execute<{ v: string }>(sql`SELECT current_setting(${name}) AS v`))[0]?.v);
    const [version] = await db.execute<{ v: string }>(sql`SELECT version() AS v`);
    const settings = await Promise.all(
      [
        'shared_buffers',
        'synchronous_commit',
        'fsync',
        'wal_sync_method',
        'full_page_writes',
        'max_wal_size',
        'checkpoint_timeout',
      ].map(async (s) => `${s}=${await setting(s)}`),
    );
    const cpus = os.cpus();
    console.log('');
    console.log('诚信昆山 ingest benchmark — POST /api/v1/court/entries/batch');
    console.log(
      `machine   ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length} · ${fmtBytes(os.totalmem())} RAM · ` +
        `${os.platform()} ${os.release()} · node ${process.version}`,
    );
    console.log(`postgres  ${version?.v?.split(' on ')[0]} (${where})`);
    console.log(`settings  ${settings.join(' ')}`);
    if (prof) {
      console.log(
        `commit    autocommit 1-row INSERT p50 ${prof.commitMs.p50.toFixed(2)} ms, p95 ` +
          `${prof.commitMs.p95.toFixed(2)} ms · ` +
          `round trip (SELECT 1) p50 ${prof.rttMs.p50.toFixed(3)} ms`,
      );
    }
    console.log(
      `N         ${fmtInt(set.generated)} generated (db/demo-data.ts, seed ${SEED}, anchor ` +
        `${ANCHOR.toISOString().slice(0, 10)}; ${(set.generateMs / 1000).toFixed(1)} s incl. a parseEntryPush check)`,
    );
    console.log(
      `          sent ${fmtInt(set.items.length)}: ${fmtInt(set.persons)} persons, ${fmtInt(set.organizations)} ` +
        `organisations; ` +
        `${fmtInt(set.restricted)} disclosure=restricted (accepted by the API, sent)`,
    );
    console.log(
      `          dropped ${fmtInt(set.dropped)} the API would ` +
        `reject${set.dropped ? ` (${[...set.droppedBy].map(([k, v]) => `${k} ×${v}`).join(', ')})` : ''}; ` +
        `${fmtInt(set.removalsNotSent)} generator removals (撤销/屏蔽) not sent — pushed as active, no revokedAt`,
    );
    console.log(
      `batches   ${batches.length} × ≤${fmtInt(BATCH)} entries · ${fmtBytes(bodyBytes / batches.length)} JSON per ` +
        `batch (limit 16 MiB) · ` +
        `one warm-up batch (other uids) per mode, not timed`,
    );
    console.log(
      `pool      DATABASE_POOL_SIZE=${
        process.env.DATABASE_POOL_SIZE ?? '10 (db/client.ts' + ' default)'
      }; Meilisearch not configured (outbox rows are written either way)`,
    );
    if (build && httpModes.length) {
      console.log(
        `http      next start on .next build ${build.id} (built ${build.builtAt.toISOString()}); fetch (undici, ` +
          `keep-alive); its sync worker drains the outbox every second`,
      );
    }
    console.log('');

    const header = [
      'mode'.padEnd(22),
      'pass'.padEnd(8),
      'entries'.padStart(8),
      'wall s'.padStart(7),
      'entries/s'.padStart(10),
      'p50 ms'.padStart(7),
      'p95 ms'.padStart(7),
      'max ms'.padStart(7),
      'created'.padStart(8),
      'updated'.padStart(8),
      'unchgd'.padStart(8),
      'rejectd'.padStart(8),
      'outbox+'.padStart(8),
      'backlog'.padStart(8),
      'events+'.padStart(8),
      'WAL/entry'.padStart(10),
    ].join(' ');
    console.log(header);
    console.log('-'.repeat(header.length));
    for (const { mode, passes } of results) {
      for (const { pass, r } of passes) {
        console.log(
          [
            (pass === 'created' ? modeLabel(mode) : '').padEnd(22),
            pass.padEnd(8),
            fmtInt(r.entries).padStart(8),
            (r.wallMs / 1000).toFixed(1).padStart(7),
            fmtInt(r.entries / (r.wallMs / 1000)).padStart(10),
            fmtMs(pct(r.latencies, 50)).padStart(7),
            fmtMs(pct(r.latencies, 95)).padStart(7),
            fmtMs(pct(r.latencies, 100)).padStart(7),
            fmtInt(r.summary.created).padStart(8),
            fmtInt(r.summary.updated).padStart(8),
            fmtInt(r.summary.unchanged).padStart(8),
            fmtInt(r.summary.rejected).padStart(8),
            fmtInt(r.outbox).padStart(8),
            fmtInt(r.backlog).padStart(8),
            fmtInt(r.events).padStart(8),
            `${fmtInt(r.walBytes / r.entries)} B`.padStart(10),
          ].join(' '),
        );
      }
    }
    console.log('');
    console.log('cpu       (per pass)');
    for (const { mode, passes } of results) {
      for (const { pass, r } of passes)
        console.log(`          ${`${modeLabel(mode)} ${pass}:`.padEnd(32)} ${formatCpu(r.cpu)}`);
    }
    console.log(
      'passes    created: all new · replay: the same batches again, unchanged (idempotent path) · invalid: the' +
        ' same batches with',
    );
    console.log(
      '          立案时间 2099-01-01, every item parsed then rejected — no database write: the API layer alone',
    );
    console.log(
      'outbox    outbox+ = search_outbox rows enqueued during the pass (sequence delta); backlog = rows waiting' +
        ' when the pass ended',
    );
    console.log(
      '          (includes the warm-up batch; in-process nothing drains them; ' +
        "HTTP: next start's sync worker drains them as the pass runs)",
    );
    for (const { mode, drainS } of results) {
      if (drainS != null)
        console.log(
          `          ${modeLabel(mode)}: backlog drained ${drainS.toFixed(1)} s after the created pass ` +
            `(replay waited for it)`,
        );
    }

    if (prof) {
      const p = prof;
      console.log('');
      console.log(
        `profile   ${fmtInt(p.items)} items, in-process, sequential, fresh database, statements counted on the ` +
          `application pool`,
      );
      console.log(
        `          parseEntryPush                       ${p.parseUs.toFixed(0).padStart(6)} µs/item  ` +
          `(${fmtInt(1e6 / p.parseUs)}/s on one core)`,
      );
      console.log(
        `          saveEntry, new entry                 ${p.created.us.toFixed(0).padStart(6)} µs/item  ` +
          `${p.created.statements.toFixed(1)} statements/item ` +
          `(BEGIN, SELECT … FOR UPDATE, INSERT entries RETURNING, INSERT event, INSERT outbox, COMMIT) · p50 ` +
          `${p.saveLatUs.p50.toFixed(0)} µs, p95 ${p.saveLatUs.p95.toFixed(0)} µs · WAL ` +
          `${fmtInt(p.created.walBytes)} B/item`,
      );
      console.log(
        `          saveEntry, unchanged (replay)        ${p.replay.us.toFixed(0).padStart(6)} µs/item  ` +
          `${p.replay.statements.toFixed(1)} statements/item (BEGIN, SELECT … FOR UPDATE, COMMIT)`,
      );
      const cpuOf = (c: { nodeCpuUs: number; pgCpuUs: number | null }) =>
        `node ${c.nodeCpuUs.toFixed(0)} µs + postgres ${c.pgCpuUs == null ? 'n/a' : `${c.pgCpuUs.toFixed(0)} µs`}`;
      console.log(
        `          CPU per item: new ${cpuOf(p.created)} · unchanged ${cpuOf(p.replay)} ` +
          `(the rest of the wall time is waiting: round trips, commit flush)`,
      );
      console.log(
        `          saveEntry, new, synchronous_commit=off ${p.asyncCommit.us.toFixed(0).padStart(4)} µs/item  → ` +
          `commit flush ≈ ${(p.created.us - p.asyncCommit.us).toFixed(0)} µs/item ` +
          `(${((100 * (p.created.us - p.asyncCommit.us)) / p.created.us).toFixed(0)}% of saveEntry)`,
      );
      const inproc = results
        .find((r) => r.mode.kind === 'inproc' && r.mode.clients === 1)
        ?.passes.find((p) => p.pass === 'created')?.r;
      if (inproc) {
        const handlerUs = (inproc.wallMs * 1000) / inproc.entries;
        console.log(
          `          handler (in-process, 1 client)       ${handlerUs.toFixed(0).padStart(6)} µs/item  ≈ parse ` +
            `${p.parseUs.toFixed(0)} + save ${p.created.us.toFixed(0)} ` +
            `(+ auth, JSON, response: ${(handlerUs - p.parseUs - p.created.us).toFixed(0)}, within noise: separate ` +
            `runs)`,
        );
      }
      console.log(
        `          sequential ceiling from saveEntry alone: ` +
          `${fmtInt(1e6 / (p.parseUs + p.created.us))} entries/s per client`,
      );
    }

    console.log('');
    const createdRates = results.flatMap((m) =>
      m.passes.filter((p) => p.pass === 'created').map(({ r }) => r.entries / (r.wallMs / 1000)),
    );
    const best = createdRates.length ? Math.max(...createdRates) : NaN;
    console.log(
      `target    ≥ ${fmtInt(TARGET)} entries/s for batch pushes (issue 4): best created rate ${fmtInt(best)}/s → ` +
        (best >= TARGET ? 'MET' : `NOT MET (${((100 * best) / TARGET).toFixed(0)}% of target)`),
    );
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
