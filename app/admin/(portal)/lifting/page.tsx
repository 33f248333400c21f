import type { Metadata } from 'next';
import { LIFTING_LIST_LIMIT, LIFTING_STATUS_LABELS, liftingCounts, liftingCountsByDepartment, liftingTasksFor, REMOVAL_KIND_LABELS } from '@/db/lifting';
import { actorDirectory } from '@/db/staff-queries';
import { buttonClass, inputClass } from '@/components/admin/fields';
import { byWhom, StaffMain, StaffSection } from '@/components/admin/staff-page';
import { DetailList, StaffTable } from '@/components/admin/staff-table';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/lib/auth/staff-session';
import { addDays, TIME_RULES, todayInChina } from '@/lib/clocks';
import { daysLeft, formatDate, formatDueDay } from '@/lib/format';
import { decideLiftingAction } from './actions';
import { LiftingForm } from './lifting-form';

export const metadata: Metadata = { title: '措施解除' };

type Task = Awaited<ReturnType<typeof liftingTasksFor>>[number];

function DueDay({ task }: { task: Task }) {
  return (
    <>
      {formatDueDay(task.dueOn)}
      {task.status === 'open' && <span className="ml-1">{daysLeft(task.dueOn)}</span>}
      {task.overdue && <strong className="ml-1 text-accent-600">已超期</strong>}
    </>
  );
}

function Outcome({ task }: { task: Task }) {
  return (
    <>
      {LIFTING_STATUS_LABELS[task.status]}
      {task.status === 'kept' && `（至 ${formatDate(task.keptUntil)}：${task.keptReason}）`}
    </>
  );
}

/** Every task in a table: for the credit office, and for a unit's decided tasks. */
async function TaskTable({ tasks, showUnit }: { tasks: Task[]; showUnit: boolean }) {
  const actors = await actorDirectory(tasks.flatMap((t) => (t.decidedBy ? [t.decidedBy] : [])));
  const headers = ['案号', '被执行人', ...(showUnit ? ['成员单位'] : []), '移出名单', '确认期限', '状态', '确认人'];
  return (
    <StaffTable headers={headers} minWidth="56rem" testId="lifting-table">
      {tasks.map((t) => (
        <tr key={t.id} data-testid="lifting-row" data-status={t.status} data-overdue={t.overdue} className={t.overdue ? 'bg-red-50' : undefined}>
          <td className="px-3 py-2">{t.caseNo}</td>
          <td className="px-3 py-2">{t.name}</td>
          {showUnit && <td className="px-3 py-2">{t.departmentName}</td>}
          <td className="px-3 py-2 whitespace-nowrap">
            {REMOVAL_KIND_LABELS[t.removalKind] ?? t.removalKind} {formatDate(t.removedAt)}
          </td>
          <td className="px-3 py-2 whitespace-nowrap">
            <DueDay task={t} />
          </td>
          <td className="px-3 py-2">
            <Outcome task={t} />
          </td>
          <td className="px-3 py-2 break-all">{byWhom(t.decidedBy, t.decidedAt, actors)}</td>
        </tr>
      ))}
    </StaffTable>
  );
}

