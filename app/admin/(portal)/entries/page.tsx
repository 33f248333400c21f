import type { Metadata } from 'next';
import { listCourts } from '@/domain/publishing/queries';
import { searchEntriesForStaff } from '@/db/staff-queries';
import { buttonClass, inputClass } from '@/components/admin/fields';
import { StaffTable } from '@/components/admin/staff-table';
import { ErrorSummary } from '@/components/error-summary';
import { Pagination } from '@/components/pagination';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import { formatDate } from '@/lib/format';
import { DISCLOSURE_LABELS, DISPLAY_STATUS_LABELS } from '@/lib/labels';
import {
  classifyStaffQuery,
  hasFilters,
  parseStaffSearch,
  STAFF_PAGE_SIZE,
  STAFF_SEARCH_KEYS,
} from '@/lib/validation/staff-search';
import { DISPLAY_STATUSES } from '@/lib/entry-input';

export const metadata: Metadata = { title: '名单信息' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type Values = Partial<Record<(typeof STAFF_SEARCH_KEYS)[number], string>>;

/** Form fields an error can link to (page is not one). */
const FORM_FIELDS = new Set(['q', 'status', 'court', 'disclosure', 'publishedFrom', 'publishedTo']);

export default async function StaffEntriesPage({ searchParams }: Props) {
  await requireStaff(capabilityOf('/admin/entries')!);
  const raw = await searchParams;
  const first = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
  const values: Values = Object.fromEntries(STAFF_SEARCH_KEYS.map((k) => [k, first(k)?.slice(0, 200)]));
  const courts = await listCourts();

  const parsed = parseStaffSearch(raw);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
  const classified = parsed.success ? classifyStaffQuery(parsed.data.q) : null;
  if (classified && !classified.ok) issues.push({ field: 'q', message: classified.message });
  if (parsed.success && parsed.data.court && !courts.includes(parsed.data.court))
    issues.push({ field: 'court', message: '没有这个执行法院的名单信息，请从列表中选择' });
  const errors = Object.fromEntries(issues.map((i) => [i.field, i.message]));

  const params = parsed.success ? parsed.data : null;
  const searching = issues.length === 0 && params && classified?.ok && (params.q.trim() !== '' || hasFilters(params));
  const result = searching
    ? await searchEntriesForStaff(params.q.trim() ? classified.query : null, params, params.page)
    : null;

  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">名单信息</h1>
      <p className="mt-2 text-slate-800">
        按身份证号码、统一社会信用代码、组织机构代码、案号、姓名（名称）、信息唯一标识或申请查询号查找，包括已撤销、已屏蔽、已过有效期和依法不宜公开的信息；不填查询内容时按筛选条件列出全部。
      </p>
      {issues.length > 0 && (
        <div className="mt-4">
          <ErrorSummary
            messages={issues.map((i) => ({
              field: FORM_FIELDS.has(i.field) ? i.field : undefined,
              message: i.message,
            }))}
          />
        </div>
      )}
      <StaffSearchForm values={values} courts={courts} errors={errors} />
      {result && params && (
        <section className="mt-6" aria-labelledby="results-heading">
          <h2 id="results-heading" className="text-xl font-bold">
            查找结果
          </h2>
          <p className="mt-1" role="status">
            {result.total === 0 ? (
              '未找到匹配的名单信息。'
            ) : (
              <>
                找到 <span data-testid="staff-result-count">{result.total}</span> 条
                {result.pageCount > 1 && `，第 ${params.page} 页 / 共 ${result.pageCount} 页`}
              </>
            )}
          </p>
          {result.total > 0 && result.rows.length === 0 && (
            <p className="mt-2">
              第 {params.page} 页没有内容（共 {result.pageCount} 页）。
            </p>
          )}
          {result.rows.length > 0 && (
            <div className="mt-2">
              <StaffTable
                headers={['案号', '被执行人', '证件号码', '执行法院', '状态', '发布时间', '有效期至']}
                minWidth="64rem"
                caption="名单信息查找结果"
              >
                {result.rows.map((r) => (
                  <tr key={r.uid} data-testid="staff-entry-row" data-uid={r.uid}>
                    <td className="px-3 py-2">
                      <a href={`/admin/entries/${encodeURIComponent(r.uid)}`} className="text-brand-700 underline">
                        {r.caseNo}
                      </a>
                    </td>
                    <td className="px-3 py-2">{r.name}</td>
                    <td className="px-3 py-2 font-mono break-all" data-testid="staff-entry-identifier">
                      {r.identifier ?? '—'}
                    </td>
                    <td className="px-3 py-2">{r.court}</td>
                    <td className="px-3 py-2" data-testid="staff-entry-status">
                      {DISPLAY_STATUS_LABELS[r.displayStatus]}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.publishedAt)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {r.validUntil ? formatDate(r.validUntil) : '撤销前长期有效'}
                    </td>
                  </tr>
                ))}
              </StaffTable>
            </div>
          )}
          <Pagination
            page={params.page}
            pageCount={result.pageCount}
            path="/admin/entries"
            params={{ ...values, page: undefined }}
          />
          {result.pageCount > 1 && (
            <p className="mt-2 text-sm text-slate-700">每页 {STAFF_PAGE_SIZE} 条，按发布时间从新到旧排列。</p>
          )}
        </section>
      )}
    </main>
  );
}

