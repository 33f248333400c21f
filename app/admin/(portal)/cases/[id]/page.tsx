import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { caseForStaff, decisionLabel, decisionsFor, materialDueOn } from '@/domain/applications/cases';
import { listMeasures } from '@/domain/publishing/queries';
import { actorDirectory } from '@/db/staff-queries';
import { CaseHistory, formatTime } from '@/components/case-history';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import { daysLeft, formatDate, formatDueDay } from '@/lib/format';
import { DetailList } from '@/components/admin/staff-table';
import { actorLabel } from '@/lib/actors';
import { addCaseNoteAction, advanceCaseAction, forwardCaseAction } from '../actions';
import { ForwardForm } from './forward-form';
import { CaseActions } from './case-actions';
import { NoteForm } from './note-form';
import { FileList, fileSize } from '@/components/file-list';
import { REFUSAL_REASONS, refusalLabel } from '@/lib/case-terms';
import { APPLICATION_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/labels';

export const metadata: Metadata = { title: '申请详情' };

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff(capabilityOf('/admin/cases/[id]')!);
  const { id } = await params;
  const found = /^\d{1,15}$/.test(id) ? await caseForStaff(Number(id), staff) : null;
  if (!found) notFound();
  const {
    c,
    app,
    entry,
    handlerName: handledBy,
    reconsideration,
    overdue,
    events,
    files,
    supplements,
    notes,
    document,
    mayHandle,
    mayNote,
    next,
    forwardedFromName,
    forwardedByViewer,
    mayForward,
  } = found;
  const actors = await actorDirectory([
    ...events.map((e) => e.actor),
    ...notes.map((n) => n.actor),
    ...(document ? [document.actor] : []),
  ]);
  const paused = c.status === 'awaiting_material' && c.pausedOn;
  const ended = c.status === 'decided' || c.status === 'closed' || c.status === 'refused';
  const measures = app.measureNos.length ? (await listMeasures()).filter((m) => app.measureNos.includes(m.no)) : [];
  const rows: [string, string][] = [
    ['类型', APPLICATION_KIND_LABELS[app.kind]],
    ['办理单位', forwardedFromName ? `${handledBy}（由${forwardedFromName}转交审查）` : handledBy],
    ['状态', CASE_STATUS_LABELS[c.status]],
    ['提交时间', formatTime(app.createdAt)],
    [
      '办理期限',
      `${formatDueDay(c.dueOn)}${ended ? '' : paused ? '，补正期间暂停计算' : `，${daysLeft(c.dueOn)}`}${overdue ? '（已超期）' : ''}`,
    ],
    ...(c.pausedDays > 0 ? ([['补正暂停', `共 ${c.pausedDays} 天（已顺延）`]] as [string, string][]) : []),
    ['案号', entry.caseNo],
    ['被执行人', entry.name],
    ['申请人', app.applicantName],
    ['联系电话', app.phone],
    ['电子邮箱', app.email ?? '—'],
  ];
  if (app.learnedOn) rows.push(['知晓纳入决定的日期', formatDate(app.learnedOn)]);
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <p>
        <a href="/admin/cases" className="text-brand-700 underline">
          返回申请办理
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        {APPLICATION_KIND_LABELS[app.kind]} <span className="font-mono">{app.trackingNo}</span>
      </h1>
      {overdue && (
        <p className="mt-2 rounded border-2 border-accent-600 bg-red-50 p-3 font-semibold text-accent-600">
          已超过办理期限，请尽快办理。
        </p>
      )}
      {app.needsScreening && (
        <p
          className="mt-2 rounded border-2 border-amber-600 bg-amber-50 p-3 font-semibold"
          data-testid="needs-screening"
        >
          待甄别：该信息当日已收到多件同类申请。请先核实申请人是否为被执行人本人或其代理人，再行办理。
        </p>
      )}
      {paused && (
        <section
          aria-labelledby="paused-title"
          className="mt-2 rounded border-2 border-amber-600 bg-amber-50 p-3"
          data-testid="material-request"
        >
          <h2 id="paused-title" className="font-bold">
            待补正：办理期限暂停计算
          </h2>
          <p>
            {formatDate(c.pausedOn)}要求补正：<span className="whitespace-pre-wrap">{c.materialRequest}</span>
          </p>
          <p>
            申请人应于 {formatDate(materialDueOn(c.pausedOn!))}（含当日）前补正，补正后案件回到“
            {CASE_STATUS_LABELS[c.pausedFrom ?? 'submitted']}”，期限顺延。逾期未补正的，
            {c.pausedFrom === 'submitted' ? '可不予受理' : '按现有材料作出决定'}。
          </p>
        </section>
      )}
      <p className="mt-4">
        申请对象：<strong data-testid="case-subject">{entry.name}</strong>（{entry.caseNo}）{' '}
        <a href={`/admin/entries/${encodeURIComponent(entry.uid)}`} className="text-brand-700 underline">
          查看该失信信息
        </a>
      </p>
      <DetailList rows={rows} />
      {measures.length > 0 && (
        <section aria-labelledby="measures-title" className="mt-6">
          <h2 id="measures-title" className="text-xl font-bold">
            有异议的惩戒措施
          </h2>
          <ul className="mt-2 list-disc pl-6">
            {measures.map((m) => (
              <li key={m.no}>
                {m.numeral}
                {m.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="statement-title" className="mt-6">
        <h2 id="statement-title" className="text-xl font-bold">
          申请人陈述
        </h2>
        <p className="mt-2 whitespace-pre-wrap break-words" data-testid="case-statement">
          {app.statement}
        </p>
      </section>
      {files.length > 0 && (
        <section aria-labelledby="files-title" className="mt-6">
          <h2 id="files-title" className="text-xl font-bold">
            证明材料
          </h2>
          <div className="mt-2">
            <FileList files={files} href={(id) => `/admin/cases/${c.id}/files/${id}`} withType />
          </div>
        </section>
      )}
      {supplements.length > 0 && (
        <section aria-labelledby="supplements-title" className="mt-6">
          <h2 id="supplements-title" className="text-xl font-bold">
            补正材料
          </h2>
          <ul className="mt-2 space-y-3">
            {supplements.map((s) => (
              <li key={s.id} className="rounded border border-slate-300 p-3" data-testid="supplement">
                <p className="text-sm text-slate-700">{formatTime(s.at)} 申请人补正</p>
                <p className="whitespace-pre-wrap break-words">{s.note}</p>
                {s.files.length > 0 && (
                  <FileList files={s.files} href={(id) => `/admin/cases/${c.id}/files/${id}`} withType />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.status === 'refused' && (
        <section aria-labelledby="decision-title" className="mt-6 rounded bg-brand-50 p-4">
          <h2 id="decision-title" className="text-xl font-bold">
            不予受理：{refusalLabel(c.refusalReason)}
          </h2>
          <p className="whitespace-pre-wrap">{c.decisionText}</p>
        </section>
      )}
      {c.decision && (
        <section aria-labelledby="decision-title" className="mt-6 rounded bg-brand-50 p-4">
          <h2 id="decision-title" className="text-xl font-bold">
            决定：{decisionLabel(app.kind, c.decision, c.handler)}
          </h2>
          <p className="whitespace-pre-wrap">{c.decisionText}</p>
          {document && (
            <p className="mt-2">
              决定书：
              <a href={`/admin/cases/${c.id}/document`} className="text-brand-700 underline">
                {document.fileName}
              </a>{' '}
              （{fileSize(document.size)}，{actorLabel(document.actor, actors)} 于 {formatTime(document.at)} 上传）
            </p>
          )}
          {c.liftedMeasureNos.length > 0 && (
            <p className="mt-2">解除的惩戒措施：{c.liftedMeasureNos.map((n) => `第${n}项`).join('、')}</p>
          )}
          {app.kind === 'correction' && c.decision === 'rejected' && (
            <p className="mt-2">已告知申请人：{reconsideration}</p>
          )}
        </section>
      )}
      <section aria-labelledby="actions-title" className="mt-6">
        <h2 id="actions-title" className="text-xl font-bold">
          办理
        </h2>
        {mayHandle ? (
          <div className="mt-2">
            <CaseActions
              action={advanceCaseAction.bind(null, c.id)}
              status={c.status}
              next={next}
              decisions={decisionsFor(app.kind, c.handler)}
              measures={measures
                .filter((m) => m.departments.some((d) => d.code === c.departmentCode))
                .map((m) => ({ no: m.no, text: m.text }))}
              refusalReasons={REFUSAL_REASONS}
              caseName={`${APPLICATION_KIND_LABELS[app.kind]} ${app.trackingNo} · 被执行人 ${entry.name}（${entry.caseNo}）`}
              idle={
                c.status === 'awaiting_material'
                  ? `等待申请人补正（至 ${formatDate(materialDueOn(c.pausedOn!))}）。申请人补正后案件自动恢复办理；逾期未补正的，可在期限届满` +
                    `后${c.pausedFrom === 'submitted' ? '不予受理' : '按现有材料作出决定'}。`
                  : c.status === 'refused'
                    ? '已不予受理，本案办理终结。'
                    : '已办结。'
              }
            />
          </div>
        ) : (
          <p className="mt-2">该申请由{handledBy}办理，您可查看，不能操作。</p>
        )}
        {forwardedByViewer && (
          <p className="mt-2 rounded border border-slate-300 bg-slate-50 p-3" data-testid="forwarded-notice">
            本单位已将该申请转交{handledBy}审查决定，本单位不再办理；法院决定解除的，本单位会在“措施解除”中收到任务。
          </p>
        )}
        {mayForward && (
          <ForwardForm
            action={forwardCaseAction.bind(null, c.id)}
            status={c.status}
            court={entry.court}
            caseName={`${APPLICATION_KIND_LABELS[app.kind]} ${app.trackingNo} · 被执行人 ${entry.name}（${entry.caseNo}）`}
          />
        )}
      </section>
      <section aria-labelledby="notes-title" className="mt-6">
        <h2 id="notes-title" className="text-xl font-bold">
          内部意见（申请人不可见）
        </h2>
        {notes.length === 0 ? (
          <p className="mt-2">暂无内部意见。</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {notes.map((n) => (
              <li key={n.id} className="rounded border border-slate-300 bg-slate-50 p-3" data-testid="case-note">
                <p className="whitespace-pre-wrap break-words">{n.body}</p>
                <p className="text-sm text-slate-700">
                  {actorLabel(n.actor, actors)} · {formatTime(n.at)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {mayNote && <NoteForm action={addCaseNoteAction.bind(null, c.id)} />}
      </section>
      <section aria-labelledby="history-title" className="mt-6">
        <h2 id="history-title" className="text-xl font-bold">
          办理记录
        </h2>
        <CaseHistory events={events} actors={actors} />
      </section>
    </main>
  );
}
