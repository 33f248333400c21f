'use client';

import { useActionState } from 'react';
import { buttonClass, Field, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

const STEP_LABELS = { accepted: '受理', under_review: '开始审查', closed: '办结' } as const;

type DecisionChoice = { decision: string; label: string; explanation: string };

/**
 * The next steps a case allows: simple buttons, and the decision form with the decisions its
 * kind allows, each explained. `measures`: an objection's measures this unit implements, to
 * choose from for 部分成立.
 */
export function CaseActions({ action, next, decisions, measures }: { action: Action; next: string[]; decisions: readonly DecisionChoice[]; measures: { no: number; text: string }[] }) {
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
            <div className="space-y-3">
              {decisions.map(({ decision, label, explanation }, i) => (
                <div key={decision}>
                  <label className="flex items-center gap-2 font-semibold">
                    <input type="radio" name="decision" value={decision} defaultChecked={v.decision === decision} id={i === 0 ? 'decision' : undefined} aria-describedby={`decision-${decision}-hint`} /> {label}
                  </label>
                  <p id={`decision-${decision}-hint`} className="ml-6 text-slate-800">
                    {explanation}
                  </p>
                </div>
              ))}
            </div>
          </fieldset>
          {decisions.some((d) => d.decision === 'partly_upheld') && measures.length > 1 && (
            <fieldset id="liftedMeasureNos" tabIndex={-1}>
              <legend className="mb-1 font-semibold">“部分成立”时解除的惩戒措施</legend>
              {fieldError(state, 'liftedMeasureNos') && <p className="mb-1 font-semibold text-accent-600">{fieldError(state, 'liftedMeasureNos')}</p>}
              {measures.map((m) => (
                <label key={m.no} className="flex items-start gap-2 py-1">
                  <input type="checkbox" name="liftedMeasureNos" value={m.no} className="mt-1 h-5 w-5" /> 第{m.no}项：{m.text}
                </label>
              ))}
            </fieldset>
          )}
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
