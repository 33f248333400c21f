/**
 * The public pages a visitor walks, one list: the size audit and axe in both display modes
 * (e2e/elder-mode.spec.ts) and the screenshots (scripts/screenshots.ts) go through it. A page list
 * needs a search that finds entries, one entry to open and the id of a 政策文件 to open.
 */
export type PublicPage = { name: string; path: string; status: number };
export type PageSubjects = { searchQuery: string; entryUid: string; policyId: number };

const search = (q: string) => `/search?${new URLSearchParams({ q }).toString()}`;

export function publicPages({ searchQuery, entryUid, policyId }: PageSubjects): PublicPage[] {
  const pages: [name: string, path: string, status?: number][] = [
    ['home', '/'],
    ['search', search(searchQuery)],
    ['search-none', search('查无此人甲乙丙')],
    ['search-errors', '/search?q=%E7%8E%8B&publishedFrom=2024-02-30'],
    ['entry', `/entries/${entryUid}`],
    ['check', '/check'],
    ['check-verify', '/check/verify'],
    ['apply', '/apply'],
    ['apply-correction', '/apply/correction'],
    ['apply-objection', '/apply/objection'],
    ['apply-repair', '/apply/repair'],
    ['apply-guarantee', '/apply/guarantee'],
    ['track', '/track'],
    ['notices', '/notices'],
    ['stats', '/stats'],
    ['departments', '/departments'],
    ['measures', '/measures'],
    ['articles-announcements', '/articles/announcements'],
    ['articles-news', '/articles/news'],
    ['articles-cases', '/articles/cases'],
    ['articles-policies', '/articles/policies'],
    ['article', `/articles/policies/${policyId}`],
    ['developers', '/developers'],
    ['sitemap', '/sitemap'],
    ['not-found', '/no-such-page', 404],
  ];
  return pages.map(([name, path, status = 200]) => ({ name, path, status }));
}

/** The names alone, for declaring one test a page before the entry and article exist. */
export const PUBLIC_PAGE_NAMES = publicPages({ searchQuery: '', entryUid: '', policyId: 0 }).map((p) => p.name);

/** The widths every public page must work at: a phone and a common laptop. */
export const AUDIT_VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1366, height: 768 },
] as const;
