import { NextResponse } from 'next/server';
import { getPublicEntry } from '@/domain/publishing/queries';
import { apiError, noStore } from '@/domain/http/api';

/** GET /api/v1/entries/{uid} — 404 for anything not public, whatever the reason. */
export async function GET(_request: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const entry = uid.length <= 64 ? await getPublicEntry(uid) : null;
  if (!entry) return apiError('not_found', '未找到公示信息');
  return noStore(NextResponse.json(entry));
}
