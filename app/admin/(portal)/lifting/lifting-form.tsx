'use client';

import { useActionState } from 'react';
import { buttonClass, Field, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * One open task's decision: 已解除 in one click, or 继续保留 with the reason and the last day.
 * Several tasks share the page, so each field's id carries the task's id (the name does not).
 */
export function LiftingForm({ action, taskId, minUntil }: { action: Action; taskId: number; minUntil: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.ok) return <SuccessMessage>{state.message}</SuccessMessage>;
  const v = state.values ?? {};
  const id = (field: string) => `task-${taskId}-${field}`;
  const errors = state.errors?.map((e) => (e.field ? { ...e, field: id(e.field) } : e));
  return (
    <div className="mt-3 space-y-3">
      {errors && <ErrorSummary key={JSON.stringify(errors)} messages={errors} />}
      <form action={formAction}>
        <input type="hidden" name="outcome" value="lifted" />
        <button type="submit" className={buttonClass} disabled={pending}>
          确认已解除
        </button>
      </form>
      <details open={v.outcome === 'kept'} className="rounded border border-slate-300 p-3">
        <summary className="cursor-pointer font-semibold text-brand-800">继续保留部分惩戒措施</summary>
        <form action={formAction} className="mt-3 space-y-3" noValidate>
          <input type="hidden" name="outcome" value="kept" />
          <Field id={id('reason')} label="继续保留的理由" hint="须有法律法规依据（二（七））" error={fieldError(state, 'reason')}>
            {(p) => <textarea {...p} name="reason" rows={3} maxLength={1000} defaultValue={v.reason} />}
          </Field>
          <Field id={id('until')} label="继续保留至" hint="须晚于今天" error={fieldError(state, 'until')}>
            {(p) => <input {...p} name="until" type="date" min={minUntil} defaultValue={v.until} />}
          </Field>
          <button type="submit" className={buttonClass} disabled={pending}>
            登记继续保留
          </button>
        </form>
      </details>
    </div>
  );
}
