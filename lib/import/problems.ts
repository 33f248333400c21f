/** A record's problems as an import reports them (no server code: the import page's client component uses it). */

/** One problem of a record: the field's Chinese label (WHOLE_RECORD for the record as a whole) and the reason. */
export type ImportProblem = { label: string; reason: string };
export type Rejection = { line: number; uid: string | null; problems: ImportProblem[] };

/** The label used for a problem of a whole record (it could not be read). */
export const WHOLE_RECORD = '整行';

/** A problem's one-line text: 「label：reason」. */
export function problemText(p: ImportProblem): string {
  return p.label === WHOLE_RECORD ? p.reason : `${p.label}：${p.reason}`;
}

/**
 * A field a record left out that the default rule filled (lib/import/defaults.ts): a warning, not an error — the
 * record imports with `value`.
 */
export type ImportWarning = { line: number; uid: string | null; field: string; label: string; value: string };

/** A warning's one-line text: 「label：未填写，按默认值“value”」. */
export function warningText(w: Pick<ImportWarning, 'label' | 'value'>): string {
  return `${w.label}：未填写，按默认值“${w.value}”`;
}
