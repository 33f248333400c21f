/**
 * Public reads of articles: only status 'published' is ever read here, so a withdrawal hides an article from every
 * page and the feed at once (pages render per request, nothing is cached). Every text passes scrubText (titles,
 * summaries; the body through lib/articles/markdown.ts), and a 典型案例's entry is read through the public read,
 * so the article shows of it only what the entry page shows, and nothing once it is no longer public.
 */
import 'server-only';
import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { articleFiles, articles } from '@/db/schema';
import { articleFileList } from '@/domain/publishing/articles';
import { getPublicEntry } from '@/domain/publishing/queries';
import { articleExcerpt, renderArticleBody } from '@/lib/articles/markdown';
import type { ArticleKind } from '@/lib/articles/terms';
import { scrubText } from '@/lib/disclosure';

export const ARTICLES_PAGE_SIZE = 15;

export type PublicArticleSummary = {
  id: number;
  kind: ArticleKind;
  title: string;
  excerpt: string;
  court: string | null;
  publishedAt: Date;
};

const published = eq(articles.status, 'published');

/** `%`, `_` and `\` typed into the search box are matched as themselves. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const summaryColumns = {
  id: articles.id,
  kind: articles.kind,
  title: articles.title,
  summary: articles.summary,
  body: articles.body,
  court: articles.court,
  publishedAt: articles.publishedAt,
};

type SummaryRow = { [K in keyof typeof summaryColumns]: (typeof articles.$inferSelect)[K] };

function toSummary(r: SummaryRow): PublicArticleSummary {
  return {
    id: r.id,
    kind: r.kind,
    title: scrubText(r.title),
    excerpt: r.summary ? scrubText(r.summary) : articleExcerpt(r.body),
    court: r.court,
    publishedAt: r.publishedAt!,
  };
}

/** One section's published articles, newest first, a page at a time; `q` matches the title or the body. */
export async function publishedArticles(query: { kind: ArticleKind; q?: string; page: number }) {
  const where: SQL | undefined = and(
    published,
    eq(articles.kind, query.kind),
    query.q ? or(ilike(articles.title, likePattern(query.q)), ilike(articles.body, likePattern(query.q))) : undefined,
  );
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(articles)
      .where(where)
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(ARTICLES_PAGE_SIZE)
      .offset((query.page - 1) * ARTICLES_PAGE_SIZE),
    db.select({ n: count() }).from(articles).where(where),
  ]);
  const n = total?.n ?? 0;
  return { articles: rows.map(toSummary), total: n, pageCount: Math.ceil(n / ARTICLES_PAGE_SIZE) };
}

/** The newest published articles of every kind (the home page, the feed). */
export async function latestArticles(limit: number): Promise<PublicArticleSummary[]> {
  const rows = await getDb()
    .select(summaryColumns)
    .from(articles)
    .where(published)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
  return rows.map(toSummary);
}

/** A published article of this kind, rendered; null for anything else (unknown, draft, in review, withdrawn). */
export async function publishedArticle(kind: ArticleKind, id: number) {
  const [row] = await getDb()
    .select()
    .from(articles)
    .where(and(eq(articles.id, id), eq(articles.kind, kind), published));
  if (!row) return null;
  const [files, entry] = await Promise.all([
    articleFileList(row.id),
    row.entryUid ? getPublicEntry(row.entryUid) : Promise.resolve(null),
  ]);
  const images = files.filter((f) => f.mediaType.startsWith('image/')).map((f) => f.id);
  return {
    id: row.id,
    kind: row.kind,
    title: scrubText(row.title),
    summary: row.summary ? scrubText(row.summary) : null,
    html: renderArticleBody(row.body, images),
    court: row.court,
    publishedAt: row.publishedAt!,
    files: files.map((f) => ({ ...f, fileName: scrubText(f.fileName) })),
    /** The linked entry as the entry page shows it, only while it is public. */
    entry: entry && { uid: entry.uid, name: entry.name, caseNo: entry.caseNo, court: entry.court },
  };
}

/** An attachment of a published article, for anyone. */
export async function publishedArticleFile(fileId: string) {
  const [row] = await getDb()
    .select({ fileName: articleFiles.fileName, mediaType: articleFiles.mediaType, content: articleFiles.content })
    .from(articleFiles)
    .innerJoin(articles, eq(articles.id, articleFiles.articleId))
    .where(and(eq(articleFiles.id, fileId), published));
  return row ? { ...row, fileName: scrubText(row.fileName) } : null;
}
