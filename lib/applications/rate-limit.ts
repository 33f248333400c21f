/**
 * Rate limits for the public forms, the tracking page and the counterparty check (rate-limiter-flexible, counters in
 * Postgres so every app process shares them): per client address and per entry.
 */
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';

type Limit = { keyPrefix: string; points: number; duration: number };

export const LIMITS = {
  submitPerClient: { keyPrefix: 'submit-client', points: 10, duration: 60 * 60 },
  submitPerEntry: { keyPrefix: 'submit-entry', points: 5, duration: 24 * 60 * 60 },
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

/**
 * The client's address as the reverse proxy in front of us saw it: the last X-Forwarded-For
 * hop (the one the proxy appended; earlier hops are whatever the client sent), else a fixed
 * key. Without such a proxy every client shares that key — deploy behind one (README).
 */
export function clientKey(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || headers.get('x-real-ip') || 'direct';
}
