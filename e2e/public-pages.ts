/**
 * The public pages a visitor walks, one list: the size audit and axe in both display modes
 * (e2e/elder-mode.spec.ts) go through it, and a screenshot script can too. `publicPages` needs an entry
 * (found by its name) and the id of an article to open.
 */
export type PublicPage = { label: string; path: string };

export function publicPages(subject: { name: string; uid: string }, articleId: number): PublicPage[] {
  return [
    { label: 'home', path: '/' },
    { label: 'search results', path: `/search?${new URLSearchParams({ q: subject.name }).toString()}` },
    { label: 'search with errors', path: '/search?q=%E7%8E%8B&publishedFrom=2024-02-30' },
    { label: 'entry', path: `/entries/${subject.uid}` },
    { label: 'check', path: '/check' },
    { label: 'apply', path: '/apply' },
    { label: 'apply: correction', path: '/apply/correction' },
    { label: 'apply: objection', path: '/apply/objection' },
    { label: 'apply: repair', path: '/apply/repair' },
    { label: 'track', path: '/track' },
    { label: 'notices', path: '/notices' },
    { label: 'stats', path: '/stats' },
    { label: 'departments', path: '/departments' },
    { label: 'measures', path: '/measures' },
    { label: 'articles: announcements', path: '/articles/announcements' },
    { label: 'articles: news', path: '/articles/news' },
    { label: 'articles: cases', path: '/articles/cases' },
    { label: 'articles: policies', path: '/articles/policies' },
    { label: 'article', path: `/articles/policies/${articleId}` },
    { label: 'site map', path: '/sitemap' },
  ];
}

/** The widths every public page must work at: a phone and a common laptop. */
export const AUDIT_VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1366, height: 768 },
] as const;
