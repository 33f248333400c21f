import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { saveEntry } from '@/domain/entries/entries';
import { getPublicEntry } from '@/domain/publishing/queries';
import { entries } from '@/db/schema';
import { ACTOR, entryState, makePerson, residentId, uniqueUid } from '@/db/tests/factory';
import type { EntryInput } from '@/lib/validation/entry-push';
import { importFile, problemText } from '@/domain/import/import-file';
import { readImportFile } from '@/lib/import/read';
import { attachment1Csv } from '@/lib/testing/attachment1-csv';

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
  ])(
    '%s: a dry run writes nothing, the import creates every entry, a re-import nothing new',
    async (file, expected) => {
      const uids = await uidsIn(file);
      const dry = await importFile(`${SAMPLES}/${file}`, { dryRun: true });
      expect(dry).toMatchObject({ total: expected, created: expected, rejected: [] });
      expect(await countRows(uids)).toBe(0);

      const real = await importFile(`${SAMPLES}/${file}`);
      expect(real).toMatchObject({ created: expected, updated: 0, unchanged: 0, rejected: [] });
      expect(await countRows(uids)).toBe(expected);
      // Public unless the file marks it 不宜公开 (restricted): those are kept for departments only.
      const rows = await getDb()
        .select({ uid: entries.uid, disclosure: entries.disclosure })
        .from(entries)
        .where(inArray(entries.uid, uids));
      for (const row of rows)
        expect(await getPublicEntry(row.uid), row.uid).toSatisfy((e) => (e !== null) === (row.disclosure === 'public'));

      const again = await importFile(`${SAMPLES}/${file}`);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: expected, rejected: [] });
    },
  );

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
    // Chinese only: the field's Attachment 1 label, never the English key (issue 11).
    expect(summary.rejected.map((r) => r.problems.map((p) => p.label))).toEqual([
      ['身份证号码/组织机构代码'],
      ['年龄', '身份证号码/组织机构代码'],
      ['执行法院'],
    ]);
    const reasons = summary.rejected.map((r) => r.problems.map(problemText).join(' '));
    expect(reasons[0]).toMatch(/^身份证号码\/组织机构代码：校验位不正确/);
    expect(reasons[1]).toMatch(/未成年/);
    expect(reasons[2]).toBe('执行法院：必须填写');
    for (const r of reasons) expect(r).not.toMatch(/[a-z]{3,}/i);
    expect(await countRows(uids)).toBe(0);
  });

  it(
    'a name with an invisible format character is rejected like a pushed one (the same validation), nothing' +
      ' written',
    async () => {
      const [header, row] = (await fs.readFile(`${SAMPLES}/attachment1.csv`, 'utf8')).split(/\r?\n/);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'import-names-'));
      try {
        const file = path.join(dir, 'names.csv');
        await fs.writeFile(
          file,
          `${header}\n${row!.replace('KS-2025-000101', 'KS-NAMES-000001').replace('陈样例,', '陈\u00AD样例,')}\n`,
        );
        const summary = await importFile(file);
        expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
        expect(summary.rejected.map((r) => [r.uid, r.problems])).toEqual([
          [
            'KS-NAMES-000001',
            [
              {
                label: '失信被执行人姓名/名称',
                reason: '格式不正确，不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）',
              },
            ],
          ],
        ]);
        expect(await countRows(['KS-NAMES-000001'])).toBe(0);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  );
});

/** An Attachment 1 CSV of person entries, with the 更新时间 column. */
async function attachment1CsvFile(rows: EntryInput[]): Promise<string> {
  const text = attachment1Csv(rows, { updatedAt: true });
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'import-versions-')), 'entries.csv');
  await fs.writeFile(file, text);
  return file;
}

describe('importing versions (更新时间)', () => {
  it(
    'a row older than the stored version is rejected with a Chinese reason and changes nothing; a newer row' +
      ' updates',
    async () => {
      const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
      const pushed = makePerson({
        uid: uniqueUid('imp-ver-stale'),
        updatedAt: ago(10),
        validUntil: null,
        otherIds: [],
        performedPart: null,
        unperformedPart: null,
      });
      const other = { ...pushed, uid: uniqueUid('imp-ver-new'), updatedAt: ago(30) };
      await saveEntry(pushed, ACTOR); // the court's push, before the file is imported
      await saveEntry(other, ACTOR);
      const before = await entryState(pushed.uid);
      const file = await attachment1CsvFile([
        { ...pushed, duty: `${pushed.duty}（旧导出）`, updatedAt: ago(20) },
        { ...other, duty: `${other.duty}（新导出）`, updatedAt: ago(5) },
      ]);

      for (const dryRun of [true, false]) {
        const summary = await importFile(file, { dryRun });
        expect(summary, `dryRun ${dryRun}`).toMatchObject({ total: 2, created: 0, updated: 1, unchanged: 0 });
        expect(summary.rejected).toEqual([
          {
            line: 2,
            uid: pushed.uid,
            problems: [{ label: '更新时间', reason: expect.stringMatching(/^早于平台已保存版本/) }],
          },
        ]);
        expect(await entryState(pushed.uid)).toEqual(before);
      }
      const [row] = await getDb().select().from(entries).where(eq(entries.uid, other.uid));
      expect(row?.duty).toBe(`${other.duty}（新导出）`);
      await fs.rm(path.dirname(file), { recursive: true });
    },
  );
});

