/**
 * npm run audit:lighthouse — Lighthouse's performance and accessibility scores for the home, search
 * and entry pages, in both display modes, with its mobile (default, simulated slow 4G and a 4× slower
 * CPU) and desktop presets, in Debian's Chromium. It audits a running site: start one first
 * (`npm start`, demo data on) and pass `--base http://127.0.0.1:3000` if it is elsewhere. Give the site a
 * wide read budget (READ_BUDGET_PER_MINUTE), or the audits' own requests are refused. Prints one line a
 * page, mode and preset, and exits non-zero when a score is under 95.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { UI_MODE_COOKIE } from '@/lib/ui-mode';
import { siteBase, sitePages } from './lib/running-site';

const GOAL = 95;
const AUDITED = ['home', 'search', 'entry'];
const base = siteBase();
const pages = (await sitePages(base)).filter((p) => AUDITED.includes(p.name));
const modes: { name: string; headers: Record<string, string> }[] = [
  { name: '标准版', headers: {} },
  { name: '长辈版', headers: { Cookie: `${UI_MODE_COOKIE}=elder` } },
];
/** What the performance score is made of, to show what holds a score down. */
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
] as const;
const presets: { name: string; config?: Config }[] = [
  { name: 'mobile', config: undefined },
  { name: 'desktop', config: desktopConfig },
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
let below = 0;
try {
  console.log(`Lighthouse against ${base}`);
  for (const page of pages)
    for (const mode of modes)
      for (const preset of presets) {
        const result = await lighthouse(
          base + page.path,
          {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility'],
            extraHeaders: mode.headers,
          },
          preset.config,
        );
        const categories = result?.lhr.categories;
        const score = (key: string) => Math.round((categories?.[key]?.score ?? 0) * 100);
        const [performance, accessibility] = [score('performance'), score('accessibility')];
        if (performance < GOAL || accessibility < GOAL) below++;
        const audits = result?.lhr.audits;
        const metrics = METRICS.map(([id, label]) => `${label} ${audits?.[id]?.displayValue ?? '?'}`).join(', ');
        console.log(
          `${page.name}\t${mode.name}\t${preset.name}\tperformance ${performance}\taccessibility ${accessibility}\t` +
            metrics,
        );
      }
} finally {
  await chrome.kill();
}
console.log(below === 0 ? `all scores ≥ ${GOAL}` : `${below} audits under ${GOAL}`);
process.exit(below === 0 ? 0 : 1);
