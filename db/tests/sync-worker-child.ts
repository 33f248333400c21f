/**
 * Child process for the "two app instances drain one outbox" tests: one instance's sync worker, draining the outbox
 * rows of the given entries in rounds (as startSyncWorker does) into a recording index writer, until a stop file
 * appears. Every change it applies is appended to one record file that all the children share, in the order they
 * reach the "index":
 *   <name> upsert <uid> | <name> remove <uid> | <name> synced <rows> | <name> round
 * Options (JSON in SYNC_CHILD): `peers` — on its first write, wait until that many children are inside a write (so
 * each really drains at the same time as the others); `hold` — when asked to upsert that uid, record
 * `<name> holding <uid>` and wait for `<control>/release` first (a slow index).
 *   SYNC_CHILD='{"name":"A",...}' node --import tsx db/tests/sync-worker-child.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { drainOutboxBatch } from '@/adapters/search/sync';
import type { SearchIndexWriter } from '@/adapters/search/types';

type Options = { name: string; uids: string[]; record: string; control: string; peers?: number; hold?: string };
const opts = JSON.parse(process.env.SYNC_CHILD ?? '{}') as Options;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const note = (line: string) => fs.appendFileSync(opts.record, `${opts.name} ${line}\n`);
const lines = () => fs.readFileSync(opts.record, 'utf8').split('\n');

let first = true;
async function beforeWrite() {
  if (!first || !opts.peers) return;
  first = false;
  note('ready');
  while (lines().filter((l) => l.endsWith(' ready')).length < opts.peers) await sleep(10);
}

const writer: SearchIndexWriter = {
  name: 'recording',
  async upsert(entries) {
    await beforeWrite();
    if (opts.hold && entries.some((e) => e.uid === opts.hold)) {
      note(`holding ${opts.hold}`);
      while (!fs.existsSync(path.join(opts.control, 'release'))) await sleep(10);
    }
    for (const e of entries) note(`upsert ${e.uid}`);
  },
  async remove(uids) {
    await beforeWrite();
    for (const uid of uids) note(`remove ${uid}`);
  },
  async listUids() {
    return [];
  },
};

while (!fs.existsSync(path.join(opts.control, 'stop'))) {
  const { synced, failed } = await drainOutboxBatch(writer, { batchSize: 5, onlyUids: opts.uids });
  if (failed > 0) throw new Error(`${failed} rows failed`);
  if (synced > 0) note(`synced ${synced}`);
  note('round');
  if (synced === 0) await sleep(20);
}
process.exit(0);
