'use client';

import { useActionState, useState } from 'react';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import type { FormState } from '@/lib/form-state';
import { KeepForm } from './lifting-form';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** One task as the table shows it: already in words, the identifier masked on the server. */
export type TaskRowView = {
  id: number;
  name: string;
  maskedId: string | null;
  caseNo: string;
  court: string;
  unit: string | null;
  removal: string;
  removedOn: string;
  measures: { no: number; label: string }[];
  due: string;
  daysLeft: string | null;
  overdue: boolean;
  status: string;
  /** A kept measure whose kept-until day has come: awaiting a new decision. */
  keptDue: boolean;
  statusLabel: string;
  outcome: string | null;
  /** The decisions so far, oldest first (shown for a kept measure due again, or a task decided more than once). */
  history: { id: number; text: string }[];
  reminders: number;
  decidedBy: string | null;
  /** The signed-in officer's unit's task awaiting a decision (open, or kept and due again): checkbox and 继续保留. */
  decidable: boolean;
};

const cell = 'px-3 py-2 align-top';
const FORM_ID = 'bulk-lifting';

/**
 * The tasks of one page in a table: for the unit's officer a checkbox per open task, select-all
 * and 确认已解除 for the checked ones at once (asked twice, naming how many and whose), and
 * 继续保留 per task; for the credit office the same rows, read only, with the unit.
 */
export function LiftingTable({
  rows,
  action,
  minUntil,
  showUnit,
}: {
  rows: TaskRowView[];
  action?: Action;
  minUntil: string;
  showUnit: boolean;
}) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  // One action and one state for the bulk form and every row's 继续保留: the message outlives the rows it decided.
  const [state, formAction, pending] = useActionState<FormState, FormData>(action ?? (async () => ({})), {});
  const bulkAction = action;
  const decidable = rows.filter((r) => r.decidable);
  const checked = decidable.filter((r) => selected.has(r.id));
  const allChecked = decidable.length > 0 && checked.length === decidable.length;
  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const headers = [
    '被执行人',
    '证件号码',
    '案号 / 执行法院',
    ...(showUnit ? ['成员单位'] : []),
    '移出名单',
    '应解除的措施',
    '确认期限',
    '催办',
    '状态',
  ];
  return (
    <div className="mt-3 space-y-3">
      {state.ok && state.message && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      {rows.length === 0 && <p>没有符合条件的任务。</p>}
      {bulkAction && decidable.length > 0 && (
        <form
          id={FORM_ID}
          action={formAction}
          className="flex flex-wrap items-center gap-4 rounded border border-slate-300 bg-slate-50 p-3"
        >
          <p aria-live="polite" data-testid="lifting-selected">
            已勾选 {checked.length} 项
          </p>
          <ConfirmSubmit
            label="确认已解除"
            confirmLabel="确认解除"
            title={`确认已解除 ${checked.length} 项任务的惩戒措施`}
            pending={pending || checked.length === 0}
            object={
              <>
                <p className="font-semibold">共 {checked.length} 项：</p>
                <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-6">
                  {checked.map((r) => (
                    <li key={r.id}>
                      {r.name}（{r.caseNo}）
                    </li>
                  ))}
                </ul>
              </>
            }
            consequence="确认本单位已解除对上述被执行人的所列惩戒措施。确认后不能改为继续保留。"
          />
        </form>
      )}
      {/* Focusable, so the wide table scrolls by keyboard too (a read-only table has nothing else to focus). */}
      {rows.length > 0 && (
        <div
          className="overflow-x-auto rounded border border-slate-300"
          tabIndex={0}
          role="region"
          aria-label="解除任务列表"
        >
          <table
            className="w-full text-left text-sm"
            style={{ minWidth: showUnit ? '72rem' : '66rem' }}
            data-testid="lifting-table"
          >
            <caption className="sr-only">解除任务</caption>
            <thead className="bg-brand-50">
              <tr>
                {bulkAction && (
                  <th scope="col" className={cell}>
                    {decidable.length > 0 && (
                      <input
                        type="checkbox"
                        aria-label="全选本页待确认任务"
                        className="h-5 w-5"
                        checked={allChecked}
                        onChange={(e) =>
                          setSelected(e.target.checked ? new Set(decidable.map((r) => r.id)) : new Set())
                        }
                      />
                    )}
                  </th>
                )}
                {headers.map((h) => (
                  <th key={h} scope="col" className={cell}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {rows.map((r) => (
                <tr
                  key={r.id}
                  data-testid="lifting-row"
                  data-task={r.id}
                  data-status={r.status}
                  data-overdue={r.overdue}
                  data-kept-due={r.keptDue}
                  className={r.overdue ? 'bg-red-50' : undefined}
                >
                  {bulkAction && (
                    <td className={cell}>
                      {r.decidable && (
                        <input
                          type="checkbox"
                          form={FORM_ID}
                          name="taskId"
                          value={r.id}
                          className="h-5 w-5"
                          aria-label={`选择 ${r.name}（${r.caseNo}）`}
                          checked={selected.has(r.id)}
                          onChange={(e) => toggle(r.id, e.target.checked)}
                        />
                      )}
                    </td>
                  )}
                  <td className={`${cell} font-semibold`}>{r.name}</td>
                  <td className={`${cell} whitespace-nowrap font-mono`}>{r.maskedId ?? '—'}</td>
                  <td className={cell}>
                    <span className="whitespace-nowrap">{r.caseNo}</span>
                    <br />
                    <span className="text-slate-700">{r.court}</span>
                  </td>
                  {showUnit && <td className={cell}>{r.unit}</td>}
                  <td className={`${cell} whitespace-nowrap`}>
                    {r.removal}
                    <br />
                    {r.removedOn}
                  </td>
                  <td className={cell}>
                    <ul className="max-w-64 space-y-1">
                      {r.measures.map((m) => (
                        <li key={m.no} className="line-clamp-2" data-measure={m.no}>
                          {m.label}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className={cell}>
                    <span className="whitespace-nowrap">{r.due}</span>
                    {r.daysLeft && (
                      <span className={`block whitespace-nowrap ${r.overdue ? 'font-semibold text-accent-600' : ''}`}>
                        {r.daysLeft}
                        {r.overdue && '（已超期）'}
                      </span>
                    )}
                  </td>
                  <td className={`${cell} whitespace-nowrap`} data-testid="lifting-reminders-count">
                    {r.reminders > 0 ? `${r.reminders} 次` : '—'}
                  </td>
                  <td className={cell}>
                    {r.statusLabel}
                    {r.outcome && <span className="block">{r.outcome}</span>}
                    {r.decidedBy && <span className="block text-slate-700">{r.decidedBy}</span>}
                    {r.history.length > 0 && (
                      <details className="mt-1" data-testid="lifting-history">
                        <summary className="cursor-pointer text-brand-800">历次决定（{r.history.length}）</summary>
                        <ol className="mt-1 list-decimal space-y-1 pl-5">
                          {r.history.map((h) => (
                            <li key={h.id}>{h.text}</li>
                          ))}
                        </ol>
                      </details>
                    )}
                    {r.decidable && (
                      <KeepForm formAction={formAction} state={state} pending={pending} task={r} minUntil={minUntil} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
