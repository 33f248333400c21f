/**
 * `npm run bench:webhooks -- --events 10000`: the lag from a court's push to a department's receiver, and the delivery
 * throughput, through the real worker (domain/sharing/webhooks.ts ensureWebhookWorker: fan-out and delivery every
 * second) to a real HTTPS receiver on loopback that checks every signature
 * (domain/sharing/testing/webhook-receiver.ts).
 *
 * 1. Postgres: the embedded one (its own data dir `bench-webhooks-pg`, port 54375) or TEST_SERVER_URL's; database
 *    `chengxin_bench_webhooks` dropped, recreated and migrated.
 * 2. Paced: --paced events (default 1,000) pushed as single-entry saves at --rate per second (default 50), as the
 *    court pushes during a day: lag = receipt − the event's time (p50, p95, p99, max).
 * 3. Burst: --events (default 10,000) listings pushed as fast as batches of 500 commit, then the time until the
 *    receiver has every one: events/s end to end, and the lag of each.
 * 4. Flaky: the burst again with a receiver failing --fail-rate (default 0.1) of requests at random (seeded): all
 *    delivered, duplicates absorbed by event id, order per entry kept.
 * Prints the process's peak RSS. The receiver runs in the same process (its CPU counts against the worker's).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb } from '@/db/client';
import { defaultDataDir, startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded-postgres';
import { migrateDatabase, recreateDatabase } from '@/db/setup';
import { saveEntries } from '@/domain/entries/entries';
import { startWebhookReceiver, type WebhookReceiver } from '@/domain/sharing/testing/webhook-receiver';
import { disableWebhook, ensureWebhookWorker, listDeliveries, registerWebhook } from '@/domain/sharing/webhooks';
import { seededRandom } from '@/lib/testing/seeded-random';
import { environmentLines, intArg, pct } from './lib/bench-database';
import { pushedEntry, searchBenchGenerator } from './lib/search-bench';

const DATABASE = 'chengxin_bench_webhooks';
const PORT = 54375;
const SECRET = 'bench-webhook-secret-0123456789-abcdefghij';
const ACTOR = 'bench:webhooks';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    paced: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    'fail-rate': { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '2017135' },
  },
});
const events = intArg('events', args.events);
const paced = intArg('paced', args.paced, 0);
const rate = intArg('rate', args.rate);
const failRate = Number(args['fail-rate']);
const seed = intArg('seed', args.seed);
const gen = searchBenchGenerator(seed);
let next = 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lags (ms) of the events of `uids` the receiver applied, from each event's own time. */
function lags(receiver: WebhookReceiver, uids: Set<string>): number[] {
  const first = new Map<number, number>();
  for (const r of receiver.received) {
    if (uids.has(r.entryUid) && !first.has(r.eventId)) first.set(r.eventId, r.at - Date.parse(String(r.body.at)));
  }
  return [...first.values()].sort((a, b) => a - b);
}

function lagLine(label: string, sorted: number[]) {
  const f = (p: number) => `${Math.round(pct(sorted, p))} ms`;
  return `${label.padEnd(8)} n=${sorted.length}  p50 ${f(50)}  p95 ${f(95)}  p99 ${f(99)}  max ${f(100)}`;
}

async function waitFor(receiver: WebhookReceiver, uids: Set<string>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const mine = new Set(receiver.received.filter((r) => uids.has(r.entryUid)).map((r) => r.eventId)).size;
    if (mine >= uids.size) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`only ${mine} of ${uids.size} events delivered`);
    await sleep(20);
  }
}

async function burst(receiver: WebhookReceiver, label: string) {
  const uids = new Set<string>();
  const t0 = Date.now();
  for (let done = 0; done < events; done += 500) {
    const batch = Array.from({ length: Math.min(500, events - done) }, () => pushedEntry(gen, next++, 'HOOK'));
    for (const e of batch) uids.add(e.uid!);
    await saveEntries(batch, ACTOR);
  }
  const pushedMs = Date.now() - t0;
  await waitFor(receiver, uids, 600_000);
  const totalMs = Date.now() - t0;
  console.log(
    `${label.padEnd(8)} ${events.toLocaleString('en-US')} events pushed in ${(pushedMs / 1000).toFixed(1)} s, all ` +
      `received ${(totalMs / 1000).toFixed(1)} s after the first push: ` +
      `${Math.round(events / (totalMs / 1000))} events/s`,
  );
  console.log(lagLine(label, lags(receiver, uids)));
  return uids;
}

