import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ArticleList } from '@/components/articles/article-list';
import { ErrorSummary } from '@/components/error-summary';
import { Pagination } from '@/components/pagination';
import { publishedArticles } from '@/domain/publishing/public-articles';
import { ARTICLE_SECTIONS, FEED_PATH, kindOfSection, type ArticleKind } from '@/lib/articles/terms';
import { ARTICLE_KIND_LABELS } from '@/lib/labels';
import { articleListParamsSchema } from '@/lib/validation/articles';

type Props = {
  params: Promise<{ section: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** What each section holds, in the seed's words where it has them (四(四), 四(五)). */
const INTROS: Record<ArticleKind, string> = {
  announcement: '市信用办、市法院发布的通知和公告。',
  news: '联合惩戒动态和市法院的通报：参与联合惩戒单位所做的工作和取得的成效。',
  case: '对失信被执行人实施联合惩戒的典型案例。',
  policy: '失信被执行人联合惩戒的政策文件，首件为昆办发〔2017〕135号。',
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const kind = kindOfSection((await params).section);
  return {
    title: kind ? ARTICLE_KIND_LABELS[kind] : '未找到栏目',
    alternates: { types: { 'application/rss+xml': [{ url: FEED_PATH, title: '诚信昆山 · 信用动态与公告' }] } },
  };
}

export default async function ArticleSectionPage({ params, searchParams }: Props) {
  await connection();
  const kind = kindOfSection((await params).section);
  if (!kind) notFound();
  const raw = await searchParams;
  const first = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
  const typed = first('q')?.slice(0, 100) ?? '';
  const parsed = articleListParamsSchema.safeParse({ q: typed, page: first('page') });
  const result = parsed.success ? await publishedArticles({ kind, ...parsed.data }) : null;
  const path = `/articles/${ARTICLE_SECTIONS[kind]}`;
  const label = ARTICLE_KIND_LABELS[kind];
  return (
    <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">{label}</h1>
      <p className="mt-2 text-slate-800">{INTROS[kind]}</p>
      <form method="get" action={path} role="search" aria-label={`检索${label}`} className="mt-4 flex flex-wrap gap-2">
        <label htmlFor="article-q" className="sr-only">
          检索{label}的标题和正文
        </label>
        <input
          id="article-q"
          name="q"
          type="search"
          defaultValue={typed}
          maxLength={50}
          placeholder="标题或正文中的字词"
          aria-invalid={parsed.success ? undefined : true}
          className="min-h-11 flex-1 rounded border border-slate-500 bg-white px-3"
        />
        <button
          type="submit"
          className="min-h-11 rounded bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800"
        >
          检索
        </button>
      </form>
      {!parsed.success && (
        <div className="mt-4">
          <ErrorSummary
            messages={parsed.error.issues.map((i) => ({
              field: i.path[0] === 'q' ? 'article-q' : undefined,
              message: i.message,
            }))}
          />
        </div>
      )}
      {result && (
        <section aria-labelledby="articles-count" className="mt-6">
          <h2 id="articles-count" className="font-semibold">
            {parsed.data?.q && `检索“${parsed.data.q}”：`}共 <span data-testid="article-total">{result.total}</span> 篇
          </h2>
          <div className="mt-3">
            {result.total === 0 ? (
              <p className="rounded border border-slate-300 bg-white p-4" role="status">
                {parsed.data?.q ? '没有符合条件的文章，请换用其他字词。' : '本栏目暂无文章。'}
              </p>
            ) : (
              <ArticleList articles={result.articles} />
            )}
          </div>
          <Pagination
            page={parsed.data!.page}
            pageCount={result.pageCount}
            params={{ q: parsed.data?.q }}
            path={path}
          />
        </section>
      )}
      <p className="mt-6 text-sm">
        <a href={FEED_PATH} className="text-brand-700 underline">
          RSS 订阅（全部栏目）
        </a>
      </p>
    </main>
  );
}
