'use client';

import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { buttonClass, Field } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { useUploadAction } from '@/components/use-upload-action';
import { fieldError } from '@/lib/form-state';
import type { ApplyState } from '@/domain/applications/submit';

type Action = (prev: ApplyState, formData: FormData) => Promise<ApplyState>;
export type MeasureOption = {
  no: number;
  numeral: string;
  text: string;
  departments: { code: string; name: string }[];
};

/** Shown instead of the form once it is stored: the tracking number and the private access code. */
function Receipt({ trackingNo, accessCode }: { trackingNo: string; accessCode: string }) {
  return (
    <div
      role="status"
      className="rounded border-2 border-green-700 bg-green-50 p-4 text-green-900"
      data-testid="receipt"
    >
      <h2 className="text-xl font-bold">申请已提交</h2>
      <p className="mt-2">请记下以下查询号和访问码，凭它们在“申请查询”页面查看办理进度和决定。访问码只显示这一次。</p>
      <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-1">
        <dt className="font-semibold">查询号</dt>
        <dd className="font-mono text-lg" data-testid="tracking-no">
          {trackingNo}
        </dd>
        <dt className="font-semibold">访问码</dt>
        <dd className="font-mono text-lg" data-testid="access-code">
          {accessCode}
        </dd>
      </dl>
      <p className="mt-3">
        <a href="/track" className="text-brand-700 underline">
          前往申请查询
        </a>
      </p>
    </div>
  );
}

function WindowClosed({ lastDay }: { lastDay: string }) {
  return (
    <div className="rounded border-2 border-amber-600 bg-amber-50 p-4" data-testid="window-closed">
      <h2 className="text-xl font-bold">已超过纠错申请期限</h2>
      <p className="mt-2">
        纠错申请须自收到纳入决定或知晓该决定之日起 10 日内提出（二（三）），按您填写的日期，期限已于 {lastDay}{' '}
        届满，本平台不能再受理纠错申请。
      </p>
      <ul className="mt-2 list-disc pl-6">
        <li>
          对具体惩戒措施有异议的，可向实施该措施的部门提出复核申请：
          <a href="/apply/objection" className="text-brand-700 underline">
            提交异议申请
          </a>
          。
        </li>
        <li>已全部履行义务的，可请执行法院依法撤销失信信息；撤销后可申请信用修复。</li>
        <li>
          如日期填写有误，可
          <a href="/apply/correction" className="text-brand-700 underline">
            重新填写
          </a>
          。
        </li>
      </ul>
    </div>
  );
}

export function ApplicationForm({
  action,
  submissionToken,
  prefill,
  children,
}: {
  action: Action;
  submissionToken: string;
  /** Fields filled in advance (the entry page's links carry the case number and the name). */
  prefill?: Record<string, string>;
  children: (state: ApplyState) => ReactNode;
}) {
  const { state, formAction, pending, onSubmit } = useUploadAction<ApplyState>(action, { values: prefill });
  if (state.submitted) return <Receipt {...state.submitted} />;
  if (state.windowClosed) return <WindowClosed lastDay={state.windowClosed.lastDay} />;
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      className="max-w-3xl space-y-6"
      noValidate
      encType="multipart/form-data"
    >
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <input type="hidden" name="submissionToken" value={submissionToken} />
      {/* Honeypot: hidden from people and assistive technology, filled only by bots. */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
        <label htmlFor="website">网站（请勿填写）</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      {children(state)}
      <button type="submit" className={`${buttonClass} text-lg`} disabled={pending}>
        {pending ? '正在提交…' : '提交'}
      </button>
      <p role="status" aria-live="polite" className="sr-only">
        {pending ? '正在提交，请稍候' : ''}
      </p>
    </form>
  );
}

export function IdentificationFields({ state }: { state: ApplyState }) {
  const v = state.values ?? {};
  return (
    <fieldset className="space-y-4 rounded border border-slate-300 p-4">
      <legend className="px-1 text-lg font-bold">核对失信信息</legend>
      <p className="text-slate-800">请按法院文书填写，三项须与公示信息一致。</p>
      <Field
        id="caseNo"
        label="案号"
        hint="例如 (2024)苏0583执1234号，全角半角均可"
        error={fieldError(state, 'caseNo')}
      >
        {(p) => <input {...p} type="text" maxLength={60} defaultValue={v.caseNo} autoComplete="off" />}
      </Field>
      <Field id="name" label="被执行人姓名或名称" error={fieldError(state, 'name')}>
        {(p) => <input {...p} type="text" maxLength={100} defaultValue={v.name} />}
      </Field>
      <Field id="idLast4" label="身份证号码或统一社会信用代码的最后 4 位" error={fieldError(state, 'idLast4')}>
        {(p) => (
          <input
            {...p}
            type="text"
            maxLength={4}
            defaultValue={v.idLast4}
            autoComplete="off"
            className={`${p.className} max-w-[8rem]`}
          />
        )}
      </Field>
    </fieldset>
  );
}

