import { NextResponse } from 'next/server';

/** Registry responses are never cached anywhere (design rule 4). */
export function noStore<T extends Response>(response: T): T {
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** Errors for machines: a stable code, a Chinese message for people, per-field details. */
export function apiError(status: number, code: string, message: string, fields?: { field: string; message: string }[]) {
  return noStore(NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status }));
}
