/**
 * Rate limits and budgets (rate-limiter-flexible, counters in Postgres so every app process
 * shares them), always keyed by an address the client cannot choose (lib/http/client-address.ts).
 */
import { createHash } from 'node:crypto';
import { lt } from 'drizzle-orm';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';

export type Limit = { keyPrefix: string; points: number; duration: number };

export const LIMITS = {
  submitPerClient: { keyPrefix: 'submit-client', points: 10, duration: 60 * 60 },
  trackPerClient: { keyPrefix: 'track-client', points: 30, duration: 15 * 60 },
  checkPerClient: { keyPrefix: 'check-client', points: 30, duration: 60 * 60 },
  checkCodePerClient: { keyPrefix: 'check-code-client', points: 30, duration: 15 * 60 },
} satisfies Record<string, Limit>;

/** Limiters per database pool (tests and CLIs close and reopen the pool). */
const limiters = new WeakMap<object, Map<string, RateLimiterDrizzle>>();

function limiter(limit: Limit): RateLimiterDrizzle {
  const db = getDb();
  const forDb = limiters.get(db) ?? new Map<string, RateLimiterDrizzle>();
  limiters.set(db, forDb);
  let l = forDb.get(limit.keyPrefix);
  if (!l) {
    // Expired rows are removed by deleteExpiredRateLimits (one sweep, not a timer per limiter).
    l = new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, ...limit, clearExpiredByTimeout: false });
    forDb.set(limit.keyPrefix, l);
  }
  return l;
}

/** Keys stay short whatever the caller passes (an email, an address): long ones are hashed. */
const MAX_KEY_CHARS = 100;
function boundedKey(key: string): string {
  return key.length <= MAX_KEY_CHARS ? key : `h:${createHash('sha256').update(key).digest('base64url')}`;
}

export type Consumed = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Takes `cost` points; refused (with the seconds until the window frees up) when the limit is used up. */
export async function take(limit: Limit, key: string, cost = 1): Promise<Consumed> {
  try {
    await limiter(limit).consume(boundedKey(key), cost);
    return { ok: true };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    throw err;
  }
}

/** Takes one point; false when the limit is used up. */
export async function consume(limit: Limit, key: string): Promise<boolean> {
  return (await take(limit, key)).ok;
}

/** Removes counters whose window has ended (the HTTP front runs this every few minutes). */
export async function deleteExpiredRateLimits(): Promise<number> {
  const deleted = await getDb().delete(rateLimits).where(lt(rateLimits.expire, new Date())).returning({ key: rateLimits.key });
  return deleted.length;
}

/**
 * The client's address, as the HTTP front determined it from the socket (and the trusted
 * proxy hops, if configured). A request that did not pass the front counts as one client.
 */
export function clientKey(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || 'unknown';
}
