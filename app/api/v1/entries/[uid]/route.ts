import { getPublicEntry } from '@/domain/publishing/queries';
import { GET_ENTRY, routeError, routeJson } from '@/domain/http/routes';

/** GET /api/v1/entries/{uid} — 404 for anything not public, whatever the reason. */
export async function GET(_request: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const entry = uid.length <= 64 ? await getPublicEntry(uid) : null;
  if (!entry) return routeError(GET_ENTRY, 'not_found', '未找到公示信息');
  return routeJson(GET_ENTRY, 200, entry);
}
