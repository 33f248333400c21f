import type { Metadata } from 'next';
import { handlerName, overdueByBody } from '@/domain/applications/cases';
import { removalClock } from '@/db/staff-queries';
import {
  CASE_COLUMNS,
  caseOutcomes,
  feedbackByMeasure,
  overdueLiftingTasks,
  STAFF_COLUMNS,
  staffEntryStats,
} from '@/db/stats';
import { ChartFigure, COLORS } from '@/components/stats/chart-figure';
import { EntryStatsSections } from '@/components/stats/entry-stats';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';

export const metadata: Metadata = { title: '统计分析' };

const STAFF_COLORS = [COLORS.blue, COLORS.violet, COLORS.amber, COLORS.red];
const CASE_COLORS = [COLORS.slate, COLORS.green, COLORS.amber, COLORS.red, COLORS.violet];

export default async function AdminStatsPage() {
  await requireStaff(capabilityOf('/admin/stats')!);
  const [stats, outcomes, overdueCases, clock, lifting, feedback] = await Promise.all([
    staffEntryStats(),
    caseOutcomes(),
    overdueByBody(),
    removalClock(),
    overdueLiftingTasks(),
    feedbackByMeasure(),
  ]);
  const overdueRemovals = clock.filter((r) => r.overdue).length;
  const total = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
  const figures = [
    ['超期未办结的申请', total(overdueCases.map((o) => o.overdue)), '件', 'overdue-cases'],
    ['逾期未撤销、屏蔽的失信信息', overdueRemovals, '条', 'overdue-removals'],
    ['逾期未办结的解除惩戒任务', total(lifting.map((r) => r.counts[0]!)), '件', 'overdue-lifting'],
  ] as const;
  const overdueBy = [
    {
      id: 'stats-overdue-cases',
      title: '超期未办结的申请（按办理单位）',
      rowHeader: '办理单位',
      rows: overdueCases.map((o) => ({ label: handlerName(o.handler, o.departmentName), values: [o.overdue] })),
    },
    {
      id: 'stats-overdue-lifting',
      title: '逾期未办结的解除惩戒任务（按成员单位）',
      rowHeader: '成员单位',
      rows: lifting.map((r) => ({ label: r.key, values: r.counts })),
    },
  ];
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">统计分析</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        全部失信信息（含依法不宜公开、已过有效期和已撤销、屏蔽的信息）、申请办理、超期情况和惩戒措施反馈的统计，按北京时间计算，实时更新。本页数据仅供工作使用，不得对外公开。
      </p>

      <section aria-labelledby="overdue-title" className="mt-8">
        <h2 id="overdue-title" className="text-xl font-bold">
          超期情况（督促检查）
        </h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-3">
          {figures.map(([label, n, unit, testId]) => (
            <div key={testId} className="rounded border border-slate-300 bg-white p-4">
              <dt className="text-slate-800">{label}</dt>
              <dd className={`text-3xl font-bold ${n > 0 ? 'text-accent-600' : 'text-brand-700'}`} data-testid={testId}>
                {n.toLocaleString('zh-CN')} <span className="text-base font-normal text-slate-800">{unit}</span>
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-sm text-slate-800">撤销期限计时中共 {clock.length.toLocaleString('zh-CN')} 条。</p>
      </section>
      {overdueBy.map((f) => (
        <ChartFigure key={f.id} {...f} unit="件" series={[{ label: '超期件数', color: COLORS.red }]} />
      ))}

      <EntryStatsSections
        stats={stats}
        months={['新纳入', '撤销、屏蔽']}
        monthNote="新纳入：按发布时间计入的全部失信信息（含依法不宜公开）；撤销、屏蔽：按撤销或屏蔽时间计入。单位：条。"
        columns={STAFF_COLUMNS.map((label, i) => ({ label, color: STAFF_COLORS[i]! }))}
      />

      <ChartFigure
        id="stats-outcomes"
        title="异议、纠错与信用修复申请办理结果（按办理单位）"
        note="异议申请由实施惩戒措施的部门办理，纠错申请由法院办理，信用修复申请由市公共信用信息中心办理。单位：件。"
        rowHeader="办理单位"
        unit="件"
        series={CASE_COLUMNS.map((label, i) => ({ label, color: CASE_COLORS[i]! }))}
        rows={outcomes.map((o) => ({ label: handlerName(o.handler, o.departmentName), values: o.counts }))}
      />
      <ChartFigure
        id="stats-feedback"
        title="惩戒措施实施反馈（按措施）"
        rowHeader="惩戒措施"
        unit="次"
        series={[{ label: '反馈次数', color: COLORS.blue }]}
        rows={feedback.map((f) => ({ label: `${f.numeral}${f.text}`, values: [f.reports] }))}
      />
    </main>
  );
}
