import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ErrorSummary } from '@/components/error-summary';
import { Pagination } from '@/components/pagination';
import { noticeCourts, removalNotices, type RemovalNotice } from '@/domain/publishing/queries';
import { config } from '@/lib/config';
import { cstDate } from '@/lib/cst';
import { formatDate } from '@/lib/format';
import { REMOVAL_LABELS } from '@/lib/labels';
import { noticeParamsSchema } from '@/lib/validation/notices';
import { CourtSelect } from '@/components/court-select';

export const metadata: Metadata = { title: '撤销公告' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FIELDS = ['kind', 'from', 'to', 'caseNo', 'court'] as const;

export default async function NoticesPage({ searchParams }: Props) {
  await connection();
  const raw = await searchParams;
  const first = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
  const values = Object.fromEntries(FIELDS.map((k) => [k, first(k)?.slice(0, 100) ?? ''])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const parsed = noticeParamsSchema.safeParse({ ...values, page: first('page') });
  const days = config.noticeDays;
  const courts = await noticeCourts(days);
  const result = parsed.success ? await removalNotices({ days, ...parsed.data }) : null;
  const filtered = FIELDS.some((k) => values[k]);
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">失信被执行人名单撤销、屏蔽公告</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        失信被执行人全部履行义务、执行和解履行完毕或案件依法终结执行等，执行法院依法撤销或屏蔽其失信信息。以下为近{' '}
        {days} 日内撤销、屏蔽的名单信息，自然人姓名已隐去部分字符。
      </p>
      {!parsed.success && (
        <div className="mt-4">
          <ErrorSummary
            messages={parsed.error.issues.map((i) => ({
              field: (FIELDS as readonly string[]).includes(String(i.path[0]))
                ? `notice-${String(i.path[0])}`
                : undefined,
              message: i.message,
            }))}
          />
        </div>
      )}
      <NoticeFilters values={values} courts={courts} />
      {result &&
        (result.total === 0 ? (
          <p className="mt-6 rounded border border-slate-300 bg-white p-4" role="status">
            {filtered ? '没有符合条件的公告，请调整筛选条件。' : `近 ${days} 日内暂无撤销、屏蔽信息。`}
          </p>
        ) : (
          <section aria-labelledby="notices-count" className="mt-6">
            <h2 id="notices-count" className="font-semibold">
              共 <span data-testid="notice-total">{result.total}</span> 条公告
            </h2>
            <NoticeTable notices={result.notices} total={result.total} />
            <NoticeCards notices={result.notices} />
            <Pagination
              page={result.page}
              pageCount={result.pageCount}
              params={{ ...values, page: undefined }}
              path="/notices"
            />
          </section>
        ))}
    </main>
  );
}

function NoticeFilters({ values, courts }: { values: Record<(typeof FIELDS)[number], string>; courts: string[] }) {
  const input = 'mt-1 block min-h-11 w-full rounded border border-slate-500 bg-white px-3';
  return (
    <form
      method="get"
      action="/notices"
      className="mt-6 grid gap-4 rounded border border-slate-300 bg-white p-4 md:grid-cols-3"
    >
      <div>
        <label htmlFor="notice-kind">类型</label>
        <select id="notice-kind" name="kind" defaultValue={values.kind} className={input}>
          <option value="">全部</option>
          <option value="revoked">撤销</option>
          <option value="shielded">屏蔽</option>
        </select>
      </div>
      <div>
        <label htmlFor="notice-from">起始日期</label>
        <input id="notice-from" name="from" type="date" defaultValue={values.from} className={input} />
      </div>
      <div>
        <label htmlFor="notice-to">截止日期</label>
        <input id="notice-to" name="to" type="date" defaultValue={values.to} className={input} />
      </div>
      <div>
        <label htmlFor="notice-caseNo">案号</label>
        <input
          id="notice-caseNo"
          name="caseNo"
          defaultValue={values.caseNo}
          placeholder="如 (2024)苏0583执1234号"
          className={input}
        />
      </div>
      <div>
        <label htmlFor="notice-court">执行法院</label>
        <CourtSelect id="notice-court" value={values.court} courts={courts} className={input} />
      </div>
      <div className="flex items-end gap-3">
        <button
          type="submit"
          className="min-h-11 rounded bg-brand-700 px-6 font-semibold text-white hover:bg-brand-800"
        >
          筛选
        </button>
        <a href="/notices" className="inline-flex min-h-11 items-center text-brand-700 underline">
          清除条件
        </a>
      </div>
    </form>
  );
}

/** Wide screens: one row per notice. */
function NoticeTable({ notices, total }: { notices: RemovalNotice[]; total: number }) {
  const th = 'px-4 py-2 whitespace-nowrap';
  return (
    <div className="mt-3 hidden rounded border border-slate-300 bg-white md:block">
      <table className="w-full text-left">
        <caption className="sr-only">撤销、屏蔽公告，共 {total} 条</caption>
        <thead className="bg-brand-50">
          <tr>
            {['日期', '类型', '被执行人', '案号', '执行法院'].map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {notices.map((n) => (
            <tr key={n.uid} data-testid="notice-row">
              <td className="px-4 py-2 whitespace-nowrap">
                <time dateTime={cstDate(new Date(n.at))}>{formatDate(n.at)}</time>
              </td>
              <td className="px-4 py-2 whitespace-nowrap">{REMOVAL_LABELS[n.kind]}</td>
              <td className="px-4 py-2">{n.displayName}</td>
              <td className="px-4 py-2">{n.caseNo}</td>
              <td className="px-4 py-2">{n.court}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Phones: one card per notice, nothing to scroll sideways. */
function NoticeCards({ notices }: { notices: RemovalNotice[] }) {
  return (
    <ul className="mt-3 space-y-3 md:hidden">
      {notices.map((n) => (
        <li key={n.uid} data-testid="notice-card" className="rounded border border-slate-300 bg-white p-4">
          <p className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="text-lg font-semibold">{n.displayName}</span>
            <span className="rounded bg-brand-50 px-2 text-brand-800">{REMOVAL_LABELS[n.kind]}</span>
          </p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-700">日期</dt>
            <dd>
              <time dateTime={cstDate(new Date(n.at))}>{formatDate(n.at)}</time>
            </dd>
            <dt className="text-slate-700">案号</dt>
            <dd className="break-all">{n.caseNo}</dd>
            <dt className="text-slate-700">执行法院</dt>
            <dd>{n.court}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