function StaffSearchForm({
  values,
  courts,
  errors,
}: {
  values: Values;
  courts: string[];
  errors: Record<string, string>;
}) {
  const described = (k: string, hint?: string) =>
    [hint, errors[k] && `${k}-error`].filter(Boolean).join(' ') || undefined;
  const error = (k: string) =>
    errors[k] && (
      <p id={`${k}-error`} className="mt-1 text-sm font-semibold text-accent-600">
        <span className="sr-only">错误：</span>
        {errors[k]}
      </p>
    );
  const select = (k: 'status' | 'court' | 'disclosure', label: string, options: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={k} className="mb-1 block">
        {label}
      </label>
      <select
        id={k}
        name={k}
        defaultValue={values[k] ?? ''}
        className={inputClass}
        aria-describedby={described(k)}
        aria-invalid={errors[k] ? true : undefined}
      >
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error(k)}
    </div>
  );
  const date = (k: 'publishedFrom' | 'publishedTo', label: string) => (
    <div>
      <label htmlFor={k} className="mb-1 block">
        {label}
      </label>
      <input
        id={k}
        name={k}
        type="date"
        defaultValue={values[k] ?? ''}
        className={inputClass}
        aria-describedby={described(k)}
        aria-invalid={errors[k] ? true : undefined}
      />
      {error(k)}
    </div>
  );
  return (
    <form method="get" action="/admin/entries" role="search" aria-label="查找名单信息" className="mt-4 space-y-4">
      <div className="max-w-3xl">
        <label htmlFor="q" className="mb-1 block font-semibold">
          查询内容
        </label>
        <p id="q-hint" className="mb-1 text-sm text-slate-700">
          身份证号码、统一社会信用代码、组织机构代码、案号、姓名（名称，至少 2
          个字）、信息唯一标识或申请查询号；证件号码须完整输入
        </p>
        {error('q')}
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={values.q ?? ''}
            maxLength={100}
            autoComplete="off"
            className={inputClass}
            aria-describedby={described('q', 'q-hint')}
            aria-invalid={errors.q ? true : undefined}
          />
          <button type="submit" className={`${buttonClass} shrink-0 whitespace-nowrap`}>
            查找
          </button>
        </div>
      </div>
      <fieldset className="grid gap-4 rounded border border-slate-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="px-1 font-semibold">筛选条件</legend>
        {select(
          'status',
          '状态',
          DISPLAY_STATUSES.map((s) => ({ value: s, label: DISPLAY_STATUS_LABELS[s] })),
        )}
        {select(
          'court',
          '执行法院',
          courts.map((c) => ({ value: c, label: c })),
        )}
        {select(
          'disclosure',
          '公开方式',
          Object.entries(DISCLOSURE_LABELS).map(([value, label]) => ({ value, label })),
        )}
        {date('publishedFrom', '发布日期（起）')}
        {date('publishedTo', '发布日期（止）')}
        <div className="self-end">
          <button type="submit" className={buttonClass}>
            筛选
          </button>
        </div>
      </fieldset>
      <p>
        <a href="/admin/entries" className="text-brand-700 underline">
          清除查询内容和筛选条件
        </a>
      </p>
    </form>
  );
}
