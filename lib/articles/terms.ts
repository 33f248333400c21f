/**
 * The vocabulary of articles (四(四), 四(五): publicity of the joint punishment work), the one copy: db/schema.ts
 * builds its enums from these tuples, the forms' zod schemas (lib/validation/articles.ts) their z.enum()s.
 */
import type { StaffRole } from '@/lib/auth/staff-identity';

export const ARTICLE_KINDS = ['announcement', 'news', 'case', 'policy'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/** draft → in_review → published → withdrawn; in_review → draft when the reviewer sends it back. */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'withdrawn'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const ARTICLE_EVENT_KINDS = [
  'created',
  'edited',
  'attached',
  'detached',
  'submitted',
  'returned',
  'published',
  'withdrawn',
] as const;
export type ArticleEventKind = (typeof ARTICLE_EVENT_KINDS)[number];

/** The kinds a role may write: a court clerk the court's 通报 under 信用动态, the credit office every kind. */
export function writableKinds(role: StaffRole): readonly ArticleKind[] {
  return role === 'court_clerk' ? ['news'] : ARTICLE_KINDS;
}

/** Each kind's section of the public site: /articles/<segment>. */
export const ARTICLE_SECTIONS = {
  announcement: 'announcements',
  news: 'news',
  case: 'cases',
  policy: 'policies',
} as const satisfies Record<ArticleKind, string>;

export function kindOfSection(segment: string): ArticleKind | null {
  const found = Object.entries(ARTICLE_SECTIONS).find(([, s]) => s === segment);
  return found ? (found[0] as ArticleKind) : null;
}

export function articlePath(a: { kind: ArticleKind; id: number }): string {
  return `/articles/${ARTICLE_SECTIONS[a.kind]}/${a.id}`;
}

/** Where an attachment is served: published articles' to anyone, others' to staff who write or review. */
export function attachmentPath(fileId: string): string {
  return `/articles/files/${fileId}`;
}

/** The RSS 2.0 feed of every section's published articles. */
export const FEED_PATH = '/articles/feed.xml';

export const ARTICLE_LIMITS = { title: 100, summary: 300, body: 50_000, note: 500, files: 10 } as const;

/** The actors of the seed's own text, loaded as the first 政策文件 (db/reference-data.ts): loaded, and issued by. */
export const SEED_ACTOR = 'system:seed';
export const SEED_ISSUER = 'system:seed-issuer';

/** The demo articles' reviewer (their author is `demo-seed`): two actors, as every published article has. */
export const DEMO_REVIEWER = 'demo-seed:review';
