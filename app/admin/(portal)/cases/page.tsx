import type { Metadata } from 'next';
import { handlerName, inbox, KIND_LABELS, overdueByBody, STATUS_LABELS } from '@/db/applications';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { can, requireStaff } from '@/lib/auth/staff-session';
import { TIME_RULES } from '@/lib/clocks';
import { daysLeft, formatDueDay } from '@/lib/format';
import { StaffTable } from '@/components/admin/staff-table';

export const metadata: Metadata = { title: '申请办理' };

export default async function CasesPage({ searchParams }: { searchParams: Promise<{ all?: string }> }) {
  const staff = await requireStaff(capabilityOf('/admin/cases')!);
  const showAll = (await searchParams).all === '1';
  const [rows, overdue] = await Promise.all([inbox(staff, { open: !showAll }), can(staff, 'overseeCases') ? overdueByBody() : null]);
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">申请办理</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        办理期限：法院审查纠错申请 {TIME_RULES.courtReviewDays.days} 日，部门处理异议 {TIME_RULES.objectionDays.days} 日，信用修复 {TIME_RULES.repairDays.days} 日，均自提交之日起计算。
        超期未决定的申请标为“已超期”。
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
          {showAll ? '全部申请' : '待办申请'}
        </h2>
        <p className="mt-1">
          <a href={showAll ? '/admin/cases' : '/admin/cases?all=1'} className="text-brand-700 underline">
            {showAll ? '只看待办' : '查看全部（含已决定、已办结）'}
          </a>
        </p>
        {rows.length === 0 ? (
          <p className="mt-2">没有{showAll ? '' : '待办的'}申请。</p>
        ) : (
          <div className="mt-2">
            <StaffTable headers={['查询号', '类型', '案号', '办理单位', '状态', '办理期限']} minWidth="52rem">
                {rows.map((r) => (
                  <tr key={r.id} data-testid="case-row" data-overdue={r.overdue} className={r.overdue ? 'bg-red-50' : undefined}>
                    <td className="px-3 py-2">
                      <a href={`/admin/cases/${r.id}`} className="font-mono text-brand-700 underline">
                        {r.trackingNo}
                      </a>
                    </td>
                    <td className="px-3 py-2">
                      {KIND_LABELS[r.kind]}
                      {r.needsScreening && <strong className="ml-1 text-amber-800">待甄别</strong>}
                    </td>
                    <td className="px-3 py-2">{r.caseNo}</td>
                    <td className="px-3 py-2">{handlerName(r.handler, r.departmentName)}</td>
                    <td className="px-3 py-2">{STATUS_LABELS[r.status]}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {formatDueDay(r.dueOn)}
                      {r.status !== 'decided' && r.status !== 'closed' && <span className="ml-1">{daysLeft(r.dueOn)}</span>}
                      {r.overdue && <strong className="ml-1 text-accent-600">已超期</strong>}
                    </td>
                  </tr>
                ))}
            </StaffTable>
          </div>
        )}
      </section>
    </main>
  );
}
