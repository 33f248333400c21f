import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { importHistory } from '@/domain/import/uploads';
import { saveEntry } from '@/domain/entries/entries';
import { entries, importUploads, staffUsers } from '@/db/schema';
import { ACTOR, entryState, makePerson, residentId, staffMember } from '@/db/tests/factory';
import type { Staff } from '@/lib/auth/staff-identity';
import type { EntryInput } from '@/lib/validation/entry-push';
import { maskIdNumber } from '@/lib/mask';
import { errorReportCsv } from '@/lib/import/error-report';
import { IMPORT_COLUMNS } from '@/lib/import/formats';
import { readImportBytes } from '@/lib/import/read';
import { importRecords } from '@/domain/import/import-file';
import { TEMPLATE_EXAMPLE, templateWorkbook } from '@/lib/import/template';
import { checkUpload, importUpload, UPLOAD_TTL_HOURS, UploadRefusedError } from '@/domain/import/wizard';
import { attachment1Csv } from '@/lib/testing/attachment1-csv';

/** An Attachment 1 CSV of person entries (UTF-8), as bytes. */
function csv(rows: EntryInput[], extraRows: string[] = []): Uint8Array {
  return new TextEncoder().encode(attachment1Csv(rows, { extraRows }));
}

async function staffAccount(role: Staff['role'] = 'credit_office'): Promise<Staff> {
  const s = staffMember(role);
  await getDb().insert(staffUsers).values({ id: s.id, name: s.name, email: s.email, role: s.role });
  return s;
}

const person = () =>
  makePerson({
    uid: `wiz-${randomUUID().slice(0, 12)}`,
    otherIds: [],
    validUntil: null,
    performedPart: null,
    unperformedPart: null,
  });

async function countRows(uids: string[]) {
  return (await getDb().select({ uid: entries.uid }).from(entries).where(inArray(entries.uid, uids))).length;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UploadRefusedError);
  return (err as UploadRefusedError).code;
}

let clerk: Staff;
let other: Staff;
beforeAll(async () => {
  clerk = await staffAccount('court_clerk');
  other = await staffAccount('credit_office');
});

describe('stored uploads: 导入 only with the token of a 预检 of the same file', () => {
  it(
    '预检 stores the file (digest, owner, 24 h), writes no entry, and hands back a token that is not' + ' stored',
    async () => {
      const rows = [person(), person()];
      const bytes = csv(rows);
      const checked = await checkUpload(clerk, { name: 'entries.csv', bytes });
      expect(checked.summary).toMatchObject({ total: 2, created: 2, updated: 0, unchanged: 0, rejected: [] });
      expect(await countRows(rows.map((r) => r.uid))).toBe(0);

      const [row] = await getDb().select().from(importUploads).where(eq(importUploads.id, checked.uploadId));
      expect(row).toMatchObject({
        staffUserId: clerk.id,
        fileName: 'entries.csv',
        size: bytes.length,
        status: 'checked',
      });
      expect(row!.sha256).toBe(checked.sha256);
      expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Buffer.from(row!.content!).equals(Buffer.from(bytes))).toBe(true);
      expect(row!.tokenHash).not.toContain(checked.token);
      expect(checked.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const ttl = row!.expiresAt.getTime() - row!.checkedAt.getTime();
      expect(Math.abs(ttl - UPLOAD_TTL_HOURS * 3_600_000)).toBeLessThan(60_000);
    },
  );

  it(
    'the uploader imports the stored file with the token; the content is dropped and a second 导入 is' + ' refused',
    async () => {
      const rows = [person(), person()];
      const checked = await checkUpload(clerk, { name: 'entries.csv', bytes: csv(rows) });
      const done = await importUpload(clerk, checked.token);
      expect(done.summary).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: [] });
      expect(done.upload).toMatchObject({ status: 'imported', content: null });
      expect(done.upload.importedAt).toBeInstanceOf(Date);
      expect(await countRows(rows.map((r) => r.uid))).toBe(2);

      const before = await entryState(rows[0]!.uid);
      expect(await refusal(importUpload(clerk, checked.token))).toBe('imported');
      expect(await entryState(rows[0]!.uid)).toEqual(before);
    },
  );

  it("another staff member's token is refused and changes nothing; the uploader can still import it", async () => {
    const rows = [person()];
    const checked = await checkUpload(clerk, { name: 'entries.csv', bytes: csv(rows) });
    const err = await importUpload(other, checked.token).catch((e: unknown) => e as UploadRefusedError);
    expect(err).toBeInstanceOf(UploadRefusedError);
    expect((err as UploadRefusedError).code).toBe('other_staff');
    expect((err as UploadRefusedError).message).toMatch(/其他工作人员/);
    expect(await countRows([rows[0]!.uid])).toBe(0);
    const [row] = await getDb().select().from(importUploads).where(eq(importUploads.id, checked.uploadId));
    expect(row!.status).toBe('checked');
    await importUpload(clerk, checked.token);
    expect(await countRows([rows[0]!.uid])).toBe(1);
  });

  it('an expired token is refused (Chinese message) and changes nothing', async () => {
    const rows = [person()];
    const checked = await checkUpload(clerk, { name: 'entries.csv', bytes: csv(rows) });
    await getDb()
      .update(importUploads)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(importUploads.id, checked.uploadId));
    const err = await importUpload(clerk, checked.token).catch((e: unknown) => e as UploadRefusedError);
    expect((err as UploadRefusedError).code).toBe('expired');
    expect((err as UploadRefusedError).message).toMatch(/已超过 24 小时/);
    expect(await countRows([rows[0]!.uid])).toBe(0);
  });

  it('an unknown or malformed token is refused', async () => {
    expect(await refusal(importUpload(clerk, 'A'.repeat(43)))).toBe('unknown');
    expect(await refusal(importUpload(clerk, "' OR 1=1 --"))).toBe('unknown');
    expect(await refusal(importUpload(clerk, ''))).toBe('unknown');
  });

  it('two 导入 of one token at once: the file is imported once, the other is refused', async () => {
    const rows = [person(), person(), person()];
    const checked = await checkUpload(clerk, { name: 'entries.csv', bytes: csv(rows) });
    const results = await Promise.allSettled([importUpload(clerk, checked.token), importUpload(clerk, checked.token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(UploadRefusedError);
    expect(['importing', 'imported']).toContain((refused.reason as UploadRefusedError).code);
    expect(await countRows(rows.map((r) => r.uid))).toBe(3);
  });

  it('expired uploads lose their content when the next file is checked', async () => {
    const checked = await checkUpload(clerk, { name: 'old.csv', bytes: csv([person()]) });
    await getDb()
      .update(importUploads)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(importUploads.id, checked.uploadId));
    await checkUpload(clerk, { name: 'new.csv', bytes: csv([person()]) });
    const [row] = await getDb().select().from(importUploads).where(eq(importUploads.id, checked.uploadId));
    expect(row!.content).toBeNull();
    expect(row!.sha256).toBe(checked.sha256);
  });
});

