/**
 * The public pages a visitor lands on: the home page's counts and latest entries, the
 * seed's 41 measures and 50 member units, and the layout on a phone.
 */
import { expect, test, type Page } from '@playwright/test';
import { SITE } from '@/lib/site';
import { SITE_SECTIONS } from '@/lib/site-map';
import { errorSummary, resultCards, searchUrl } from './fixtures';

const toNumber = (text: string) => Number(text.replace(/[^\d]/g, ''));

test('home shows the counts of public persons and organisations, the latest entries and the demo banner', async ({
  page,
}) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('诚信昆山 · 失信被执行人名单公示');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('失信被执行人名单查询');

  const persons = toNumber(await page.getByTestId('count-person').innerText());
  const organisations = toNumber(await page.getByTestId('count-organization').innerText());
  expect(persons).toBeGreaterThan(0);
  expect(organisations).toBeGreaterThan(0);
  await expect(page.getByTestId('count-person')).toContainText('人');
  await expect(page.getByTestId('count-organization')).toContainText('家');

  const latest = page.getByRole('region', { name: '最新公布' }).getByRole('article');
  await expect(latest.first()).toBeVisible();
  const n = await latest.count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(8);
  // Each links to its detail page, which is public.
  const href = await latest.first().getByRole('link').first().getAttribute('href');
  expect(href).toMatch(/^\/entries\//);
  const detail = await page.request.get(href!);
  expect(detail.status()).toBe(200);

  const banner = page.getByRole('note').filter({ hasText: '演示数据' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('均为虚构');

  // The main navigation marks the current page.
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '首页' })).toHaveAttribute('aria-current', 'page');
  for (const [name, path] of [
    ['名单查询', '/search'],
    ['撤销公告', '/notices'],
    ['联合惩戒措施', '/measures'],
    ['成员单位', '/departments'],
  ] as const) {
    await expect(nav.getByRole('link', { name })).toHaveAttribute('href', path);
  }
});

test('/measures lists the 41 measures with their implementing departments', async ({ page }) => {
  const response = await page.goto('/measures');
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('measure-count')).toHaveText('41');
  const items = page.locator('main ol > li');
  await expect(items).toHaveCount(41);
  await expect(page.locator('#measure-1')).toContainText('实施部门：');
  await expect(page.locator('#measure-41')).toBeAttached();
  for (const item of await items.all()) await expect(item).toContainText('实施部门：');
  await expect(
    page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '联合惩戒措施' }),
  ).toHaveAttribute('aria-current', 'page');
});

test('/departments shows the 50 member units, linking to their measures', async ({ page }) => {
  const response = await page.goto('/departments');
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('member-count')).toHaveText('50');
  const table = page.getByRole('table', { name: '成员单位及其实施的惩戒措施' });
  await expect(table.locator('tbody tr')).toHaveCount(50);
  await expect(table.getByRole('rowheader', { name: '市人大办' })).toBeVisible();

  // A measure link leads to that measure.
  const link = table.getByRole('link', { name: /^第\d+项$/ }).first();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/measures#measure-\d+$/);
  await link.click();
  await expect(page).toHaveURL(href!);
  await expect(page.locator(href!.slice('/measures'.length))).toBeVisible();
});

test('/notices lists recent revocations and shieldings with persons’ names masked', async ({ page }) => {
  const response = await page.goto('/notices');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('失信被执行人名单撤销、屏蔽公告');
  const rows = page.getByTestId('notice-row');
  // The demo data revokes and shields some entries within the notice period.
  await expect(rows.first()).toBeVisible();
  for (const row of (await rows.all()).slice(0, 20)) {
    await expect(row.locator('td').nth(1)).toHaveText(/^(撤销|屏蔽)$/);
    await expect(row.locator('td').nth(3)).toHaveText(/号$/);
  }

  // Paged, 20 at a time, with the total.
  const total = toNumber(await page.getByTestId('notice-total').innerText());
  expect(await rows.count()).toBe(Math.min(20, total));
  if (total > 20) await expect(page.getByRole('navigation', { name: '分页' })).toBeVisible();

  // Filtered by kind; a case number finds its notice.
  await page.getByLabel('类型', { exact: true }).selectOption('shielded');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/kind=shielded/);
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row.locator('td').nth(1)).toHaveText('屏蔽');
  const caseNo = await rows.first().locator('td').nth(3).innerText();
  await page.getByLabel('案号', { exact: true }).fill(caseNo);
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(caseNo);

  // A day that does not exist is refused with a message, not ignored.
  await page.goto('/notices?from=2024-02-30');
  await expect(errorSummary(page)).toContainText('起始日期不是有效日期');
  await expect(rows).toHaveCount(0);
});

