/**
 * npm run screenshots — every public page at 1366 and 375 px wide, in 标准版 and 长辈版, full length,
 * as JPEG under docs/screenshots/ (named page-width-mode.jpg), replacing what is there. It photographs a
 * running site: start one first (`npm start`, demo data on, a wide READ_BUDGET_PER_MINUTE) and pass
 * `--base http://127.0.0.1:3000` if it is elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { UI_MODE_COOKIE } from '@/lib/ui-mode';
import { siteBase, sitePages } from './lib/running-site';

const OUT = path.join('docs', 'screenshots');
const WIDTHS = [1366, 375];
const base = siteBase();
const pages = await sitePages(base);

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
      if (elder) await context.addCookies([{ name: UI_MODE_COOKIE, value: 'elder', url: base }]);
      const page = await context.newPage();
      for (const p of pages) {
        await page.goto(base + p.path, { waitUntil: 'networkidle' });
        const file = `${p.name}-${width}-${elder ? 'elder' : 'standard'}.jpg`;
        await page.screenshot({ path: path.join(OUT, file), fullPage: true, type: 'jpeg', quality: 50 });
        console.log(file);
      }
      await context.close();
    }
} finally {
  await browser.close();
}
console.log(`${pages.length * WIDTHS.length * 2} screenshots in ${OUT}`);