describe('the import history', () => {
  it(
    'lists imports done, newest first, with who, file name, digest and counts; checks not imported are not' + ' listed',
    async () => {
      const existing = person();
      await saveEntry(existing, ACTOR);
      const bad = { ...person(), court: '' };
      const a = await checkUpload(clerk, { name: 'history-a.csv', bytes: csv([person(), existing, bad]) });
      const notImported = await checkUpload(clerk, { name: 'history-b.csv', bytes: csv([person()]) });
      await importUpload(clerk, a.token);
      const { rows, total } = await importHistory(1);
      expect(total).toBeGreaterThan(0);
      expect(rows[0]).toMatchObject({
        id: a.uploadId,
        actor: `staff:${clerk.email}`,
        fileName: 'history-a.csv',
        sha256: a.sha256,
        created: 1,
        updated: 0,
        unchanged: 1,
        rejected: 1,
      });
      expect(rows.map((r) => r.id)).not.toContain(notImported.uploadId);
    },
  );
});

describe('the preview: new entries, and the entries already on the register with what would change', () => {
  it(
    'lists the changed entry field by field (label, old → new, ID masked) and the new one; unchanged entries' +
      ' are only counted',
    async () => {
      const stored = person();
      const same = person();
      await saveEntry(stored, ACTOR);
      await saveEntry(same, ACTOR);
      // Another number with the same birth date and sex digit, so age and gender still agree with it.
      const seq = String((Number(stored.idNumber!.slice(14, 17)) + 2) % 1000).padStart(3, '0');
      const newId = residentId({ birth: stored.idNumber!.slice(6, 14), seq });
      const changed: EntryInput = { ...stored, duty: `${stored.duty}（变更）`, severity: 'serious', idNumber: newId };
      const fresh = person();
      const checked = await checkUpload(clerk, { name: 'diff.csv', bytes: csv([changed, same, fresh]) });
      const s = checked.summary;
      expect(s).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
      expect(s.createdEntries).toEqual([{ line: 4, uid: fresh.uid, name: fresh.name, caseNo: fresh.caseNo }]);
      expect(s.changedEntries).toHaveLength(1);
      const entry = s.changedEntries![0]!;
      expect(entry).toMatchObject({ line: 2, uid: stored.uid, name: stored.name, caseNo: stored.caseNo });
      expect(entry.changes).toEqual([
        {
          field: 'idNumber',
          label: '身份证号码/组织机构代码',
          from: maskIdNumber(stored.idNumber!),
          to: expect.stringContaining(maskIdNumber(newId).slice(-4)),
        },
        { field: 'duty', label: '法律生效文书确定的义务', from: stored.duty, to: `${stored.duty}（变更）` },
        { field: 'severity', label: '失信严重程度', from: '一般失信', to: '严重失信' },
      ]);
      // No full ID number in the stored preview.
      const [row] = await getDb().select().from(importUploads).where(eq(importUploads.id, checked.uploadId));
      expect(JSON.stringify(row!.preview)).not.toContain(newId);
      expect(JSON.stringify(row!.preview)).not.toContain(stored.idNumber!);
      // The 预检 changed nothing.
      const [current] = await getDb().select().from(entries).where(eq(entries.uid, stored.uid));
      expect(current!.duty).toBe(stored.duty);
    },
  );
});

