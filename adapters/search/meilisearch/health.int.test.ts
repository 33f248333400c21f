/**
 * Health against a real Meilisearch (runs only when MEILI_URL is set): the server's own
 * GET /health answers `available` while the index is missing, and every search would then
 * quietly fall back; GET /api/health must say so.
 */
import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchPublic } from '@/domain/publishing/search';
import { meiliConfigFromEnv } from '@/adapters/search/meilisearch';
import { meiliRuntime, searchRuntime, type MeiliRuntime } from '@/adapters/search/runtime';

const env = meiliConfigFromEnv();

describe.skipIf(!env)('Meilisearch health (real server)', () => {
  let saved: Pick<ReturnType<typeof searchRuntime>, 'meili' | 'writer'>;
  let meili: MeiliRuntime;
  let client: Meilisearch;

  beforeAll(() => {
    const runtime = searchRuntime();
    saved = { meili: runtime.meili, writer: runtime.writer };
    meili = meiliRuntime({ ...env!, indexUid: `${env!.indexUid}-health-${randomBytes(4).toString('hex')}` });
    client = new Meilisearch({ host: env!.host, apiKey: env!.apiKey });
    runtime.meili = meili;
    runtime.writer = meili.writer;
  });

  afterAll(async () => {
    const runtime = searchRuntime();
    runtime.meili = saved.meili;
    runtime.writer = saved.writer;
    await client.deleteIndexIfExists(meili.config.indexUid).catch(() => undefined);
  });

  async function apiHealth() {
    const { GET } = await import('@/app/api/health/route');
    const response = await GET();
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('the server says available while the index is missing; /api/health says index_missing, degraded', async () => {
    expect(await client.health()).toEqual({ status: 'available' });
    expect(await meili.engine.health()).toBe('index_missing');
    const { status, body } = await apiHealth();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'degraded',
      search: { meilisearch: 'index_missing', serving: 'postgres' },
    });
    // And a search is indeed served by the built-in engine.
    const result = await searchPublic('健康检查', {}, 1);
    expect(result).toMatchObject({ status: 'ok', engine: 'postgres', degraded: true });
  });

  it('an index without the adapter settings (no sortable uidKey) is misconfigured', async () => {
    const task = await client.createIndex(meili.config.indexUid, { primaryKey: 'uid' }).waitTask();
    expect(task.status).toBe('succeeded');
    expect(await meili.engine.health()).toBe('misconfigured');
    expect((await apiHealth()).body).toMatchObject({ status: 'degraded', search: { meilisearch: 'misconfigured' } });
  });

  it('once search:setup has run, ok and served by Meilisearch', async () => {
    await meili.writer.ensureIndex();
    expect(await meili.engine.health()).toBe('ok');
    expect((await apiHealth()).body).toMatchObject({
      status: 'ok',
      search: { meilisearch: 'ok', serving: 'meilisearch' },
    });
  });
});
