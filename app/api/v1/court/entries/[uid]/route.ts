import { asCourt, putEntry } from '@/domain/entries/court-api';
import { PUT_ENTRY } from '@/domain/http/routes';

/** PUT /api/v1/court/entries/{uid} — create or update one entry (idempotent). */
export async function PUT(request: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  return asCourt(PUT_ENTRY, request, (req, caller) => putEntry(req, caller, uid));
}
