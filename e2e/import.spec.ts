/**
 * The import wizard (/admin/import) in a real browser: upload → 预检 (the file is stored with
 * its preview; nothing is written) → the preview lists the entries that would change, field
 * by field, and the new ones → the error report (CSV, BOM) and the template (XLSX) download
 * with the right content → 导入 of the same stored file after the confirmation dialog, by
 * its token → the import history row and the audit trail. A replayed 导入 (same token, or
 * another staff member's session, or a made-up token) changes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Download, type Page } from '@playwright/test';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { getDb } from '@/db/client';
import { auditLog, entries } from '@/db/schema';
import type { EntryInput } from '@/lib/validation/entry-push';
import { ageAt, residentIdGender } from '@/lib/identifiers';
import {
  closeRegistry,
  createPerson,
  errorSummary,
  expectNoAxeViolations,
  freshResidentId,
  freshToken,
} from './fixtures';
import { createStaff, signIn, signInAs } from './staff-fixtures';
import { ATTACHMENT1_HEADERS, attachment1Csv } from '@/lib/testing/attachment1-csv';
import { STAFF_ROLES, type StaffRole } from '@/lib/auth/staff-identity';

test.afterAll(closeRegistry);

function csv(rows: EntryInput[]): Buffer {
  return Buffer.from(attachment1Csv(rows), 'utf8');
}

async function downloaded(page: Page, link: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
  return { download, bytes: fs.readFileSync((await download.path())!) };
}

async function entry(uid: string) {
  const [row] = await getDb().select().from(entries).where(eq(entries.uid, uid));
  return row ?? null;
}

async function auditOf(action: string, uploadId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.objectId, uploadId)));
}

test(
  'court clerk: upload → 预检 with the diff → error report and template → 导入 of the stored file with' +
    ' confirmation → history',
  async ({ page, browser }) => {
    test.setTimeout(120_000);
    const existing = await createPerson();
    const changed: EntryInput = { ...existing, duty: `${existing.duty}（已变更）`, severity: 'serious' };
    const freshId = await freshResidentId();
    const fresh: EntryInput = {
      ...existing,
      uid: `${existing.uid}N`,
      name: await freshToken(2),
      caseNo: existing.caseNo.replace('号', '1号'),
      idNumber: freshId,
      // Another person: the stated age and gender follow the new ID number (the push checks they agree).
      age: ageAt(freshId, existing.publishedAt!),
      gender: residentIdGender(freshId),
      duty: existing.duty,
      severity: 'general',
    };
    const bad: EntryInput = { ...fresh, uid: `${existing.uid}B`, court: '' };
    const bytes = csv([changed, fresh, bad]);
    const fileName = `导入测试-${existing.uid}.csv`;
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    const clerk = await signInAs(page, 'court_clerk');
    await page.goto('/admin/import');
    await expectNoAxeViolations(page, 'import');

    // The template: every column the importer reads, a header row and one example row, IDs as text.
    const template = await downloaded(page, '下载导入模板（XLSX）');
    expect(template.download.suggestedFilename()).toBe('失信被执行人导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    for (const h of ATTACHMENT1_HEADERS) expect(header).toContain(h);
    expect(header).toContain('更新时间');
    expect(sheet.rowCount).toBe(2);
    expect(String(sheet.getRow(2).getCell(header.indexOf('身份证号码/组织机构代码') + 1).value)).toMatch(
      /^\d{17}[\dX]$/,
    );
    expect(String(sheet.getRow(2).getCell(header.indexOf('失信被执行人姓名/名称') + 1).value)).toContain(
      '导入前请删除本行',
    );

    // Step 1: upload and check.
    await page.getByLabel('导入文件').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: bytes });
    await page.getByRole('button', { name: '上传并预检（不写入）' }).click();
    const preview = page.getByTestId('import-preview');
    await expect(preview).toContainText(`预检结果（未写入任何数据）：${fileName}`);
    await expect(preview).toContainText(sha256);
    await expect(preview.getByTestId('import-counts')).toHaveText(
      '共 3 条：将新增 1 条，将更新 1 条，无变化 0 条，拒绝 1 条。',
    );
    await expect(page.getByRole('status').filter({ hasText: '已预检' })).toContainText(
      `已预检“${fileName}”（共 3 条）`,
    );

    // The entry that would be overwritten, with its differences; the new one.
    const changedEntry = preview.getByTestId('import-changed-entry');
    await expect(changedEntry).toHaveCount(1);
    await expect(changedEntry).toContainText(
      `第 2 行：${existing.name}（${existing.caseNo}，信息唯一标识 ${existing.uid}）`,
    );
    await expect(changedEntry.getByRole('row', { name: /法律生效文书确定的义务/ })).toContainText(
      `${existing.duty}${existing.duty}（已变更）`,
    );
    await expect(changedEntry.getByRole('row', { name: /失信严重程度/ })).toContainText('一般失信严重失信');
    await expect(changedEntry.getByRole('row')).toHaveCount(3); // header + the two changed fields, nothing else
    await expect(preview.getByTestId('import-created')).toContainText(fresh.name);
    await expect(preview.getByTestId('import-created')).toContainText(fresh.uid);
    // Reasons in Chinese only: the field's label, never an English key.
    const rejected = preview.getByTestId('import-rejected');
    await expect(rejected).toContainText(`第 4 行（${bad.uid}）：执行法院：必须填写`);
    expect(await rejected.locator('li').allTextContents()).toEqual([expect.not.stringMatching(/court|idNumber|: /)]);
    await expectNoAxeViolations(page, 'import preview');

    // Nothing written yet.
    expect((await entry(existing.uid))!.duty).toBe(existing.duty);
    expect(await entry(fresh.uid)).toBeNull();
    const uploadId = (await rejected.getByRole('link', { name: /下载错误报告/ }).getAttribute('href'))!.split('/')[3]!;
    const [checkedAudit] = await auditOf('import_checked', uploadId);
    expect(checkedAudit).toMatchObject({ actor: `staff:${clerk.email}`, objectType: 'import_upload' });
    expect(checkedAudit!.detail).toMatchObject({
      fileName,
      sha256,
      total: 3,
      created: 1,
      updated: 1,
      unchanged: 0,
      rejected: 1,
    });

    // The error report: UTF-8 with a BOM, one row per problem.
    const report = await downloaded(page, '下载错误报告（CSV，可用 Excel 打开）');
    expect(report.download.suggestedFilename()).toBe(`导入错误报告-导入测试-${existing.uid}.csv`);
    expect([...report.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(report.bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      '行号,信息唯一标识,字段,原因',
      `4,${bad.uid},执行法院,必须填写`,
      '',
    ]);

    // Step 3: 导入, asked twice; no file is chosen again (the field is empty): the stored file is imported.
    await expect(page.getByLabel('导入文件')).toHaveValue('');
    const [importRequest] = await Promise.all([
      page.waitForRequest(
        (r) => r.method() === 'POST' && r.url().endsWith('/admin/import') && (r.postData() ?? '').includes('confirmed'),
      ),
      (async () => {
        await page.getByRole('button', { name: '导入', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: `确认导入“${fileName}”` });
        await expect(dialog).toContainText('将新增 1 条，将更新 1 条，无变化 0 条，拒绝 1 条');
        await expect(dialog).toContainText('此操作不可撤销');
        await dialog.getByRole('button', { name: '确认导入' }).click();
      })(),
    ]);
    const result = page.getByTestId('import-result');
    await expect(result).toContainText(
      `已导入“${fileName}”（共 3 条）：新增 1 条，更新 1 条，无变化 0 条，拒绝 1 条。`,
    );
    expect((await entry(existing.uid))!.duty).toBe(changed.duty);
    expect((await entry(existing.uid))!.severity).toBe('serious');
    expect(await entry(fresh.uid)).not.toBeNull();
    expect(await entry(bad.uid)).toBeNull();
    const [doneAudit] = await auditOf('import_done', uploadId);
    expect(doneAudit!.detail).toMatchObject({ fileName, sha256, created: 1, updated: 1, unchanged: 0, rejected: 1 });

    // The history row: who, when, file, digest, counts.
    const row = page.getByTestId('import-history-row').filter({ hasText: fileName });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(sha256);
    await expect(row).toContainText('测试court_clerk（昆山市人民法院·法院执行干警）');
    await expect(row.locator('td')).toHaveText([
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
      /测试court_clerk/,
      fileName,
      sha256,
      '1',
      '1',
      '0',
      '1（错误报告）',
    ]);

    // Replays change nothing: the same token again, another staff member's session, a made-up token.
    const headers = await importRequest.allHeaders();
    const body = importRequest.postDataBuffer()!;
    const replay = (ctx: APIRequestContext, data: Buffer) =>
      ctx.fetch(importRequest.url(), {
        method: 'POST',
        headers: {
          'next-action': headers['next-action']!,
          'content-type': headers['content-type']!,
          origin: headers.origin!,
          accept: 'text/x-component',
        },
        data,
        maxRedirects: 0,
      });
    const eventsBefore = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM entry_events WHERE entry_uid IN (${existing.uid}, ${fresh.uid})`,
    );
    expect(await (await replay(page.request, body)).text()).toContain('该文件已经导入，不能再次导入');
    const token = /name="[^"]*token"\r\n\r\n([A-Za-z0-9_-]{43})/.exec(body.toString('utf8'))![1]!;
    expect(
      await (await replay(page.request, Buffer.from(body.toString('utf8').replace(token, 'A'.repeat(43))))).text(),
    ).toContain('未找到该预检记录');
    const otherContext = await browser.newContext();
    const otherPage = await otherContext.newPage();
    await signIn(otherPage, await createStaff('credit_office'));
    expect(await (await replay(otherContext.request, body)).text()).toContain('由其他工作人员上传并预检');
    await otherContext.close();
    const eventsAfter = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM entry_events WHERE entry_uid IN (${existing.uid}, ${fresh.uid})`,
    );
    expect(eventsAfter[0]!.n).toBe(eventsBefore[0]!.n);
    expect(await auditOf('import_done', uploadId)).toHaveLength(1);
  },
);

test(
  'credit office: a national JSON sample checked then imported; checked and imported again it changes' +
    ' nothing; a wrong file type is refused',
  async ({ page }) => {
    await signInAs(page, 'credit_office');
    await page.goto('/admin/import');
    const records = JSON.parse(fs.readFileSync('lib/import/samples/national.json', 'utf8')) as { caseCode: string }[];
    const run = Date.now().toString().slice(-7);
    const buffer = Buffer.from(
      JSON.stringify(records.map((r, i) => ({ ...r, caseCode: r.caseCode.replace(/执\d+号/, `执${run}${i}号`) }))),
    );
    const file = { name: `national-${run}.json`, mimeType: 'application/json', buffer };

    const checkAndImport = async () => {
      await page.getByLabel('导入文件').setInputFiles(file);
      await page.getByRole('button', { name: '上传并预检（不写入）' }).click();
      await expect(page.getByTestId('import-preview')).toContainText(`预检结果（未写入任何数据）：${file.name}`);
      const counts = (await page.getByTestId('import-preview').getByTestId('import-counts').textContent())!;
      await page.getByRole('button', { name: '导入', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: '确认导入' }).click();
      await expect(page.getByTestId('import-result')).toContainText(`已导入“${file.name}”`);
      return counts;
    };
    const first = await checkAndImport();
    const created = Number(/将新增 (\d+) 条/.exec(first)![1]);
    expect(created).toBeGreaterThan(0);
    await expect(page.getByTestId('import-result').getByTestId('import-counts')).toContainText(`新增 ${created} 条`);

    const second = await checkAndImport();
    expect(second).toContain(`将新增 0 条，将更新 0 条，无变化 ${created} 条`);
    await expect(page.getByTestId('import-result').getByTestId('import-counts')).toContainText('新增 0 条');
    await expect(page.getByTestId('import-history-row').filter({ hasText: file.name })).toHaveCount(2);

    await page
      .getByLabel('导入文件')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    await page.getByRole('button', { name: '上传并预检（不写入）' }).click();
    await expect(errorSummary(page)).toContainText('不支持的文件类型');
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
  },
);

test('import downloads: no session 401, roles without import 403, court clerks and the credit office 200', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  // An upload to report on: checked by a court clerk.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, 'court_clerk');
  await page.goto('/admin/import');
  const bad: EntryInput = { ...(await createPerson()), court: '' };
  await page
    .getByLabel('导入文件')
    .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: csv([{ ...bad, uid: `${bad.uid}X` }]) });
  await page.getByRole('button', { name: '上传并预检（不写入）' }).click();
  const href = (await page.getByRole('link', { name: /下载错误报告/ }).getAttribute('href'))!;
  await context.close();

  const routes = ['/admin/import/template', href];
  for (const route of routes) expect((await request.get(route)).status(), `${route} without a session`).toBe(401);
  const expected: Record<StaffRole, number> = {
    admin: 403,
    department_officer: 403,
    court_clerk: 200,
    credit_office: 200,
  };
  for (const role of STAFF_ROLES) {
    const ctx = await browser.newContext();
    await signInAs(await ctx.newPage(), role);
    for (const route of routes) {
      const response = await ctx.request.get(route);
      expect(response.status(), `${route} as ${role}`).toBe(expected[role]);
      if (response.status() === 200) {
        expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
        expect(response.headers()['cache-control']).toBe('no-store');
      }
    }
    if (expected[role] === 200)
      expect((await ctx.request.get('/admin/import/00000000-0000-0000-0000-000000000000/errors')).status()).toBe(404);
    await ctx.close();
  }
});
