import { asCourt, postRemovalGround } from '@/domain/entries/court-api';
import { POST_REMOVAL_GROUND } from '@/domain/http/routes';

/** POST /api/v1/court/entries/{uid}/removal-ground — { ground, occurredOn: YYYY-MM-DD, note? }. */
export async function POST(request: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  return asCourt(POST_REMOVAL_GROUND, request, (req, caller) => postRemovalGround(req, caller, uid));
}
