import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { GET_HEALTH, routeJson } from '@/domain/http/routes';
import type { ResponseBody } from '@/domain/http/responses';
import { searchRuntime } from '@/adapters/search/runtime';
import { outboxState } from '@/adapters/search/sync';

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'unreachable'> {
  try {
    await probe();
    return 'ok';
  } catch {
    return 'unreachable';
  }
}

/** GET /api/health — the database, each search engine, and the search outbox backlog. */
export async function GET() {
  const { meili } = searchRuntime();
  const database = await check(() => getDb().execute(sql`SELECT 1`));
  // 'index_missing' / 'misconfigured': reachable, but every search would fall back to the built-in engine.
  const meilisearch = meili ? await meili.engine.health() : 'not configured';
  const meiliServing = meilisearch === 'ok';
  const outbox = database === 'ok' ? await outboxState() : null;
  const body: ResponseBody<'Health'> = {
    status: database === 'ok' ? (meili && !meiliServing ? 'degraded' : 'ok') : 'down',
    database,
    search: {
      builtin: database,
      meilisearch,
      serving: meiliServing ? 'meilisearch' : 'postgres',
    },
    outbox,
  };
  return routeJson(GET_HEALTH, database === 'ok' ? 200 : 503, body);
}