test.describe('on a phone (375 px wide)', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  async function expectNoHorizontalScroll(page: Page, what: string) {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(clientWidth, `${what}: layout viewport width`).toBe(375);
    expect(scrollWidth, `${what}: page wider than the screen`).toBeLessThanOrEqual(clientWidth);
  }

  test('home has no horizontal scroll and the search box fits', async ({ page }) => {
    await page.goto('/');
    await expectNoHorizontalScroll(page, 'home');
    const box = await page.getByRole('searchbox').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await expect(page.getByRole('button', { name: '查询' })).toBeInViewport();
  });

  test('search results have no horizontal scroll', async ({ page }) => {
    for (const q of ['有限公司', '华信']) {
      await page.goto(searchUrl(q));
      await expect(resultCards(page).first()).toBeVisible();
      await expectNoHorizontalScroll(page, `search results for ${q}`);
    }
    await page.goto(searchUrl('王'));
    await expect(errorSummary(page)).toBeVisible();
    await expectNoHorizontalScroll(page, 'search error');
  });

  test('/notices is a list of cards, not a table to scroll sideways', async ({ page }) => {
    await page.goto('/notices');
    await expect(page.getByTestId('notice-card').first()).toBeVisible();
    await expect(page.getByTestId('notice-row').first()).toBeHidden();
    expect(await page.getByTestId('notice-card').count()).toBeLessThanOrEqual(20);
  });

  test('other pages have no horizontal scroll', async ({ page }) => {
    await page.goto('/search?q=%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8');
    const href = await resultCards(page).first().getByRole('link').first().getAttribute('href');
    for (const url of [href!, '/notices', '/measures', '/departments', '/entries/E2E-NO-SUCH-ENTRY']) {
      await page.goto(url);
      await expectNoHorizontalScroll(page, url);
    }
  });
});

test('entry and search pages are kept out of search engines (their copies would outlive a revocation)', async ({
  page,
  request,
}) => {
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain('Disallow: /entries/');
  expect(robots).toContain('Disallow: /search');
  await page.goto(searchUrl('有限公司'));
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  const href = await resultCards(page).first().getByRole('link').first().getAttribute('href');
  await page.goto(href!);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
});

test('the official identity: the banner, the city government, icons, the government footer and the 网站地图', async ({
  page,
  request,
}) => {
  await page.goto('/measures');
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: new RegExp(`^${SITE.platformName}`) })).toHaveAttribute('href', '/');
  await expect(header).toContainText(SITE.platformSubtitle);
  await expect(header.getByRole('link', { name: SITE.cityGovernment.name })).toHaveAttribute(
    'href',
    SITE.cityGovernment.url,
  );

  // Every item a government site's footer carries, with the values of config/site.json.
  const footer = page.getByRole('contentinfo');
  for (const text of [
    `主办单位：${SITE.sponsor}`,
    `承办单位：${SITE.organizer}`,
    `联系电话：${SITE.phone}`,
    `地址：${SITE.address}`,
    `工作时间：${SITE.hours}`,
    `网站标识码：${SITE.siteCode}`,
  ]) {
    await expect(footer).toContainText(text);
  }
  await expect(footer.getByRole('link', { name: SITE.icp.number })).toHaveAttribute('href', SITE.icp.url);
  await expect(footer.getByRole('link', { name: SITE.publicSecurity.number })).toHaveAttribute(
    'href',
    SITE.publicSecurity.url,
  );
  await expect(footer.getByRole('link', { name: SITE.errorReport.name })).toHaveAttribute('href', SITE.errorReport.url);

  // Icons: /favicon.ico (browsers ask for it unprompted), the SVG icon and the home-screen icon, all linked.
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  for (const rel of ['icon', 'apple-touch-icon']) {
    for (const href of await page
      .locator(`head link[rel="${rel}"]`)
      .evaluateAll((ls) => ls.map((l) => l.getAttribute('href')!))) {
      const icon = await request.get(href);
      expect(icon.status(), href).toBe(200);
      expect(icon.headers()['content-type'], href).toMatch(/^image\//);
    }
  }
  await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveCount(1);

  // The 网站地图 lists every section and page of the navigation, each reachable.
  await footer.getByRole('link', { name: '网站地图' }).click();
  await expect(page).toHaveURL('/sitemap');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('网站地图');
  const main = page.getByRole('main');
  for (const section of SITE_SECTIONS) {
    const region = main.getByRole('region', { name: section.title });
    for (const link of section.links) {
      await expect(region.getByRole('link', { name: link.label, exact: true })).toHaveAttribute('href', link.href);
      expect((await request.get(link.href)).status(), link.href).toBe(200);
    }
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('the navigation sits behind one 菜单 button, and the header leaves the page its screen', async ({ page }) => {
    await page.goto('/search');
    const nav = page.getByRole('navigation', { name: '主导航' });
    const menu = nav.getByRole('button', { name: /菜单/ });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(nav.getByRole('link', { name: '企业核查' })).toBeHidden();
    // The current section is named beside the button.
    await expect(menu).toContainText('名单查询');
    const headerHeight = (await page.getByRole('banner').boundingBox())!.height;
    expect(headerHeight, 'header height at 375 px').toBeLessThan(200);

    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    const link = nav.getByRole('link', { name: '企业核查' });
    await expect(link).toBeVisible();
    expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await link.click();
    await expect(page).toHaveURL('/check');
  });
});

test('not found: an unknown address and an unpublished entry each say what they are and where to go', async ({
  page,
}) => {
  const unknown = await page.goto('/no-such-page');
  expect(unknown?.status()).toBe(404);
  await expect(page).toHaveTitle('页面不存在 · 诚信昆山');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await expect(page.getByRole('main').getByRole('link', { name: '网站地图' })).toHaveAttribute('href', '/sitemap');

  const entry = await page.goto('/entries/E2E-NO-SUCH-ENTRY');
  expect(entry?.status()).toBe(404);
  await expect(page).toHaveTitle('未找到公示信息 · 诚信昆山');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('未找到公示信息');
  // The scope of the list, and the nationwide list for the rest: not finding a name here does not clear it.
  await expect(page.getByRole('main')).toContainText('不等于未被任何法院列入失信被执行人名单');
  await expect(page.getByRole('link', { name: '中国执行信息公开网' })).toHaveAttribute(
    'href',
    'https://zxgk.court.gov.cn/shixin/',
  );
});
