import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { revokeEntry, saveEntries, saveEntry, shieldEntry } from '@/domain/entries/entries';
import { searchOutbox } from '@/db/schema';
import { drainOutbox, outboxState, sweepTimedVisibility } from '@/adapters/search/sync';
import type { SearchIndexWriter } from '@/adapters/search/types';
import { ACTOR, DAY, makeOrganization, makePerson, uniqueUid } from './factory';

/**
 * Meilisearch cannot run on this machine, so these tests drain into a recording writer —
 * they test the outbox (nothing lost, nothing half-done), not Meilisearch.
 */
function recordingWriter(opts: { failWith?: string } = {}) {
  const upserted: string[] = [];
  const removed: string[] = [];
  const writer: SearchIndexWriter = {
    name: 'recording',
    async upsert(entries) {
      if (opts.failWith) throw new Error(opts.failWith);
      upserted.push(...entries.map((e) => e.uid));
    },
    async remove(uids) {
      if (opts.failWith) throw new Error(opts.failWith);
      removed.push(...uids);
    },
    async listUids() {
      return [];
    },
  };
  return { writer, upserted, removed };
}

async function outboxRowsFor(uids: string[]) {
  return getDb().select().from(searchOutbox).where(inArray(searchOutbox.entryUid, uids)).orderBy(searchOutbox.id);
}

