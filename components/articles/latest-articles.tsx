import { latestArticles } from '@/domain/publishing/public-articles';
import { ARTICLE_SECTIONS, ARTICLE_KINDS } from '@/lib/articles/terms';
import { ARTICLE_KIND_LABELS } from '@/lib/labels';
import { ArticleList } from './article-list';

/** The home page's newest articles of every section, read per request with the page (nothing outlives a withdrawal). */
export async function LatestArticles({ limit = 6 }: { limit?: number }) {
  const articles = await latestArticles(limit);
  return (
    <section className="mt-8" aria-labelledby="latest-articles-heading" data-testid="latest-articles">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="latest-articles-heading" className="text-xl font-bold">
          信用动态与公告
        </h2>
        <p className="flex flex-wrap gap-x-4 text-sm">
          {ARTICLE_KINDS.map((kind) => (
            <a key={kind} href={`/articles/${ARTICLE_SECTIONS[kind]}`} className="text-brand-700 underline">
              {ARTICLE_KIND_LABELS[kind]}
            </a>
          ))}
        </p>
      </div>
      <div className="mt-3">
        {articles.length === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-4">暂无发布的文章。</p>
        ) : (
          <ArticleList articles={articles} withKind />
        )}
      </div>
    </section>
  );
}
