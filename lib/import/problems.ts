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
