/**
 * WCAG 2.1 A/AA checks (axe) on every public page, the page language, and the keyboard
 * path a screen-reader or keyboard user takes: skip link first, then the search box.
 */
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { articles } from '@/db/schema';
import { SEED_ACTOR } from '@/lib/articles/terms';
import {
  closeRegistry,
  createOrganization,
  createPerson,
  errorSummary,
  expectNoAxeViolations,
  resultCards,
  searchUrl,
  type Created,
} from './fixtures';

let person: Created;
let organization: Created;
let seedPolicyId: number;

test.beforeAll(async () => {
  person = await createPerson();
  organization = await createOrganization();
  const [seed] = await getDb().select({ id: articles.id }).from(articles).where(eq(articles.author, SEED_ACTOR));
  seedPolicyId = seed!.id;
});
test.afterAll(closeRegistry);

const cases: { label: string; url: () => string; status: number }[] = [
  { label: 'home', url: () => '/', status: 200 },
  { label: 'search results (person)', url: () => searchUrl(person.name), status: 200 },
  { label: 'search results (many, with pagination and highlights)', url: () => searchUrl('有限公司'), status: 200 },
  { label: 'search without a query', url: () => '/search', status: 200 },
  { label: 'search with errors', url: () => searchUrl('王', { publishedFrom: '2024-02-30' }), status: 200 },
  { label: 'entry detail (person)', url: () => `/entries/${person.uid}`, status: 200 },
  { label: 'entry detail (organisation)', url: () => `/entries/${organization.uid}`, status: 200 },
  { label: 'notices', url: () => '/notices', status: 200 },
  { label: 'measures', url: () => '/measures', status: 200 },
  { label: 'departments', url: () => '/departments', status: 200 },
  { label: 'site map', url: () => '/sitemap', status: 200 },
  { label: 'articles: 信用动态', url: () => '/articles/news', status: 200 },
  { label: 'articles: 通知公告', url: () => '/articles/announcements', status: 200 },
  { label: 'articles: 典型案例', url: () => '/articles/cases', status: 200 },
  { label: 'articles: 政策文件', url: () => '/articles/policies', status: 200 },
  { label: 'articles: search with errors', url: () => '/articles/news?q=32058319800101123', status: 200 },
  { label: 'article detail (the seed)', url: () => `/articles/policies/${seedPolicyId}`, status: 200 },
  { label: '404 (unknown article)', url: () => '/articles/news/999999999', status: 404 },
  { label: '404 (unknown entry)', url: () => '/entries/E2E-NO-SUCH-ENTRY', status: 404 },
  { label: '404 (unknown page)', url: () => '/no-such-page', status: 404 },
];

for (const { label, url, status } of cases) {
  test(`axe: ${label}`, async ({ page }) => {
    const response = await page.goto(url());
    expect(response?.status()).toBe(status);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('main#main')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expectNoAxeViolations(page, `${label} (${url()})`);
  });
}

test('keyboard: skip link first, then the search box, submitted with Enter', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  // Visible while focused (it is sr-only otherwise).
  const box = await skip.boundingBox();
  expect(box && box.width > 10 && box.height > 10, 'skip link is visible when focused').toBe(true);

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await page.keyboard.press('Tab');
  const searchBox = page.getByRole('searchbox', { name: '姓名、单位名称、统一社会信用代码或案号' });
  await expect(searchBox).toBeFocused();

  await page.keyboard.type(person.name);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(searchUrl(person.name));
  await expect(resultCards(page)).toHaveCount(1);
  await expect(resultCards(page).first()).toContainText(person.caseNo);

  // The search box keeps the query and the results are reachable by Tab.
  await expect(page.getByRole('searchbox')).toHaveValue(person.name);
  const link = resultCards(page).first().getByRole('link', { name: person.name });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`/entries/${person.uid}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(person.name);
});

test('keyboard: the search box is reachable by Tab on the search page, and errors link to their field', async ({
  page,
}) => {
  await page.goto(searchUrl('王'));
  const summary = errorSummary(page);
  await expect(summary).toContainText('请至少输入 2 个字');
  const searchBox = page.getByRole('searchbox');
  await expect(searchBox).toHaveAttribute('aria-invalid', 'true');
  // The error message is announced with the field.
  const describedBy = (await searchBox.getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(' ')).toContain('q-error');
  await summary.getByRole('link', { name: '请至少输入 2 个字' }).click();
  await expect(page).toHaveURL(/#q$/);
  await expect(searchBox).toBeFocused();
});
