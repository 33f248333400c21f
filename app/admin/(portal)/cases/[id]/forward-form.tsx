'use client';

import { useActionState } from 'react';
import { Field, SuccessMessage } from '@/components/admin/fields';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * 转交法院审查 (seed 二(四)): a request to remove a record or lift a measure is decided by the court; the department
 * forwards it with its reasons and no longer decides it. Asked twice.
 */
export function ForwardForm({
  action,
  status,
  court,
  caseName,
}: {
  action: Action;
  status: string;
  court: string;
  caseName: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.ok) return <SuccessMessage>{state.message}</SuccessMessage>;
  return (
    <form action={formAction} className="mt-4 max-w-3xl space-y-3 rounded border border-slate-300 p-4" noValidate>
      <h3 className="text-lg font-bold">转交法院审查</h3>
      <p>
        申请人请求解除失信记录或惩戒措施的，应当提交{court}
        审查决定（《实施意见》二（四））。转交后由法院办理并作出决定，
        本单位不再作出决定；法院决定解除的，本单位会收到解除任务。
      </p>
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <input type="hidden" name="from" value={status} />
      <Field
        id="reason"
        label="转交理由"
        hint="申请人会看到该理由，例如：申请人请求解除失信记录，依规定须由法院审查决定。"
        error={fieldError(state, 'reason')}
      >
        {(p) => <textarea {...p} rows={3} maxLength={2000} defaultValue={state.values?.reason} />}
      </Field>
      <ConfirmSubmit
        label="转交法院审查"
        title="确认转交法院审查"
        pending={pending}
        object={caseName}
        consequence={<>该申请将转交{court}审查决定，本单位不再办理。</>}
      />
    </form>
  );
}
