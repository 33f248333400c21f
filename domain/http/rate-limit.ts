/**
 * Rate limits and budgets (rate-limiter-flexible, counters in Postgres so every app process
 * shares them): the public forms, tracking, the counterparty check, staff sign-in and the read
 * budgets, always keyed by an address the client cannot choose (domain/http/client-address.ts).
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { and, gt, gte, like, lt, sql } from 'drizzle-orm';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { CLIENT_ADDRESS_HEADER } from '@/domain/http/client-address';

/** `points` per `duration` seconds; with `blockDuration`, a key that uses them up is blocked that many seconds. */
export type Limit = { keyPrefix: string; points: number; duration: number; blockDuration?: number };

export const LIMITS = {
  submitPerClient: { keyPrefix: 'submit-client', points: 10, duration: 60 * 60 },
  trackPerClient: { keyPrefix: 'track-client', points: 30, duration: 15 * 60 },
  checkPerClient: { keyPrefix: 'check-client', points: 30, duration: 60 * 60 },
  checkCodePerClient: { keyPrefix: 'check-code-client', points: 30, duration: 15 * 60 },
  // The departments' export (domain/sharing/export.ts): a whole-list file is heavy, and a unit needs a few a day.
  exportPerActor: { keyPrefix: 'export-actor', points: 20, duration: 60 * 60 },
  // Wrong staff passwords (domain/auth/staff.ts): per client address and account, then per address across accounts.
  signInPerClientAccount: { keyPrefix: 'sign-in-client-account', points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  signInPerClientAccountDay: {
    keyPrefix: 'sign-in-client-account-day',
    points: 20,
    duration: 24 * 60 * 60,
    blockDuration: 24 * 60 * 60,
  },
  signInPerClient: { keyPrefix: 'sign-in-client', points: 50, duration: 60 * 60, blockDuration: 60 * 60 },
  // Wrong second-factor codes (TOTP or backup code), per client address and account; they count against signInPerClient
  // too.
  codePerClientAccount: { keyPrefix: 'code-client-account', points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  codePerClientAccountDay: {
    keyPrefix: 'code-client-account-day',
    points: 20,
    duration: 24 * 60 * 60,
    blockDuration: 24 * 60 * 60,
  },
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
const MAX_KEY_CHARS = 300;
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
    if (err instanceof RateLimiterRes)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    throw err;
  }
}

/**
 * Takes `cost` points under each of several limits for one key in one statement: the read budgets the HTTP front
 * charges on every search and entry (scripts/serve.ts). Same rows and semantics as `take` (the limiter's
 * `prefix:key` rows, a window that restarts once expired, refused past `points`, the points taken either way), but
 * every limit is charged — a request the minute budget refuses still counts against the hour's — and one round trip
 * and one commit serve them all. Every request of one client updates that client's rows, so each row's commit is the
 * queue its requests wait in: the commit does not wait for the WAL flush (`synchronous_commit = off` for this
 * transaction only). A Postgres crash may forget the last fraction of a second of counts — a client then reads a few
 * entries more — but never a registry write. Limits with a `blockDuration` go through `take`.
 */
export async function takeAll(items: { limit: Limit; cost: number }[], key: string): Promise<Consumed> {
  if (items.length === 0) return { ok: true };
  const now = Date.now();
  const bounded = boundedKey(key);
  const byKey = new Map<string, Limit>();
  const values = items.map(({ limit, cost }) => {
    if (limit.blockDuration) throw new Error(`takeAll cannot block (${limit.keyPrefix}): use take`);
    const k = `${limit.keyPrefix}:${bounded}`;
    byKey.set(k, limit);
    return sql`(${k}, ${cost}::int, ${new Date(now + limit.duration * 1000).toISOString()}::timestamptz)`;
  });
  const at = sql`${new Date(now).toISOString()}::timestamptz`;
  // Rows in key order, so two requests of one client lock them in the same order.
  const rows = await getDb().execute<{ key: string; points: number; expire: Date | string | null }>(sql`
    WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
         v (key, points, expire) AS (VALUES ${sql.join(values, sql`, `)})
    INSERT INTO ${rateLimits} (key, points, expire)
    SELECT v.key, v.points, v.expire FROM v CROSS JOIN relaxed ORDER BY v.key
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN ${rateLimits.expire} <= ${at} THEN excluded.points
                    ELSE ${rateLimits.points} + excluded.points END,
      expire = CASE WHEN ${rateLimits.expire} <= ${at} THEN excluded.expire ELSE ${rateLimits.expire} END
    RETURNING key, points, expire`);
  let waitMs = 0;
  for (const row of rows) {
    const limit = byKey.get(row.key);
    if (!limit || Number(row.points) <= limit.points) continue;
    const expire = row.expire === null ? now : new Date(row.expire).getTime();
    waitMs = Math.max(waitMs, expire - Date.now(), 1);
  }
  return waitMs > 0 ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : { ok: true };
}

/** Takes one point; false when the limit is used up. */
export async function consume(limit: Limit, key: string): Promise<boolean> {
  return (await take(limit, key)).ok;
}

/** Removes counters whose window has ended (the HTTP front runs this every few minutes). */
export async function deleteExpiredRateLimits(): Promise<number> {
  const deleted = await getDb()
    .delete(rateLimits)
    .where(lt(rateLimits.expire, new Date()))
    .returning({ key: rateLimits.key });
  return deleted.length;
}

/** Milliseconds until `key` has points again under `limit`: 0 while it has some left. */
export async function blockedFor(limit: Limit, key: string): Promise<number> {
  const res = await limiter(limit).get(boundedKey(key));
  return res && res.remainingPoints === 0 ? Math.max(res.msBeforeNext, 1) : 0;
}

/** Blocks `key` for the limit's blockDuration once it has no points left (call after a point was taken). */
export async function blockIfUsedUp(limit: Limit, key: string): Promise<void> {
  if (limit.blockDuration && (await blockedFor(limit, key)) > 0)
    await limiter(limit).block(boundedKey(key), limit.blockDuration);
}

/** Gives back the point a `consume` took. */
export async function reward(limit: Limit, key: string): Promise<void> {
  await limiter(limit).reward(boundedKey(key));
}

/** Forgets `key`'s count under `limit`. */
export async function forget(limit: Limit, key: string): Promise<void> {
  await limiter(limit).delete(boundedKey(key));
}

/** The keys (without the prefix) that have no points left under `limit` now. */
export async function usedUpKeys(limit: Limit): Promise<string[]> {
  const prefix = `${limit.keyPrefix}:`; // key prefixes hold no LIKE wildcards
  const rows = await getDb()
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(
      and(like(rateLimits.key, `${prefix}%`), gte(rateLimits.points, limit.points), gt(rateLimits.expire, new Date())),
    );
  return rows.map((r) => r.key.slice(prefix.length));
}

/**
 * The client's address, as the HTTP front determined it from the socket (and the trusted
 * proxy hops, if configured). A request that did not pass the front counts as one client.
 */
export function clientKey(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || 'unknown';
}
