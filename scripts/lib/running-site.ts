/**
 * What the scripts that look at a running site (screenshots, Lighthouse) share: its address (`--base`,
 * default http://127.0.0.1:3000) and the public pages to visit, found on the site itself — the demo data
 * always has companies, and the seed is always the first 政策文件.
 */
import { publicPages, type PublicPage } from '../../e2e/public-pages';

export const SEARCH_QUERY = '有限公司';

export function siteBase(): string {
  const i = process.argv.indexOf('--base');
  return i >= 0 ? process.argv[i + 1]! : 'http://127.0.0.1:3000';
}

/** The first match of `pattern` (one capture group) in the page at `path`. */
async function scrape(base: string, path: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(base + path)).text();
  const found = pattern.exec(html)?.[1];
  if (!found) throw new Error(`nothing matching ${pattern} on ${base}${path} — is the site running with demo data?`);
  return found;
}

export async function sitePages(base: string): Promise<PublicPage[]> {
  const searchPath = `/search?q=${encodeURIComponent(SEARCH_QUERY)}`;
  const entryUid = await scrape(base, searchPath, /href="\/entries\/([^"?#]+)/);
  const policyId = Number(await scrape(base, '/articles/policies', /href="\/articles\/policies\/(\d+)"/));
  return publicPages({ searchQuery: SEARCH_QUERY, entryUid, policyId });
}
