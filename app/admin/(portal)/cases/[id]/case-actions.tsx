'use client';

import { useActionState } from 'react';
import { buttonClass, Field, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

const STEP_LABELS = { accepted: '受理', under_review: '开始审查', closed: '办结' } as const;

/** The next steps a case allows: simple buttons, and the decision form. */
export function CaseActions({ action, next }: { action: Action; next: string[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <div className="space-y-4">
      {state.ok && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <div className="flex flex-wrap gap-3">
        {next
          .filter((s): s is keyof typeof STEP_LABELS => s in STEP_LABELS)
          .map((s) => (
            <form key={s} action={formAction}>
              <input type="hidden" name="to" value={s} />
              <button type="submit" className={buttonClass} disabled={pending}>
                {STEP_LABELS[s]}
              </button>
            </form>
          ))}
      </div>
      {next.includes('decided') && (
        <form action={formAction} className="space-y-4 rounded border border-slate-300 p-4" noValidate>
          <input type="hidden" name="to" value="decided" />
          <fieldset>
            <legend className="mb-1 font-semibold">决定</legend>
            {fieldError(state, 'decision') && <p className="mb-1 font-semibold text-accent-600">{fieldError(state, 'decision')}</p>}
            <div className="flex flex-wrap gap-6">
              {[
                ['upheld', '理由成立'],
                ['partly_upheld', '部分成立'],
                ['rejected', '理由不成立'],
              ].map(([value, label]) => (
                <label key={value} className="flex items-center gap-2">
                  <input type="radio" name="decision" value={value} defaultChecked={v.decision === value} id={value === 'upheld' ? 'decision' : undefined} /> {label}
                </label>
              ))}
            </div>
          </fieldset>
          <Field id="decisionText" label="决定理由（将告知申请人）" error={fieldError(state, 'decisionText')}>
            {(p) => <textarea {...p} rows={5} maxLength={5000} defaultValue={v.decisionText} />}
          </Field>
          <button type="submit" className={buttonClass} disabled={pending}>
            作出决定
          </button>
        </form>
      )}
    </div>
  );
}
