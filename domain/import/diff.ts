/**
 * What an import would change on an entry already on the register, in words staff read:
 * each changed field by its Chinese label, the stored value and the file's value. ID
 * numbers are masked (design rule 5: the preview is stored with the upload and shown on a
 * page); when the masked forms look alike the change is still named.
 */
import 'server-only';
import type { Entry } from '@/db/schema';
import type { entryRow } from '@/domain/entries/entries';
import { DISCLOSURE_LABELS, FIELD_LABELS, SEVERITY_LABELS, SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { maskIdNumber } from '@/lib/mask';
import { CST_OFFSET_MS } from '@/lib/cst';

export type FieldChange = { field: string; label: string; from: string; to: string };

type Row = ReturnType<typeof entryRow>;

export const EMPTY_VALUE = '（空）';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 2025-03-28 09:30:00 in China Standard Time (00:00:00 kept: the time matters in a diff). */
export function cstDateTime(d: Date): string {
  const t = new Date(d.getTime() + CST_OFFSET_MS);
  return (
    `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())} ` +
    `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`
  );
}

/** One stored or imported value of a court field, as text. */
export function fieldText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  if (Array.isArray(value) && value.length === 0) return EMPTY_VALUE;
  if (value instanceof Date) return cstDateTime(value);
  switch (field) {
    case 'subjectType':
      return SUBJECT_TYPE_LABELS[value as keyof typeof SUBJECT_TYPE_LABELS] ?? String(value);
    case 'severity':
      return SEVERITY_LABELS[value as keyof typeof SEVERITY_LABELS] ?? String(value);
    case 'disclosure':
      return DISCLOSURE_LABELS[value as keyof typeof DISCLOSURE_LABELS] ?? String(value);
    case 'idNumber':
      return maskIdNumber(String(value));
    case 'otherIds':
      return (value as { type: string; number: string }[])
        .map((o) => `${o.type}：${maskIdNumber(o.number)}`)
        .join('；');
    case 'circumstances':
      return (value as string[]).join('；');
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The changes of `changed` (saveEntry's list of court fields) from the stored row to the file's. */
export function entryChanges(current: Entry, next: Row, changed: readonly string[]): FieldChange[] {
  return changed.map((field) => {
    const from = fieldText(field, current[field as keyof Entry]);
    let to = fieldText(field, next[field as keyof Row]);
    if (from === to)
      to += field === 'idNumber' || field === 'otherIds' ? '（号码已更改，出于保护不显示完整号码）' : '（有细微差别）';
    const label = Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field as keyof typeof FIELD_LABELS] : field;
    return { field, label, from, to };
  });
}
