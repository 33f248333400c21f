import type { PublicArticleSummary } from '@/domain/publishing/public-articles';
import { articlePath } from '@/lib/articles/terms';
import { formatDate } from '@/lib/format';
import { ARTICLE_KIND_LABELS } from '@/lib/labels';

/** Published articles as links, newest first; `withKind`: each says its section (the home page mixes them). */
export function ArticleList({ articles, withKind = false }: { articles: PublicArticleSummary[]; withKind?: boolean }) {
  return (
    <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white" data-testid="article-list">
      {articles.map((a) => (
        <li key={a.id} className="p-4" data-testid="article-item">
          <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
            <a href={articlePath(a)} className="font-semibold text-brand-700 underline">
              {withKind && <span className="mr-2 text-slate-700 no-underline">[{ARTICLE_KIND_LABELS[a.kind]}]</span>}
              {a.title}
            </a>
            <time dateTime={a.publishedAt.toISOString()} className="shrink-0 text-sm text-slate-700">
              {formatDate(a.publishedAt)}
            </time>
          </div>
          {!withKind && a.excerpt && <p className="mt-1 text-sm text-slate-800">{a.excerpt}</p>}
        </li>
      ))}
    </ul>
  );
}
