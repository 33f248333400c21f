'use client';

import { EVIDENCE_ACCEPT, EVIDENCE_HINT } from '@/lib/evidence-rules';
import { useActionState } from 'react';
import { buttonClass, Field } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError } from '@/lib/form-state';
import { supplyMaterialAction } from './actions';

/** The applicant's answer to a 补正 request: a note and files. */
export function SupplyForm() {
  const [state, action, pending] = useActionState(supplyMaterialAction, {});
  return (
    <form action={action} className="mt-2 max-w-3xl space-y-4" noValidate>
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <Field
        id="note"
        label="补正说明"
        hint="说明补充了哪些材料，或对办理单位所提问题的答复。"
        error={fieldError(state, 'note')}
      >
        {(p) => <textarea {...p} rows={4} maxLength={2000} defaultValue={state.values?.note} />}
      </Field>
      <Field id="files" label="补正材料（选填）" hint={`${EVIDENCE_HINT}。`} error={fieldError(state, 'files')}>
        {(p) => <input {...p} type="file" multiple accept={EVIDENCE_ACCEPT} />}
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? '正在提交…' : '提交补正材料'}
      </button>
    </form>
  );
}
