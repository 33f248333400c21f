import { auditRows, type AuditFilter } from '@/db/audit';
import { actorDirectory } from '@/db/staff-queries';
import { AUDIT_CSV_HEADER, auditCsvLine, csvLine, parseAuditQuery, type AuditRow } from '@/domain/auth/audit-log';
import { auditStaff, staffForRoute, staffRouteRefusal } from '@/domain/auth/staff-session';
import { todayInChina } from '@/lib/clocks';

const BATCH = 500;

/** The matching rows as CSV lines, oldest first, streamed batch by batch (the actors of each batch looked up once). */
async function* csvChunks(filter: AuditFilter): AsyncGenerator<string> {
  yield '\uFEFF' + csvLine(AUDIT_CSV_HEADER);
  let batch: AuditRow[] = [];
  const flush = async () => {
    const directory = await actorDirectory(batch.map((r) => r.actor));
    const text = batch.map((r) => auditCsvLine(r, directory)).join('');
    batch = [];
    return text;
  };
  for await (const row of auditRows(filter)) {
    batch.push(row);
    if (batch.length === BATCH) yield await flush();
  }
  if (batch.length) yield await flush();
}

/**
 * GET /admin/audit/export?…: the audit trail under the page's filter, as CSV (administrators); the export is itself
 * recorded.
 */
export async function GET(request: Request) {
  const noStore = { 'Cache-Control': 'no-store' };
  const staff = await staffForRoute('viewAuditLog');
  if (staff instanceof Response) return staff;
  const query = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.ok) return staffRouteRefusal(400, query.errors.map((e) => e.message).join('\n'));
  await auditStaff(staff, { action: 'audit_exported', objectType: 'audit_log', detail: { filter: query.filter } });
  const chunks = csvChunks(query.filter);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      ...noStore,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-log-${todayInChina()}.csv"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
