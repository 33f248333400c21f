/**
 * Imports a file of entries (Attachment 1 XLSX/CSV, national JSON) through the same
 * validation and domain function as the push API. A dry run does everything inside one
 * transaction and rolls it back, so its counts are exactly what a real run would do.
 * A real run commits record by record; re-importing the same file changes nothing.
 *
 * Every problem is reported in Chinese: the field's Attachment 1 label and the reason
 * (never an English key). A preview (the dry run by default) also lists the entries that
 * would be created and, for those already on the register, what would change.
 */
import 'server-only';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { entryRow, MinorNotListableError, saveEntry, VersionRefusedError } from '@/domain/entries/entries';
import { entries } from '@/db/schema';
import type { FieldError } from '@/lib/validation/errors';
import { entryFieldLabel, parseEntryPush, versionError } from '@/lib/validation/entry-push';
import { getCourtDirectory } from '@/domain/entries/courts';
import { entryChanges, type FieldChange } from '@/domain/import/diff';
import { WHOLE_RECORD, type ImportProblem, type ImportWarning, type Rejection } from '@/lib/import/problems';
import { readImportFile, type ImportFile, type ImportFormat } from '@/lib/import/read';
import { FIELD_DOCS } from '@/lib/entry-fields';

export {
  problemText,
  warningText,
  WHOLE_RECORD,
  type ImportProblem,
  type ImportWarning,
  type Rejection,
} from '@/lib/import/problems';

export type EntryRef = { line: number; uid: string; name: string; caseNo: string };
export type EntryChange = EntryRef & { changes: FieldChange[] };

export type ImportSummary = {
  format: ImportFormat;
  notes: string[];
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /**
   * Every field a record left out and the default rule filled (lib/import/defaults.ts), in file order: warnings,
   * not errors. A summary stored before warnings existed has none (read it as []).
   */
  warnings: ImportWarning[];
  /** Columns the file has that no field matches (reported, never silently dropped). */
  unknownColumns: string[];
  /** With `preview`: the entries that would be new (the first PREVIEW_LIST_MAX). */
  createdEntries?: EntryRef[];
  /**
   * With `preview`: entries already on the register that would change, with their differences (the first
   * PREVIEW_LIST_MAX).
   */
  changedEntries?: EntryChange[];
};

/** How many new and changed entries a preview lists (the counts are always complete). */
export const PREVIEW_LIST_MAX = 1000;

/** A validation error → its field label and reason (the message starts with the label: split it off). */
export function problemOf(error: FieldError): ImportProblem {
  const label =
    error.field === '' ? '' : entryFieldLabel(error.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)));
  if (label && error.message.startsWith(`${label}：`)) return { label, reason: error.message.slice(label.length + 1) };
  const i = error.message.indexOf('：');
  return i > 0
    ? { label: error.message.slice(0, i), reason: error.message.slice(i + 1) }
    : { label: WHOLE_RECORD, reason: error.message };
}

class DryRunRollback extends Error {}

type ImportOptions = {
  dryRun?: boolean;
  actor?: string;
  /** List the new entries and the changes to existing ones (default: on for a dry run). */
  preview?: boolean;
  onProgress?: (done: number, total: number) => void;
};

export async function importFile(filePath: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const file = await readImportFile(filePath);
  return importRecords(file, { ...opts, actor: opts.actor ?? `import:${path.basename(filePath)}` });
}

/** Imports records already read (the upload page reads them from the uploaded bytes). */
export async function importRecords(file: ImportFile, opts: ImportOptions & { actor: string }): Promise<ImportSummary> {
  const { actor } = opts;
  const preview = opts.preview ?? opts.dryRun ?? false;
  const summary: ImportSummary = {
    format: file.format,
    notes: file.notes,
    total: file.records.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    warnings: file.records.flatMap((r) =>
      (r.defaults ?? []).map((d) => ({ line: r.line, uid: typeof r.raw?.uid === 'string' ? r.raw.uid : null, ...d })),
    ),
    unknownColumns: [...new Set(file.records.flatMap((r) => r.unknownColumns ?? []))],
    ...(preview ? { createdEntries: [], changedEntries: [] } : {}),
  };

  const courts = await getCourtDirectory();
  const importAll = async (tx?: Transaction) => {
    const db = tx ?? getDb();
    for (const [i, record] of file.records.entries()) {
      opts.onProgress?.(i, file.records.length);
      const uid = typeof record.raw?.uid === 'string' ? record.raw.uid : null;
      const reject = (problems: ImportProblem[]) => summary.rejected.push({ line: record.line, uid, problems });
      if (!record.raw) {
        reject([{ label: WHOLE_RECORD, reason: record.error ?? '无法读取该行' }]);
        continue;
      }
      const parsed = parseEntryPush(record.raw, { courts });
      if (!parsed.ok) {
        reject(parsed.errors.map(problemOf));
        continue;
      }
      try {
        const [current] = preview ? await db.select().from(entries).where(eq(entries.uid, parsed.entry.uid)) : [];
        const result = await saveEntry(parsed.entry, actor, tx);
        summary[result.outcome] += 1;
        const ref = { line: record.line, uid: parsed.entry.uid, name: parsed.entry.name, caseNo: parsed.entry.caseNo };
        if (
          result.outcome === 'created' &&
          summary.createdEntries &&
          summary.createdEntries.length < PREVIEW_LIST_MAX
        ) {
          summary.createdEntries.push(ref);
        }
        if (
          result.outcome === 'updated' &&
          current &&
          summary.changedEntries &&
          summary.changedEntries.length < PREVIEW_LIST_MAX
        ) {
          summary.changedEntries.push({
            ...ref,
            changes: entryChanges(current, entryRow(parsed.entry), result.changed),
          });
        }
      } catch (err) {
        if (err instanceof VersionRefusedError) {
          // An older version than the stored one (or not orderable against it): reported, nothing changed.
          reject([problemOf(versionError(err.code))]);
          continue;
        }
        if (!(err instanceof MinorNotListableError)) throw err;
        reject([{ label: FIELD_DOCS.idNumber.label, reason: '未成年人不得纳入失信被执行人名单' }]);
      }
    }
    opts.onProgress?.(file.records.length, file.records.length);
  };

  if (!opts.dryRun) {
    await importAll();
    return summary;
  }
  await getDb()
    .transaction(async (tx) => {
      await importAll(tx);
      throw new DryRunRollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof DryRunRollback)) throw err;
    });
  return summary;
}
