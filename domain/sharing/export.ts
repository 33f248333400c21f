/**
 * The departments' export (seed 二(二): units not connected to the platform read the list through it): what the change
 * feed shares with departments (restricted entries too, never a minor; db/export.ts) as CSV or XLSX, streamed batch by
 * batch. Persons' ID numbers follow the caller's disclosure (toSharedEntry): whole only for a department key granted
 * full identifiers; staff always get them masked (a full number is shown one entry at a time, on request, in the
 * portal). Before the first byte the export is in the audit trail: who, from where, the filter, the format and the
 * number of rows (one snapshot counts and reads them), and, when full ID numbers leave, a full_id_viewed row too.
 */
import 'server-only';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { recordAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { openExportRows, type ExportFilter, type ExportRows } from '@/db/export';
import type { Entry } from '@/db/schema';
import { formatTimestamp } from '@/lib/format';
import { LIMITS, take } from '@/domain/http/rate-limit';
import { toSharedEntry, type SharedEntry } from '@/domain/sharing/shared-entry';
import { csvLine, defuseFormula, UTF8_BOM } from '@/lib/csv';
import { DISCLOSURE_LABELS, FIELD_LABELS, SEVERITY_LABELS, SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { EXPORT_MEDIA_TYPES, type ExportQuery } from '@/lib/validation/export';

/** The file's columns: Attachment 1's names, then how the entry is shared. */
const COLUMNS: readonly [string, (e: SharedEntry) => string | number | null][] = [
  [FIELD_LABELS.uid, (e) => e.uid],
  [FIELD_LABELS.caseNo, (e) => e.caseNo],
  [FIELD_LABELS.subjectType, (e) => SUBJECT_TYPE_LABELS[e.subjectType]],
  [FIELD_LABELS.name, (e) => e.name],
  [FIELD_LABELS.gender, (e) => e.gender],
  [FIELD_LABELS.age, (e) => e.age],
  [FIELD_LABELS.idNumber, (e) => e.idNumber],
  [FIELD_LABELS.otherIds, (e) => e.otherIds.map((o) => `${o.type}：${o.number}`).join('；')],
  [FIELD_LABELS.legalRepresentative, (e) => e.legalRepresentative],
  [FIELD_LABELS.court, (e) => e.court],
  [FIELD_LABELS.regionId, (e) => e.regionId],
  [FIELD_LABELS.regionName, (e) => e.regionName],
  [FIELD_LABELS.basisDocNo, (e) => e.basisDocNo],
  [FIELD_LABELS.basisIssuer, (e) => e.basisIssuer],
  [FIELD_LABELS.duty, (e) => e.duty],
  [FIELD_LABELS.performance, (e) => e.performance],
  [FIELD_LABELS.circumstances, (e) => e.circumstances.join('；')],
  [`${FIELD_LABELS.publishedAt}（北京时间）`, (e) => formatTimestamp(new Date(e.publishedAt))],
  [FIELD_LABELS.filedAt, (e) => e.filedAt],
  [FIELD_LABELS.performedPart, (e) => e.performedPart],
  [FIELD_LABELS.unperformedPart, (e) => e.unperformedPart],
  [FIELD_LABELS.severity, (e) => SEVERITY_LABELS[e.severity]],
  [
    `${FIELD_LABELS.validUntil}（北京时间）`,
    (e) => (e.validUntil ? formatTimestamp(new Date(e.validUntil)) : '直至撤销'),
  ],
  [FIELD_LABELS.disclosure, (e) => DISCLOSURE_LABELS[e.disclosure]],
];

export const EXPORT_HEADER: readonly string[] = COLUMNS.map(([label]) => label);

/** One entry's cells: text defused against formula injection in both formats, the age a number. */
export function exportCells(entry: Entry, fullIdentifiers: boolean): (string | number)[] {
  const shared = toSharedEntry(entry, fullIdentifiers);
  return COLUMNS.map(([, cell]) => {
    const v = cell(shared);
    return typeof v === 'number' ? v : defuseFormula(v ?? '');
  });
}

async function* csvChunks(rows: ExportRows, fullIdentifiers: boolean): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(EXPORT_HEADER);
  for await (const batch of rows.batches)
    yield batch.map((e) => csvLine(exportCells(e, fullIdentifiers).map(String))).join('');
}

/**
 * exceljs's streaming writer into a PassThrough. A batch is added only when the reader asks for more, and what the zip
 * has written so far is handed on, so memory holds about one batch whatever the file's size.
 */
async function* xlsxChunks(rows: ExportRows, fullIdentifiers: boolean): AsyncGenerator<Uint8Array> {
  const out = new PassThrough();
  const ready: Buffer[] = [];
  let ended = false;
  let failed: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  out.on('data', (chunk: Buffer) => {
    ready.push(chunk);
    notify();
  });
  out.on('end', () => {
    ended = true;
    notify();
  });
  out.on('error', (err) => {
    failed = err;
    notify();
  });
  const drain = () => {
    if (failed) throw failed;
    return ready.length ? Buffer.concat(ready.splice(0)) : null;
  };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('失信被执行人名单');
  sheet.addRow([...EXPORT_HEADER]).commit();
  for await (const batch of rows.batches) {
    for (const e of batch) sheet.addRow(exportCells(e, fullIdentifiers).map((v) => (v === '' ? null : v))).commit();
    // Let the zip deflate what was added before the next batch is read.
    await new Promise((resolve) => setImmediate(resolve));
    const chunk = drain();
    if (chunk) yield chunk;
  }
  sheet.commit();
  const done = workbook.commit();
  // A failed commit may never end the stream: wake the loop with it.
  done.catch((err: unknown) => {
    failed = err;
    notify();
  });
  while (!ended) {
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (ended || ready.length || failed) notify();
    });
    const chunk = drain();
    if (chunk) yield chunk;
  }
  await done;
  const rest = drain();
  if (rest) yield rest;
}

