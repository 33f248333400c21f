/**
 * Limits the HTTP front (scripts/serve.ts) enforces before a request reaches Next: request
 * sizes, read budgets against harvesting, and the per-address limits of pages. One table, so
 * the README, the route handlers and the tests read the same numbers.
 */
import 'server-only';
import { LIMITS, type Limit } from '@/domain/http/rate-limit';
import { PAGE_SIZE } from '@/lib/search/limits';

/** The court's single push and revocation; its batch (1,000 entries); the bulk check (1,000 subjects). */
export const MAX_ENTRY_BYTES = 64 * 1024;
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
export const MAX_CHECK_BYTES = 1024 * 1024;

/** Events per page of the change feed when the caller gives no limit (GET /api/v1/feed; at most MAX_FEED_LIMIT). */
export const DEFAULT_FEED_LIMIT = 200;

/**
 * Bodies: the routes read with these same constants (domain/entries/court-api.ts, domain/check/api.ts), so
 * the front refuses exactly what the route would; Server Actions as next.config.ts allows them
 * (evidence uploads ≤ 5 × 10 MB, the import page). No Next import here: the front loads this
 * before Next is set up.
 */
export const BODY_LIMITS = {
  push: MAX_ENTRY_BYTES,
  batch: MAX_BATCH_BYTES,
  check: MAX_CHECK_BYTES,
  revoke: MAX_ENTRY_BYTES,
  serverAction: 60 * 1024 * 1024, // serverActions.bodySizeLimit in next.config.ts
  /** Anything else that carries a body. */
  other: 64 * 1024,
} as const;

export function bodyLimitFor(method: string, pathname: string, isServerAction: boolean): number {
  if (isServerAction) return BODY_LIMITS.serverAction;
  if (method === 'POST' && pathname === '/api/v1/court/entries/batch') return BODY_LIMITS.batch;
  if (method === 'POST' && /^\/api\/v1\/court\/entries\/[^/]+\/revoke$/.test(pathname)) return BODY_LIMITS.revoke;
  if (method === 'PUT' && pathname.startsWith('/api/v1/court/entries/')) return BODY_LIMITS.push;
  if (method === 'POST' && pathname === '/api/v1/check') return BODY_LIMITS.check;
  return BODY_LIMITS.other;
}

function budget(name: string, fallback: number, env: Record<string, string | undefined>): number {
  const n = Number(env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Read budgets per client address, counted in entries a response may show: a search page
 * costs PAGE_SIZE (what one page can reveal), an entry 1. A person reading the list — a few
 * searches and entries a minute — never meets them; a scraper gets at most `perMinute`
 * entries a minute and `perHour` an hour.
 */
export function readBudgets(env: Record<string, string | undefined> = process.env): Limit[] {
  return [
    { keyPrefix: 'read-minute', points: budget('READ_BUDGET_PER_MINUTE', 300, env), duration: 60 },
    { keyPrefix: 'read-hour', points: budget('READ_BUDGET_PER_HOUR', 2000, env), duration: 60 * 60 },
  ];
}

/** What a GET or HEAD of this path costs, and against which limits (none: free). */
export function budgetsFor(
  pathname: string,
  search: URLSearchParams,
  env: Record<string, string | undefined> = process.env,
): { limit: Limit; cost: number }[] {
  const reads = (cost: number) => readBudgets(env).map((limit) => ({ limit, cost }));
  if (pathname === '/search' || pathname === '/api/v1/search')
    return (search.get('q') ?? '').trim() ? reads(PAGE_SIZE) : [];
  if (/^\/(api\/v1\/)?entries\/[^/]+$/.test(pathname)) return reads(1);
  // Guessing report codes is what this slows down.
  if (pathname.startsWith('/check/report/')) return [{ limit: LIMITS.checkCodePerClient, cost: 1 }];
  return [];
}
