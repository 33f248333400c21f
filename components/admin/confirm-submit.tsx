'use client';

import { useId, useRef, type ReactNode } from 'react';
import { buttonClass, dangerButtonClass } from './fields';

/**
 * The submit button of an irreversible action, asked twice: it opens a dialog that names the
 * object and says what cannot be undone; only the dialog's own button submits the form, with
 * `confirmed=yes`, which the Server Action requires (lib/form-state.ts isConfirmed), so a form
 * posted without the dialog changes nothing either. Place it inside the <form>.
 */
export function ConfirmSubmit({
  label,
  title,
  object,
  consequence,
  danger = false,
  pending = false,
  confirmLabel,
}: {
  /** The action, as on the button and on the dialog's confirm button: 撤销, 确认已解除 … */
  label: string;
  title: string;
  /** What the action acts on, named so the staff member recognises it. */
  object: ReactNode;
  /** What happens, in one or two sentences; "此操作不可撤销" is added. */
  consequence: ReactNode;
  danger?: boolean;
  pending?: boolean;
  /** The dialog's confirm button, when 确认{label} reads badly (a label that starts with 确认). */
  confirmLabel?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const cls = danger ? dangerButtonClass : buttonClass;
  return (
    <>
      <button type="button" className={cls} disabled={pending} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto max-w-lg rounded border-2 border-slate-400 p-0 backdrop:bg-slate-900/50"
      >
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-lg font-bold text-slate-900">
            {title}
          </h2>
          <div className="rounded bg-slate-100 p-3 text-slate-900">{object}</div>
          <p className="text-slate-800">{consequence}</p>
          <p className="font-semibold text-accent-600">此操作不可撤销，请核对无误后确认。</p>
          <div className="flex flex-wrap gap-3 pt-2">
            <button
              type="submit"
              name="confirmed"
              value="yes"
              className={cls}
              disabled={pending}
              onClick={() => dialog.current?.close()}
            >
              {confirmLabel ?? `确认${label}`}
            </button>
            <button
              type="button"
              className="rounded border border-slate-500 px-5 py-2 font-semibold text-slate-800 hover:bg-slate-100"
              onClick={() => dialog.current?.close()}
            >
              取消
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
