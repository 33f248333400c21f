/**
 * Search with Meilisearch unreachable: a second server — the same HTTP front as `npm start`
 * (scripts/serve.ts) on the same build and database — configured for a Meilisearch that
 * refuses connections (port 9). Search must fall back to the built-in engine, say so quietly,
 * and a revoked entry — whose index delete could not have happened — must appear in no page
 * or API response. The fallback keeps the disclosure rule: a person's ID number finds nobody.
 */
import { expect, test } from '@playwright/test';
import {
  closeRegistry,
  createPerson,
  expectPersonIdNotSearchable,
  resultCards,
  revokeEntry,
  searchUrl,
} from './fixtures';
import { startSecondServer, type SecondServer } from './second-server';

const port = Number(process.env.E2E_PORT ?? 3100) + 10;
const base = `http://127.0.0.1:${port}`;
let server: SecondServer | undefined;

test.beforeAll(async () => {
  // The suite's settings (playwright.config.ts webServer): it is the one trusted proxy, with budgets for the whole
  // suite; Meilisearch configured but unreachable.
  server = await startSecondServer({
    port,
    env: {
      ...process.env,
      TRUST_PROXY_HOPS: '1',
      READ_BUDGET_PER_MINUTE: '1000000',
      READ_BUDGET_PER_HOUR: '1000000',
      MEILI_URL: 'http://127.0.0.1:9',
      MEILI_MASTER_KEY: 'unreachable-meilisearch-key',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
});

test.afterAll(async () => {
  server?.stop();
  await closeRegistry();
});

test('health reports Meilisearch unreachable and the built-in engine serving', async ({ request }) => {
  const health = await (await request.get(`${base}/api/health`)).json();
  expect(health).toMatchObject({
    status: 'degraded',
    database: 'ok',
    search: { meilisearch: 'unreachable', serving: 'postgres' },
  });
});

test('search falls back to the built-in engine and a revoked entry appears nowhere', async ({ page, request }) => {
  const person = await createPerson();
  const response = await page.goto(`${base}${searchUrl(person.name)}`);
  expect(response?.headers()['content-security-policy'], 'served through the HTTP front').toMatch(
    /script-src 'self' 'nonce-/,
  );
  await expect(resultCards(page)).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: '全文检索服务暂时不可用' })).toBeVisible();
  await page.goto(`${base}${searchUrl(person.caseNo)}`);
  await expect(resultCards(page)).toHaveCount(1);
  // With the fallback too, a person's ID number finds nobody.
  const idAnswer = await expectPersonIdNotSearchable(page, request, person.idNumber, base);

  await revokeEntry(person.uid, { reason: '全部履行', actor: 'e2e' });

  expect(await expectPersonIdNotSearchable(page, request, person.idNumber, base)).toEqual(idAnswer);
  for (const q of [person.name, person.caseNo]) {
    await page.goto(`${base}${searchUrl(q)}`);
    await expect(page.getByRole('heading', { level: 2, name: /未找到与/ })).toBeVisible();
    await expect(resultCards(page)).toHaveCount(0);
    const api = await (await request.get(`${base}/api/v1/search?q=${encodeURIComponent(q)}`)).json();
    expect(api.results.map((r: { uid: string }) => r.uid)).not.toContain(person.uid);
  }
  expect((await request.get(`${base}/api/v1/entries/${person.uid}`)).status()).toBe(404);
  expect((await page.goto(`${base}/entries/${person.uid}`))?.status()).toBe(404);
  await page.goto(`${base}/`);
  await expect(page.locator(`main a[href="/entries/${person.uid}"]`)).toHaveCount(0);
});
