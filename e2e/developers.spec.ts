/**
 * /developers (the integration guide for the court's and the departments' IT staff) and
 * the OpenAPI document it links to.
 */
import { expect, test, type Page } from '@playwright/test';
import { ERROR_CODES } from '@/lib/validation/errors';
import { expectNoAxeViolations } from './fixtures';
import { SPC_GROUNDS } from '@/lib/removal-grounds';
import { FIELD_DOCS } from '@/lib/entry-fields';

const FIELDS = Object.keys(FIELD_DOCS) as (keyof typeof FIELD_DOCS)[];

async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(clientWidth).toBe(375);
  expect(scrollWidth, 'page wider than the screen').toBeLessThanOrEqual(clientWidth);
}

test('/developers documents every push field, error code and ground, and passes axe', async ({ page }) => {
  const response = await page.goto('/developers');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('开发者接入说明 · 诚信昆山');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('开发者接入说明');
  // For API users: the server's own commands (issuing keys) are in the README, not here.
  await expect(page.getByRole('main')).not.toContainText('npm run');

  const fields = page.getByRole('table', { name: '推送字段及是否必填' });
  await expect(fields.locator('tbody tr')).toHaveCount(FIELDS.length);
  for (const field of FIELDS) {
    const row = fields.getByRole('row').filter({ has: page.getByRole('rowheader', { name: field, exact: true }) });
    await expect(row, field).toContainText(FIELD_DOCS[field].label);
  }
  // Per subject type: 性别 is required of persons and not sent for organisations.
  const gender = fields.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'gender', exact: true }) });
  await expect(gender.locator('td').nth(2)).toHaveText('必填');
  await expect(gender.locator('td').nth(3)).toHaveText('不填');

  const fieldErrors = page.getByRole('table', { name: '字段错误代码（error.fields[].code）' });
  await expect(fieldErrors.locator('tbody tr')).toHaveCount(Object.keys(ERROR_CODES).length);
  await expect(page.getByTestId('spc-grounds').getByRole('listitem')).toHaveText([...SPC_GROUNDS]);

  await expect(page.getByRole('link', { name: '/api/v1/openapi.json' }).first()).toHaveAttribute(
    'href',
    '/api/v1/openapi.json',
  );
  await expect(page.getByRole('contentinfo').getByRole('link', { name: /开发者接入说明/ })).toHaveAttribute(
    'href',
    '/developers',
  );
  await expect(page.locator('main pre code').first()).toBeVisible();

  // Headings go down one level at a time.
  const levels = await page
    .locator('main')
    .evaluate((main) => [...main.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])));
  expect(levels[0]).toBe(1);
  for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);

  await expectNoAxeViolations(page, '/developers');
});

test.describe('on a phone (375 px wide)', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('/developers has no horizontal scroll: wide tables and code scroll inside their frame', async ({ page }) => {
    await page.goto('/developers');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, '/developers at 375 px');
  });
});

test('GET /api/v1/openapi.json serves the OpenAPI 3.1 document, uncached', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  expect(response.headers()['cache-control']).toContain('no-store');
  const doc = (await response.json()) as {
    openapi: string;
    info: { title: string };
    paths: Record<string, unknown>;
    components: { schemas: Record<string, { oneOf?: { properties: object }[] }> };
  };
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.info.title).toBe('诚信昆山 失信被执行人名单公示平台 API');
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(['/api/v1/search', '/api/v1/court/entries/{uid}', '/api/v1/openapi.json']),
  );
  // One variant per subject type, each listing every field.
  const variants = doc.components.schemas.EntryPush!.oneOf!;
  expect(variants).toHaveLength(2);
  for (const variant of variants) expect(Object.keys(variant.properties)).toEqual(FIELDS);
});
