/**
 * After an applicant proves the access code, a short signed cookie lets them read their
 * application and download its files for 30 minutes (path /track, HttpOnly, SameSite=Strict).
 */
import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { siteHmac } from '@/lib/auth/site-secret';

const COOKIE = 'ck_track';
const TTL_MS = 30 * 60_000;

function sign(applicationId: string, expires: number): string {
  return siteHmac('track-session', `${applicationId}.${expires}`).toString('base64url');
}

export async function startTrackSession(applicationId: string) {
  const expires = Date.now() + TTL_MS;
  (await cookies()).set(COOKIE, `${applicationId}.${expires}.${sign(applicationId, expires)}`, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/track',
    maxAge: TTL_MS / 1000,
    secure: process.env.SITE_URL?.startsWith('https://') ?? false,
  });
}

export async function endTrackSession() {
  (await cookies()).delete({ name: COOKIE, path: '/track' });
}

/** The application id the cookie vouches for, or null. */
export async function trackedApplicationId(): Promise<string | null> {
  const value = (await cookies()).get(COOKIE)?.value ?? '';
  const [id, expiresText, mac] = value.split('.');
  const expires = Number(expiresText);
  if (!id || !mac || !Number.isFinite(expires) || expires < Date.now()) return null;
  const expected = Buffer.from(sign(id, expires));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