describe('every change writes an outbox row in its own transaction', () => {
  it('listing, updating, revoking, shielding and bulk inserts each queue the entry', async () => {
    const a = makePerson({ uid: uniqueUid('ob-a') });
    const b = makeOrganization({ uid: uniqueUid('ob-b') });
    await saveEntry(a, ACTOR);
    await saveEntry(a, ACTOR); // unchanged: nothing to sync
    await saveEntry({ ...a, duty: `${a.duty}（变更）` }, ACTOR);
    await revokeEntry(a.uid, { reason: '全部履行', actor: ACTOR });
    await saveEntry(b, ACTOR);
    await shieldEntry(b.uid, { reason: '纳入错误', actor: ACTOR });
    const bulk = [makePerson({ uid: uniqueUid('ob-bulk') }), makePerson({ uid: uniqueUid('ob-bulk') })];
    await saveEntries(bulk, ACTOR);

    const rows = await outboxRowsFor([a.uid, b.uid, ...bulk.map((e) => e.uid)]);
    const count = (uid: string) => rows.filter((r) => r.entryUid === uid).length;
    expect(count(a.uid)).toBe(3); // listed, updated, revoked
    expect(count(b.uid)).toBe(2); // listed, shielded
    expect(bulk.map((e) => count(e.uid))).toEqual([1, 1]);
  });

  it('a rolled-back change leaves no outbox row', async () => {
    const input = makePerson({ uid: uniqueUid('ob-rollback') });
    await expect(
      getDb().transaction(async (tx) => {
        await saveEntry(input, ACTOR, tx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await outboxRowsFor([input.uid])).toEqual([]);
  });
});

describe('draining the outbox', () => {
  it('upserts public entries, removes hidden ones, and deletes the rows', async () => {
    const live = makePerson({ uid: uniqueUid('ob-live') });
    const revoked = makePerson({ uid: uniqueUid('ob-revoked') });
    const restricted = makePerson({ uid: uniqueUid('ob-restricted'), disclosure: 'restricted' });
    const expired = makePerson({ uid: uniqueUid('ob-expired'), validUntil: new Date(Date.now() - DAY) });
    for (const e of [live, revoked, restricted, expired]) await saveEntry(e, ACTOR);
    await revokeEntry(revoked.uid, { reason: '全部履行', actor: ACTOR });
    const uids = [live.uid, revoked.uid, restricted.uid, expired.uid];

    const { writer, upserted, removed } = recordingWriter();
    const result = await drainOutbox(writer, { onlyUids: uids });
    expect(result).toEqual({ synced: 5, failed: 0 }); // 4 listings + 1 revocation
    expect(upserted).toEqual([live.uid]);
    expect(removed.sort()).toEqual([revoked.uid, restricted.uid, expired.uid].sort());
    expect(await outboxRowsFor(uids)).toEqual([]);
  });

  it('a failing index keeps every row, backs off, and a later drain delivers them', async () => {
    const entry = makeOrganization({ uid: uniqueUid('ob-fail') });
    await saveEntry(entry, ACTOR);
    await revokeEntry(entry.uid, { reason: '终结执行', actor: ACTOR });

    const failing = recordingWriter({ failWith: 'connect ECONNREFUSED 127.0.0.1:7700' });
    expect(await drainOutbox(failing.writer, { onlyUids: [entry.uid] })).toEqual({ synced: 0, failed: 2 });
    const kept = await outboxRowsFor([entry.uid]);
    expect(kept).toHaveLength(2);
    for (const row of kept) {
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBe('recording: connect ECONNREFUSED 127.0.0.1:7700');
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    }
    // Not due yet: a working index gets nothing until the backoff has passed.
    const working = recordingWriter();
    expect(await drainOutbox(working.writer, { onlyUids: [entry.uid] })).toEqual({ synced: 0, failed: 0 });
    await getDb()
      .update(searchOutbox)
      .set({ nextAttemptAt: sql`now()` })
      .where(inArray(searchOutbox.entryUid, [entry.uid]));
    expect(await drainOutbox(working.writer, { onlyUids: [entry.uid] })).toEqual({ synced: 2, failed: 0 });
    expect(working.removed).toEqual([entry.uid]);
    expect(await outboxRowsFor([entry.uid])).toEqual([]);
  });

  it('concurrent drains share the work without losing or double-locking rows', async () => {
    const inputs = Array.from({ length: 40 }, () => makePerson({ uid: uniqueUid('ob-conc') }));
    await saveEntries(inputs, ACTOR);
    const uids = inputs.map((e) => e.uid);
    const one = recordingWriter();
    const two = recordingWriter();
    const [r1, r2] = await Promise.all([
      drainOutbox(one.writer, { batchSize: 5, onlyUids: uids }),
      drainOutbox(two.writer, { batchSize: 5, onlyUids: uids }),
    ]);
    expect(r1.synced + r2.synced).toBe(40);
    expect([...one.upserted, ...two.upserted].sort()).toEqual([...uids].sort());
    expect(await outboxRowsFor(uids)).toEqual([]);
  });

  it('killing the sync mid-batch loses no row: a restart delivers everything', async () => {
    const inputs = Array.from({ length: 30 }, () => makePerson({ uid: uniqueUid('ob-kill') }));
    await saveEntries(inputs, ACTOR);
    const uids = inputs.map((e) => e.uid);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-sync-'));
    const uidsFile = path.join(dir, 'uids.json');
    const recordFile = path.join(dir, 'record.txt');
    fs.writeFileSync(uidsFile, JSON.stringify(uids));
    fs.writeFileSync(recordFile, '');

    const child = spawn(process.execPath, ['--import', 'tsx', 'db/tests/sync-child.ts', uidsFile, recordFile], {
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' }, // `server-only` is a no-op outside Next
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    for (let waited = 0; !fs.readFileSync(recordFile, 'utf8').includes('HANG'); waited += 50) {
      if (waited > 30_000 || child.exitCode !== null)
        throw new Error(`sync child did not reach its second batch: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await exited;

    const firstBatch = fs
      .readFileSync(recordFile, 'utf8')
      .split('\n')
      .filter((l) => l && l !== 'HANG');
    expect(firstBatch).toHaveLength(10);
    // The killed transaction rolls back when Postgres sees the connection gone.
    const restart = recordingWriter();
    for (let i = 0; i < 100 && restart.upserted.length < 20; i++) {
      await drainOutbox(restart.writer, { onlyUids: uids });
      if (restart.upserted.length < 20) await new Promise((r) => setTimeout(r, 100));
    }
    expect(restart.upserted).toHaveLength(20);
    expect([...firstBatch, ...restart.upserted].sort()).toEqual([...uids].sort());
    expect(await outboxRowsFor(uids)).toEqual([]);
  });
});

describe('entries whose visibility changes with time alone', () => {
  it('the sweep queues an entry once its validity ends, so the index drops it', async () => {
    await sweepTimedVisibility(); // establishes the watermark
    const entry = makePerson({ uid: uniqueUid('ob-sweep'), validUntil: new Date(Date.now() + 1500) });
    await saveEntry(entry, ACTOR);
    const { writer, upserted, removed } = recordingWriter();
    await drainOutbox(writer, { onlyUids: [entry.uid] });
    expect(upserted).toEqual([entry.uid]);

    await sweepTimedVisibility();
    expect(await outboxRowsFor([entry.uid])).toEqual([]); // not expired yet
    await new Promise((r) => setTimeout(r, 1800));
    await sweepTimedVisibility();
    expect(await outboxRowsFor([entry.uid])).toHaveLength(1);
    await drainOutbox(writer, { onlyUids: [entry.uid] });
    expect(removed).toEqual([entry.uid]);
  });

  it('outboxState reports the backlog and failing rows', async () => {
    const entry = makePerson({ uid: uniqueUid('ob-state') });
    await saveEntry(entry, ACTOR);
    const state = await outboxState();
    expect(state.backlog).toBeGreaterThanOrEqual(1);
    expect(state.oldestSeconds).not.toBeNull();
  });
});
