/**
 * Health against a real Meilisearch (runs only when MEILI_URL is set): the server's own
 * GET /health answers `available` while the index is missing, and every search would then
 * quietly fall back; GET /api/health must say so.
 */
import { Meilisearch } from 'meilisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchPublic } from '@/domain/publishing/search';
import { clientOptions } from '@/adapters/search/meilisearch';
import type { MeiliRuntime } from '@/adapters/search/runtime';
import { ENGINES, useEngine } from '@/adapters/search/testing/engine-under-test';

// Meilisearch only (there is nothing to probe on the built-in engine): skipped without MEILI_URL, as on CI.
describe.skipIf(!ENGINES.includes('meilisearch'))('Meilisearch health (real server)', () => {
  const meiliOf = useEngine('meilisearch', 'health', { createIndex: false });
  let meili: MeiliRuntime;
  let client: Meilisearch;

  beforeAll(() => {
    meili = meiliOf()!;
    client = new Meilisearch(clientOptions(meili.config, 30_000));
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
