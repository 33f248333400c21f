'use client';

import { useActionState } from 'react';
import { buttonClass, Field, Options, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError } from '@/lib/form-state';
import { formatDate } from '@/lib/format';
import type { FeedbackFormState } from './actions';

type Action = (prev: FeedbackFormState, formData: FormData) => Promise<FeedbackFormState>;

/**
 * A measure the unit applied to an entry: the entry by case number, ID number, USCC or uid (when
 * several entries match, the form lists them to choose one), one of the unit's measures, the day, the effect.
 */
export function FeedbackForm({
  action,
  measures,
  today,
}: {
  action: Action;
  measures: { value: string; label: string }[];
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <form action={formAction} className="max-w-2xl space-y-4" noValidate>
      {state.ok && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <Field
        id="entryUid"
        label="案号、证件号码或信息唯一标识"
        hint="证件号码指身份证号码、统一社会信用代码或组织机构代码，须完整填写；找到多条时请在列表中选择"
        error={fieldError(state, 'entryUid')}
      >
        {(p) => <input {...p} key={v.entryUid ?? ''} type="text" maxLength={100} defaultValue={v.entryUid} />}
      </Field>
      {state.choices && state.choices.length > 1 && (
        <div className="overflow-x-auto rounded border border-slate-300" data-testid="feedback-choices">
          <table className="w-full min-w-[40rem] text-left">
            <caption className="px-3 py-2 text-left font-semibold">
              找到 {state.choices.length} 条名单信息，请选择本次报送针对的一条：
            </caption>
            <thead className="bg-brand-50">
              <tr>
                <th scope="col" className="px-3 py-2">
                  被执行人
                </th>
                <th scope="col" className="px-3 py-2">
                  证件号码
                </th>
                <th scope="col" className="px-3 py-2">
                  案号
                </th>
                <th scope="col" className="px-3 py-2">
                  发布时间
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {state.choices.map((c) => (
                <tr key={c.uid} data-testid="feedback-choice">
                  <td className="px-3 py-2">{c.name}</td>
                  <td className="px-3 py-2 font-mono break-all">{c.identifier ?? '—'}</td>
                  <td className="px-3 py-2">{c.caseNo}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(c.publishedAt)}</td>
                  <td className="px-3 py-2">
                    <button
                      type="submit"
                      name="chosenUid"
                      value={c.uid}
                      className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50"
                      disabled={pending}
                    >
                      选择并报送
                      <span className="sr-only">
                        ：{c.name}（{c.identifier ?? c.caseNo}）
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Field
        id="measureNo"
        label="惩戒措施"
        hint="仅列出附件2中由本单位实施的措施"
        error={fieldError(state, 'measureNo')}
      >
        {(p) => (
          // Keyed by the value: React applies a select's defaultValue only when it mounts, and the form resets after
          // each submission.
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
