/**
 * Child process for the "kill the sync mid-way" test: drains the outbox rows of the given
 * entries in batches of 10 into a writer that records what it was sent to a file, and hangs
 * forever inside the second batch so the parent can kill it there.
 *   node --import tsx db/tests/sync-child.ts <uids.json> <record-file>
 */
import fs from 'node:fs';
import { drainOutbox } from '@/adapters/search/sync';
import type { SearchIndexWriter } from '@/adapters/search/types';

const [uidsFile, recordFile] = process.argv.slice(2) as [string, string];
const uids = JSON.parse(fs.readFileSync(uidsFile, 'utf8')) as string[];
let batches = 0;

const writer: SearchIndexWriter = {
  name: 'recording',
  async upsert(entries) {
    batches += 1;
    if (batches === 2) {
      fs.appendFileSync(recordFile, 'HANG\n');
      await new Promise(() => {}); // killed here, mid-batch
    }
    fs.appendFileSync(recordFile, entries.map((e) => `${e.uid}\n`).join(''));
  },
  async remove() {},
  async listUids() {
    return [];
  },
};

await drainOutbox(writer, { batchSize: 10, onlyUids: uids });
