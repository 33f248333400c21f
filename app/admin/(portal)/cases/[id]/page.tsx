import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { caseForStaff, DECISIONS, decisionLabel, handlerName, KIND_LABELS, nextStatuses, RECONSIDERATION, STATUS_LABELS } from '@/db/applications';
import { listMeasures } from '@/db/queries';
import { actorDirectory } from '@/db/staff-queries';
import { CaseHistory, formatTime } from '@/components/case-history';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/lib/auth/staff-session';
import { daysLeft, formatDate, formatDueDay } from '@/lib/format';
import { DetailList } from '@/components/admin/staff-table';
import { advanceCaseAction } from '../actions';
import { CaseActions } from './case-actions';

export const metadata: Metadata = { title: '申请详情' };

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff(capabilityOf('/admin/cases/[id]')!);
  const { id } = await params;
  const found = /^\d{1,15}$/.test(id) ? await caseForStaff(Number(id), staff) : null;
  if (!found) notFound();
  const { c, app, entry, departmentName, overdue, events, files, mayHandle } = found;
  const actors = await actorDirectory(events.map((e) => e.actor));
  const measures = app.measureNos.length ? (await listMeasures()).filter((m) => app.measureNos.includes(m.no)) : [];
  const handledBy = handlerName(c.handler, departmentName);
  const rows: [string, string][] = [
    ['类型', KIND_LABELS[app.kind]],
    ['办理单位', handledBy],
    ['状态', STATUS_LABELS[c.status]],
    ['提交时间', formatTime(app.createdAt)],
    ['办理期限', `${formatDueDay(c.dueOn)}${c.status === 'decided' || c.status === 'closed' ? '' : `，${daysLeft(c.dueOn)}`}${overdue ? '（已超期）' : ''}`],
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
        {KIND_LABELS[app.kind]} <span className="font-mono">{app.trackingNo}</span>
      </h1>
      {overdue && <p className="mt-2 rounded border-2 border-accent-600 bg-red-50 p-3 font-semibold text-accent-600">已超过办理期限，请尽快办理。</p>}
      {app.needsScreening && (
        <p className="mt-2 rounded border-2 border-amber-600 bg-amber-50 p-3 font-semibold" data-testid="needs-screening">
          待甄别：该信息当日已收到多件同类申请。请先核实申请人是否为被执行人本人或其代理人，再行办理。
        </p>
      )}
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
        <h3 className="mt-2 font-semibold">事实</h3>
        <p className="whitespace-pre-wrap break-words" data-testid="case-facts">
          {app.facts}
        </p>
        <h3 className="mt-2 font-semibold">理由</h3>
        <p className="whitespace-pre-wrap break-words">{app.reasons}</p>
      </section>
      {files.length > 0 && (
        <section aria-labelledby="files-title" className="mt-6">
          <h2 id="files-title" className="text-xl font-bold">
            证明材料
          </h2>
          <ul className="mt-2 list-disc pl-6">
            {files.map((f) => (
              <li key={f.id}>
                <a href={`/admin/cases/${c.id}/files/${f.id}`} className="text-brand-700 underline">
                  {f.fileName}
                </a>{' '}
                （{f.mediaType}，{Math.ceil(f.size / 1024)} KB）
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.decision && (
        <section aria-labelledby="decision-title" className="mt-6 rounded bg-brand-50 p-4">
          <h2 id="decision-title" className="text-xl font-bold">
            决定：{decisionLabel(app.kind, c.decision)}
          </h2>
          <p className="whitespace-pre-wrap">{c.decisionText}</p>
          {c.liftedMeasureNos.length > 0 && <p className="mt-2">解除的惩戒措施：{c.liftedMeasureNos.map((n) => `第${n}项`).join('、')}</p>}
          {app.kind === 'correction' && c.decision === 'rejected' && <p className="mt-2">已告知申请人：{RECONSIDERATION}</p>}
        </section>
      )}
      <section aria-labelledby="actions-title" className="mt-6">
        <h2 id="actions-title" className="text-xl font-bold">
          办理
        </h2>
        {mayHandle ? (
          nextStatuses(c.status).length > 0 ? (
            <div className="mt-2">
              <CaseActions
                action={advanceCaseAction.bind(null, c.id)}
                next={nextStatuses(c.status)}
                decisions={DECISIONS[app.kind]}
                measures={measures.filter((m) => m.departments.some((d) => d.code === c.departmentCode)).map((m) => ({ no: m.no, text: m.text }))}
              />
            </div>
          ) : (
            <p className="mt-2">已办结。</p>
          )
        ) : (
          <p className="mt-2">该申请由{handledBy}办理，您可查看，不能操作。</p>
        )}
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