export function StatementFields({
  state,
  factsLabel,
  reasonsLabel,
}: {
  state: ApplyState;
  factsLabel: string;
  reasonsLabel: string;
}) {
  const v = state.values ?? {};
  return (
    <>
      <Field id="facts" label={factsLabel} hint="最多 5000 字" error={fieldError(state, 'facts')}>
        {(p) => <textarea {...p} rows={6} maxLength={5000} defaultValue={v.facts} />}
      </Field>
      <Field id="reasons" label={reasonsLabel} hint="最多 5000 字" error={fieldError(state, 'reasons')}>
        {(p) => <textarea {...p} rows={6} maxLength={5000} defaultValue={v.reasons} />}
      </Field>
    </>
  );
}

export function ContactAndEvidenceFields({ state }: { state: ApplyState }) {
  const v = state.values ?? {};
  return (
    <>
      <fieldset className="space-y-4 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-bold">联系方式</legend>
        <Field id="applicantName" label="申请人姓名" hint="本人或代理人" error={fieldError(state, 'applicantName')}>
          {(p) => <input {...p} type="text" maxLength={50} defaultValue={v.applicantName} autoComplete="name" />}
        </Field>
        <Field id="phone" label="联系电话" error={fieldError(state, 'phone')}>
          {(p) => <input {...p} type="tel" maxLength={20} defaultValue={v.phone} autoComplete="tel" />}
        </Field>
        <Field
          id="email"
          label="电子邮箱（选填）"
          hint="填写后，办理进度也会发送到该邮箱"
          error={fieldError(state, 'email')}
        >
          {(p) => <input {...p} type="email" maxLength={254} defaultValue={v.email} autoComplete="email" />}
        </Field>
      </fieldset>
      <Field
        id="evidence"
        label="证明材料（选填）"
        hint="PDF、JPG 或 PNG，每个不超过 10 MB，最多 5 个"
        error={fieldError(state, 'evidence')}
      >
        {(p) => (
          <input {...p} type="file" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" />
        )}
      </Field>
    </>
  );
}

/** Nothing to subscribe to: the store only tells the server render (false) from the hydrated one (true). */
const noSubscription = () => () => {};

/** Measures with checkboxes; the departments implementing the chosen ones to pick from. */
export function MeasureFields({ state, measures }: { state: ApplyState; measures: MeasureOption[] }) {
  const [chosen, setChosen] = useState<number[]>([]);
  // Without JavaScript every implementing department is listed; with it, those of the chosen measures.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const visible = hydrated ? measures.filter((m) => chosen.includes(m.no)) : measures;
  const departments = [...new Map(visible.flatMap((m) => m.departments).map((d) => [d.code, d])).values()];
  const measureError = fieldError(state, 'measureNos');
  const departmentError = fieldError(state, 'departmentCodes');
  return (
    <>
      <fieldset
        id="measureNos"
        tabIndex={-1}
        className="rounded border border-slate-300 p-4"
        aria-describedby={measureError ? 'measureNos-error' : undefined}
      >
        <legend className="px-1 text-lg font-bold">有异议的惩戒措施</legend>
        {measureError && (
          <p id="measureNos-error" className="mb-2 font-semibold text-accent-600">
            {measureError}
          </p>
        )}
        <ul className="max-h-[28rem] space-y-2 overflow-y-auto pr-2">
          {measures.map((m) => (
            <li key={m.no}>
              <label className="flex gap-2">
                <input
                  type="checkbox"
                  name="measureNos"
                  value={m.no}
                  className="mt-1.5 shrink-0"
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, m.no] : c.filter((n) => n !== m.no)))}
                />
                <span>
                  <span className="font-semibold">{m.numeral}</span>
                  {m.text}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset
        id="departmentCodes"
        tabIndex={-1}
        className="rounded border border-slate-300 p-4"
        aria-describedby={departmentError ? 'departmentCodes-error' : undefined}
      >
        <legend className="px-1 text-lg font-bold">向哪个部门提出</legend>
        {departmentError && (
          <p id="departmentCodes-error" className="mb-2 font-semibold text-accent-600">
            {departmentError}
          </p>
        )}
        {visible.length === 0 ? (
          <p className="text-slate-800">请先在上方选择惩戒措施，这里会列出实施这些措施的部门（据附件2）。</p>
        ) : (
          <>
            <ul className="space-y-1 text-sm text-slate-800" aria-label="各措施的实施部门">
              {visible.map((m) => (
                <li key={m.no}>
                  {m.numeral}：{m.departments.map((d) => d.name).join('、')}
                </li>
              ))}
            </ul>
            <ul className="mt-3 grid gap-1 sm:grid-cols-2">
              {departments.map((d) => (
                <li key={d.code}>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name="departmentCodes" value={d.code} /> {d.name}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>
    </>
  );
}

export function LearnedOnField({ state }: { state: ApplyState }) {
  return (
    <Field
      id="learnedOn"
      label="收到纳入决定或知晓该决定的日期"
      hint="纠错申请须在此后 10 日内提出"
      error={fieldError(state, 'learnedOn')}
    >
      {(p) => (
        <input {...p} type="date" defaultValue={state.values?.learnedOn} className={`${p.className} max-w-[14rem]`} />
      )}
    </Field>
  );
}
