/**
 * Design rule 4: no cache outlives a revocation. An entry is found in the browser and the
 * JSON API; the moment revokeEntry/shieldEntry resolves, the list, the detail page, the
 * API, search and a page reached with the Back button no longer show it, and /notices
 * announces the removal with the person's name masked.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  closeRegistry,
  createOrganization,
  createPerson,
  expectPersonIdNotSearchable,
  maskedId,
  maskPersonName,
  resultCards,
  revokeEntry,
  searchUrl,
  shieldEntry,
  type Created,
} from './fixtures';

test.afterAll(closeRegistry);

function expectNoStore(headers: Record<string, string>, what: string) {
  expect(headers['cache-control'] ?? '', `Cache-Control of ${what}`).toContain('no-store');
}

async function apiSearchUids(request: APIRequestContext, q: string) {
  const response = await request.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(response.status()).toBe(200);
  expectNoStore(response.headers(), 'GET /api/v1/search');
  const body = (await response.json()) as { total: number; results: { uid: string }[] };
  return body.results.map((r) => r.uid);
}

/**
 * What a search finds an entry by: name and case number, and an organisation's code. A
 * person's ID number finds nobody, listed or not (lib/disclosure.ts).
 */
const searchableBy = (entry: Created) =>
  entry.subjectType === 'person' ? [entry.name, entry.caseNo] : [entry.name, entry.idNumber, entry.caseNo];

type IdAnswer = Awaited<ReturnType<typeof expectPersonIdNotSearchable>>;

