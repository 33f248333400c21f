import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { departments } from '@/db/schema';
import { openCaseCounts } from '@/domain/applications/cases';
import { keptReviewDay, liftingCounts, liftingTasksFor } from '@/domain/entries/lifting';
import { pendingRemovals } from '@/domain/entries/removal-requests';
import { removalClock } from '@/db/staff-queries';
import { failedDeliveriesByOrganization } from '@/domain/sharing/webhooks';
import { webhookScope } from './webhooks/scope';
import { RemovalClockTable } from '@/components/admin/removal-clock-table';
import { TIME_RULES } from '@/lib/clocks';
import { daysLeft, formatDate } from '@/lib/format';
import { STAFF_PAGES } from '@/lib/auth/staff-pages';
import { can, courtScope, requireStaff } from '@/domain/auth/staff-session';
import { REMOVAL_REQUEST_KIND_LABELS, ROLE_LABELS } from '@/lib/labels';

/** A dashboard line: how much work waits, how much of it is overdue, and where to do it. */
function WorkCount({
  id,
  title,
  counts,
  noun,
  href,
  action,
  children,
}: {
  id: string;
  title: string;
  counts: { open: number; overdue: number };
  noun: string;
  href: string;
  action: string;
  children?: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="mt-8">
      <h2 id={`${id}-title`} className="text-xl font-bold">
        {title}
      </h2>
      <p className="mt-1" data-testid={`open-${id}`}>
        {noun} {counts.open} 件
        {counts.overdue > 0 && <strong className="text-accent-600">，其中已超期 {counts.overdue} 件</strong>}。{' '}
        <a href={href} className="text-brand-700 underline">
          {action}
        </a>
      </p>
      {children}
    </section>
  );
}

export default async function Dashboard() {
  const staff = await requireStaff();
  const clock = can(staff, 'removalClock') ? await removalClock() : null;
  const openCases = can(staff, 'handleCases') ? await openCaseCounts(staff) : null;
  const lifting = can(staff, 'liftMeasures') ? await liftingCounts(staff) : null;
  // Kept measures whose kept-until day has come (二(七)): back with the unit's officer, by name.
  const keptDue =
    lifting && lifting.keptDue > 0 && staff.role === 'department_officer'
      ? await liftingTasksFor(staff, { due: 'kept' }, 10)
      : [];
  const reviews = staff.reviewsRemovals ? await pendingRemovals(courtScope(staff)!) : null;
  const failedPushes = can(staff, 'viewWebhooks')
    ? (await failedDeliveriesByOrganization(await webhookScope(staff))).reduce((n, f) => n + f.failed, 0)
    : 0;
  const overdue = clock?.filter((r) => r.overdue) ?? [];
  const [unit] = staff.departmentCode
    ? await getDb().select().from(departments).where(eq(departments.code, staff.departmentCode))
    : [];
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
              <a
                href={p.path}
                className="block rounded border border-brand-700 px-4 py-2 text-brand-800 hover:bg-brand-50"
              >
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      {reviews && (
        <section aria-labelledby="reviews-title" className="mt-8">
          <h2 id="reviews-title" className="text-xl font-bold">
            待审核的撤销、屏蔽
          </h2>
          <p className="mt-1" data-testid="pending-reviews">
            {reviews.length === 0 ? '暂无待审核的申请。' : `共 ${reviews.length} 件，请逐件核对后审核。`}
          </p>
          {reviews.length > 0 && (
            <ul className="mt-2 list-disc space-y-1 pl-6">
              {reviews.map((r) => (
                <li key={r.request.id} data-testid="pending-review-row">
                  <a
                    href={`/admin/entries/${encodeURIComponent(r.request.entryUid)}`}
                    className="text-brand-700 underline"
                  >
                    {r.name}（{r.caseNo}）
                  </a>
                  ：{REMOVAL_REQUEST_KIND_LABELS[r.request.kind]}，{r.request.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {openCases && (
        <WorkCount id="cases" title="申请办理" counts={openCases} noun="待办" href="/admin/cases" action="前往办理">
          {openCases.awaitingMaterial > 0 && (
            <p className="mt-1" data-testid="awaiting-material">
              另有待申请人补正 {openCases.awaitingMaterial} 件（补正期间办理期限暂停计算）。{' '}
              <a href="/admin/cases?status=paused" className="text-brand-700 underline">
                查看待补正
              </a>
            </p>
          )}
        </WorkCount>
      )}
      {lifting && (
        <WorkCount
          id="lifting"
          title="惩戒措施解除"
          counts={lifting}
          noun="待确认"
          href="/admin/lifting"
          action="前往确认"
        >
          {lifting.keptDue > 0 && (
            <div className="mt-1" data-testid="lifting-kept-due">
              <p className="font-semibold text-accent-600">
                其中继续保留期满、待重新决定 {lifting.keptDue} 件（解除，或依法说明理由并明确新的保留期限）。
              </p>
              {keptDue.length > 0 && (
                <ul className="mt-1 list-disc space-y-1 pl-6">
                  {keptDue.map((t) => (
                    <li key={t.id} data-testid="lifting-kept-due-row">
                      <a
                        href={`/admin/lifting?due=kept&q=${encodeURIComponent(t.caseNo)}`}
                        className="text-brand-700 underline"
                      >
                        {t.name}（{t.caseNo}）
                      </a>
                      ：保留至 {formatDate(t.keptUntil)}，{daysLeft(keptReviewDay(t.keptUntil!))}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {lifting.reminders > 0 && (
            <p className="mt-1 font-semibold text-accent-600" data-testid="lifting-reminded">
              信用办已催办 {lifting.reminders} 次（最近 {formatDate(lifting.lastReminderAt)}），请尽快确认。
            </p>
          )}
        </WorkCount>
      )}
      {failedPushes > 0 && (
        <section aria-labelledby="pushes-title" className="mt-8">
          <h2 id="pushes-title" className="text-xl font-bold">
            信息推送
          </h2>
          <p className="mt-1 font-semibold text-accent-600" data-testid="failed-pushes">
            有 {failedPushes} 条变更事件重试期满仍未送达联动单位系统。{' '}
            <a href="/admin/webhooks" className="text-brand-700 underline">
              查看并重新推送
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
            被执行人全部履行、执行和解履行完毕或终结执行等，法院应在 {TIME_RULES.removalDays.days}{' '}
            日内撤销或屏蔽其失信信息（{TIME_RULES.removalDays.source.split('：')[0]}）。
            登记撤销事由后开始计时，撤销或屏蔽后移出本表。
          </p>
          <p className="mt-2 font-semibold" data-testid="overdue-count">
            {overdue.length > 0 ? <span className="text-accent-600">已逾期 {overdue.length} 条</span> : '暂无逾期'}
            ，计时中共 {clock.length} 条。
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