async function main() {
  let pg: EmbeddedPostgres | undefined;
  let serverUrl = process.env.TEST_SERVER_URL;
  let where = 'TEST_SERVER_URL';
  if (!serverUrl) {
    const dataDir = defaultDataDir('bench-webhooks-pg');
    pg = await startEmbeddedPostgres({ dataDir, port: PORT });
    serverUrl = pg.url('postgres');
    where = `embedded, ${dataDir}, port ${PORT}`;
  }
  const url = await recreateDatabase(serverUrl, DATABASE);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.BETTER_AUTH_SECRET ??= 'bench-webhooks-site-secret-0123456789ab';
  for (const line of await environmentLines(where)) console.log(line);
  console.log(`load      the receiver and the worker in this process; nothing else started by the bench`);
  console.log(
    `os load   ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const receiver = await startWebhookReceiver(SECRET);
  const caFile = path.join(os.tmpdir(), `chengxin-bench-webhooks-${process.pid}.pem`);
  fs.writeFileSync(caFile, receiver.ca);
  process.env.WEBHOOK_CA_FILE = caFile;
  const { endpointId } = await registerWebhook({
    organization: '市公安局',
    url: receiver.url,
    secret: SECRET,
    fullIdentifiers: false,
    actor: ACTOR,
  });
  const worker = ensureWebhookWorker();
  try {
    if (paced > 0) {
      const uids = new Set<string>();
      const t0 = Date.now();
      for (let i = 0; i < paced; i++) {
        const e = pushedEntry(gen, next++, 'HOOK');
        uids.add(e.uid!);
        await saveEntries([e], ACTOR);
        const due = t0 + ((i + 1) * 1000) / rate;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      await waitFor(receiver, uids, 120_000);
      console.log(`paced    ${paced} single pushes at ${rate}/s (worker polls every 1 s)`);
      console.log(lagLine('paced', lags(receiver, uids)));
    }
    await burst(receiver, 'burst');

    const random = seededRandom(`bench-webhooks:${seed}`);
    let refusedOnPurpose = 0;
    receiver.behave(() => {
      if (random.int(1000) < failRate * 1000) {
        refusedOnPurpose += 1;
        return 'accept-then-fail';
      }
      return 'accept';
    });
    const before = receiver.received.length;
    const uids = await burst(receiver, 'flaky');
    // Lost answers come back on their retry (30 s later): wait until the log has every event delivered.
    const settled = Date.now();
    while ((await listDeliveries({ endpointId, status: 'pending', limit: 1 })).length > 0) {
      if (Date.now() - settled > 300_000) throw new Error('deliveries still pending after 5 minutes');
      await sleep(250);
    }
    const arrivals = receiver.received.length - before;
    const firstSeen = receiver.received.filter((r) => uids.has(r.entryUid));
    const unique = new Set(firstSeen.map((r) => r.eventId)).size;
    console.log(
      `flaky    ${refusedOnPurpose} answers lost on purpose (${failRate * 100}%): ${arrivals} arrivals for ${unique} ` +
        `events (all delivered ${((Date.now() - settled) / 1000).toFixed(1)} s later), ${arrivals - unique} ` +
        `duplicates absorbed by event id; forged or replayed: ${receiver.refused.length}`,
    );
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(`memory   peak RSS of this process (worker + receiver + pushes) ${rss.toFixed(0)} MiB`);
  } finally {
    await worker.stop();
    await disableWebhook({ endpointId, actor: ACTOR }).catch(() => undefined);
    await receiver.close();
    fs.rmSync(caFile, { force: true });
    await closeDb();
    await pg?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
