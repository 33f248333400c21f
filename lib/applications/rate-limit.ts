/**
 * Rate limits for the public forms, the tracking page, the counterparty check and staff sign-in (rate-limiter-flexible,
 * counters in Postgres so every app process shares them): per client address, per entry, per address and account.
 */
import { and, gt, gte, like } from 'drizzle-orm';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';

/** `points` per `duration` seconds; with `blockDuration`, a key that uses them up is blocked that many seconds. */
export type Limit = { keyPrefix: string; points: number; duration: number; blockDuration?: number };

export const LIMITS = {
  submitPerClient: { keyPrefix: 'submit-client', points: 10, duration: 60 * 60 },
  submitPerEntry: { keyPrefix: 'submit-entry', points: 5, duration: 24 * 60 * 60 },
  trackPerClient: { keyPrefix: 'track-client', points: 30, duration: 15 * 60 },
  checkPerClient: { keyPrefix: 'check-client', points: 30, duration: 60 * 60 },
  checkCodePerClient: { keyPrefix: 'check-code-client', points: 30, duration: 15 * 60 },
  // Wrong staff passwords (lib/auth/staff.ts): per client address and account, then per address across accounts.
  signInPerClientAccount: { keyPrefix: 'sign-in-client-account', points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  signInPerClientAccountDay: { keyPrefix: 'sign-in-client-account-day', points: 20, duration: 24 * 60 * 60, blockDuration: 24 * 60 * 60 },
  signInPerClient: { keyPrefix: 'sign-in-client', points: 50, duration: 60 * 60, blockDuration: 60 * 60 },
} satisfies Record<string, Limit>;

/** Limiters per database pool (tests and CLIs close and reopen the pool). */
const limiters = new WeakMap<object, Map<string, RateLimiterDrizzle>>();

function limiter(limit: Limit): RateLimiterDrizzle {
  const db = getDb();
  const forDb = limiters.get(db) ?? new Map<string, RateLimiterDrizzle>();
  limiters.set(db, forDb);
  let l = forDb.get(limit.keyPrefix);
  if (!l) {
    l = new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, ...limit, clearExpiredByTimeout: false });
    forDb.set(limit.keyPrefix, l);
  }
  return l;
}

/** Takes one point; false when the limit is used up. */
export async function consume(limit: Limit, key: string): Promise<boolean> {
  try {
    await limiter(limit).consume(key);
    return true;
  } catch (err) {
    if (err instanceof RateLimiterRes) return false;
    throw err;
  }
}

/** Milliseconds until `key` has points again under `limit`: 0 while it has some left. */
export async function blockedFor(limit: Limit, key: string): Promise<number> {
  const res = await limiter(limit).get(key);
  return res && res.remainingPoints === 0 ? Math.max(res.msBeforeNext, 1) : 0;
}

/** Blocks `key` for the limit's blockDuration once it has no points left (call after a point was taken). */
export async function blockIfUsedUp(limit: Limit, key: string): Promise<void> {
  if (limit.blockDuration && (await blockedFor(limit, key)) > 0) await limiter(limit).block(key, limit.blockDuration);
}

/** Gives back the point a `consume` took. */
export async function reward(limit: Limit, key: string): Promise<void> {
  await limiter(limit).reward(key);
}

/** Forgets `key`'s count under `limit`. */
export async function forget(limit: Limit, key: string): Promise<void> {
  await limiter(limit).delete(key);
}

/** The keys (without the prefix) that have no points left under `limit` now. */
export async function usedUpKeys(limit: Limit): Promise<string[]> {
  const prefix = `${limit.keyPrefix}:`; // key prefixes hold no LIKE wildcards
  const rows = await getDb()
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(and(like(rateLimits.key, `${prefix}%`), gte(rateLimits.points, limit.points), gt(rateLimits.expire, new Date())));
  return rows.map((r) => r.key.slice(prefix.length));
}

/**
 * The client's address as the reverse proxy in front of us saw it: the last X-Forwarded-For
 * hop (the one the proxy appended; earlier hops are whatever the client sent), else a fixed
 * key. Without such a proxy every client shares that key — deploy behind one (README).
 */
export function clientKey(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || headers.get('x-real-ip') || 'direct';
}
