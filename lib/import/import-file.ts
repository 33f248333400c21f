/**
 * Imports a file of entries (Attachment 1 XLSX/CSV, national JSON) through the same
 * validation and domain function as the push API. A dry run does everything inside one
 * transaction and rolls it back, so its counts are exactly what a real run would do.
 * A real run commits record by record; re-importing the same file changes nothing.
 */
import path from 'node:path';
import { getDb, type Transaction } from '@/db/client';
import { MinorNotListableError, saveEntry, VersionRefusedError } from '@/db/entries';
import { parseEntryPush, versionError } from '@/lib/validation/entry-push';
import { readImportFile, type ImportFile, type ImportFormat } from './read';

export type Rejection = { line: number; uid: string | null; reasons: string[] };

export type ImportSummary = {
  format: ImportFormat;
  notes: string[];
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Columns the file has that no field matches (reported, never silently dropped). */
  unknownColumns: string[];
};

class DryRunRollback extends Error {}

type ImportOptions = { dryRun?: boolean; actor?: string; onProgress?: (done: number, total: number) => void };

export async function importFile(filePath: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const file = await readImportFile(filePath);
  return importRecords(file, { ...opts, actor: opts.actor ?? `import:${path.basename(filePath)}` });
}

/** Imports records already read (the upload page reads them from the uploaded bytes). */
export async function importRecords(file: ImportFile, opts: ImportOptions & { actor: string }): Promise<ImportSummary> {
  const { actor } = opts;
  const summary: ImportSummary = {
    format: file.format,
    notes: file.notes,
    total: file.records.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    unknownColumns: [...new Set(file.records.flatMap((r) => r.unknownColumns ?? []))],
  };

  const importAll = async (tx?: Transaction) => {
    for (const [i, record] of file.records.entries()) {
      opts.onProgress?.(i, file.records.length);
      const uid = typeof record.raw?.uid === 'string' ? record.raw.uid : null;
      if (!record.raw) {
        summary.rejected.push({ line: record.line, uid, reasons: [record.error ?? '无法读取该行'] });
        continue;
      }
      const parsed = parseEntryPush(record.raw, {});
      if (!parsed.ok) {
        summary.rejected.push({ line: record.line, uid, reasons: parsed.errors.map((e) => `${e.field}: ${e.message}`) });
        continue;
      }
      try {
        const result = await saveEntry(parsed.entry, actor, tx);
        summary[result.outcome] += 1;
      } catch (err) {
        if (err instanceof VersionRefusedError) {
          // An older version than the stored one (or not orderable against it): reported, nothing changed.
          const e = versionError(err.code);
          summary.rejected.push({ line: record.line, uid, reasons: [`${e.field}: ${e.message}`] });
          continue;
        }
        if (!(err instanceof MinorNotListableError)) throw err;
        summary.rejected.push({ line: record.line, uid, reasons: ['idNumber: 未成年人不得纳入失信被执行人名单'] });
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
