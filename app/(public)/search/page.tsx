import type { Metadata } from 'next';
import { connection } from 'next/server';
import { EntryCard } from '@/components/entry-card';
import { ErrorSummary } from '@/components/error-summary';
import { ListScope } from '@/components/list-scope';
import { Pagination } from '@/components/pagination';
import { SearchForm } from '@/components/search-form';
import { listCourts } from '@/domain/publishing/queries';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { scrubText } from '@/lib/disclosure';
import { maskIdNumber } from '@/lib/mask';
import { searchPublic } from '@/domain/publishing/search';
import { MAX_PAGE, PAGE_SIZE, QUERY_MESSAGES } from '@/lib/search/limits';
import { filtersOf, parseSearchParams } from '@/lib/search/params';

export const metadata: Metadata = { title: '名单查询', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SearchPage({ searchParams }: Props) {
  await connection();
  const raw = await searchParams;
  const parsed = parseSearchParams(raw);
  const courts = await listCourts();
  const first = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
  const values = {
    q: first('q'),
    subjectType: first('subjectType'),
    court: first('court'),
    publishedFrom: first('publishedFrom'),
    publishedTo: first('publishedTo'),
  };

  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return (
      <Shell>
        <ErrorSummary
          messages={parsed.error.issues.map((i) => ({
            field: FORM_FIELDS.has(String(i.path[0])) ? String(i.path[0]) : undefined,
            message: i.message,
          }))}
        />
        <SearchForm values={values} courts={courts} errors={errors} />
      </Shell>
    );
  }

  const params = parsed.data;
  const result = await searchPublic(params.q, filtersOf(params), params.page);
  const queryError =
    result.status === 'too_short' || result.status === 'too_long' || result.status === 'person_id'
      ? QUERY_MESSAGES[result.status]
      : undefined;

  return (
    <Shell>
      {queryError && <ErrorSummary messages={[{ field: 'q', message: queryError }]} />}
      <SearchForm values={values} courts={courts} errors={queryError ? { q: queryError } : {}} />
      {result.status === 'empty' && (
        <p className="mt-6 rounded border border-slate-300 bg-white p-4">
          请输入姓名、单位名称、统一社会信用代码或案号后查询。本平台不提供名单的整体浏览。
        </p>
      )}
      {result.status === 'ok' && (
        <section className="mt-6" aria-labelledby="results-heading">
          <h2 id="results-heading" className="text-xl font-bold" aria-live="polite">
            {result.total === 0 ? (
              <>未找到与“{echo(params.q)}”相符的公示信息</>
            ) : (
              <>
                找到 <span data-testid="result-count">{result.total}</span> 条{result.totalIsLowerBound && '以上'}与“
                {echo(params.q)}”相符的公示信息
              </>
            )}
          </h2>
          {result.total === 0 && (
            <div className="mt-2 space-y-2 text-slate-800">
              <p>请核对是否为全称，或改用统一社会信用代码、案号查询（自然人的身份证号码不作查询条件）。</p>
              <ListScope />
            </div>
          )}
          {result.degraded && (
            <p role="status" className="mt-1 text-sm text-slate-700">
              全文检索服务暂时不可用，以下结果由基本检索提供。
            </p>
          )}
          {result.total > MAX_PAGE * PAGE_SIZE && (
            <p className="mt-1 text-sm text-slate-700">
              结果较多，仅显示前 {MAX_PAGE} 页，请输入更完整的名称、统一社会信用代码或案号。
            </p>
          )}
          <div className="mt-4 space-y-3">
            {result.entries.map((entry) => (
              <EntryCard key={entry.uid} entry={entry} query={params.q} />
            ))}
          </div>
          <Pagination page={result.page} pageCount={result.pageCount} params={{ ...values, page: undefined }} />
        </section>
      )}
    </Shell>
  );
}

/** Form fields an error can link to (page is not one). */
const FORM_FIELDS = new Set(['q', 'subjectType', 'court', 'publishedFrom', 'publishedTo']);

/**
 * The query as echoed in the heading. Anything shaped like a resident ID is masked as
 * everywhere else (maskIdNumber decides: an all-digit code can pass the USCC check too).
 */
function echo(q: string) {
  const id = normalizeIdentifierInput(q);
  return /^\d{15}$/.test(id) ? maskIdNumber(id) : scrubText(q);
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="mb-4 text-2xl font-bold">名单查询</h1>
      {children}
    </main>
  );
}
