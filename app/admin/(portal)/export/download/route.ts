import { staffActor, staffForRoute, staffRouteRefusal } from '@/domain/auth/staff-session';
import { clientKey } from '@/domain/http/rate-limit';
import { startExport } from '@/domain/sharing/export';
import { parseExportQuery } from '@/lib/validation/export';

/**
 * GET /admin/export/download?format=csv|xlsx&…: the shared list under the page's filter, streamed (department officers
 * and the credit office). Staff get persons' ID numbers masked: a full number is shown one entry at a time, on request.
 */
export async function GET(request: Request) {
  const staff = await staffForRoute('exportEntries');
  if (staff instanceof Response) return staff;
  const parsed = parseExportQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return staffRouteRefusal(400, parsed.problems.map((p) => p.message).join('\n'));
  const started = await startExport({
    query: parsed.query,
    fullIdentifiers: false,
    actor: staffActor(staff),
    clientAddress: clientKey(request.headers),
    via: 'portal',
  });
  if (!started.ok) {
    const wait = Math.ceil(started.retryAfterSeconds / 60);
    const words = started.reason === 'busy' ? '其他导出正在进行' : '导出次数已达上限';
    return new Response(`${words}，请 ${wait} 分钟后再试。`, {
      status: 429,
      headers: {
        'Cache-Control': 'no-store',
        'Content-Type': 'text/plain; charset=utf-8',
        'Retry-After': String(started.retryAfterSeconds),
      },
    });
  }
  return new Response(started.body, { headers: started.headers });
}
