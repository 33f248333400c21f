/**
 * Bulk loader for the search benchmark (scripts/bench-search.ts).
 *
 * Rows come from the deterministic demo generator (db/demo-data.ts) and go through
 * entryRow (domain/entries/entries.ts), so the derived `search_*` columns are exactly what the
 * application would store. Removals (撤销/屏蔽) are applied to the row directly, the way
 * domain/entries/demo-seed.ts applies them, so the visibility rule filters a realistic share.
 * entry_events are NOT written: search never reads them.
 *
 * Speed: rows are generated on worker threads (this module is also the worker's entry)
 * and sent in chunks as one JSON document per statement
 * (`INSERT … SELECT * FROM json_populate_recordset(NULL::entries, $1)`), with two
 * statements in flight while the next chunks are generated. The secondary indexes of
 * `entries` are dropped first and recreated from their own `pg_indexes.indexdef` after
 * the load, then checked against the snapshot, so the final schema equals the migrated one.
 */
import { getTableColumns } from 'drizzle-orm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import postgres from 'postgres';
import { demoEntry, type DemoEntry } from '@/db/demo-data';
import { entryRow } from '@/domain/entries/entries';
import { entries } from '@/db/schema';

const DAY = 86_400_000;

export type LoadOptions = {
  n: number;
  seed: number;
  anchor: Date;
  uidPrefix: string;
  /** Rows per INSERT statement. */
  chunk?: number;
  /** Worker threads generating rows (0: generate on the main thread). */
  workers?: number;
  log?: (line: string) => void;
};

export type LoadTimings = {
  rows: number;
  workers: number;
  /** Wall time of generate + insert (overlapped). */
  loadMs: number;
  /** Time spent generating rows (demoEntry + entryRow + JSON), summed over threads (wall time per thread). */
  generateMs: number;
  /** Of the wall time: the main thread waiting for generated chunks. */
  generateWaitMs: number;
  /** Of the wall time: the main thread waiting for Postgres to accept inserts. */
  insertWaitMs: number;
  indexMs: number;
  indexTimes: { name: string; ms: number }[];
  vacuumMs: number;
  analyzeMs: number;
};

/** drizzle property name → SQL column name, in table order. */
const COLUMNS = Object.entries(getTableColumns(entries)).map(([key, col]) => [key, col.name] as const);

/** The full database row (SQL column names) for generated entry `i`, removal applied. */
export function benchRow(d: DemoEntry, now: number): Record<string, unknown> {
  const row: Record<string, unknown> = {
    ...entryRow(d.input),
    status: 'active',
    statusChangedAt: null,
    statusReason: null,
    createdAt: new Date(now),
    updatedAt: new Date(now),
  };
  const { removal, input } = d;
  if (removal) {
    // Same rule as domain/entries/demo-seed.ts.
    const at = new Date(Math.max(input.publishedAt.getTime() + DAY, now - removal.daysAgo * DAY - 3_600_000));
    if (at.getTime() <= now) {
      row.status = removal.kind === 'revoke' ? 'revoked' : 'shielded';
      row.statusChangedAt = at;
      row.statusReason = removal.reason;
      if (removal.kind === 'revoke') row.revokedAt = at;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, name] of COLUMNS) out[name] = row[key] ?? null;
  return out;
}

type Chunk = { payload: string; ms: number; end: number };
type Producer = { chunk: (start: number, end: number) => Promise<Chunk>; close: () => Promise<void> };
type GenOptions = Pick<LoadOptions, 'seed' | 'anchor' | 'uidPrefix'>;

function buildChunk(gen: GenOptions, now: number, start: number, end: number): Chunk {
  const t = performance.now();
  const rows: Record<string, unknown>[] = [];
  for (let i = start; i < end; i++) rows.push(benchRow(demoEntry(i, gen), now));
  return { payload: JSON.stringify(rows), ms: performance.now() - t, end };
}

function inlineProducer(gen: GenOptions, now: number): Producer {
  return {
    chunk: async (start, end) => buildChunk(gen, now, start, end),
    close: async () => {},
  };
}

type WorkerJob = { id: number; start: number; end: number };
type WorkerReply = { id: number; chunk?: Chunk; error?: string };

