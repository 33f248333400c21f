/**
 * 长辈版 (elder-friendly mode) and the size rules of both modes, in a real browser:
 * - the header's switch works without JavaScript, is remembered across pages, and refuses a way back off the site;
 * - 长辈版's home page is the three tasks;
 * - every public page (e2e/public-pages.ts) at 375 and 1366 px in both modes: targets ≥ 24 × 24 px (44 × 44 in
 *   长辈版; links in running text exempt), checkboxes ≥ 20 px, text ≥ 16 px (20 in 长辈版), chart labels ≥ 12 px as
 *   drawn, no sideways scrolling, and axe (WCAG 2.1 AA). One page load per page, mode and width.
 */
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { articles } from '@/db/schema';
import { SEED_ACTOR } from '@/lib/articles/terms';
import { UI_MODE_COOKIE, type UiMode } from '@/lib/ui-mode';
import { closeRegistry, createPerson, expectNoAxeViolations, searchUrl, type Created } from './fixtures';
import { AUDIT_VIEWPORTS, PUBLIC_PAGE_NAMES, publicPages } from './public-pages';
import { signInAs } from './staff-fixtures';

let person: Created;
let seedPolicyId: number;

test.beforeAll(async () => {
  person = await createPerson();
  const [seed] = await getDb().select({ id: articles.id }).from(articles).where(eq(articles.author, SEED_ACTOR));
  seedPolicyId = seed!.id;
});
test.afterAll(closeRegistry);

const htmlMode = (page: Page) => page.locator('html').getAttribute('data-mode');

test.describe('the switch, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('长辈版 is one link in the header, comes back to the same page and is remembered', async ({ page }) => {
    const results = searchUrl(person.name);
    await page.goto(results);
    expect(await htmlMode(page)).toBe('standard');
    await page.getByRole('banner').getByRole('link', { name: '长辈版' }).click();
    await expect(page).toHaveURL(results);
    expect(await htmlMode(page)).toBe('elder');
    await expect(page.getByRole('main')).toContainText(person.caseNo);
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === UI_MODE_COOKIE);
    expect(cookie?.value).toBe('elder');
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(364 * 86_400);

    // Remembered on the next page, and on the home page: the three tasks, nothing else.
    await page.goto('/measures');
    expect(await htmlMode(page)).toBe('elder');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('20px');
    await page.goto('/');
    const tasks = page.getByTestId('elder-tasks');
    await expect(tasks.getByRole('heading', { level: 2 })).toHaveText([
      '1. 查询失信名单',
      '2. 核查交易对象',
      '3. 申请纠错、异议，查询办理进度',
    ]);
    await expect(page.getByRole('heading', { name: '最新公布' })).toHaveCount(0);
    await expect(page.getByTestId('count-person')).toHaveCount(0);
    for (const [name, href] of [
      ['开始核查', '/check'],
      ['提出申请', '/apply'],
      ['查询办理进度', '/track'],
    ] as const) {
      await expect(tasks.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
    }
    await tasks.getByRole('searchbox').fill(person.name);
    await tasks.getByRole('button', { name: '查询' }).click();
    await expect(page).toHaveURL(results);
    await expect(page.getByRole('main')).toContainText(person.caseNo);

    // And back to 标准版 the same way.
    await page.getByRole('banner').getByRole('link', { name: '标准版' }).click();
    await expect(page).toHaveURL(results);
    expect(await htmlMode(page)).toBe('standard');
    await page.goto('/');
    await expect(page.getByRole('heading', { name: '最新公布' })).toBeVisible();
    await expect(page.getByTestId('elder-tasks')).toHaveCount(0);
  });

  test('the staff portal keeps its own size', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: UI_MODE_COOKIE, value: 'elder', url: baseURL! }]);
    await page.goto('/admin/sign-in');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('17px');
  });
});

test('the staff forms’ checkboxes are 20 px too', async ({ page }) => {
  await signInAs(page, 'admin');
  for (const path of ['/admin/api-keys', '/admin/users']) {
    await page.goto(path);
    const sizes = await page
      .locator('input[type=checkbox]:visible')
      .evaluateAll((boxes) =>
        boxes.map((b) => Math.min(b.getBoundingClientRect().width, b.getBoundingClientRect().height)),
      );
    expect(sizes.length, path).toBeGreaterThan(0);
    for (const size of sizes) expect(size, path).toBeGreaterThanOrEqual(20);
  }
});

