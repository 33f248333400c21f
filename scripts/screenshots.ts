/**
 * npm run screenshots — every public page at 1366 and 375 px wide, in 标准版 and 长辈版, full length,
 * as JPEG under docs/screenshots/ (named page-width-mode.jpg), replacing what is there. It photographs a
 * running site: start one first (`npm start`, demo data on, a wide READ_BUDGET_PER_MINUTE) and pass
 * `--base http://127.0.0.1:3000` if it is elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const OUT = path.join('docs', 'screenshots');
const base = process.argv.includes('--base')
  ? process.argv[process.argv.indexOf('--base') + 1]!
  : 'http://127.0.0.1:3000';
const ELDER_MODE_COOKIE = { name: 'ui_mode', value: 'elder' };
const WIDTHS = [1366, 375];

async function firstHref(pagePath: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(base + pagePath)).text();
  const href = pattern.exec(html)?.[0];
  if (!href) throw new Error(`nothing matching ${pattern} on ${base}${pagePath} — is the site running with demo data?`);
  return href.slice('href="'.length, -1).replaceAll('&amp;', '&');
}

const pages: { name: string; path: string }[] = [
  { name: 'home', path: '/' },
  { name: 'search', path: `/search?q=${encodeURIComponent('有限公司')}` },
  { name: 'entry', path: await firstHref(`/search?q=${encodeURIComponent('有限公司')}`, /href="\/entries\/[^"]+"/) },
  { name: 'search-none', path: `/search?q=${encodeURIComponent('查无此人甲乙丙')}` },
  { name: 'check', path: '/check' },
  { name: 'check-verify', path: '/check/verify' },
  { name: 'apply', path: '/apply' },
  { name: 'apply-correction', path: '/apply/correction' },
  { name: 'apply-objection', path: '/apply/objection' },
  { name: 'apply-repair', path: '/apply/repair' },
  { name: 'track', path: '/track' },
  { name: 'notices', path: '/notices' },
  { name: 'stats', path: '/stats' },
  { name: 'measures', path: '/measures' },
  { name: 'departments', path: '/departments' },
  { name: 'articles-announcements', path: '/articles/announcements' },
  { name: 'articles-news', path: '/articles/news' },
  { name: 'articles-cases', path: '/articles/cases' },
  { name: 'articles-policies', path: '/articles/policies' },
  { name: 'article', path: await firstHref('/articles/policies', /href="\/articles\/policies\/[^"]+"/) },
  { name: 'developers', path: '/developers' },
  { name: 'sitemap', path: '/sitemap' },
  { name: 'not-found', path: '/no-such-page' },
];

fs.mkdirSync(OUT, { recursive: true });
for (const f of fs.readdirSync(OUT)) if (f.endsWith('.jpg')) fs.rmSync(path.join(OUT, f));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const elder of [false, true])
    for (const width of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width, height: width > 500 ? 900 : 800 },
        deviceScaleFactor: 1,
        isMobile: width < 500,
        hasTouch: width < 500,
        locale: 'zh-CN',
      });
      if (elder) await context.addCookies([{ ...ELDER_MODE_COOKIE, url: base }]);
      const page = await context.newPage();
      for (const p of pages) {
        await page.goto(base + p.path, { waitUntil: 'networkidle' });
        const file = `${p.name}-${width}-${elder ? 'elder' : 'standard'}.jpg`;
        await page.screenshot({ path: path.join(OUT, file), fullPage: true, type: 'jpeg', quality: 60 });
        console.log(file);
      }
      await context.close();
    }
} finally {
  await browser.close();
}
console.log(`${pages.length * WIDTHS.length * 2} screenshots in ${OUT}`);