describe('stated age and gender against the ID number, in an import dry run', () => {
  it('rejects the inconsistent rows with the field and the ID named; the consistent one would be created', async () => {
    const id = residentId({ birth: '1986-06-15', seq: '123' }); // 男
    const publishedAt = new Date('2026-06-14T02:00:00Z'); // 39 by the ID
    const row = (age: number, gender: '男' | '女') =>
      makePerson({
        uid: uniqueUid('imp-id'),
        idNumber: id,
        publishedAt,
        filedAt: '2026-05-01',
        age,
        gender,
        validUntil: null,
      });
    const rows = [row(40, '男'), row(123, '男'), row(39, '女')];
    const file = await attachment1CsvFile(rows);
    const summary = await importFile(file, { dryRun: true });
    expect(summary).toMatchObject({ total: 3, created: 1 });
    expect(summary.rejected).toEqual([
      {
        line: 3,
        uid: rows[1]!.uid,
        problems: [{ label: '年龄', reason: expect.stringMatching(/^与身份证号码\/组织机构代码中的出生日期不符/) }],
      },
      {
        line: 4,
        uid: rows[2]!.uid,
        problems: [{ label: '性别', reason: expect.stringMatching(/^与身份证号码\/组织机构代码中的性别不符/) }],
      },
    ]);
    expect(await countRows(rows.map((r) => r.uid))).toBe(0);
    await fs.rm(path.dirname(file), { recursive: true });
  });
});

describe("the seed's own table (exactly Attachment 1's 22 columns): severity and validity by the default rule", () => {
  const defaultsOf = (line: number, uid: string) => [
    { line, uid, field: 'severity', label: '失信严重程度', value: '一般' },
    { line, uid, field: 'validUntil', label: '失信信息有效期', value: '至依法撤销之日（长期）' },
  ];

  async function stored(uids: string[]) {
    return getDb()
      .select({ uid: entries.uid, severity: entries.severity, validUntil: entries.validUntil })
      .from(entries)
      .where(inArray(entries.uid, uids));
  }

  it.each(['attachment1-seed.xlsx', 'attachment1-seed.csv'])(
    '%s: a dry run lists every default as a warning and writes nothing; the import stores 一般, no end',
    async (file) => {
      const f = await readImportFile(`${SAMPLES}/${file}`);
      const uids = f.records.map((r) => r.raw!.uid as string);
      const expectedWarnings = f.records.flatMap((r, i) => defaultsOf(r.line, uids[i]!));
      // The XLSX runs first: it creates; the CSV holds the same entries and finds them stored.
      const fresh = (await countRows(uids)) === 0;
      const dry = await importFile(`${SAMPLES}/${file}`, { dryRun: true });
      expect(dry).toMatchObject({ total: 5, rejected: [], created: fresh ? 5 : 0, unchanged: fresh ? 0 : 5 });
      expect(dry.warnings).toEqual(expectedWarnings);
      if (fresh) expect(await countRows(uids)).toBe(0);

      const real = await importFile(`${SAMPLES}/${file}`);
      expect(real).toMatchObject({ total: 5, rejected: [], created: fresh ? 5 : 0, unchanged: fresh ? 0 : 5 });
      expect(real.warnings).toEqual(expectedWarnings);
      const rows = await stored(uids);
      expect(rows).toHaveLength(5);
      for (const row of rows) expect(row).toMatchObject({ severity: 'general', validUntil: null });
    },
  );

  it('generated person rows in the 22 columns import the same way (an empty cell is absent too)', async () => {
    const rows = [0, 1].map(() => makePerson({ uid: uniqueUid('imp-seed'), otherIds: [], validUntil: null }));
    const text = attachment1Csv(rows, { seedColumns: true });
    expect(text.split('\r\n')[0]).not.toMatch(/失信严重程度|失信信息有效期/);
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'import-seed-')), 'seed.csv');
    await fs.writeFile(file, text);
    const dry = await importFile(file, { dryRun: true });
    expect(dry).toMatchObject({ created: 2, rejected: [] });
    expect(dry.warnings).toEqual([...defaultsOf(2, rows[0]!.uid), ...defaultsOf(3, rows[1]!.uid)]);
    expect(await countRows(rows.map((r) => r.uid))).toBe(0);
    await importFile(file);
    expect(await stored(rows.map((r) => r.uid))).toEqual(
      expect.arrayContaining(rows.map((r) => ({ uid: r.uid, severity: 'general', validUntil: null }))),
    );
    await fs.rm(path.dirname(file), { recursive: true });
  });

  it('national JSON (no severity, no validity) gives the same warnings, record by record', async () => {
    const f = await readImportFile(`${SAMPLES}/national.json`);
    const dry = await importFile(`${SAMPLES}/national.json`, { dryRun: true });
    expect(dry.warnings).toEqual(f.records.flatMap((r) => defaultsOf(r.line, r.raw!.uid as string)));
  });

  it('an explicit severity and validity are used as given and not warned about (长期 included)', async () => {
    const validUntil = new Date(Date.now() + 400 * 86_400_000);
    const serious = makePerson({ uid: uniqueUid('imp-given'), otherIds: [], severity: 'serious', validUntil });
    const longTerm = makePerson({ uid: uniqueUid('imp-given'), otherIds: [], validUntil: null }); // 长期
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'import-given-')), 'given.csv');
    await fs.writeFile(file, attachment1Csv([serious, longTerm]));
    const dry = await importFile(file, { dryRun: true });
    expect(dry).toMatchObject({ created: 2, rejected: [], warnings: [] });
    const real = await importFile(file);
    expect(real).toMatchObject({ created: 2, warnings: [] });
    const rows = await stored([serious.uid, longTerm.uid]);
    expect(rows.find((r) => r.uid === serious.uid)).toMatchObject({ severity: 'serious', validUntil });
    expect(rows.find((r) => r.uid === longTerm.uid)).toMatchObject({ severity: 'general', validUntil: null });
    await fs.rm(path.dirname(file), { recursive: true });
  });
});
