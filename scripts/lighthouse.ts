/**
 * npm run audit:lighthouse — Lighthouse's performance and accessibility scores for the home, search
 * and entry pages, in both display modes, with its mobile (default, simulated slow 4G and a 4× slower
 * CPU) and desktop presets, in Debian's Chromium. It audits a running site: start one first
 * (`npm start`, demo data on) and pass `--base http://127.0.0.1:3000` if it is elsewhere. Give the site a
 * wide read budget (READ_BUDGET_PER_MINUTE), or the audits' own requests are refused. Each page is loaded
 * once unscored (its first load pays for the browser's and the server's cold start, not the page's), then
 * audited RUNS times (`--runs N`, default 3); the run with the median performance score is reported, as
 * Lighthouse's own guidance on variability advises. Prints one line a page, mode and preset, and exits
 * non-zero when a median score is under 95.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type Result } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { UI_MODE_COOKIE } from '@/lib/ui-mode';
import { siteBase, sitePages } from './lib/running-site';

const GOAL = 95;
const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 3;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs takes a whole number of at least 1');
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
  const audit = (url: string, headers: Record<string, string>, config?: Config) =>
    lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: headers,
      },
      config,
    ).then((result) => {
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      return result.lhr;
    });
  const score = (lhr: Result, key: string) => Math.round((lhr.categories[key]?.score ?? 0) * 100);
  console.log(`Lighthouse against ${base}, median of ${RUNS} runs after one unscored load`);
  for (const page of pages) {
    await audit(base + page.path, {});
    for (const mode of modes)
      for (const preset of presets) {
        const runs: Result[] = [];
        for (let run = 0; run < RUNS; run++) runs.push(await audit(base + page.path, mode.headers, preset.config));
        runs.sort((a, b) => score(a, 'performance') - score(b, 'performance'));
        const median = runs[Math.floor(runs.length / 2)];
        if (!median) throw new Error('no run to report');
        const [performance, accessibility] = [score(median, 'performance'), score(median, 'accessibility')];
        if (performance < GOAL || accessibility < GOAL) below++;
        const metrics = METRICS.map(([id, label]) => `${label} ${median.audits[id]?.displayValue ?? '?'}`).join(', ');
        const all = runs.map((r) => score(r, 'performance')).join('/');
        console.log(
          `${page.name}\t${mode.name}\t${preset.name}\tperformance ${performance} (runs ${all})\t` +
            `accessibility ${accessibility}\t${metrics}`,
        );
      }
  }
} finally {
  await chrome.kill();
}
console.log(below === 0 ? `all median scores ≥ ${GOAL}` : `${below} median scores under ${GOAL}`);
process.exit(below === 0 ? 0 : 1);
