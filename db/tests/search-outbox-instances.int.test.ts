/**
 * Two app instances, two sync workers, one outbox (issue 14, part 4): each worker is a process of its own
 * (db/tests/sync-worker-child.ts) draining into a recording index writer, and the record of what reached the "index",
 * in order, is replayed to see what the index would hold. No Meilisearch needed: this is the outbox's contract —
 * every change delivered, none applied twice, and never an older state applied after a newer one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { searchOutbox } from '@/db/schema';
import { revokeEntry, saveEntries, saveEntry } from '@/domain/entries/entries';
import { ACTOR, makePerson, uniqueUid } from './factory';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Worker = { name: string; child: ChildProcess; exited: Promise<number | null>; stderr: () => string };
let running: Worker[] = [];
let control = '';

function setUp() {
  control = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-instances-'));
  const record = path.join(control, 'record.txt');
  fs.writeFileSync(record, '');
  return record;
}

function startWorker(name: string, opts: { uids: string[]; record: string; peers?: number; hold?: string }): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'db/tests/sync-worker-child.ts'], {
    // `server-only` is a no-op outside Next
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: 'tsconfig.node.json',
      SYNC_CHILD: JSON.stringify({ name, control, ...opts }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const worker = { name, child, exited, stderr: () => err };
  running.push(worker);
  return worker;
}

afterEach(async () => {
  if (control) fs.writeFileSync(path.join(control, 'stop'), '');
  for (const w of running) if (w.child.exitCode === null) w.child.kill('SIGTERM');
  await Promise.all(running.map((w) => w.exited));
  running = [];
});

function recordLines(record: string): string[][] {
  return fs
    .readFileSync(record, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' '));
}

/** Waits for `done` (checked every 20 ms), failing with the workers' errors after 60 s. */
async function until(done: () => boolean | Promise<boolean>, what: string) {
  for (const started = Date.now(); !(await done()); await sleep(20)) {
    const dead = running.find((w) => w.child.exitCode !== null);
    if (dead) throw new Error(`worker ${dead.name} exited while waiting for ${what}: ${dead.stderr()}`);
    if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${what}`);
  }
}

async function outboxRows(uids: string[]) {
  return (await getDb().select().from(searchOutbox).where(inArray(searchOutbox.entryUid, uids))).length;
}

/** Replays the record: the uids the index holds at the end. */
function replay(lines: string[][]): Set<string> {
  const index = new Set<string>();
  for (const [, op, uid] of lines) {
    if (op === 'upsert') index.add(uid!);
    if (op === 'remove') index.delete(uid!);
  }
  return index;
}

async function stopAll() {
  fs.writeFileSync(path.join(control, 'stop'), '');
  const codes = await Promise.all(running.map((w) => w.exited));
  expect(codes, running.map((w) => w.stderr()).join('\n')).toEqual(running.map(() => 0));
}

describe('two sync worker processes on one outbox', () => {
  it('share the work while changes keep coming: every change delivered once, the index ends right', async () => {
    const record = setUp();
    const inputs = Array.from({ length: 40 }, () => makePerson({ uid: uniqueUid('ob-two') }));
    await saveEntries(inputs, ACTOR);
    const uids = inputs.map((e) => e.uid);
    startWorker('A', { uids, record, peers: 2 });
    startWorker('B', { uids, record, peers: 2 });
    // Both are inside a write at once before either goes on: each holds a batch the other skipped.
    await until(() => recordLines(record).filter(([, op]) => op === 'ready').length === 2, 'both workers writing');

    // Revocations arrive while they drain.
    const revoked = uids.filter((_, i) => i % 4 === 0);
    for (const uid of revoked) await revokeEntry(uid, { reason: '全部履行', actor: ACTOR });
    await until(async () => (await outboxRows(uids)) === 0, 'the outbox to drain');
    await stopAll();

    const lines = recordLines(record);
    const live = uids.filter((u) => !revoked.includes(u));
    const applied = (name: string) => lines.filter(([n, op]) => n === name && (op === 'upsert' || op === 'remove'));
    expect(applied('A').length, 'A applied changes').toBeGreaterThan(0);
    expect(applied('B').length, 'B applied changes').toBeGreaterThan(0);
    // 40 listings and 10 revocations: each outbox row taken by exactly one worker.
    const synced = lines.filter(([, op]) => op === 'synced').reduce((n, [, , rows]) => n + Number(rows), 0);
    expect(synced).toBe(50);
    // A live entry's one change reached the index once, through one worker.
    for (const uid of live) expect(lines.filter(([, op, u]) => op === 'upsert' && u === uid)).toHaveLength(1);
    expect([...replay(lines)].sort()).toEqual([...live].sort());
    for (const uid of revoked) expect(lines.findLast(([, op, u]) => u === uid && op !== 'synced')?.[1]).toBe('remove');
  });

  it('a revocation while the other worker is still writing the listing is applied after it, not before', async () => {
    const record = setUp();
    const entry = makePerson({ uid: uniqueUid('ob-race') });
    await saveEntry(entry, ACTOR);
    const uids = [entry.uid];
    // A reads the entry (public) and is slow to write it to the index…
    startWorker('A', { uids, record, hold: entry.uid });
    await until(() => recordLines(record).some(([, op]) => op === 'holding'), 'A inside its upsert');
    // …meanwhile the entry is revoked, and B's worker runs rounds over the new outbox row.
    await revokeEntry(entry.uid, { reason: '全部履行', actor: ACTOR });
    startWorker('B', { uids, record });
    await until(() => recordLines(record).filter(([n, op]) => n === 'B' && op === 'round').length >= 3, 'B rounds');
    fs.writeFileSync(path.join(control, 'release'), '');
    await until(async () => (await outboxRows(uids)) === 0, 'the outbox to drain');
    await stopAll();

    const lines = recordLines(record);
    const ops = lines.filter(([, op]) => op === 'upsert' || op === 'remove').map(([n, op]) => `${n} ${op}`);
    expect(ops).toEqual(['A upsert', expect.stringMatching(/^[AB] remove$/)]);
    expect(replay(lines).has(entry.uid), 'the revoked entry is left in the index').toBe(false);
  });
});
