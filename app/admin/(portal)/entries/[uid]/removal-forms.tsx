'use client';

import { useActionState } from 'react';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { buttonClass, dangerButtonClass, Field, Options, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';
import { SPC_GROUNDS } from '@/lib/removal-grounds';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

function GroundSelect(p: { id: string; name: string; className: string; defaultValue?: string }) {
  return (
    <select {...p} defaultValue={p.defaultValue ?? ''}>
      <Options options={SPC_GROUNDS.map((g) => ({ value: g, label: g }))} />
    </select>
  );
}

/** 撤销 / 屏蔽 with one of the SPC grounds, submitted for the 负责人's approval (the action shows the result on the page). */
export function RemovalForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.errors && <ErrorSummary messages={state.errors} />}
      <fieldset aria-describedby={fieldError(state, 'kind') ? 'kind-error' : undefined}>
        <legend className="mb-1 font-semibold">处理方式</legend>
        {fieldError(state, 'kind') && (
          <p id="kind-error" className="mb-1 font-semibold text-accent-600">
            {fieldError(state, 'kind')}
          </p>
        )}
        <div className="flex gap-6">
          <label className="flex items-center gap-2">
            <input id="kind" type="radio" name="kind" value="revoke" defaultChecked={v.kind === 'revoke'} /> 撤销
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="shield" defaultChecked={v.kind === 'shield'} /> 屏蔽
          </label>
        </div>
      </fieldset>
      <Field id="reason" label="事由" error={fieldError(state, 'reason')}>
        {(p) => <GroundSelect {...p} key={v.reason ?? ''} defaultValue={v.reason} />}
      </Field>
      <Field id="note" label="说明（选填；事由为“其他”时必填）" error={fieldError(state, 'note')}>
        {(p) => <textarea {...p} rows={3} maxLength={500} defaultValue={v.note} />}
      </Field>
      <Field
        id="effectiveAt"
        label="生效时间（选填，默认为现在）"
        hint="北京时间，不得晚于现在"
        error={fieldError(state, 'effectiveAt')}
      >
        {(p) => <input {...p} type="datetime-local" defaultValue={v.effectiveAt} />}
      </Field>
      <button type="submit" className={dangerButtonClass} disabled={pending}>
        {pending ? '正在提交…' : '提交负责人审核'}
      </button>
    </form>
  );
}

/**
 * The 负责人's review of a pending request: approve (irreversible, asked twice, naming the
 * entry) or send back with a reason.
 */
export function ReviewForms({
  approve,
  refuse,
  what,
  subject,
}: {
  approve: Action;
  refuse: Action;
  what: string;
  subject: string;
}) {
  const [approved, approveAction, approving] = useActionState(approve, {});
  const [refused, refuseAction, refusing] = useActionState(refuse, {});
  const v = refused.values ?? {};
  return (
    <div className="space-y-4">
      <form action={approveAction}>
        {approved.errors && <ErrorSummary messages={approved.errors} />}
        <ConfirmSubmit
          label={`审核通过并${what}`}
          title={`审核通过：${what}该失信信息`}
          object={subject}
          consequence={`通过后立即${what}：停止公示，发布撤销公告，向联动单位推送变更。`}
          danger
          pending={approving}
        />
      </form>
      <details open={Boolean(refused.errors)} className="rounded border border-slate-300 p-3">
        <summary className="cursor-pointer font-semibold text-brand-800">退回承办人</summary>
        <form action={refuseAction} className="mt-3 space-y-3" noValidate>
          {refused.errors && <ErrorSummary messages={refused.errors} />}
          <Field id="decisionNote" label="退回理由" error={fieldError(refused, 'decisionNote')}>
            {(p) => <textarea {...p} rows={3} maxLength={500} defaultValue={v.decisionNote} />}
          </Field>
          <button type="submit" className={buttonClass} disabled={refusing}>
            {refusing ? '正在退回…' : '退回'}
          </button>
        </form>
      </details>
    </div>
  );
}

/** Records the fact that starts the removal clock. */
export function RemovalGroundForm({ action, today }: { action: Action; today: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.ok && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary messages={state.errors} />}
      <Field id="ground" label="撤销事由" error={fieldError(state, 'ground')}>
        {(p) => <GroundSelect {...p} key={v.ground ?? ''} defaultValue={v.ground} />}
      </Field>
      <Field id="on" label="事由发生日" hint="例如履行完毕日期" error={fieldError(state, 'on')}>
        {(p) => <input {...p} type="date" max={today} defaultValue={v.on} />}
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? '正在登记…' : '登记撤销事由'}
      </button>
    </form>
  );
}