/** Narrows the list to the tasks of one entry (GET, so the URL keeps it). */
function TaskSearch({ q, dept }: { q: string; dept?: string }) {
  return (
    <form method="get" role="search" aria-label="查找解除任务" className="mt-3 flex max-w-2xl flex-col gap-2 sm:flex-row">
      {dept && <input type="hidden" name="dept" value={dept} />}
      <label htmlFor="q" className="sr-only">
        案号或信息唯一标识
      </label>
      <input id="q" name="q" type="search" defaultValue={q} maxLength={100} className={inputClass} placeholder="案号或信息唯一标识" />
      <button type="submit" className={buttonClass}>
        查找
      </button>
    </form>
  );
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LiftingPage({ searchParams }: { searchParams: Promise<{ dept?: string | string[]; all?: string; q?: string | string[] }> }) {
  const staff = await requireStaff(capabilityOf('/admin/lifting')!);
  const params = await searchParams;
  const q = first(params.q)?.trim().slice(0, 100) ?? '';
  const rule = TIME_RULES.liftingDays;
  const intro = (
    <p className="mt-2 max-w-3xl text-slate-800">
      失信被执行人名单被撤销、屏蔽或有效期届满后，各成员单位应在 {rule.days} 日内解除惩戒措施并在此确认；确需继续保留的，须说明法律依据并明确保留期限（{rule.source.split('：')[0]}）。
      逾期未确认的标为“已超期”。
    </p>
  );

  if (staff.role === 'department_officer') {
    const [counts, open, decided] = await Promise.all([
      liftingCounts(staff),
      liftingTasksFor(staff, { status: 'open', query: q }),
      liftingTasksFor(staff, { status: 'decided', query: q, limit: 50 }),
    ]);
    const minUntil = addDays(todayInChina(), 1);
    return (
      <StaffMain title="措施解除" intro={intro}>
        <TaskSearch q={q} />
        {q && (
          <p className="mt-2">
            <a href="/admin/lifting" className="text-brand-700 underline">
              显示全部任务
            </a>
          </p>
        )}
        <StaffSection
          id="open-title"
          className="mt-6"
          titleTestId="lifting-open-count"
          title={`待确认（本单位共 ${counts.open} 件${counts.overdue > 0 ? `，其中已超期 ${counts.overdue} 件` : ''}）`}
          empty={open.length === 0 && (q ? '没有与该案号对应的待确认任务。' : '没有待确认的解除任务。')}
        >
          {open.length === LIFTING_LIST_LIMIT && <p className="mt-1">仅显示最早到期的 {LIFTING_LIST_LIMIT} 件，其余请按案号查找。</p>}
          <ul className="mt-3 space-y-4">
            {open.map((t) => (
              <li
                key={t.id}
                data-testid="lifting-task"
                data-overdue={t.overdue}
                className={`rounded border p-4 ${t.overdue ? 'border-accent-600 bg-red-50' : 'border-slate-300'}`}
              >
                <h3 className="font-bold">
                  {t.caseNo} {t.name}
                </h3>
                <DetailList
                  rows={[
                    ['移出名单', `${REMOVAL_KIND_LABELS[t.removalKind] ?? t.removalKind}，${formatDate(t.removedAt)}`],
                    ['确认期限', <DueDay key="due" task={t} />],
                  ]}
                />
                <LiftingForm action={decideLiftingAction.bind(null, t.id)} taskId={t.id} minUntil={minUntil} />
              </li>
            ))}
          </ul>
        </StaffSection>
        <StaffSection id="decided-title" title="已确认（最近 50 件）" empty={decided.length === 0 && '还没有已确认的任务。'}>
          <div className="mt-2">
            <TaskTable tasks={decided} showUnit={false} />
          </div>
        </StaffSection>
      </StaffMain>
    );
  }

  // The credit office: per unit, then the list (one unit's, or all units' open tasks).
  const rawDept = first(params.dept);
  const dept = rawDept && /^[a-z0-9-]{1,50}$/.test(rawDept) ? rawDept : undefined;
  const showAll = params.all === '1';
  const [counts, tasks] = await Promise.all([
    liftingCountsByDepartment(),
    liftingTasksFor(staff, { departmentCode: dept, status: showAll ? undefined : 'open', query: q }),
  ]);
  const unitName = dept ? (counts.find((c) => c.departmentCode === dept)?.departmentName ?? tasks[0]?.departmentName ?? dept) : null;
  const listUrl = (extra: Record<string, string>) => `/admin/lifting?${new URLSearchParams({ ...(dept ? { dept } : {}), ...extra }).toString()}#list-title`;
  return (
    <StaffMain title="措施解除" intro={intro}>
      <StaffSection id="by-unit-title" className="mt-6" title="各成员单位未确认情况（督促检查）" empty={counts.length === 0 && '目前没有未确认的解除任务。'}>
        <div className="mt-2 max-w-2xl">
          <StaffTable headers={['成员单位', '未确认', '已超期']} minWidth="24rem" testId="lifting-by-unit">
            {counts.map((c) => (
              <tr key={c.departmentCode} data-unit={c.departmentCode}>
                <td className="px-3 py-2">
                  <a href={`/admin/lifting?dept=${encodeURIComponent(c.departmentCode)}#list-title`} className="text-brand-700 underline">
                    {c.departmentName}
                  </a>
                </td>
                <td className="px-3 py-2">{c.open}</td>
                <td className={`px-3 py-2 ${c.overdue > 0 ? 'font-semibold text-accent-600' : ''}`}>{c.overdue}</td>
              </tr>
            ))}
          </StaffTable>
        </div>
      </StaffSection>
      <StaffSection id="list-title" title={`${unitName ?? '全部成员单位'}：${showAll ? '全部任务' : '未确认任务'}`}>
        <p className="mt-1 flex flex-wrap gap-4">
          <a href={listUrl(showAll ? {} : { all: '1' })} className="text-brand-700 underline">
            {showAll ? '只看未确认' : '查看全部（含已确认）'}
          </a>
          {dept && (
            <a href="/admin/lifting#list-title" className="text-brand-700 underline">
              查看全部成员单位
            </a>
          )}
        </p>
        <TaskSearch q={q} dept={dept} />
        {tasks.length === 0 ? (
          <p className="mt-2">没有{showAll ? '' : '未确认的'}任务。</p>
        ) : (
          <div className="mt-2">
            <TaskTable tasks={tasks} showUnit />
            {tasks.length === LIFTING_LIST_LIMIT && <p className="mt-1 text-sm">仅显示前 {LIFTING_LIST_LIMIT} 条，请按成员单位或案号查看。</p>}
          </div>
        )}
      </StaffSection>
    </StaffMain>
  );
}
