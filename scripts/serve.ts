/**
 * The HTTP front: serves the built site (Next in this process) behind the checks that must
 * hold before any page or route runs.
 *
 * - The client address (domain/http/client-address.ts) from the socket, or exactly
 *   TRUST_PROXY_HOPS proxy hops, written into a header the client cannot set.
 * - Bad request targets (raw bytes, invalid percent-encoded UTF-8, NUL and control
 *   characters, over-long URLs) answered 400/414 here, never by a 500 deeper down.
 * - Body limits: a declared Content-Length over the route's limit is 413 before a byte is
 *   read; a Server Action must declare its length (411) and come from the site's origin (403).
 *   Route handlers count chunked bodies while reading (domain/http/api.ts readJsonBody).
 * - Read budgets against harvesting and the report-code limit: 429 with Retry-After.
 * - A nonce-based Content-Security-Policy on every response; Next puts the nonce on its scripts.
 * - Logs scrubbed of ID numbers and query parameters (lib/log-scrub.ts).
 *
 * Processes: WEB_CONCURRENCY (default: the CPU count) copies of this server share the port
 * (node:cluster; the primary only forks, restarts a worker that dies, and on SIGTERM/SIGINT
 * stops them all). Everything they must agree on lives in Postgres: rate limits and read
 * budgets, the search outbox, mail and expiry jobs (row locks). Each worker scrubs its own log;
 * their output is the primary's.
 *
 * `npm start` runs it after the build; run alone it needs DATABASE_URL (and the build).
 * It loads before Next is set up: never import route modules or anything that loads
 * `next/server` here (Next's AsyncLocalStorage is not there yet; the server would not start).
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteExpiredRateLimits, takeAll } from '@/domain/http/rate-limit';
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedProxyHops } from '@/domain/http/client-address';
import {
  contentSecurityPolicy,
  REFUSALS,
  refusalPage,
  REFUSAL_PAGE_CSP,
  targetProblem,
  tooLarge,
  tooMany,
  type Refusal,
} from '@/domain/http/refusals';
import { bodyLimitFor, budgetsFor } from '@/domain/http/limits';
import { installLogScrubbing } from '@/lib/log-scrub';

installLogScrubbing();

function refuse(req: IncomingMessage, res: ServerResponse, r: Refusal) {
  const api = (req.url ?? '').startsWith('/api/');
  const body = api ? JSON.stringify({ error: { code: r.code, message: r.message } }) : refusalPage(r);
  res.writeHead(r.status, {
    'Content-Type': api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': REFUSAL_PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    ...(r.headers ?? {}),
    // The request body (if any) is not read: close rather than drain an oversized upload.
    ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { Connection: 'close' }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sameOrigin(req: IncomingMessage, hops: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: no CSRF to fear; Next checks again
  const forwardedHost =
    hops > 0
      ? String(req.headers['x-forwarded-host'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
  const host = forwardedHost || req.headers.host;
  const allowed = new Set(
    [host, process.env.SITE_URL ? new URL(process.env.SITE_URL).host : undefined].filter(Boolean),
  );
  try {
    return allowed.has(new URL(origin).host);
  } catch {
    return false;
  }
}

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export async function front(req: IncomingMessage, res: ServerResponse, handle: Handle, hops: number): Promise<void> {
  const target = req.url ?? '/';
  const problem = targetProblem(target);
  if (problem) return refuse(req, res, problem);

  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], hops);
  const nonce = randomBytes(16).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  req.headers['content-security-policy'] = csp; // Next reads the nonce for its scripts from here
  res.setHeader('Content-Security-Policy', csp);

  const method = req.method ?? 'GET';
  const url = new URL(target, 'http://front.invalid');
  const isServerAction = method === 'POST' && req.headers['next-action'] !== undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const declared = req.headers['content-length'];
    const limit = bodyLimitFor(method, url.pathname, isServerAction);
    if (isServerAction && !sameOrigin(req, hops)) return refuse(req, res, REFUSALS.crossOrigin);
    if (isServerAction && declared === undefined) return refuse(req, res, REFUSALS.lengthRequired);
    if (declared !== undefined && Number(declared) > limit) return refuse(req, res, tooLarge(limit));
  } else {
    const address = req.headers[CLIENT_ADDRESS_HEADER];
    const taken = await takeAll(budgetsFor(url.pathname, url.searchParams), address);
    if (!taken.ok) return refuse(req, res, tooMany(taken.retryAfterSeconds));
  }
  return handle(req, res);
}

export async function serve(opts: { port: number; host: string }) {
  // Loaded here, not at the top: the cluster's primary never loads Next.
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: process.cwd(), hostname: opts.host, port: opts.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const hops = trustedProxyHops();
  const server = http.createServer((req, res) => {
    front(req, res, (q, s) => handle(q, s), hops).catch((err: unknown) => {
      console.error('request failed in the front:', err);
      if (!res.headersSent) refuse(req, res, REFUSALS.internal);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
  const sweep = setInterval(
    () => void deleteExpiredRateLimits().catch((err: unknown) => console.warn('rate-limit sweep failed:', err)),
    5 * 60_000,
  );
  sweep.unref();
  console.log(
    `诚信昆山 serving on ` +
      `http://${opts.host}:${opts.port}${hops ? ` (trusting ${hops} proxy hop${hops > 1 ? 's' : ''})` : ''}`,
  );
  return server;
}

/** Server processes: WEB_CONCURRENCY when it is a positive integer, else one per CPU. */
export function webConcurrency(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.WEB_CONCURRENCY);
  return Number.isInteger(n) && n > 0 ? n : os.availableParallelism();
}

/**
 * The cluster's primary: forks `count` workers and keeps that many running. A worker that dies within
 * CRASH_WINDOW_MS of its start (a broken build, an unreachable database) stops the whole server instead of looping.
 */
function runPrimary(count: number) {
  const CRASH_WINDOW_MS = 15_000;
  const started = new Map<number, number>();
  let stopping = false;
  const fork = () => started.set(cluster.fork().id, Date.now());
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    if (workers.length === 0) process.exit(code);
    for (const w of workers) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(code);
    }, 10_000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // Ctrl-C reaches every process of the terminal's group: a worker stopped by a signal stops the server.
    if (signal === 'SIGINT' || signal === 'SIGTERM') return stopAll(0);
    const ranMs = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    console.error(`server worker ${worker.process.pid} exited (${signal ?? code}) after ${Math.round(ranMs / 1000)} s`);
    if (ranMs < CRASH_WINDOW_MS) stopAll(1);
    else fork();
  });
  process.on('SIGTERM', () => stopAll(0));
  process.on('SIGINT', () => stopAll(0));
  for (let i = 0; i < count; i++) fork();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const workers = webConcurrency();
  if (cluster.isPrimary && workers > 1) {
    console.log(`诚信昆山: starting ${workers} server processes (WEB_CONCURRENCY)`);
    runPrimary(workers);
  } else {
    serve({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' }).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  }
}
