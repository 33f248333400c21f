import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { departments } from '@/db/schema';
import { inbox } from '@/db/applications';
import { liftingCounts } from '@/db/lifting';
import { removalClock } from '@/db/staff-queries';
import { RemovalClockTable } from '@/components/admin/removal-clock-table';
import { TIME_RULES } from '@/lib/clocks';
import { ROLE_LABELS } from '@/lib/auth/staff';
import { STAFF_PAGES } from '@/lib/auth/staff-pages';
import { can, requireStaff } from '@/lib/auth/staff-session';

export default async function Dashboard() {
  const staff = await requireStaff();
  const clock = can(staff, 'removalClock') ? await removalClock() : null;
  const openCases = can(staff, 'handleCases') ? await inbox(staff, { open: true }) : null;
  const lifting = can(staff, 'liftMeasures') ? await liftingCounts(staff) : null;
  const overdue = clock?.filter((r) => r.overdue) ?? [];
  const [unit] = staff.departmentCode ? await getDb().select().from(departments).where(eq(departments.code, staff.departmentCode)) : [];
  const links = STAFF_PAGES.filter((p) => p.inNav && p.capability && can(staff, p.capability));
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">工作台</h1>
      <p className="mt-2 text-slate-800">
        {staff.name}，您的角色是{ROLE_LABELS[staff.role]}
        {unit ? `，所属成员单位：${unit.name}` : ''}。
      </p>
      {links.length > 0 && (
        <ul className="mt-4 flex flex-wrap gap-3">
          {links.map((p) => (
            <li key={p.path}>
              <a href={p.path} className="block rounded border border-brand-700 px-4 py-2 text-brand-800 hover:bg-brand-50">
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      {openCases && (
        <section aria-labelledby="cases-title" className="mt-8">
          <h2 id="cases-title" className="text-xl font-bold">
            申请办理
          </h2>
          <p className="mt-1" data-testid="open-cases">
            待办 {openCases.length} 件
            {openCases.some((c) => c.overdue) && <strong className="text-accent-600">，其中已超期 {openCases.filter((c) => c.overdue).length} 件</strong>}。{' '}
            <a href="/admin/cases" className="text-brand-700 underline">
              前往办理
            </a>
          </p>
        </section>
      )}
      {lifting && (
        <section aria-labelledby="lifting-title" className="mt-8">
          <h2 id="lifting-title" className="text-xl font-bold">
            惩戒措施解除
          </h2>
          <p className="mt-1" data-testid="open-lifting">
            待确认 {lifting.open} 件
            {lifting.overdue > 0 && <strong className="text-accent-600">，其中已超期 {lifting.overdue} 件</strong>}。{' '}
            <a href="/admin/lifting" className="text-brand-700 underline">
              前往确认
            </a>
          </p>
        </section>
      )}
      {clock && (
        <section aria-labelledby="clock-title" className="mt-8">
          <h2 id="clock-title" className="text-xl font-bold">
            撤销期限
          </h2>
          <p className="mt-1 max-w-3xl text-slate-800">
            被执行人全部履行、执行和解履行完毕或终结执行等，法院应在 {TIME_RULES.removalDays.days} 日内撤销或屏蔽其失信信息（{TIME_RULES.removalDays.source.split('：')[0]}）。
            登记撤销事由后开始计时，撤销或屏蔽后移出本表。
          </p>
          <p className="mt-2 font-semibold" data-testid="overdue-count">
            {overdue.length > 0 ? <span className="text-accent-600">已逾期 {overdue.length} 条</span> : '暂无逾期'}，计时中共 {clock.length} 条。
          </p>
          {clock.length > 0 && (
            <div className="mt-3">
              <RemovalClockTable rows={clock} />
            </div>
          )}
        </section>
      )}
    </main>
  );
}
