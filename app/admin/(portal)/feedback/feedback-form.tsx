'use client';

import { useActionState } from 'react';
import { buttonClass, Field, Options, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** A measure the unit applied to an entry: the entry by case number or uid, one of the unit's measures, the day, the effect. */
export function FeedbackForm({ action, measures, today }: { action: Action; measures: { value: string; label: string }[]; today: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <form action={formAction} className="max-w-2xl space-y-4" noValidate>
      {state.ok && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <Field id="entryUid" label="案号或信息唯一标识" hint="一个案号下有多名被执行人时，请填写信息唯一标识" error={fieldError(state, 'entryUid')}>
        {(p) => <input {...p} type="text" maxLength={100} defaultValue={v.entryUid} />}
      </Field>
      <Field id="measureNo" label="惩戒措施" hint="仅列出附件2中由本单位实施的措施" error={fieldError(state, 'measureNo')}>
        {(p) => (
          // Keyed by the value: React applies a select's defaultValue only when it mounts, and the form resets after each submission.
          <select {...p} key={v.measureNo ?? ''} defaultValue={v.measureNo ?? ''}>
            <Options options={measures} />
          </select>
        )}
      </Field>
      <Field id="appliedOn" label="实施日期" error={fieldError(state, 'appliedOn')}>
        {(p) => <input {...p} type="date" max={today} defaultValue={v.appliedOn} />}
      </Field>
      <Field id="outcome" label="实施效果" hint="最多 500 字" error={fieldError(state, 'outcome')}>
        {(p) => <textarea {...p} rows={4} maxLength={500} defaultValue={v.outcome} />}
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? '正在报送…' : '报送'}
      </button>
    </form>
  );
}
