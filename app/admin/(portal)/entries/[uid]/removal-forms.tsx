'use client';

import { useActionState } from 'react';
import { buttonClass, dangerButtonClass, Field, Options, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';
import { SPC_GROUNDS } from '@/lib/validation/entry-push';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

function GroundSelect(p: { id: string; name: string; className: string; defaultValue?: string }) {
  return (
    <select {...p} defaultValue={p.defaultValue ?? ''}>
      <Options options={SPC_GROUNDS.map((g) => ({ value: g, label: g }))} />
    </select>
  );
}

/** 撤销 / 屏蔽 with one of the SPC grounds. */
export function RemovalForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.ok) return <SuccessMessage>{state.message}</SuccessMessage>;
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
      <Field id="effectiveAt" label="生效时间（选填，默认为现在）" hint="北京时间，不得晚于现在" error={fieldError(state, 'effectiveAt')}>
        {(p) => <input {...p} type="datetime-local" defaultValue={v.effectiveAt} />}
      </Field>
      <button type="submit" className={dangerButtonClass} disabled={pending}>
        {pending ? '正在处理…' : '确认撤销或屏蔽'}
      </button>
    </form>
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
