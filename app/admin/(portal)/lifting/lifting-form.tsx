'use client';

import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { Field } from '@/components/admin/fields';
import { fieldError, type FormState } from '@/lib/form-state';

/**
 * 继续保留 for one task awaiting a decision (open, or kept and due again), with the reason and the last day
 * (二(七): 明确继续保留的期限).
 * It posts through the table's action (intent=keep), whose state holds the errors: they are
 * this row's when `task` names it. Each field's id carries the task's id (the name does not).
 */
export function KeepForm({
  formAction,
  state,
  pending,
  task,
  minUntil,
}: {
  formAction: (formData: FormData) => void;
  state: FormState;
  pending: boolean;
  task: { id: number; name: string; caseNo: string };
  minUntil: string;
}) {
  const mine = state.values?.task === String(task.id);
  const v = mine ? (state.values ?? {}) : {};
  const id = (field: string) => `task-${task.id}-${field}`;
  const mineState = mine ? state : {};
  return (
    <details open={mine && !state.ok} className="mt-2 min-w-56 rounded border border-slate-300 p-2">
      <summary className="cursor-pointer font-semibold text-brand-800">继续保留部分惩戒措施</summary>
      <form action={formAction} className="mt-2 space-y-3" noValidate>
        <input type="hidden" name="intent" value="keep" />
        <input type="hidden" name="task" value={task.id} />
        <input type="hidden" name="outcome" value="kept" />
        <Field
          id={id('reason')}
          label="继续保留的理由"
          hint="须有法律法规依据（二（七））"
          error={fieldError(mineState, id('reason'))}
        >
          {(p) => <textarea {...p} name="reason" rows={3} maxLength={1000} defaultValue={v.reason} />}
        </Field>
        <Field id={id('until')} label="继续保留至" hint="须晚于今天" error={fieldError(mineState, id('until'))}>
          {(p) => <input {...p} name="until" type="date" min={minUntil} defaultValue={v.until} />}
        </Field>
        <ConfirmSubmit
          label="登记继续保留"
          title="登记继续保留惩戒措施"
          pending={pending}
          object={`${task.name}（${task.caseNo}）`}
          consequence="登记后至保留期满前不能更改；期满当日该任务回到本单位待重新决定。请确认理由和期限无误。"
        />
      </form>
    </details>
  );
}
