/**
 * The one default rule for the fields a court's file may leave out (seed 二(一): the court marks 失信严重程度 and
 * 失信信息有效期; Attachment 1's own 22 columns and the national JSON records carry neither). Both converters
 * (./formats.ts: Attachment 1 rows and national records) apply it, after reading a record:
 *
 * - 失信严重程度 absent (no column, key or an empty cell) → 一般 (`general`);
 * - 失信信息有效期 absent → none: valid until lawfully removed (`validUntil: null`, shown 至依法撤销之日), which is
 *   what an empty validity means everywhere else (db/schema.ts, db/visibility.ts).
 *
 * Each default used is returned so the import can list it as a warning (line, field, value). A value given
 * (even 长期, an explicit null) is the court's and is never replaced or warned about. Push objects in JSON, the
 * API's own shape, are not defaulted: the API requires severity.
 */
import { FIELD_DOCS } from '@/lib/entry-fields';

export const IMPORT_DEFAULTS = {
  severity: { value: 'general', shown: '一般' },
  validUntil: { value: null, shown: '至依法撤销之日（长期）' },
} as const satisfies Record<string, { value: string | null; shown: string }>;

export type DefaultedFieldName = keyof typeof IMPORT_DEFAULTS;

/** A default the rule used for one record: the field, its Attachment 1 label and the value used (Chinese). */
export type DefaultedField = { field: DefaultedFieldName; label: string; value: string };

const absent = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');

/** Fills the absent fields of `raw` in place; returns the defaults used, in field order. */
export function applyImportDefaults(raw: Record<string, unknown>): DefaultedField[] {
  const used: DefaultedField[] = [];
  for (const field of Object.keys(IMPORT_DEFAULTS) as DefaultedFieldName[]) {
    if (!absent(raw[field])) continue;
    raw[field] = IMPORT_DEFAULTS[field].value;
    used.push({ field, label: FIELD_DOCS[field].label, value: IMPORT_DEFAULTS[field].shown });
  }
  return used;
}
