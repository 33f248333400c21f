import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { publishedArticle } from '@/domain/publishing/public-articles';
import { ARTICLE_SECTIONS, attachmentPath, FEED_PATH, kindOfSection } from '@/lib/articles/terms';
import { formatDate } from '@/lib/format';
import { ARTICLE_KIND_LABELS } from '@/lib/labels';

type Props = { params: Promise<{ section: string; id: string }> };

/** The article the address names, only if it is published in that section; per-request memo (metadata and page). */
const findArticle = cache(async (section: string, id: string) => {
  const kind = kindOfSection(section);
  if (!kind || !/^[1-9]\d{0,15}$/.test(id)) return { kind, article: null };
  return { kind, article: await publishedArticle(kind, Number(id)) };
});

const CREDIT_OFFICE = '昆山市社会信用体系建设领导小组办公室（市信用办）';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const { section, id } = await params;
  const { kind, article } = await findArticle(section, id);
  const sectionLabel = kind ? ARTICLE_KIND_LABELS[kind] : '文章';
  return {
    title: article ? `${article.title} · ${sectionLabel}` : `未找到该文章 · ${sectionLabel}`,
    alternates: { types: { 'application/rss+xml': [{ url: FEED_PATH, title: '诚信昆山 · 信用动态与公告' }] } },
  };
}

export default async function ArticlePage({ params }: Props) {
  await connection();
  const { section, id } = await params;
  const { kind, article } = await findArticle(section, id);
  if (!kind || !article) notFound();
  const sectionPath = `/articles/${ARTICLE_SECTIONS[kind]}`;
  return (
    <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-8">
      <nav aria-label="当前位置" className="text-sm text-slate-700">
        <a href="/" className="text-brand-700 underline">
          首页
        </a>{' '}
        ›{' '}
        <a href={sectionPath} className="text-brand-700 underline">
          {ARTICLE_KIND_LABELS[kind]}
        </a>
      </nav>
      <article className="mt-4 rounded border border-slate-300 bg-white p-6">
        <h1 className="text-2xl leading-snug font-bold">{article.title}</h1>
        <p className="mt-2 text-sm text-slate-700">
          发布时间：
          <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
          <span className="ml-4">来源：{article.court ?? CREDIT_OFFICE}</span>
        </p>
        {article.summary && <p className="mt-4 rounded bg-slate-100 p-3 text-slate-900">{article.summary}</p>}
        {/* Rendered on the server by lib/articles/markdown.ts: raw HTML off, links and images checked. */}
        <div className="article-body mt-6" dangerouslySetInnerHTML={{ __html: article.html }} />
        {article.entry && (
          <aside aria-labelledby="linked-entry" className="mt-6 rounded border border-slate-300 p-4">
            <h2 id="linked-entry" className="font-semibold">
              相关公示信息
            </h2>
            <p className="mt-1">
              <a href={`/entries/${encodeURIComponent(article.entry.uid)}`} className="text-brand-700 underline">
                {article.entry.name}
              </a>
              <span className="ml-2">{article.entry.caseNo}</span>
              <span className="ml-2 text-slate-700">{article.entry.court}</span>
            </p>
          </aside>
        )}
        {article.files.length > 0 && (
          <section aria-labelledby="attachments" className="mt-6">
            <h2 id="attachments" className="font-semibold">
              附件
            </h2>
            <ul className="mt-2 list-disc space-y-1 pl-6">
              {article.files.map((f) => (
                <li key={f.id}>
                  <a href={attachmentPath(f.id)} className="text-brand-700 underline">
                    {f.fileName}
                  </a>
                  <span className="ml-2 text-sm text-slate-700">（{Math.max(1, Math.round(f.size / 1024))} KB）</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
    </main>
  );
}
