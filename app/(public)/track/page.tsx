import type { Metadata } from 'next';
import { connection } from 'next/server';
import { decisionLabel, trackingView } from '@/domain/applications/cases';
import { scrubDeep } from '@/lib/disclosure';
import { CaseHistory, formatTime } from '@/components/case-history';
import { trackedApplicationId } from '@/domain/applications/track-session';
import { isOverdue } from '@/lib/clocks';
import { formatDate, formatDueDay } from '@/lib/format';
import { closeApplication } from './actions';
import { SupplyForm } from './supply-form';
import { TrackForm } from './track-form';
import { FileList, fileSize } from '@/components/file-list';
import { refusalLabel } from '@/lib/case-terms';
import { APPLICATION_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/labels';

export const metadata: Metadata = { title: '申请查询', robots: { index: false } };

export default async function TrackPage({ searchParams }: { searchParams: Promise<{ supplied?: string }> }) {
  await connection();
  const supplied = (await searchParams).supplied === '1';
  const id = await trackedApplicationId();
  // Anyone holding the code reads this page: a public shape, scrubbed like every other (lib/disclosure.ts).
  const view = id ? scrubDeep(await trackingView(id)) : null;
  if (!view) {
    return (
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        <h1 className="text-2xl font-bold">申请查询</h1>
        <p className="mt-2 mb-6 max-w-3xl text-slate-800">
          凭提交申请时得到的查询号和访问码，查看异议、纠错或信用修复申请的办理进度和决定。
        </p>
        <TrackForm />
      </main>
    );
  }
  const { app, entry, cases, messages, files, supplements } = view;
  const waiting = cases.filter((c) => c.status === 'awaiting_material');
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">
        {APPLICATION_KIND_LABELS[app.kind]} {app.trackingNo}
      </h1>
      <p className="mt-2 text-slate-800">
        提交于 {formatTime(app.createdAt)}，涉及案号 {entry.caseNo}。
      </p>
      {supplied && supplements.length > 0 && waiting.length === 0 && (
        <div role="status" className="mt-4 rounded border-2 border-green-700 bg-green-50 p-4 text-green-900">
          已收到您补正的材料，办理单位恢复办理，办理期限相应顺延（见下方通知）。办理结果将在本页面（及电子邮箱）通知您。
        </div>
      )}
      <form action={closeApplication} className="mt-2">
        <button type="submit" className="text-brand-700 underline">
          结束查询
        </button>
      </form>

      <section aria-labelledby="cases-title" className="mt-6">
        <h2 id="cases-title" className="text-xl font-bold">
          办理情况
        </h2>
        <ul className="mt-2 space-y-4">
          {cases.map((c) => (
            <li key={c.id} className="rounded border border-slate-300 bg-white p-4" data-testid="track-case">
              <h3 className="text-lg font-bold">{c.handlerName}</h3>
              {c.forwardedFromName && (
                <p className="mt-1" data-testid="track-forwarded">
                  您向{c.forwardedFromName}提出的请求，依规定须由法院审查决定，已由{c.forwardedFromName}转交
                  {c.handlerName}审查。
                </p>
              )}
              <p>
                当前状态：<strong data-testid="track-status">{CASE_STATUS_LABELS[c.status]}</strong>
                {c.status === 'awaiting_material'
                  ? '，补正期间办理期限暂停计算'
                  : c.status !== 'decided' &&
                    c.status !== 'closed' &&
                    c.status !== 'refused' && (
                      <>
                        ，办理期限：{formatDueDay(c.dueOn)}
                        {isOverdue(c.dueOn) && '（已超期，市信用办将督促办理）'}
                      </>
                    )}
              </p>
              {c.status === 'awaiting_material' && c.materialDueOn && (
                <div
                  className="mt-2 rounded border-2 border-amber-600 bg-amber-50 p-3"
                  data-testid="track-material-request"
                >
                  <p className="font-semibold">请补正材料：</p>
                  <p className="whitespace-pre-wrap">{c.materialRequest}</p>
                  <p className="mt-1">
                    请于 {formatDate(c.materialDueOn)}
                    （含当日）前在本页面下方提交补正材料；补正后恢复办理，办理期限顺延。
                  </p>
                </div>
              )}
              {c.status === 'refused' && (
                <div className="mt-2 rounded bg-brand-50 p-3" data-testid="track-decision">
                  <p className="font-semibold">不予受理：{refusalLabel(c.refusalReason)}</p>
                  <p className="whitespace-pre-wrap">{c.decisionText}</p>
                </div>
              )}
              {c.decision && (
                <div className="mt-2 rounded bg-brand-50 p-3" data-testid="track-decision">
                  <p className="font-semibold">决定：{decisionLabel(view.app.kind, c.decision, c.handler)}</p>
                  <p className="whitespace-pre-wrap">{c.decisionText}</p>
                  {c.liftingDecision && (
                    <p className="mt-1">
                      {c.decision === 'upheld'
                        ? '已通知实施惩戒措施的单位解除对您的惩戒措施。失信名单信息是否撤销，由法院另行决定。'
                        : '惩戒措施继续实施。'}
                    </p>
                  )}
                  {c.liftedMeasureNos.length > 0 && (
                    <p className="mt-1">解除的惩戒措施：{c.liftedMeasureNos.map((n) => `第${n}项`).join('、')}</p>
                  )}
                  {c.document && (
                    <p className="mt-1">
                      <a href={`/track/documents/${c.id}`} className="text-brand-700 underline">
                        下载决定书：{c.document.fileName}
                      </a>{' '}
                      （PDF，{fileSize(c.document.size)}）
                    </p>
                  )}
                </div>
              )}
              <CaseHistory events={c.events} />
            </li>
          ))}
        </ul>
      </section>

      {waiting.length > 0 && (
        <section aria-labelledby="supply-title" className="mt-6">
          <h2 id="supply-title" className="text-xl font-bold">
            补正材料
          </h2>
          <p className="mt-1 max-w-3xl text-slate-800">
            按上面的补正要求提交说明和材料。提交后，{waiting.map((c) => c.handlerName).join('、')}恢复办理。
          </p>
          <SupplyForm />
        </section>
      )}

      <section aria-labelledby="messages-title" className="mt-6">
        <h2 id="messages-title" className="text-xl font-bold">
          通知
        </h2>
        <ul className="mt-2 space-y-2">
          {messages.map((m) => (
            <li key={m.id} className="rounded border border-slate-300 bg-white p-3" data-testid="track-message">
              <p className="font-semibold">{m.subject}</p>
              <p className="whitespace-pre-wrap">{m.body}</p>
              <p className="text-sm text-slate-700">
                {formatTime(m.createdAt)}
                {m.toAddress ? (m.sentAt ? ' · 已发送至电子邮箱' : ' · 邮件待发送') : ''}
              </p>
            </li>
          ))}
        </ul>
      </section>

      {files.length > 0 && (
        <section aria-labelledby="files-title" className="mt-6">
          <h2 id="files-title" className="text-xl font-bold">
            已提交的证明材料
          </h2>
          <div className="mt-2">
            <FileList files={files} href={(id) => `/track/files/${id}`} />
          </div>
        </section>
      )}
      {supplements.length > 0 && (
        <section aria-labelledby="supplements-title" className="mt-6">
          <h2 id="supplements-title" className="text-xl font-bold">
            已补正的材料
          </h2>
          <ul className="mt-2 space-y-2">
            {supplements.map((s) => (
              <li key={s.id} className="rounded border border-slate-300 bg-white p-3" data-testid="track-supplement">
                <p className="text-sm text-slate-700">{formatTime(s.at)}</p>
                <p className="whitespace-pre-wrap break-words">{s.note}</p>
                {s.files.length > 0 && <FileList files={s.files} href={(id) => `/track/files/${id}`} />}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
