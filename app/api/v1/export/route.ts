import { GET_EXPORT, routeError } from '@/domain/http/routes';
import { authenticateApiKey } from '@/domain/auth/api-keys';
import { getExport } from '@/domain/sharing/export-api';

/** GET /api/v1/export?format=csv|xlsx&from=&to=&kind=&severity= — the list departments share, as a file. */
export async function GET(request: Request) {
  const auth = await authenticateApiKey(request, ['department']);
  if (!auth.ok) return routeError(GET_EXPORT, auth.code, auth.message);
  return getExport(request, auth.caller);
}
