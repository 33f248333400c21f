'use client';

import { useActionState } from 'react';
import { buttonClass, Field, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** An internal note: staff only, never shown to the applicant. */
export function NoteForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="mt-3 max-w-3xl space-y-3" noValidate key={state.ok ? state.message : 'note'}>
      {state.ok && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <Field
        id="body"
        label="添加内部意见"
        hint="仅本案办理单位和市信用办工作人员可见，不会出现在申请人的查询页面。"
        error={fieldError(state, 'body')}
      >
        {(p) => <textarea {...p} rows={3} maxLength={2000} defaultValue={state.ok ? '' : state.values?.body} />}
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        保存内部意见
      </button>
    </form>
  );
}