/** `idAnswer`: for a person, what an ID query answered while the entry was listed — it must answer the same now. */
async function expectGone(page: Page, request: APIRequestContext, entry: Created, idAnswer?: IdAnswer) {
  if (entry.subjectType === 'person') {
    const now = await expectPersonIdNotSearchable(page, request, entry.idNumber);
    if (idAnswer) expect(now, 'the ID query answers the same before and after the removal').toEqual(idAnswer);
  }
  // Search page, freshly loaded: by name and case number (and an organisation's code).
  for (const q of searchableBy(entry)) {
    const response = await page.goto(searchUrl(q));
    expect(response?.status()).toBe(200);
    expectNoStore(response!.headers(), 'the search page');
    await expect(page.getByRole('heading', { level: 2, name: /未找到与/ })).toBeVisible();
    await expect(resultCards(page)).toHaveCount(0);
    await expect(page.locator(`main a[href="/entries/${entry.uid}"]`)).toHaveCount(0);
  }

  // Detail page: the same 404 as an unknown entry, not cached either.
  const detail = await page.goto(`/entries/${entry.uid}`);
  expect(detail?.status()).toBe(404);
  expectNoStore(detail!.headers(), 'the 404 detail page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('未找到公示信息');
  await expect(page.locator('body')).not.toContainText(entry.name);

  // JSON API.
  const api = await request.get(`/api/v1/entries/${entry.uid}`);
  expect(api.status()).toBe(404);
  expectNoStore(api.headers(), 'GET /api/v1/entries/{uid} (404)');
  expect(await api.json()).toEqual({ error: { code: 'not_found', message: '未找到公示信息' } });
  for (const q of searchableBy(entry)) expect(await apiSearchUids(request, q)).not.toContain(entry.uid);
}

async function expectNotice(page: Page, entry: Created, kind: '撤销' | '屏蔽') {
  const response = await page.goto('/notices');
  expect(response?.status()).toBe(200);
  const row = page.getByTestId('notice-row').filter({ hasText: entry.caseNo });
  await expect(row).toHaveCount(1);
  const cells = row.locator('td');
  await expect(cells.nth(1)).toHaveText(kind);
  const shownName = entry.subjectType === 'person' ? maskPersonName(entry.name) : entry.name;
  await expect(cells.nth(2)).toHaveText(shownName);
  await expect(cells.nth(3)).toHaveText(entry.caseNo);
  await expect(cells.nth(4)).toHaveText(entry.court);
  if (entry.subjectType === 'person') {
    expect(shownName).toMatch(/^.\*+$/u);
    await expect(page.locator('body')).not.toContainText(entry.name);
    expect(await page.content()).not.toContain(entry.idNumber);
  }
}

test('a revoked entry disappears from list, detail, API, search and back-navigation at once', async ({
  page,
  request,
}) => {
  const entry = await createPerson();
  // While listed, the person's ID number already finds nobody.
  const idAnswer = await expectPersonIdNotSearchable(page, request, entry.idNumber);

  // A citizen searches for the name in the browser.
  await page.goto('/');
  await page.getByRole('searchbox').fill(entry.name);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(searchUrl(entry.name));
  const card = resultCards(page).filter({ hasText: entry.caseNo });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(maskedId(entry.idNumber));
  expect(await page.content()).not.toContain(entry.idNumber);

  // …clicks through to the entry.
  const [detailResponse] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/entries/${entry.uid}`) && r.request().isNavigationRequest()),
    card.getByRole('link', { name: entry.name }).click(),
  ]);
  await expect(page).toHaveURL(`/entries/${entry.uid}`);
  expect(detailResponse.status()).toBe(200);
  expectNoStore(detailResponse.headers(), 'the detail page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.name);
  const main = page.locator('main');
  await expect(main).toContainText(maskedId(entry.idNumber));
  await expect(main).toContainText(entry.caseNo);
  expect(maskedId(entry.idNumber)).toMatch(/^\d{10}\*{4}\d{3}[\dX]$/);
  expect(await page.content()).not.toContain(entry.idNumber);
  expect(await detailResponse.text()).not.toContain(entry.idNumber);

  // The search page and the API carry no-store, and the API finds the entry (masked).
  const searchPage = await request.get(searchUrl(entry.name));
  expectNoStore(searchPage.headers(), 'the search page');
  expect(await searchPage.text()).not.toContain(entry.idNumber);
  const api = await request.get(`/api/v1/entries/${entry.uid}`);
  expect(api.status()).toBe(200);
  expectNoStore(api.headers(), 'GET /api/v1/entries/{uid}');
  const body = await api.text();
  expect(body).not.toContain(entry.idNumber);
  expect(JSON.parse(body)).toMatchObject({
    uid: entry.uid,
    name: entry.name,
    caseNo: entry.caseNo,
    idNumber: maskedId(entry.idNumber),
  });
  for (const q of searchableBy(entry)) expect(await apiSearchUids(request, q)).toContain(entry.uid);

  // The court revokes it. When this resolves, nothing may show it any more.
  await revokeEntry(entry.uid, { reason: '全部履行', actor: 'e2e' });

  // Back to the results page that was showing it: it must not show it now.
  await page.goBack();
  await expect(page).toHaveURL(searchUrl(entry.name));
  await expect(page.getByRole('heading', { level: 2, name: /未找到与/ })).toBeVisible();
  await expect(resultCards(page)).toHaveCount(0);
  // Forward again to the detail page: 404.
  await page.goForward();
  await expect(page).toHaveURL(`/entries/${entry.uid}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('未找到公示信息');
  // Reload of the detail page: 404.
  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('未找到公示信息');

  await expectGone(page, request, entry, idAnswer);
  // Not among the latest entries on the home page either.
  await page.goto('/');
  await expect(page.locator('main')).not.toContainText(entry.caseNo);

  await expectNotice(page, entry, '撤销');
});

test('a shielded entry disappears at once and is announced as 屏蔽', async ({ page, request }) => {
  const entry = await createPerson();
  const idAnswer = await expectPersonIdNotSearchable(page, request, entry.idNumber);
  expect(await apiSearchUids(request, entry.caseNo)).toContain(entry.uid);
  await page.goto(searchUrl(entry.name));
  await expect(resultCards(page).filter({ hasText: entry.caseNo })).toHaveCount(1);
  await resultCards(page).getByRole('link', { name: entry.name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.name);
  expect((await request.get(`/api/v1/entries/${entry.uid}`)).status()).toBe(200);

  await shieldEntry(entry.uid, { reason: '纳入错误', actor: 'e2e' });

  await page.goBack();
  await expect(page).toHaveURL(searchUrl(entry.name));
  await expect(resultCards(page)).toHaveCount(0);
  await expectGone(page, request, entry, idAnswer);
  await expectNotice(page, entry, '屏蔽');
});

test('a revoked organisation disappears at once; its notice shows the full name', async ({ page, request }) => {
  const entry = await createOrganization();
  const fragment = [...entry.name].slice(3, 5).join('');
  await page.goto(searchUrl(fragment));
  await expect(resultCards(page).filter({ hasText: entry.caseNo })).toHaveCount(1);
  for (const q of searchableBy(entry)) expect(await apiSearchUids(request, q)).toContain(entry.uid);

  await revokeEntry(entry.uid, { reason: '执行和解履行完毕', actor: 'e2e' });

  await page.reload();
  await expect(resultCards(page)).toHaveCount(0);
  await expectGone(page, request, entry);
  await expectNotice(page, entry, '撤销');
});

test('every response that shows entries is sent with Cache-Control: no-store', async ({ request }) => {
  const entry = await createPerson();
  for (const url of [
    '/',
    searchUrl(entry.name),
    `/entries/${entry.uid}`,
    '/notices',
    `/api/v1/entries/${entry.uid}`,
    `/api/v1/search?q=${encodeURIComponent(entry.name)}`,
  ]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expectNoStore(response.headers(), url);
  }
});

test('the removal of a restricted entry (never public) is not announced', async ({ page }) => {
  const entry = await createPerson({ disclosure: 'restricted' });
  await revokeEntry(entry.uid, { reason: '全部履行', actor: 'e2e' });
  await page.goto('/notices');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('失信被执行人名单撤销、屏蔽公告');
  await expect(page.getByTestId('notice-row').filter({ hasText: entry.caseNo })).toHaveCount(0);
  expect(await page.content()).not.toContain(entry.caseNo);
});
