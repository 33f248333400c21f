import type { ReactNode } from 'react';

export const inputClass =
  'w-full rounded border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus:border-brand-700' +
  ' aria-[invalid=true]:border-2 aria-[invalid=true]:border-accent-600';

export const buttonClass =
  'rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60';
export const dangerButtonClass =
  'rounded bg-accent-600 px-5 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60';

/** A labelled field with its hint and error tied to the control by aria-describedby. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (props: {
    id: string;
    name: string;
    'aria-describedby'?: string;
    'aria-invalid'?: true;
    className: string;
  }) => ReactNode;
}) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="mb-1 text-sm text-slate-700">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mb-1 font-semibold text-accent-600">
          <span className="sr-only">错误：</span>
          {error}
        </p>
      )}
      {children({
        id,
        name: id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
        className: inputClass,
      })}
    </div>
  );
}

export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="mb-4 rounded border-2 border-green-700 bg-green-50 p-4 text-green-900">
      {children}
    </div>
  );
}

/** <option>s for a select, with an empty first choice. */
export function Options({
  options,
  empty = '请选择',
}: {
  options: { value: string; label: string }[];
  empty?: string;
}) {
  return (
    <>
      <option value="">{empty}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}
