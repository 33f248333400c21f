/**
 * The departments' export in a real browser (issue 15 part 2): a department officer finds 名单导出 in the portal's
 * navigation, filters by a day, downloads the CSV (UTF-8 with a BOM), and the download is in the audit trail.
 */
import { expect, test } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import { cstDate } from '@/lib/cst';
import { seededRandom } from '@/lib/testing/seeded-random';
import { closeRegistry, createOrganization, createPerson, expectNoAxeViolations, maskedId } from './fixtures';
import { createStaff, signIn } from './staff-fixtures';

test.afterAll(closeRegistry);

test('the download needs a session with the export capability', async ({ browser, request }) => {
  const path = '/admin/export/download?format=csv';
  expect((await request.get(path, { maxRedirects: 0 })).status()).toBe(401);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, await createStaff('court_clerk'));
  expect((await context.request.get(path, { maxRedirects: 0 })).status()).toBe(403);
  expect((await context.request.get('/admin/export', { maxRedirects: 0 })).status()).toBe(403);
  await context.close();
});

test('a department officer downloads the shared list of a day as CSV from the portal', async ({ page }) => {
  // A day a year or two back, so the filter holds this test's entries and few others.
  const daysAgo = 400 + seededRandom('e2e/export').int(300);
  const person = await createPerson({ publishedDaysAgo: daysAgo, validUntil: null, disclosure: 'restricted' });
  const org = await createOrganization({ publishedDaysAgo: daysAgo, validUntil: null, duty: '=1+1' });
  const day = cstDate(person.publishedAt);
  const officer = await createStaff('department_officer');
  await signIn(page, officer);
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '名单导出' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '名单导出' })).toBeVisible();
  await page.getByLabel('发布日期自').fill(day);
  await page.getByLabel('发布日期至（含当日）').fill(day);
  await page.getByRole('button', { name: '按条件统计' }).click();
  await expect(page.getByTestId('export-count')).toContainText('符合条件的信息共');
  await expectNoAxeViolations(page, 'export');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载 CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^shixin-export-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(csv.subarray(3).toString('utf8')) as string[][];
  const at = (label: string) => header!.indexOf(label);
  const byUid = new Map(rows.map((r) => [r[at('信息唯一标识')], r]));
  const personRow = byUid.get(person.uid)!;
  expect(personRow[at('身份证号码/组织机构代码')]).toBe(maskedId(person.idNumber));
  expect(personRow[at('公开方式')]).toBe('依法不宜公开');
  expect(byUid.get(org.uid)![at('法律生效文书确定的义务')]).toBe("'=1+1");
  for (const r of rows) expect(r[at('发布时间（北京时间）')]!.slice(0, 10)).toBe(day);

  const [logged] = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actor, `staff:${officer.email}`), eq(auditLog.action, 'export_done')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  expect(logged?.detail).toMatchObject({ filter: { from: day, to: day }, format: 'csv', rows: rows.length });
});
