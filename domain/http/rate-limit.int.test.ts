/** Rate-limit counters in Postgres: bounded keys, expired rows removed, refusals that say when to return. */
import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { deleteExpiredRateLimits, take, takeAll } from '@/domain/http/rate-limit';

describe('rate limits', () => {
  it('refuse past the points with the seconds until the window frees up', async () => {
    const limit = { keyPrefix: 'test-take', points: 3, duration: 60 };
    const key = `k${Date.now()}`;
    for (let i = 0; i < 3; i++) expect((await take(limit, key)).ok).toBe(true);
    const refused = await take(limit, key);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect((await take(limit, key, 0)).ok).toBe(false);
  });

  it('take several limits in one statement, on the same rows as take, without losing a concurrent count', async () => {
    const minute = { keyPrefix: 'test-all-minute', points: 100, duration: 60 };
    const hour = { keyPrefix: 'test-all-hour', points: 1000, duration: 3600 };
    const key = `k${Date.now()}`;
    const both = [
      { limit: minute, cost: 20 },
      { limit: hour, cost: 20 },
    ];
    expect(await takeAll(both, key)).toEqual({ ok: true });
    expect((await take(minute, key, 70)).ok).toBe(true); // 90 of 100 now
    const refused = await takeAll(both, key); // 90 + 20 > 100
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect((await take(minute, key, 0)).ok).toBe(false);

    // 40 requests of one client at once: every point counted, rows locked in one order (no deadlock).
    const other = `c${Date.now()}`;
    await Promise.all(Array.from({ length: 40 }, () => takeAll(both, other)));
    const rows = await getDb()
      .select({ key: rateLimits.key, points: rateLimits.points })
      .from(rateLimits)
      .where(like(rateLimits.key, `test-all-%:${other}`));
    expect(rows.map((r) => r.points)).toEqual([800, 800]);
    expect(await takeAll([], key)).toEqual({ ok: true });
  });

  it('keep keys short whatever the caller passes (a 12,013-character key was seen)', async () => {
    const limit = { keyPrefix: 'test-long', points: 2, duration: 60 };
    const key = 'x'.repeat(12_013);
    expect((await take(limit, key)).ok).toBe(true);
    expect((await take(limit, key)).ok).toBe(true);
    expect((await take(limit, key)).ok).toBe(false); // the same key counts, hashed
    const rows = await getDb()
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(like(rateLimits.key, 'test-long:%'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key.length).toBeLessThan(120);
  });

  it('remove rows whose window has ended, and only those', async () => {
    const short = { keyPrefix: 'test-expire', points: 5, duration: 1 };
    const long = { keyPrefix: 'test-keep', points: 5, duration: 600 };
    await take(short, 'a');
    await take(long, 'a');
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await deleteExpiredRateLimits()).toBeGreaterThanOrEqual(1);
    const left = await getDb().select({ key: rateLimits.key }).from(rateLimits).where(like(rateLimits.key, 'test-%:a'));
    expect(left.map((r) => r.key)).toEqual(['test-keep:a']);
  });
});
