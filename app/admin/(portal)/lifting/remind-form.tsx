'use client';

import { useActionState, useState } from 'react';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { Field, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** 催办 one unit: all its open tasks, or only the overdue ones, with an optional note. */
export function RemindForm({
  action,
  unit,
  open,
  overdue,
}: {
  action: Action;
  unit: { code: string; name: string };
  open: number;
  overdue: number;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [scope, setScope] = useState<'open' | 'overdue'>(overdue > 0 ? 'overdue' : 'open');
  const count = scope === 'overdue' ? overdue : open;
  return (
    <div className="mt-3 max-w-2xl">
      {state.ok && state.message && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <form action={formAction} className="space-y-3 rounded border border-slate-300 p-4" noValidate>
        <input type="hidden" name="departmentCode" value={unit.code} />
        <fieldset>
          <legend className="mb-1 font-semibold">催办范围</legend>
          <label className="mr-6 inline-flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              value="overdue"
              checked={scope === 'overdue'}
              onChange={() => setScope('overdue')}
              disabled={overdue === 0}
            />
            已超期任务（{overdue} 项）
          </label>
          <label className="inline-flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              value="open"
              checked={scope === 'open'}
              onChange={() => setScope('open')}
            />
            全部未确认任务（{open} 项）
          </label>
        </fieldset>
        <Field
          id="note"
          label="催办说明（选填）"
          hint="对方在“措施解除”页面和工作台上看到"
          error={fieldError(state, 'note')}
        >
          {(p) => <textarea {...p} rows={2} maxLength={500} defaultValue={state.values?.note} />}
        </Field>
        <ConfirmSubmit
          label="发送催办"
          title="向成员单位发送催办"
          pending={pending || count === 0}
          object={`${unit.name}：${scope === 'overdue' ? '已超期任务' : '全部未确认任务'} ${count} 项`}
          consequence="催办记录会保存并显示给该单位，计入其催办次数。"
        />
      </form>
    </div>
  );
}