/** A pool of threads running this same module (see the isMainThread branch below). */
function workerProducer(count: number, gen: GenOptions, now: number): Producer {
  const pending = new Map<number, { resolve: (c: Chunk) => void; reject: (e: unknown) => void }>();
  // Worker threads do not inherit tsx's loader: register it in the thread, then load this module.
  const entry = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
    register();
    await import(${JSON.stringify(import.meta.url)});`;
  const pool = Array.from({ length: count }, () => {
    const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), {
      workerData: { benchLoadWorker: true, gen: { seed: gen.seed, anchor: gen.anchor, uidPrefix: gen.uidPrefix }, now },
    });
    w.on('message', ({ id, chunk, error }: WorkerReply) => {
      const p = pending.get(id);
      pending.delete(id);
      if (chunk) p?.resolve(chunk);
      else p?.reject(new Error(error ?? 'worker failed'));
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    return w;
  });
  let nextId = 0;
  return {
    chunk: (start, end) =>
      new Promise<Chunk>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        pool[id % pool.length]!.postMessage({ id, start, end } satisfies WorkerJob);
      }),
    close: async () => {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}

if (!isMainThread && (workerData as { benchLoadWorker?: boolean } | null)?.benchLoadWorker) {
  const { gen, now } = workerData as { gen: GenOptions; now: number };
  parentPort!.on('message', ({ id, start, end }: WorkerJob) => {
    try {
      parentPort!.postMessage({ id, chunk: buildChunk(gen, now, start, end) } satisfies WorkerReply);
    } catch (err) {
      parentPort!.postMessage({
        id,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies WorkerReply);
    }
  });
}

type IndexDef = { indexname: string; indexdef: string };

async function secondaryIndexes(sql: postgres.Sql): Promise<IndexDef[]> {
  return sql<IndexDef[]>`
    SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = 'entries'
      AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'entries'::regclass)
    ORDER BY indexname`;
}

/** Loads `n` generated entries into the (empty, migrated) `entries` table at `url`. */
export async function loadBenchEntries(url: string, opts: LoadOptions): Promise<LoadTimings> {
  const chunk = opts.chunk ?? 2000;
  const log = opts.log ?? (() => {});
  const sql = postgres(url, {
    max: 2,
    onnotice: () => {},
    // Load-session settings only; nothing here changes the schema or the server config.
    connection: { synchronous_commit: 'off', maintenance_work_mem: '1GB' },
  });
  try {
    const [{ n: existing } = { n: 0 }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM entries`;
    if (existing !== 0) throw new Error(`entries is not empty (${existing} rows)`);

    const indexes = await secondaryIndexes(sql);
    for (const ix of indexes) await sql.unsafe(`DROP INDEX "${ix.indexname}"`);

    const now = Date.now();
    const workers = Math.max(0, opts.workers ?? 0);
    const produce = workers > 0 ? workerProducer(workers, opts, now) : inlineProducer(opts, now);
    let generateMs = 0;
    let generateWaitMs = 0;
    let insertWaitMs = 0;
    const inFlight = new Set<Promise<unknown>>();
    let failure: unknown;
    const t0 = performance.now();
    let lastReport = t0;
    try {
      // Chunks are generated ahead (in order) while earlier ones are being inserted.
      const ahead: Promise<Chunk>[] = [];
      let next = 0;
      const fill = () => {
        while (next < opts.n && ahead.length < Math.max(2, workers * 2)) {
          ahead.push(produce.chunk(next, Math.min(opts.n, next + chunk)));
          next += chunk;
        }
      };
      fill();
      while (ahead.length > 0) {
        const g0 = performance.now();
        const { payload, ms, end } = await ahead.shift()!;
        generateWaitMs += performance.now() - g0;
        generateMs += ms;
        fill();

        const w0 = performance.now();
        while (inFlight.size >= 2) await Promise.race(inFlight);
        insertWaitMs += performance.now() - w0;
        if (failure) throw failure;
        const p: Promise<unknown> =
          sql`INSERT INTO entries SELECT * FROM json_populate_recordset(NULL::entries, ${payload}::text::json)`
            .execute()
            .then(
              () => inFlight.delete(p),
              (err: unknown) => {
                failure ??= err;
                inFlight.delete(p);
              },
            );
        inFlight.add(p);

        if (performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          log(`  … ${end.toLocaleString('en-US')} rows in ${((lastReport - t0) / 1000).toFixed(0)} s`);
        }
      }
      const w0 = performance.now();
      await Promise.all(inFlight);
      insertWaitMs += performance.now() - w0;
      if (failure) throw failure;
    } finally {
      await produce.close();
    }
    const loadMs = performance.now() - t0;

    const indexTimes: { name: string; ms: number }[] = [];
    const i0 = performance.now();
    for (const ix of indexes) {
      const s = performance.now();
      await sql.unsafe(ix.indexdef);
      indexTimes.push({ name: ix.indexname, ms: performance.now() - s });
    }
    const indexMs = performance.now() - i0;
    const after = await secondaryIndexes(sql);
    if (JSON.stringify(after) !== JSON.stringify(indexes)) {
      throw new Error(`index set differs after reload:\n${JSON.stringify({ before: indexes, after }, null, 2)}`);
    }

    // VACUUM sets hint bits and the visibility map as autovacuum eventually would on a
    // live table; ANALYZE gives the planner statistics (array element stats for the GINs).
    const v0 = performance.now();
    await sql.unsafe('VACUUM entries');
    const vacuumMs = performance.now() - v0;
    const a0 = performance.now();
    await sql.unsafe('ANALYZE entries');
    const analyzeMs = performance.now() - a0;

    return {
      rows: opts.n,
      workers,
      loadMs,
      generateMs,
      generateWaitMs,
      insertWaitMs,
      indexMs,
      indexTimes,
      vacuumMs,
      analyzeMs,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
