import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { mayReview } from '@/domain/entries/removal-requests';
import { getEntryForStaff } from '@/db/staff-queries';
import { auditStaff, can, courtScope, inCourtScope, requireStaff, staffActor } from '@/domain/auth/staff-session';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { dueDay, todayInChina, TIME_RULES } from '@/lib/clocks';
import { formatDate, formatDueDay } from '@/lib/format';
import { SuccessMessage } from '@/components/admin/fields';
import { DetailList, StaffTable } from '@/components/admin/staff-table';
import { maskIdentifierForPublic } from '@/lib/mask';
import { actorLabel } from '@/lib/actors';
import {
  DISCLOSURE_LABELS,
  DISPLAY_STATUS_LABELS,
  EVENT_LABELS,
  FIELD_LABELS,
  REMOVAL_REQUEST_KIND_LABELS,
  SEVERITY_LABELS,
  SUBJECT_TYPE_LABELS,
} from '@/lib/labels';
import { approveRemovalAction, recordGroundAction, refuseRemovalAction, requestRemovalAction } from '../actions';
import { removalDoneMessage } from '../removal-done';
import { RemovalForm, RemovalGroundForm, ReviewForms } from './removal-forms';

export const metadata: Metadata = { title: '名单信息详情' };

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'medium',
  timeStyle: 'short',
});

const REQUEST_STATUS_WORDS = { pending: '待审核', approved: '审核通过', refused: '已退回' } as const;

export default async function StaffEntryPage({
  params,
  searchParams,
}: {
  params: Promise<{ uid: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff(capabilityOf('/admin/entries/[uid]')!);
  const { uid } = await params;
  const query = await searchParams;
  const found = await getEntryForStaff(decodeURIComponent(uid));
  if (!found) notFound();
  const { entry: e, displayStatus, history, requests, actors } = found;
  const active = e.status === 'active';
  const pending = active ? requests.find((r) => r.status === 'pending') : undefined;
  const done = removalDoneMessage(query.done);
  // A person's full ID number is shown on request only, and every showing is in the audit trail.
  const showFullId = e.subjectType === 'person' && e.idNumber !== null && query.show === 'id';
  if (showFullId) await auditStaff(staff, { action: 'full_id_viewed', objectType: 'entry', objectId: e.uid });
  const mayAct = active && can(staff, 'removeEntries') && inCourtScope(staff, e.court);
  const rows: [string, string][] = [
    ['信息唯一标识', e.uid],
    [FIELD_LABELS.caseNo, e.caseNo],
    [FIELD_LABELS.subjectType, SUBJECT_TYPE_LABELS[e.subjectType]],
    [FIELD_LABELS.name, e.name],
    [FIELD_LABELS.idNumber, (showFullId ? e.idNumber : maskIdentifierForPublic(e.subjectType, e.idNumber)) ?? '—'],
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
      {done && (
        <div className="mt-4">
          <SuccessMessage>{done}</SuccessMessage>
        </div>
      )}
      <DetailList rows={rows} />
      {e.subjectType === 'person' && e.idNumber !== null && !showFullId && (
        <form method="get" className="mt-2">
          <input type="hidden" name="show" value="id" />
          <button type="submit" className="text-brand-700 underline">
            显示完整证件号码（查看将记入审计日志）
          </button>
        </form>
      )}

      {e.removalGroundOn && active && (
        <p className="mt-6 rounded border-2 border-amber-600 bg-amber-50 p-4" data-testid="removal-clock">
          已登记撤销事由“{e.removalGround}”（{formatDate(e.removalGroundOn)}），应撤销或屏蔽，
          {formatDueDay(dueDay(e.removalGroundOn, 'removalDays'))}
          {todayInChina() > dueDay(e.removalGroundOn, 'removalDays') && (
            <strong className="text-accent-600">，已逾期</strong>
          )}
          。
        </p>
      )}

      {!active && (
        <p className="mt-6 rounded border-2 border-slate-500 bg-slate-100 p-4" data-testid="removed-notice">
          该信息已于 {e.statusChangedAt ? timeFormat.format(e.statusChangedAt) : '—'}{' '}
          {DISPLAY_STATUS_LABELS[displayStatus]}
          {e.statusReason ? `（${e.statusReason}）` : ''}，不再公示，撤销公告已发布。
        </p>
      )}

      {/* Clerks read every court's entries but act only on their own court's (domain/entries/entries.ts checks it
          again). */}
      {active && can(staff, 'removeEntries') && !inCourtScope(staff, e.court) && (
        <p className="mt-6 rounded border-2 border-slate-500 bg-slate-100 p-4" data-testid="other-court-notice">
          该信息由{e.court}处理。您只能处理本院（{courtScope(staff)}）的失信信息。
        </p>
      )}

      {mayAct && (
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
            {pending ? (
              <div data-testid="pending-removal">
                <p className="mb-4 rounded border-2 border-amber-600 bg-amber-50 p-3">
                  待负责人审核：{REMOVAL_REQUEST_KIND_LABELS[pending.kind]}（{pending.reason}），由
                  {actorLabel(pending.requestedBy, actors)}于 {timeFormat.format(pending.requestedAt)} 提交。
                  审核通过前信息保持公示。
                </p>
                {mayReview(staff, pending, e.court) ? (
                  <ReviewForms
                    approve={approveRemovalAction.bind(null, e.uid, pending.id)}
                    refuse={refuseRemovalAction.bind(null, e.uid, pending.id)}
                    what={REMOVAL_REQUEST_KIND_LABELS[pending.kind]}
                    subject={`${e.name}（${e.caseNo}，${e.court}）；事由：${pending.reason}`}
                  />
                ) : (
                  <p className="text-slate-800">
                    {pending.requestedBy === staffActor(staff)
                      ? '您提交的申请须由本院另一位负责人审核。'
                      : '须由本院负责审核撤销、屏蔽的干警审核。'}
                  </p>
                )}
              </div>
            ) : (
              <>
                <p className="mb-4 text-slate-800">
                  承办人提交，负责人审核：审核通过后立即停止公示，在撤销公告中公布，并通知联动单位。
                </p>
                <RemovalForm action={requestRemovalAction.bind(null, e.uid)} />
              </>
            )}
          </section>
        </div>
      )}

      {requests.length > 0 && (
        <section aria-labelledby="requests-title" className="mt-8">
          <h2 id="requests-title" className="text-xl font-bold">
            撤销、屏蔽审核记录
          </h2>
          <div className="mt-2">
            <StaffTable
              headers={['提交时间', '处理方式', '事由', '承办人', '审核结果', '审核人', '审核时间', '退回理由']}
              minWidth="48rem"
            >
              {requests.map((r) => (
                <tr key={r.id} data-testid="removal-request-row">
                  <td className="px-3 py-2 whitespace-nowrap">{timeFormat.format(r.requestedAt)}</td>
                  <td className="px-3 py-2">{REMOVAL_REQUEST_KIND_LABELS[r.kind]}</td>
                  <td className="px-3 py-2">{r.reason}</td>
                  <td className="px-3 py-2">{actorLabel(r.requestedBy, actors)}</td>
                  <td className="px-3 py-2">{REQUEST_STATUS_WORDS[r.status]}</td>
                  <td className="px-3 py-2">{r.decidedBy ? actorLabel(r.decidedBy, actors) : '—'}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{r.decidedAt ? timeFormat.format(r.decidedAt) : '—'}</td>
                  <td className="px-3 py-2">{r.decisionNote ?? ''}</td>
                </tr>
              ))}
            </StaffTable>
          </div>
        </section>
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
