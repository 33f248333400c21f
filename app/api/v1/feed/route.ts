import { GET_FEED, routeError } from '@/domain/http/routes';
import { authenticateApiKey } from '@/domain/auth/api-keys';
import { getFeed } from '@/domain/sharing/feed-api';

/** GET /api/v1/feed?after=<cursor>&limit=<1–1000> — listed/updated/revoked/shielded/expired events for departments. */
export async function GET(request: Request) {
  const auth = await authenticateApiKey(request, ['department']);
  if (!auth.ok) return routeError(GET_FEED, auth.code, auth.message);
  return getFeed(request, auth.caller);
}
