import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { getPublicEntry } from '@/db/queries';
import { entries } from '@/db/schema';
import { importFile } from './import-file';
import { readImportFile } from './read';

const SAMPLES = 'lib/import/samples';

async function uidsIn(file: string) {
  return (await readImportFile(`${SAMPLES}/${file}`)).records.map((r) => r.raw?.uid as string);
}

async function countRows(uids: string[]) {
  return (await getDb().select({ uid: entries.uid }).from(entries).where(inArray(entries.uid, uids))).length;
}

describe('importing the shipped samples', () => {
  it.each([
    ['attachment1.xlsx', 5],
    ['national.json', 4],
    ['national-lowercase.json', 3],
  ])('%s: a dry run writes nothing, the import creates every entry, a re-import nothing new', async (file, expected) => {
    const uids = await uidsIn(file);
    const dry = await importFile(`${SAMPLES}/${file}`, { dryRun: true });
    expect(dry).toMatchObject({ total: expected, created: expected, rejected: [] });
    expect(await countRows(uids)).toBe(0);

    const real = await importFile(`${SAMPLES}/${file}`);
    expect(real).toMatchObject({ created: expected, updated: 0, unchanged: 0, rejected: [] });
    expect(await countRows(uids)).toBe(expected);
    // Public unless the file marks it 不宜公开 (restricted): those are kept for departments only.
    const rows = await getDb().select({ uid: entries.uid, disclosure: entries.disclosure }).from(entries).where(inArray(entries.uid, uids));
    for (const row of rows) expect(await getPublicEntry(row.uid), row.uid).toSatisfy((e) => (e !== null) === (row.disclosure === 'public'));

    const again = await importFile(`${SAMPLES}/${file}`);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: expected, rejected: [] });
  });

  it('attachment1.csv holds the same entries as the XLSX: importing it changes nothing', async () => {
    expect(await uidsIn('attachment1.csv')).toEqual(await uidsIn('attachment1.xlsx'));
    const csv = await importFile(`${SAMPLES}/attachment1.csv`);
    expect(csv).toMatchObject({ created: 0, updated: 0, unchanged: 5, rejected: [] });
  });

  it('invalid.csv: every row rejected with its reason, nothing written', async () => {
    const uids = (await uidsIn('invalid.csv')).filter(Boolean);
    const summary = await importFile(`${SAMPLES}/invalid.csv`);
    expect(summary.created + summary.updated + summary.unchanged).toBe(0);
    expect(summary.rejected).toHaveLength(3);
    const reasons = summary.rejected.map((r) => r.reasons.join(' '));
    expect(reasons[0]).toMatch(/^idNumber: /);
    expect(reasons[1]).toMatch(/minor|未成年|18/);
    expect(reasons[2]).toMatch(/^court: /);
    expect(await countRows(uids)).toBe(0);
  });

  it('a name with an invisible format character is rejected like a pushed one (the same validation), nothing written', async () => {
    const [header, row] = (await readFile(`${SAMPLES}/attachment1.csv`, 'utf8')).split(/\r?\n/);
    const dir = await mkdtemp(path.join(tmpdir(), 'import-names-'));
    try {
      const file = path.join(dir, 'names.csv');
      await writeFile(file, `${header}\n${row!.replace('KS-2025-000101', 'KS-NAMES-000001').replace('陈样例,', '陈\u00AD样例,')}\n`);
      const summary = await importFile(file);
      expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
      expect(summary.rejected.map((r) => [r.uid, r.reasons])).toEqual([
        ['KS-NAMES-000001', ['name: 失信被执行人姓名/名称：格式不正确，不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）']],
      ]);
      expect(await countRows(['KS-NAMES-000001'])).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
