import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getEntryForStaff } from '@/db/staff-queries';
import { can, courtScope, inCourtScope, requireStaff } from '@/lib/auth/staff-session';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { dueDay, todayInChina, TIME_RULES } from '@/lib/clocks';
import { formatDate, formatDueDay } from '@/lib/format';
import { DetailList, StaffTable } from '@/components/admin/staff-table';
import { actorLabel } from '@/lib/actors';
import { DISCLOSURE_LABELS, DISPLAY_STATUS_LABELS, EVENT_LABELS, FIELD_LABELS, SEVERITY_LABELS, SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { recordGroundAction, removeEntryAction } from '../actions';
import { RemovalForm, RemovalGroundForm } from './removal-forms';

export const metadata: Metadata = { title: '名单信息详情' };

const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });

export default async function StaffEntryPage({ params }: { params: Promise<{ uid: string }> }) {
  const staff = await requireStaff(capabilityOf('/admin/entries/[uid]')!);
  const { uid } = await params;
  const found = await getEntryForStaff(decodeURIComponent(uid));
  if (!found) notFound();
  const { entry: e, displayStatus, history, actors } = found;
  const active = e.status === 'active';
  const rows: [string, string][] = [
    ['信息唯一标识', e.uid],
    [FIELD_LABELS.caseNo, e.caseNo],
    [FIELD_LABELS.subjectType, SUBJECT_TYPE_LABELS[e.subjectType]],
    [FIELD_LABELS.name, e.name],
    [FIELD_LABELS.idNumber, e.idNumber ?? '—'],
    [FIELD_LABELS.court, e.court],
    [FIELD_LABELS.basisDocNo, e.basisDocNo],
    [FIELD_LABELS.duty, e.duty],
    [FIELD_LABELS.performance, e.performance],
    [FIELD_LABELS.circumstances, e.circumstances.join('；')],
    [FIELD_LABELS.publishedAt, formatDate(e.publishedAt)],
    [FIELD_LABELS.filedAt, formatDate(e.filedAt)],
    ['有效期至', formatDate(e.validUntil)],
    [FIELD_LABELS.severity, SEVERITY_LABELS[e.severity]],
    ['公开方式', DISCLOSURE_LABELS[e.disclosure]],
    ['状态', DISPLAY_STATUS_LABELS[displayStatus] + (e.statusReason ? `（${e.statusReason}）` : '')],
  ];
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <p>
        <a href="/admin/entries" className="text-brand-700 underline">
          返回名单信息
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{e.name}</h1>
      <p className="mt-1 text-slate-800">{e.caseNo}</p>
      <DetailList rows={rows} />

      {e.removalGroundOn && active && (
        <p className="mt-6 rounded border-2 border-amber-600 bg-amber-50 p-4" data-testid="removal-clock">
          已登记撤销事由“{e.removalGround}”（{formatDate(e.removalGroundOn)}），应撤销或屏蔽，{formatDueDay(dueDay(e.removalGroundOn, 'removalDays'))}
          {todayInChina() > dueDay(e.removalGroundOn, 'removalDays') && <strong className="text-accent-600">，已逾期</strong>}。
        </p>
      )}

      {!active && (
        <p className="mt-6 rounded border-2 border-slate-500 bg-slate-100 p-4" data-testid="removed-notice">
          该信息已于 {e.statusChangedAt ? timeFormat.format(e.statusChangedAt) : '—'} {DISPLAY_STATUS_LABELS[displayStatus]}
          {e.statusReason ? `（${e.statusReason}）` : ''}，不再公示，撤销公告已发布。
        </p>
      )}

      {/* Clerks read every court's entries but act only on their own court's (db/entries.ts checks it again). */}
      {active && can(staff, 'removeEntries') && !inCourtScope(staff, e.court) && (
        <p className="mt-6 rounded border-2 border-slate-500 bg-slate-100 p-4" data-testid="other-court-notice">
          该信息由{e.court}处理。您只能处理本院（{courtScope(staff)}）的失信信息。
        </p>
      )}

      {active && can(staff, 'removeEntries') && inCourtScope(staff, e.court) && (
        <div className="mt-8 grid gap-8 lg:grid-cols-2">
          <section aria-labelledby="ground-title" className="rounded border border-slate-300 p-4">
            <h2 id="ground-title" className="mb-2 text-xl font-bold">
              登记撤销事由
            </h2>
            <p className="mb-4 text-slate-800">
              被执行人履行完毕等事由发生后登记，{TIME_RULES.removalDays.days} 日内须撤销或屏蔽，逾期在工作台标红。
            </p>
            <RemovalGroundForm action={recordGroundAction.bind(null, e.uid)} today={todayInChina()} />
          </section>
          <section aria-labelledby="removal-title" className="rounded border border-slate-300 p-4">
            <h2 id="removal-title" className="mb-2 text-xl font-bold">
              撤销或屏蔽
            </h2>
            <p className="mb-4 text-slate-800">提交后立即停止公示，在撤销公告中公布，并通知已接收该信息的联动单位。</p>
            <RemovalForm action={removeEntryAction.bind(null, e.uid)} />
          </section>
        </div>
      )}

      <section aria-labelledby="history-title" className="mt-8">
        <h2 id="history-title" className="text-xl font-bold">
          变更记录
        </h2>
        <div className="mt-2">
          <StaffTable headers={['时间', '事项', '操作方', '事由']} minWidth="36rem">
              {history.map((h) => (
                <tr key={h.id} data-testid="history-row">
                  <td className="px-3 py-2 whitespace-nowrap">{timeFormat.format(h.at)}</td>
                  <td className="px-3 py-2">{EVENT_LABELS[h.kind]}</td>
                  <td className="px-3 py-2 break-all">{actorLabel(h.actor, actors)}</td>
                  <td className="px-3 py-2">{h.reason ?? ''}</td>
                </tr>
              ))}
          </StaffTable>
        </div>
      </section>
    </main>
  );
}
