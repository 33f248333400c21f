import { ENTRY_PUSH_FIELDS } from '@/lib/entry-fields';
import { SUBJECT_TYPE_RULES, type EntryInput } from './entry-push';

/**
 * The push-API JSON for an entry — the inverse of parseEntryPush (tests, benchmarks and
 * examples send what the court's system would send): Attachment 1's fields, dates as ISO
 * strings, without what the subject type leaves out (SUBJECT_TYPE_RULES) and without null or
 * empty values.
 */
export function toPushPayload(e: EntryInput): Record<string, unknown> {
  const leftOut = new Set<string>(SUBJECT_TYPE_RULES[e.subjectType].notApplicable);
  const fields = ENTRY_PUSH_FIELDS.filter((k) => !leftOut.has(k)).map((k) => {
    const v = e[k];
    return [k, v instanceof Date ? v.toISOString() : v] as const;
  });
  const empty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);
  return Object.fromEntries(fields.filter(([k, v]) => !empty(v) || k === 'circumstances'));
}
