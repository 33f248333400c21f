/**
 * `npm run import -- FILE [--dry-run]`: imports court data — the Attachment 1 push table as
 * XLSX or CSV (Chinese headers), or national 失信被执行人 JSON (also with lower-case keys).
 * Prints what was (or, with --dry-run, would be) created, updated and rejected, with reasons, and every field
 * filled by the default rule (lib/import/defaults.ts) as a warning.
 */
import { parseArgs } from 'node:util';
import { closeDb } from '@/db/client';
import { importFile, problemText, warningText } from '@/domain/import/import-file';
import { ImportFileError } from '@/lib/import/read';
import { provideAppDatabase } from './lib/database';

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false } },
  });
  const [file] = positionals;
  if (!file) throw new Error('usage: npm run import -- FILE [--dry-run]');
  const database = await provideAppDatabase();
  try {
    const dryRun = values['dry-run'];
    let lastShown = 0;
    const summary = await importFile(file, {
      dryRun,
      onProgress: (done, total) => {
        if (total >= 1000 && (done - lastShown >= 1000 || done === total)) {
          lastShown = done;
          process.stderr.write(`\r  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
        }
      },
    });
    if (lastShown > 0) process.stderr.write('\n');
    const verb = dryRun ? 'would be' : 'were';
    console.log(`${file} (${summary.format}, ${summary.total} records)${dryRun ? ' — dry run, nothing written' : ''}`);
    for (const note of summary.notes) console.log(`  note: ${note}`);
    if (summary.unknownColumns.length) console.log(`  unknown columns (ignored): ${summary.unknownColumns.join(', ')}`);
    console.log(
      `  ${summary.created} ${verb} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
        `${summary.rejected.length} rejected`,
    );
    for (const w of summary.warnings)
      console.log(`  default line ${w.line}${w.uid ? ` (${w.uid})` : ''}: ${warningText(w)}`);
    for (const r of summary.rejected)
      console.log(`  rejected line ${r.line}${r.uid ? ` (${r.uid})` : ''}: ${r.problems.map(problemText).join('；')}`);
    if (summary.rejected.length > 0) process.exitCode = 1;
  } finally {
    await closeDb();
    await database.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof ImportFileError || err instanceof Error ? err.message : err);
  process.exit(1);
});