describe('the error report and the template', () => {
  it(
    'the error report is UTF-8 CSV with a BOM, one row per problem: row number, uid, field label, reason;' +
      ' formulas defused',
    async () => {
      const bad = { ...person(), court: '', idNumber: '320583198001010000' };
      const bytes = csv([bad], ['"=HYPERLINK(""http://x"")",（2025）苏0583执1号']);
      const checked = await checkUpload(clerk, { name: 'bad.csv', bytes });
      const report = errorReportCsv(checked.summary.rejected);
      expect(report.startsWith('\uFEFF行号,信息唯一标识,字段,原因\r\n')).toBe(true);
      const lines = report.slice(1).trimEnd().split('\r\n');
      expect(lines).toContain(`2,${bad.uid},身份证号码/组织机构代码,校验位不正确`);
      expect(lines).toContain(`2,${bad.uid},执行法院,必须填写`);
      const formulaRows = lines.filter((l) => l.startsWith('3,'));
      expect(formulaRows.length).toBeGreaterThan(1);
      for (const l of formulaRows) expect(l).toMatch(/^3,"'=HYPERLINK\(""http:\/\/x""\)",/);
      for (const l of lines.slice(1)) expect(l.split(',')[2]).not.toMatch(/[a-z]/i);
    },
  );

  it('the XLSX template has every column the importer reads, and its example row imports cleanly', async () => {
    const bytes = await templateWorkbook();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(header).toEqual(
      expect.arrayContaining(['信息唯一标识', '案号', '身份证号码/组织机构代码', '更新时间', '失信严重程度']),
    );
    expect(sheet.getRow(2).getCell(6).value).toBe(TEMPLATE_EXAMPLE.idNumber); // text, all 18 characters

    const file = await readImportBytes(new Uint8Array(bytes), '.xlsx');
    expect(file.records).toHaveLength(1);
    const summary = await importRecords(file, { dryRun: true, actor: ACTOR });
    expect(summary).toMatchObject({ total: 1, created: 1, rejected: [], unknownColumns: [] });
  });
});

describe("the preview of a file in the seed's 22 columns", () => {
  it('lists each default as a warning (row, field, value), stored with the preview; writes nothing', async () => {
    const rows = [person(), person()];
    const bytes = new TextEncoder().encode(attachment1Csv(rows, { seedColumns: true }));
    const checked = await checkUpload(clerk, { name: 'seed.csv', bytes });
    expect(checked.summary).toMatchObject({ created: 2, rejected: [] });
    expect(checked.summary.warnings.map((w) => [w.line, w.uid, w.label, w.value])).toEqual([
      [2, rows[0]!.uid, '失信严重程度', '一般'],
      [2, rows[0]!.uid, '失信信息有效期', '至依法撤销之日（长期）'],
      [3, rows[1]!.uid, '失信严重程度', '一般'],
      [3, rows[1]!.uid, '失信信息有效期', '至依法撤销之日（长期）'],
    ]);
    const [row] = await getDb().select().from(importUploads).where(eq(importUploads.id, checked.uploadId));
    expect((row!.preview as { warnings: unknown[] }).warnings).toHaveLength(4);
    expect(await countRows(rows.map((r) => r.uid))).toBe(0);

    const { summary } = await importUpload(clerk, checked.token);
    expect(summary).toMatchObject({ created: 2 });
    expect(summary.warnings).toHaveLength(4);
    const stored = await getDb()
      .select({ severity: entries.severity })
      .from(entries)
      .where(
        inArray(
          entries.uid,
          rows.map((r) => r.uid),
        ),
      );
    expect(stored).toEqual([{ severity: 'general' }, { severity: 'general' }]);
  });
});
