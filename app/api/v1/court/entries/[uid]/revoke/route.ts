import { asCourt, postRevocation } from '@/domain/entries/court-api';

/** POST /api/v1/court/entries/{uid}/revoke — { kind: revoke|shield, reason, note?, effectiveAt? }. */
export async function POST(request: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  return asCourt(request, (req, caller) => postRevocation(req, caller, uid));
}
