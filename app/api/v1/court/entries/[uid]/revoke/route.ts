import { asCourt, postRevocation } from '@/domain/entries/court-api';
import { REVOKE_ENTRY } from '@/domain/http/routes';

/** POST /api/v1/court/entries/{uid}/revoke — { kind: revoke|shield, reason, note?, effectiveAt? }. */
export async function POST(request: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  return asCourt(REVOKE_ENTRY, request, (req, caller) => postRevocation(req, caller, uid));
}