test('a way back off the site, or an unknown mode, is refused and sets nothing', async ({ request }) => {
  const refused = ['//evil.com', 'https://evil.com', '/\\evil.com', '/\\/evil.com', 'evil.com', '/\t/evil.com'];
  for (const back of refused) {
    const response = await request.get(`/mode?${new URLSearchParams({ to: 'elder', back }).toString()}`, {
      maxRedirects: 0,
    });
    expect(response.status(), back).toBe(400);
    expect(response.headers()['location'], back).toBeUndefined();
    expect(response.headers()['set-cookie'], back).toBeUndefined();
    expect(await response.text()).toContain('只能返回本站的页面');
  }
  const unknown = await request.get('/mode?to=large&back=/', { maxRedirects: 0 });
  expect(unknown.status()).toBe(400);
  expect(unknown.headers()['set-cookie']).toBeUndefined();

  const fine = await request.get(`/mode?${new URLSearchParams({ to: 'elder', back: '/notices?page=2' })}`, {
    maxRedirects: 0,
  });
  expect(fine.status()).toBe(303);
  expect(fine.headers()['location']).toBe('/notices?page=2');
  expect(fine.headers()['set-cookie']).toMatch(/^ui_mode=elder; Path=\/; Max-Age=31536000; SameSite=Lax/);
});

/** What the size rules find wrong on the page as shown, as readable lines (empty: all good). */
function sizeProblems(page: Page, mode: UiMode): Promise<string[]> {
  return page.evaluate((elder) => {
    const problems: string[] = [];
    const target = elder ? 44 : 24;
    const minText = elder ? 20 : 16;
    const describe = (el: Element) => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const id = el.id ? `#${el.id}` : '';
      const name = el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '';
      return `<${el.tagName.toLowerCase()}${id}${name}> "${text}"`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return el.checkVisibility({ visibilityProperty: true }) && r.width > 1 && r.height > 1;
    };
    const fits = (r: DOMRect, w: number, h: number) => r.width >= w - 0.5 && r.height >= h - 0.5;

    const targets = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary');
    for (const el of targets) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      const size = `${r.width.toFixed(1)}×${r.height.toFixed(1)}`;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        if (!fits(r, 20, 20)) problems.push(`checkbox ${size} < 20×20: ${describe(el.closest('label') ?? el)}`);
        const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
        const area = label?.getBoundingClientRect();
        if (elder && (!area || !fits(area, target, target)))
          problems.push(`checkbox's label ${area?.height.toFixed(1)} tall < ${target}: ${describe(label ?? el)}`);
        continue;
      }
      // Links in running text are exempt (WCAG 2.2 2.5.8, "inline").
      if (el.tagName === 'A' && el.closest('p, .article-body')) continue;
      if (!fits(r, target, target)) problems.push(`target ${size} < ${target}×${target}: ${describe(el)}`);
    }

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || checked.has(el) || !node.textContent?.trim() || el.closest('svg, script, style, noscript')) continue;
      checked.add(el);
      if (!shown(el)) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < minText - 0.05) problems.push(`text ${px.toFixed(1)} px < ${minText}: ${describe(el)}`);
    }

    for (const text of document.querySelectorAll('svg text')) {
      if (!shown(text) || !text.textContent?.trim()) continue;
      const scale = (text as SVGTextElement).getScreenCTM()?.a ?? 1;
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (px < 12 - 0.05) problems.push(`chart text ${px.toFixed(1)} px < 12: "${text.textContent}"`);
    }

    if (elder && parseFloat(getComputedStyle(document.body).fontSize) < 20) problems.push('body text < 20 px');
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow} px`);
    return problems;
  }, mode === 'elder');
}

for (const mode of ['standard', 'elder'] as const) {
  for (const viewport of AUDIT_VIEWPORTS) {
    test.describe(`${mode} at ${viewport.width} px`, () => {
      test.use({ viewport });
      for (const name of PUBLIC_PAGE_NAMES) {
        test(`sizes and axe: ${name}`, async ({ page, context, baseURL }) => {
          test.slow(); // axe and the measuring on long pages (/departments, /measures) take a while on a busy machine
          await context.addCookies([{ name: UI_MODE_COOKIE, value: mode, url: baseURL! }]);
          const pages = publicPages({ searchQuery: person.name, entryUid: person.uid, policyId: seedPolicyId });
          const { path, status } = pages.find((p) => p.name === name)!;
          const response = await page.goto(path);
          expect(response?.status()).toBe(status);
          expect(await htmlMode(page)).toBe(mode);
          // On a phone the navigation's links are behind 菜单: open it, so they are measured too.
          const menu = page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '菜单' });
          if (await menu.isVisible()) {
            await expect(async () => {
              if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
              await expect(menu).toHaveAttribute('aria-expanded', 'true', { timeout: 500 });
            }).toPass();
          }
          expect(await sizeProblems(page, mode), `${mode}, ${viewport.width} px, ${path}`).toEqual([]);
          await expectNoAxeViolations(page, `${name} (${mode}, ${viewport.width} px)`);
        });
      }
    });
  }
}