export type ExportRequest = {
  query: ExportQuery;
  fullIdentifiers: boolean;
  /** The audit trail's actor: `staff:<email>` or `apikey:<id>`; the rate limit counts per actor too. */
  actor: string;
  clientAddress: string | null;
  /** Where it was asked for, in the audit row: the portal or the API. */
  via: 'portal' | 'api';
};

export type ExportStarted =
  | { ok: true; rows: number; body: ReadableStream<Uint8Array>; headers: Record<string, string> }
  | { ok: false; reason: 'rate_limited' | 'busy'; retryAfterSeconds: number };

/**
 * Exports running at once in this process: each holds a pooled connection for its whole download (DATABASE_POOL_SIZE,
 * 10 by default), so a few leave the rest of the pool to the site.
 */
export const MAX_RUNNING_EXPORTS = Number(process.env.EXPORT_CONCURRENCY ?? 2);
let running = 0;

/** The CST day the file is named after (exports of one day share a name; the audit trail tells them apart). */
function fileName(query: ExportQuery): string {
  const day = formatTimestamp(new Date()).slice(0, 10);
  return `shixin-export-${day}.${query.format}`;
}

/**
 * Checks the rate limit, opens the snapshot, writes the audit rows, and returns the file as a stream. Nothing is read
 * or recorded when the limit is used up.
 */
export async function startExport(req: ExportRequest): Promise<ExportStarted> {
  if (running >= MAX_RUNNING_EXPORTS) return { ok: false, reason: 'busy', retryAfterSeconds: 60 };
  const allowed = await take(LIMITS.exportPerActor, req.actor);
  if (!allowed.ok) return { ok: false, reason: 'rate_limited', retryAfterSeconds: allowed.retryAfterSeconds };
  const { format, ...filter } = req.query;
  running += 1;
  let opened: ExportRows;
  try {
    opened = await openExportRows(filter satisfies ExportFilter);
  } catch (err) {
    running -= 1;
    throw err;
  }
  let counted = true;
  const rows: ExportRows = {
    ...opened,
    close: async () => {
      if (counted) running -= 1;
      counted = false;
      await opened.close();
    },
  };
  try {
    const fullIds = req.fullIdentifiers && rows.persons > 0;
    const detail = { filter, format, rows: rows.rows, fullIdentifiers: req.fullIdentifiers, via: req.via };
    await getDb().transaction(async (tx) => {
      const who = { actor: req.actor, clientAddress: req.clientAddress, objectType: 'export' };
      await recordAudit({ ...who, action: 'export_done', detail }, tx);
      if (fullIds)
        await recordAudit({ ...who, action: 'full_id_viewed', detail: { filter, persons: rows.persons } }, tx);
    });
  } catch (err) {
    await rows.close();
    throw err;
  }
  const encoder = new TextEncoder();
  const chunks: AsyncGenerator<string | Uint8Array> =
    format === 'csv' ? csvChunks(rows, req.fullIdentifiers) : xlsxChunks(rows, req.fullIdentifiers);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) {
          await rows.close();
          controller.close();
        } else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
      } catch (err) {
        await rows.close().catch(() => {});
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
      await rows.close();
    },
  });
  return {
    ok: true,
    rows: rows.rows,
    body,
    headers: {
      'Cache-Control': 'no-store',
      'Content-Type': EXPORT_MEDIA_TYPES[format],
      'Content-Disposition': `attachment; filename="${fileName(req.query)}"`,
      'X-Content-Type-Options': 'nosniff',
      'X-Export-Rows': String(rows.rows),
    },
  };
}
