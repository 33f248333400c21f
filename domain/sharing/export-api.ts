/** GET /api/v1/export — the departments' export for department keys (domain/sharing/export.ts). */
import 'server-only';
import type { ApiCaller } from '@/domain/auth/api-keys';
import { clientKey } from '@/domain/http/rate-limit';
import { GET_EXPORT, routeError, routeFile } from '@/domain/http/routes';
import { startExport } from '@/domain/sharing/export';
import { parseExportQuery } from '@/lib/validation/export';

export async function getExport(request: Request, caller: ApiCaller): Promise<Response> {
  const parsed = parseExportQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return routeError(GET_EXPORT, 'invalid_parameters', '查询参数有误', parsed.problems);
  const started = await startExport({
    query: parsed.query,
    fullIdentifiers: caller.fullIdentifiers,
    actor: `apikey:${caller.keyId}`,
    clientAddress: clientKey(request.headers),
    via: 'api',
  });
  if (!started.ok) {
    const message = started.reason === 'busy' ? '其他导出正在进行，请稍后再试' : '导出次数已达上限，请稍后再试';
    const refused = routeError(GET_EXPORT, 'too_many_requests', message);
    refused.headers.set('Retry-After', String(started.retryAfterSeconds));
    return refused;
  }
  return routeFile(GET_EXPORT, started.body, started.headers);
}
