import type { Metadata } from 'next';
import {
  decisionHistory,
  liftingCounts,
  liftingCountsByDepartment,
  liftingCourts,
  liftingTaskPage,
  mayDecide,
  measureLabels,
  remindersOf,
  type LiftingTaskRow,
  type TaskFilter,
} from '@/domain/entries/lifting';
import { actorDirectory } from '@/db/staff-queries';
import { buttonClass, inputClass } from '@/components/admin/fields';
import { byWhom, StaffMain, StaffSection } from '@/components/admin/staff-page';
import { StaffTable } from '@/components/admin/staff-table';
import { Pagination } from '@/components/pagination';
import { actorLabel } from '@/lib/actors';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { can, requireStaff, type Staff } from '@/domain/auth/staff-session';
import { addDays, TIME_RULES, todayInChina } from '@/lib/clocks';
import { daysLeft, formatDate, formatDueDay } from '@/lib/format';
import { maskIdentifierForPublic } from '@/lib/mask';
import { liftingFormAction, sendReminderAction } from './actions';
import { LiftingTable, type TaskRowView } from './lifting-table';
import { RemindForm } from './remind-form';
import { LIFTING_ORIGIN_LABELS, LIFTING_STATUS_LABELS, REMINDER_SCOPE_LABELS } from '@/lib/labels';
import { CourtSelect } from '@/components/court-select';

export const metadata: Metadata = { title: '措施解除' };

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in the URL, checked: anything unexpected is dropped. */
function filtersOf(params: Params, staff: Staff) {
  const status = first(params.status);
  const due = first(params.due);
  const dept = first(params.dept);
  const from = first(params.from);
  const to = first(params.to);
  const filter: TaskFilter = {
    status: status === 'decided' ? 'decided' : status === 'all' ? undefined : 'open',
    due: due === 'soon' || due === 'overdue' || due === 'kept' ? due : undefined,
    court: first(params.court).slice(0, 100) || undefined,
    removedFrom: DAY_RE.test(from) ? from : undefined,
    removedTo: DAY_RE.test(to) ? to : undefined,
    departmentCode: staff.role === 'credit_office' && /^[a-z0-9-]{1,50}$/.test(dept) ? dept : undefined,
    query: first(params.q).slice(0, 100) || undefined,
  };
  const page = Math.min(Math.max(Number.parseInt(first(params.page), 10) || 1, 1), 10_000);
  const urlParams: Record<string, string | undefined> = {
    status: status === 'decided' || status === 'all' ? status : undefined,
    due: filter.due,
    court: filter.court,
    from: filter.removedFrom,
    to: filter.removedTo,
    dept: filter.departmentCode,
    q: filter.query,
  };
  return { filter, page, urlParams };
}

