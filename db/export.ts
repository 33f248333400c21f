/**
 * The rows of the departments' export (seed 二(二): units not connected to the platform's feed read the list through
 * it): the entries shared with departments (db/visibility.ts isSharedWithDepartments — restricted ones too), never a
 * minor, under a filter of China Standard Time days and kinds. One REPEATABLE READ snapshot serves the count and the
 * rows, so the count the audit trail records is the number of rows the file holds; the rows come from a server-side
 * cursor in batches, so an export of a million entries never holds them all in memory.
 */
import 'server-only';
import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { withinCstDays } from './clock';
import { getDb } from './client';
import { entries, type Entry } from './schema';
import { isNeverAMinor, isSharedWithDepartments } from './visibility';
import type { Severity, SubjectType } from '@/lib/entry-input';

/** Days are YYYY-MM-DD in China Standard Time, both included, on 发布时间 (publishedAt). */
export type ExportFilter = { from?: string; to?: string; kind?: SubjectType; severity?: Severity };

export const EXPORT_BATCH = 1000;
/** How long a download may stall (the client reads nothing) before Postgres ends its snapshot. */
export const EXPORT_IDLE_TIMEOUT = '5min';

export function exportWhere(f: ExportFilter): SQL {
  return and(
    isSharedWithDepartments(),
    isNeverAMinor(),
    withinCstDays(entries.publishedAt, f.from, f.to),
    f.kind ? eq(entries.subjectType, f.kind) : undefined,
    f.severity ? eq(entries.severity, f.severity) : undefined,
  )!;
}

export type ExportRows = {
  /** How many rows the batches will yield (same snapshot), and how many of them are natural persons. */
  rows: number;
  persons: number;
  /** The entries, oldest 发布时间 first, EXPORT_BATCH at a time. */
  batches: AsyncGenerator<Entry[], void, undefined>;
  /** Ends the snapshot and gives the connection back; safe to call twice, and called when the batches end. */
  close: () => Promise<void>;
};

/** The table's columns as drizzle selects them: the key on the row, and the column that decodes the value. */
const COLUMNS = Object.entries(getTableColumns(entries));

/** A row as the driver returns it (values in select order) → the Entry drizzle would have made of it. */
function toEntry(values: unknown[]): Entry {
  const out: Record<string, unknown> = {};
  COLUMNS.forEach(([key, column], i) => {
    const v = values[i];
    out[key] = v === null ? null : column.mapFromDriverValue(v);
  });
  return out as Entry;
}

/** How many entries a filter exports now (the portal shows it before the download). */
export async function countExportRows(f: ExportFilter): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(entries)
    .where(exportWhere(f));
  return row?.n ?? 0;
}

/** Opens the snapshot, counts the rows and prepares the cursor; the caller must drain the batches or call close. */
export async function openExportRows(f: ExportFilter, batch = EXPORT_BATCH): Promise<ExportRows> {
  const db = getDb();
  const conn = await db.$client.reserve();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await conn.unsafe('COMMIT');
    } finally {
      conn.release();
    }
  };
  try {
    await conn.unsafe('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // A client that stops reading must not hold the snapshot (and the vacuum horizon) for ever.
    await conn.unsafe(`SET LOCAL idle_in_transaction_session_timeout = '${EXPORT_IDLE_TIMEOUT}'`);
    const where = exportWhere(f);
    const count = db
      .select({
        rows: sql<number>`count(*)::int`,
        persons: sql<number>`(count(*) FILTER (WHERE ${entries.subjectType} = 'person'))::int`,
      })
      .from(entries)
      .where(where)
      .toSQL();
    const [row] = await conn.unsafe(count.sql, count.params as never[]).values();
    const query = db.select().from(entries).where(where).orderBy(asc(entries.publishedAt), asc(entries.uid)).toSQL();
    async function* batches(): AsyncGenerator<Entry[], void, undefined> {
      try {
        const cursor = conn
          .unsafe(query.sql, query.params as never[])
          .values()
          .cursor(batch);
        for await (const rows of cursor) yield (rows as unknown[][]).map(toEntry);
      } finally {
        await close();
      }
    }
    return { rows: Number(row?.[0] ?? 0), persons: Number(row?.[1] ?? 0), batches: batches(), close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}
