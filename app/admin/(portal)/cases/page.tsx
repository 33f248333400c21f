import type { Metadata } from 'next';
import {
  handlerName,
  INBOX_STATUS,
  inboxPage,
  inboxUnits,
  overdueByBody,
  type InboxStatus,
} from '@/domain/applications/cases';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { can, requireStaff } from '@/domain/auth/staff-session';
import { TIME_RULES } from '@/lib/clocks';
import { daysLeft, formatDate, formatDueDay } from '@/lib/format';
import { buttonClass, inputClass, Options } from '@/components/admin/fields';
import { StaffTable } from '@/components/admin/staff-table';
import { Pagination } from '@/components/pagination';
import { APPLICATION_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/labels';
import { type ApplicationKind } from '@/lib/case-terms';

export const metadata: Metadata = { title: '申请办理' };

type Search = { all?: string; status?: string; kind?: string; unit?: string; q?: string; page?: string };

export default async function CasesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const staff = await requireStaff(capabilityOf('/admin/cases')!);
  const sp = await searchParams;
  const status: InboxStatus =
    sp.status && sp.status in INBOX_STATUS ? (sp.status as InboxStatus) : sp.all === '1' ? 'all' : 'open';
  const kind = sp.kind && sp.kind in APPLICATION_KIND_LABELS ? (sp.kind as ApplicationKind) : undefined;
  const units = await inboxUnits(staff);
  const unit = units.some((u) => u.value === sp.unit) ? sp.unit : undefined;
  const q = (sp.q ?? '').trim().slice(0, 40);
  const [list, overdue] = await Promise.all([
    inboxPage(staff, { status, kind, unit, q }, Number(sp.page) || 1),
    can(staff, 'overseeCases') ? overdueByBody() : null,
  ]);
  const { rows, total, page, pageCount, pageSize } = list;
  const filtered = Boolean(kind || unit || q);
  const selectClass = `${inputClass} w-auto`;
  return (
    <main id="main" className="mx-auto w-full max-w-7xl px-4 py-8">
      <h1 className="text-2xl font-bold">申请办理</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        办理期限：法院审查纠错申请 {TIME_RULES.courtReviewDays.days} 日，部门处理异议 {TIME_RULES.objectionDays.days}{' '}
        日，信用修复 {TIME_RULES.repairDays.days} 日，均自提交之日起计算； 要求补正期间暂停计算，补正后顺延（申请人应在{' '}
        {TIME_RULES.materialDays.days} 日内补正）。超期未决定的申请标为“已超期”。
      </p>
      {overdue && (
        <section aria-labelledby="overdue-title" className="mt-6">
          <h2 id="overdue-title" className="text-xl font-bold">
            各单位超期未办结（督促检查）
          </h2>
          {overdue.length === 0 ? (
            <p className="mt-2">目前没有超期未办结的申请。</p>
          ) : (
            <div className="mt-2 max-w-xl">
              <StaffTable headers={['办理单位', '超期件数']} minWidth="20rem" testId="overdue-by-body">
                {overdue.map((o) => (
                  <tr key={`${o.handler}:${o.departmentName}`}>
                    <td className="px-3 py-2">{handlerName(o.handler, o.departmentName)}</td>
                    <td className="px-3 py-2 font-semibold text-accent-600">{o.overdue}</td>
                  </tr>
                ))}
              </StaffTable>
            </div>
          )}
        </section>
      )}
      <section aria-labelledby="inbox-title" className="mt-6">
        <h2 id="inbox-title" className="text-xl font-bold">
          {status === 'open' ? '待办申请' : status === 'all' ? '全部申请' : INBOX_STATUS[status]}
        </h2>
        <form
          method="get"
          action="/admin/cases"
          className="mt-2 flex flex-wrap items-end gap-3"
          role="search"
          aria-label="筛选申请"
        >
          <div>
            <label htmlFor="status" className="mb-1 block font-semibold">
              状态
            </label>
            <select id="status" name="status" defaultValue={status} className={selectClass}>
              {Object.entries(INBOX_STATUS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="kind" className="mb-1 block font-semibold">
              类型
            </label>
            <select id="kind" name="kind" defaultValue={kind ?? ''} className={selectClass}>
              <Options
                options={Object.entries(APPLICATION_KIND_LABELS).map(([value, label]) => ({ value, label }))}
                empty="全部类型"
              />
            </select>
          </div>
          {units.length > 1 && (
            <div>
              <label htmlFor="unit" className="mb-1 block font-semibold">
                办理单位
              </label>
              <select id="unit" name="unit" defaultValue={unit ?? ''} className={selectClass}>
                <Options options={units.map((u) => ({ value: u.value, label: u.name }))} empty="全部单位" />
              </select>
            </div>
          )}
          <div>
            <label htmlFor="q" className="mb-1 block font-semibold">
              查询号
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={40}
              placeholder="SQ…"
              className={`${inputClass} w-56`}
            />
          </div>
          <button type="submit" className={buttonClass}>
            筛选
          </button>
          {(filtered || status !== 'open') && (
            <a href="/admin/cases" className="py-2 text-brand-700 underline">
              清除筛选（只看待办）
            </a>
          )}
        </form>
        <p className="mt-3" role="status" data-testid="inbox-total">
          共 {total} 件
          {total > pageSize ? `，第 ${(page - 1) * pageSize + 1}–${Math.min(page * pageSize, total)} 件` : ''}
        </p>
        {rows.length === 0 ? (
          <p className="mt-2">没有{filtered ? '符合条件的' : status === 'open' ? '待办的' : ''}申请。</p>
        ) : (
          <div className="mt-2">
            <StaffTable
              headers={['查询号', '申请对象', '申请人', '类型', '办理单位', '提交日期', '办理期限', '剩余', '状态']}
              minWidth="72rem"
              caption="申请列表"
            >
              {rows.map((r) => {
                const running = r.status === 'submitted' || r.status === 'accepted' || r.status === 'under_review';
                return (
                  <tr
                    key={r.id}
                    data-testid="case-row"
                    data-overdue={r.overdue}
                    className={r.overdue ? 'bg-red-50' : undefined}
                  >
                    <td className="px-3 py-2">
                      <a href={`/admin/cases/${r.id}`} className="font-mono text-brand-700 underline">
                        {r.trackingNo}
                      </a>
                    </td>
                    <td className="px-3 py-2">
                      <span className="font-semibold">{r.subjectName}</span>
                      <br />
                      <span className="text-sm">{r.caseNo}</span>
                    </td>
                    <td className="px-3 py-2">{r.applicantName}</td>
                    <td className="px-3 py-2">
                      {APPLICATION_KIND_LABELS[r.kind]}
                      {r.needsScreening && <strong className="ml-1 text-amber-800">待甄别</strong>}
                    </td>
                    <td className="px-3 py-2">{handlerName(r.handler, r.departmentName, r.court)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.submittedAt)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDueDay(r.dueOn)}</td>
                    <td className="px-3 py-2 whitespace-nowrap" data-testid="days-left">
                      {running ? (
                        <>
                          <span className={r.overdue ? 'font-semibold text-accent-600' : undefined}>
                            {daysLeft(r.dueOn)}
                          </span>
                          {r.overdue && <strong className="ml-1 text-accent-600">已超期</strong>}
                        </>
                      ) : r.status === 'awaiting_material' ? (
                        '暂停（补正中）'
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="px-3 py-2">{CASE_STATUS_LABELS[r.status]}</td>
                  </tr>
                );
              })}
            </StaffTable>
            <Pagination
              path="/admin/cases"
              page={page}
              pageCount={pageCount}
              params={{ status, kind, unit, q: q || undefined }}
            />
          </div>
        )}
      </section>
    </main>
  );
}
