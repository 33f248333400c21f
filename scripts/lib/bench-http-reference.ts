/**
 * The reference server of `npm run bench:http`: the site's search in a bare `node:http` server, no Next, so the gap
 * between it and `/api/v1/search` is the framework's cost.
 *
 * `GET /search?q=…` runs searchPublic (domain/publishing/search.ts) — the same SQL as the built-in engine behind
 * /api/v1/search (the engine's query plus the visibility re-check), through the same drizzle/postgres.js pool — and
 * answers its JSON. `GET /search-budget?q=…` takes the read budgets first, as the site's front does (budgetsFor
 * and takeAll: domain/http/limits.ts, domain/http/rate-limit.ts, counted in Postgres). Runs WEB_CONCURRENCY
 * processes (node:cluster) sharing the port, like the site. Needs DATABASE_URL and PORT; binds 127.0.0.1.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { searchPublic } from '@/domain/publishing/search';
import { takeAll } from '@/domain/http/rate-limit';
import { budgetsFor } from '@/domain/http/limits';

const port = Number(process.env.PORT);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || 1);

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://reference.invalid');
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'no-store',
      });
      res.end(text);
    };
    void (async () => {
      if (url.pathname === '/search-budget') {
        const taken = await takeAll(budgetsFor('/api/v1/search', url.searchParams), req.socket.remoteAddress ?? '');
        if (!taken.ok) return send(429, { error: 'budget' });
      } else if (url.pathname !== '/search') {
        return send(404, { error: 'not_found' });
      }
      const result = await searchPublic(url.searchParams.get('q') ?? '', {}, 1);
      if (result.status !== 'ok') return send(400, { error: result.status });
      send(200, { total: result.total, page: result.page, pageCount: result.pageCount, results: result.entries });
    })().catch((err: unknown) => {
      console.error('reference request failed:', err instanceof Error ? err.message : err);
      if (!res.headersSent) send(500, { error: 'internal' });
    });
  });
  server.listen(port, '127.0.0.1');
}

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  serve();
  process.on('SIGTERM', () => process.exit(0));
}
