'use client';

import { useState, type ReactNode } from 'react';
import { useHydrated } from '@/components/use-hydrated';
import { buttonClass, Field } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { useUploadAction } from '@/components/use-upload-action';
import { fieldError } from '@/lib/form-state';
import { daysBetween } from '@/lib/clocks';
import type { ApplyState } from '@/domain/applications/submit';
import type { ApplicationKind } from '@/lib/case-terms';
import { EVIDENCE_ACCEPT, EVIDENCE_HINT } from '@/lib/evidence-rules';
import { DECLARATION_TEXT, STATEMENT_LABEL, STATEMENT_MAX } from '@/lib/validation/application-terms';
import { KIND_GUIDE } from './guide';
import { Receipt } from './receipt';

type Action = (prev: ApplyState, formData: FormData) => Promise<ApplyState>;
export type MeasureOption = {
  no: number;
  numeral: string;
  text: string;
  departments: { code: string; name: string }[];
};

function WindowClosed({ learnedOn, lastDay }: { learnedOn: string; lastDay: string }) {
  return (
    <div className="rounded border-2 border-amber-600 bg-amber-50 p-4" data-testid="window-closed">
      <h2 className="text-xl font-bold">已超过纠错申请期限</h2>
      <p className="mt-2">
        纠错申请须自收到纳入决定或知晓该决定之日起 {daysBetween(learnedOn, lastDay)} 日内提出，按您填写的日期，期限已于{' '}
        {lastDay} 届满，本平台不能再受理纠错申请。
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
  siteName,
  prefill,
  children,
}: {
  action: Action;
  submissionToken: string;
  /** Heads the downloaded receipt. */
  siteName: string;
  /** Fields filled in advance (the entry page's links carry the case number and the name). */
  prefill?: Record<string, string>;
  children: (state: ApplyState) => ReactNode;
}) {
  const { state, formAction, pending, onSubmit } = useUploadAction<ApplyState>(action, { values: prefill });
  if (state.submitted) return <Receipt {...state.submitted} siteName={siteName} />;
  if (state.windowClosed) return <WindowClosed {...state.windowClosed} />;
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
      <DeclarationField state={state} />
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

/** The one box: what happened and why, with a hint and an example for this kind of request. */
export function StatementField({ state, kind }: { state: ApplyState; kind: ApplicationKind }) {
  const guide = KIND_GUIDE[kind];
  return (
    <Field
      id="statement"
      label={STATEMENT_LABEL}
      hint={`${guide.statementHint}${guide.statementExample}（最多 ${STATEMENT_MAX} 字）`}
      error={fieldError(state, 'statement')}
    >
      {(p) => <textarea {...p} rows={8} maxLength={STATEMENT_MAX} defaultValue={state.values?.statement} />}
    </Field>
  );
}

/** 准备材料: what to have at hand before starting, the evidence rules taken from lib/evidence-rules.ts. */
export function MaterialsList({ kind }: { kind: ApplicationKind }) {
  return (
    <section aria-labelledby="materials-title" className="mb-6 max-w-3xl rounded border border-slate-300 bg-white p-4">
      <h2 id="materials-title" className="text-lg font-bold">
        准备材料
      </h2>
      <p className="mt-1 text-slate-800">填写前请准备好：</p>
      <ul className="mt-1 list-disc space-y-1 pl-6">
        <li>
          被执行人的身份证件（单位为营业执照）：需填写姓名或名称、证件号码的最后 4 位；代理人申请的，另备授权委托书
        </li>
        <li>法院文书上的案号，例如 (2024)苏0583执1234号</li>
        {KIND_GUIDE[kind].materials.map((m) => (
          <li key={m}>{m}</li>
        ))}
        <li>证明材料的电子文件（选填）：{EVIDENCE_HINT}；可用手机拍照</li>
        <li>联系电话，以及用于接收办理进度的电子邮箱（选填）</li>
      </ul>
    </section>
  );
}

/** The 承诺, required: the server refuses the form without it. */
function DeclarationField({ state }: { state: ApplyState }) {
  const error = fieldError(state, 'declaration');
  return (
    <div>
      {error && (
        <p id="declaration-error" className="mb-1 font-semibold text-accent-600">
          <span className="sr-only">错误：</span>
          {error}
        </p>
      )}
      <label className="flex gap-2 font-semibold">
        <input
          id="declaration"
          name="declaration"
          type="checkbox"
          value="yes"
          className="mt-1.5 shrink-0"
          defaultChecked={state.values?.declaration === 'yes'}
          aria-describedby={error ? 'declaration-error' : undefined}
          aria-invalid={error ? true : undefined}
        />
        <span>{DECLARATION_TEXT}</span>
      </label>
    </div>
  );
}

/** `evidenceLabel`: the file field's label (a guarantee request needs the guarantee's documents, so not 选填). */
export function ContactAndEvidenceFields({
  state,
  evidenceLabel = '证明材料（选填）',
}: {
  state: ApplyState;
  evidenceLabel?: string;
}) {
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
      <Field id="evidence" label={evidenceLabel} hint={EVIDENCE_HINT} error={fieldError(state, 'evidence')}>
        {(p) => <input {...p} type="file" multiple accept={EVIDENCE_ACCEPT} />}
      </Field>
    </>
  );
}

/** Measures with checkboxes; the departments implementing the chosen ones to pick from. */
export function MeasureFields({ state, measures }: { state: ApplyState; measures: MeasureOption[] }) {
  const [chosen, setChosen] = useState<number[]>([]);
  // Without JavaScript every implementing department is listed; with it, those of the chosen measures.
  const hydrated = useHydrated();
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
        <ul className="space-y-2 md:max-h-[28rem] md:overflow-y-auto md:pr-2">
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
      hint="用于计算纠错申请的期限（见本页上方说明）"
      error={fieldError(state, 'learnedOn')}
    >
      {(p) => (
        <input {...p} type="date" defaultValue={state.values?.learnedOn} className={`${p.className} max-w-[14rem]`} />
      )}
    </Field>
  );
}