function FilterForm({
  params,
  courts,
  units,
}: {
  params: Record<string, string | undefined>;
  courts: string[];
  units?: { code: string; name: string }[];
}) {
  const label = 'mb-1 block text-sm font-semibold';
  return (
    <form
      method="get"
      role="search"
      aria-label="筛选解除任务"
      className="mt-3 grid grid-cols-1 gap-3 rounded border border-slate-300 p-3 sm:grid-cols-2 lg:grid-cols-4"
    >
      <div>
        <label htmlFor="f-status" className={label}>
          状态
        </label>
        <select id="f-status" name="status" defaultValue={params.status ?? ''} className={inputClass}>
          <option value="">待确认</option>
          <option value="decided">已处理</option>
          <option value="all">全部</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-due" className={label}>
          期限
        </label>
        <select id="f-due" name="due" defaultValue={params.due ?? ''} className={inputClass}>
          <option value="">不限</option>
          <option value="soon">即将到期（2 日内）</option>
          <option value="overdue">已超期</option>
          <option value="kept">继续保留期满待重新决定</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-court" className={label}>
          执行法院
        </label>
        <CourtSelect id="f-court" value={params.court} courts={courts} className={inputClass} allLabel="全部法院" />
      </div>
      {units && (
        <div>
          <label htmlFor="f-dept" className={label}>
            成员单位
          </label>
          <select id="f-dept" name="dept" defaultValue={params.dept ?? ''} className={inputClass}>
            <option value="">全部成员单位</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="f-from" className={label}>
          移出名单（起）
        </label>
        <input id="f-from" name="from" type="date" defaultValue={params.from} className={inputClass} />
      </div>
      <div>
        <label htmlFor="f-to" className={label}>
          移出名单（止，含当日）
        </label>
        <input id="f-to" name="to" type="date" defaultValue={params.to} className={inputClass} />
      </div>
      <div>
        <label htmlFor="f-q" className={label}>
          案号或信息唯一标识
        </label>
        <input id="f-q" name="q" type="search" defaultValue={params.q} maxLength={100} className={inputClass} />
      </div>
      <div className="flex items-end gap-3">
        <button type="submit" className={buttonClass}>
          筛选
        </button>
        <a href="/admin/lifting" className="py-2 text-brand-700 underline">
          清除
        </a>
      </div>
    </form>
  );
}

async function rowViews(staff: Staff, tasks: LiftingTaskRow[], withActions: boolean): Promise<TaskRowView[]> {
  // The history is shown where there is one to read: a kept measure due again, or a task decided more than once.
  const withHistory = tasks.filter((t) => t.keptDue || t.decisions > 1).map((t) => t.id);
  const history = await decisionHistory(withHistory);
  const [actors, labels] = await Promise.all([
    actorDirectory([
      ...tasks.flatMap((t) => (t.decidedBy ? [t.decidedBy] : [])),
      ...[...history.values()].flat().map((h) => h.decidedBy),
    ]),
    measureLabels(),
  ]);
  return tasks.map((t) => {
    const decidable = withActions && t.awaiting && mayDecide(staff, t);
    return {
      id: t.id,
      name: t.name,
      // The identifier never leaves the server whole: a person's is masked, an organisation's is public.
      maskedId: maskIdentifierForPublic(t.subjectType, t.idNumber),
      caseNo: t.caseNo,
      court: t.court,
      unit: t.departmentName,
      removal: LIFTING_ORIGIN_LABELS[t.removalKind] ?? t.removalKind,
      removedOn: formatDate(t.removedAt),
      measures: t.measureNos.map((no) => ({
        no,
        label: labels.has(no) ? `${labels.get(no)!.numeral}${labels.get(no)!.text}` : `第${no}项`,
      })),
      due: formatDueDay(t.awaiting ? t.decisionDueOn : t.dueOn),
      daysLeft: t.awaiting ? daysLeft(t.decisionDueOn) : null,
      overdue: t.overdue,
      status: t.status,
      keptDue: t.keptDue,
      statusLabel: t.keptDue ? '继续保留期满，待重新决定' : LIFTING_STATUS_LABELS[t.status],
      outcome:
        t.status === 'kept' ? `${t.keptDue ? '曾' : ''}继续保留至 ${formatDate(t.keptUntil)}：${t.keptReason}` : null,
      history: (history.get(t.id) ?? []).map((h) => ({
        id: h.id,
        text:
          `${formatDate(h.at)} ${LIFTING_STATUS_LABELS[h.outcome]}` +
          (h.outcome === 'kept' ? `至 ${formatDate(h.keptUntil)}（${h.keptReason}）` : '') +
          `，${actorLabel(h.decidedBy, actors)}`,
      })),
      reminders: t.reminders,
      decidedBy: t.decidedBy ? byWhom(t.decidedBy, t.decidedAt, actors) : null,
      decidable,
    };
  });
}

function Intro() {
  const rule = TIME_RULES.liftingDays;
  return (
    <p className="mt-2 max-w-4xl text-slate-800">
      失信被执行人名单被撤销、屏蔽或有效期届满后，曾报送对其实施惩戒措施的成员单位应在 {rule.days}{' '}
      日内解除所列措施并在此确认；确需继续保留的，须说明法律依据并明确保留期限（
      {rule.source.split('：')[0]}
      ）。保留期满当日，该任务回到本单位待重新决定（解除，或依法说明理由并明确新的保留期限），当日未决定的标为“已超期”。
      异议经本单位认定成立或部分成立的，同样在此确认解除。未报送实施措施的单位通过名单变更推送获知移出，无需确认。逾期未确认的标为“已超期”。
    </p>
  );
}

export default async function LiftingPage({ searchParams }: { searchParams: Promise<Params> }) {
  const staff = await requireStaff(capabilityOf('/admin/lifting')!);
  const params = await searchParams;
  const { filter, page, urlParams } = filtersOf(params, staff);
  const minUntil = addDays(todayInChina(), 1);
  const oversee = can(staff, 'remindLifting');
  const [result, courts] = await Promise.all([liftingTaskPage(staff, filter, page), liftingCourts(staff)]);
  const rows = await rowViews(staff, result.rows, staff.role === 'department_officer');
  const listTitle =
    `${filter.status === 'decided' ? '已处理' : filter.status === 'open' ? '待确认' : '全部'}任务（共 ` +
    `${result.total} 项${result.pageCount > 1 ? `，第 ${result.page} / ${result.pageCount} 页` : ''}）`;
  const list = (
    <>
      {/* Rendered even when empty, so the message of the decision that emptied it stays. */}
      <LiftingTable
        rows={rows}
        action={staff.role === 'department_officer' ? liftingFormAction : undefined}
        minUntil={minUntil}
        showUnit={oversee}
      />
      <Pagination page={result.page} pageCount={result.pageCount} params={urlParams} path="/admin/lifting" />
    </>
  );

  if (!oversee) {
    const [counts, reminders] = await Promise.all([
      liftingCounts(staff),
      staff.departmentCode ? remindersOf(staff.departmentCode) : [],
    ]);
    const actors = await actorDirectory(reminders.map((r) => r.sentBy));
    const pending = reminders.filter((r) => r.stillOpen > 0);
    return (
      <StaffMain title="措施解除" intro={<Intro />}>
        <p className="mt-4 text-lg font-semibold" data-testid="lifting-open-count">
          本单位待确认 {counts.open} 项{counts.overdue > 0 ? `，其中已超期 ${counts.overdue} 项` : ''}
        </p>
        {counts.keptDue > 0 && (
          <p className="mt-1 font-semibold text-accent-600" data-testid="lifting-kept-due">
            继续保留期满待重新决定 {counts.keptDue} 项。{' '}
            <a href="/admin/lifting?due=kept" className="text-brand-700 underline">
              查看
            </a>
          </p>
        )}
        {pending.length > 0 && (
          <section
            aria-labelledby="reminders-title"
            className="mt-4 rounded border-2 border-accent-600 bg-red-50 p-4"
            data-testid="lifting-reminders"
          >
            <h2 id="reminders-title" className="text-lg font-bold text-accent-600">
              信用办催办（{pending.length} 次未办结）
            </h2>
            <ul className="mt-2 space-y-1">
              {pending.map((r) => (
                <li key={r.id}>
                  {formatDate(r.at)}，{actorLabel(r.sentBy, actors)}催办{REMINDER_SCOPE_LABELS[r.scope]} {r.taskCount}{' '}
                  项，尚有 {r.stillOpen} 项未确认
                  {r.note && `：“${r.note}”`}
                </li>
              ))}
            </ul>
            <p className="mt-2">
              <a href="/admin/lifting?due=overdue" className="text-brand-700 underline">
                查看已超期任务
              </a>
            </p>
          </section>
        )}
        <FilterForm params={urlParams} courts={courts} />
        <StaffSection id="list-title" className="mt-6" title={listTitle}>
          {list}
        </StaffSection>
      </StaffMain>
    );
  }

  // The credit office: per unit (督促检查, 催办), then every unit's tasks under the filters.
  const byUnit = await liftingCountsByDepartment();
  const unit = filter.departmentCode ? byUnit.find((c) => c.departmentCode === filter.departmentCode) : undefined;
  return (
    <StaffMain title="措施解除" intro={<Intro />}>
      <StaffSection
        id="by-unit-title"
        className="mt-6"
        title="各成员单位未确认情况（督促检查）"
        empty={byUnit.length === 0 && '目前没有未确认的解除任务。'}
      >
        <div className="mt-2">
          <StaffTable
            headers={['成员单位', '未确认', '已超期', '已催办', '最近催办', '']}
            minWidth="40rem"
            testId="lifting-by-unit"
          >
            {byUnit.map((c) => (
              <tr key={c.departmentCode} data-unit={c.departmentCode}>
                <td className="px-3 py-2">
                  <a
                    href={`/admin/lifting?dept=${encodeURIComponent(c.departmentCode)}#list-title`}
                    className="text-brand-700 underline"
                  >
                    {c.departmentName}
                  </a>
                </td>
                <td className="px-3 py-2">
                  {c.open}
                  {c.keptDue > 0 && <span className="block text-sm">含保留期满 {c.keptDue}</span>}
                </td>
                <td className={`px-3 py-2 ${c.overdue > 0 ? 'font-semibold text-accent-600' : ''}`}>{c.overdue}</td>
                <td className="px-3 py-2">{c.reminded}</td>
                <td className="px-3 py-2 whitespace-nowrap">{c.lastReminderAt ? formatDate(c.lastReminderAt) : '—'}</td>
                <td className="px-3 py-2">
                  {c.open > 0 && (
                    <a
                      href={`/admin/lifting?dept=${encodeURIComponent(c.departmentCode)}#remind-title`}
                      className="text-brand-700 underline"
                    >
                      催办<span className="sr-only">{c.departmentName}</span>
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </StaffTable>
        </div>
      </StaffSection>
      {unit && unit.open > 0 && (
        <StaffSection id="remind-title" title={`催办：${unit.departmentName}`}>
          <RemindForm
            action={sendReminderAction}
            unit={{ code: unit.departmentCode, name: unit.departmentName }}
            open={unit.open}
            overdue={unit.overdue}
          />
        </StaffSection>
      )}
      <StaffSection
        id="list-title"
        title={`${unit?.departmentName ?? (filter.departmentCode ? '该成员单位' : '全部成员单位')}：${listTitle}`}
      >
        <FilterForm
          params={urlParams}
          courts={courts}
          units={byUnit.map((c) => ({ code: c.departmentCode, name: c.departmentName }))}
        />
        {list}
      </StaffSection>
    </StaffMain>
  );
}
