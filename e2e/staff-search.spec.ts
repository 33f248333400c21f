/**
 * The staff search and the feedback lookup in a real browser (issue 11 part 5): a listed ID
 * number is found and shown masked, a mistyped one gets a Chinese message, the filters narrow
 * by the one status rule, the pages are numbered and bookmarkable with the total shown, and a
 * case number with two debtors lists both on the feedback form to choose from.
 */
import { expect, test, type Page } from '@playwright/test';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { entries, measureFeedback } from '@/db/schema';
import { unitsWithMeasures } from '@/db/tests/factory';
import { displayStatus } from '@/db/visibility';
import { todayInChina } from '@/lib/clocks';
import {
  closeRegistry,
  COURTS,
  createOrganization,
  createPerson,
  errorSummary,
  expectNoAxeViolations,
  maskedId,
  revokeEntry,
} from './fixtures';
import { officerOf, signIn, signInAs } from './staff-fixtures';
import { cstDate } from '@/lib/cst';

test.afterAll(closeRegistry);

const rows = (page: Page) => page.getByTestId('staff-entry-row');
const staffSearch = (params: Record<string, string>) => `/admin/entries?${new URLSearchParams(params).toString()}`;

test(
  'staff search: a listed ID number and a USCC are found, the ID shown masked; a part or a mistyped number' + ' is not',
  async ({ page }) => {
    const person = await createPerson({ disclosure: 'restricted' });
    await revokeEntry(person.uid, { reason: '全部履行', actor: 'e2e:court' });
    const org = await createOrganization();
    await signInAs(page, 'court_clerk');

    await page.goto('/admin/entries');
    await page.getByLabel('查询内容').fill(person.idNumber);
    await page.getByRole('button', { name: '查找', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`q=${person.idNumber}`));
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).getByRole('link', { name: person.caseNo })).toBeVisible();
    await expect(rows(page).getByTestId('staff-entry-identifier')).toHaveText(maskedId(person.idNumber));
    await expect(rows(page).getByTestId('staff-entry-status')).toHaveText('已撤销');
    expect(await page.locator('main').textContent()).not.toContain(person.idNumber);
    await expectNoAxeViolations(page, 'staff search, ID number');

    await page.goto(staffSearch({ q: org.idNumber }));
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).getByTestId('staff-entry-identifier')).toHaveText(org.idNumber);
    await expect(rows(page)).toContainText(org.name);

    // Never by substring.
    await page.goto(staffSearch({ q: person.idNumber.slice(0, 17) }));
    await expect(rows(page)).toHaveCount(0);
    // A wrong check character is refused with a message beside the field.
    const wrong = person.idNumber.slice(0, 17) + (person.idNumber.endsWith('1') ? '2' : '1');
    await page.goto(staffSearch({ q: wrong }));
    await expect(errorSummary(page)).toContainText('不是有效的身份证号码');
    await expect(page.getByLabel('查询内容')).toHaveAttribute('aria-invalid', 'true');
    await expect(rows(page)).toHaveCount(0);
    await page.goto(staffSearch({ q: '张'.repeat(101) }));
    await expect(errorSummary(page)).toContainText('查询内容不能超过 100 个字符');
    await expectNoAxeViolations(page, 'staff search, error');
  },
);

test(
  'staff search: filters narrow by status, court, disclosure and publication day; an empty query lists all' +
    ' that match',
  async ({ page }) => {
    test.setTimeout(120_000);
    const expired = await createPerson({
      court: COURTS.suzhou.name,
      publishedDaysAgo: 800,
      validUntil: new Date(Date.now() - 86_400_000),
    });
    await signInAs(page, 'credit_office');

    await page.goto('/admin/entries');
    await page.getByLabel('状态', { exact: true }).selectOption({ label: '已过有效期（不再公示）' });
    await page.getByLabel('执行法院').selectOption(COURTS.suzhou.name);
    await page.getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(/status=expired/);
    const [want] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(entries)
      .where(and(sql`${displayStatus()} = 'expired'`, eq(entries.court, COURTS.suzhou.name)));
    await expect(page.getByTestId('staff-result-count')).toHaveText(String(Number(want!.n)));
    const statuses = await rows(page).getByTestId('staff-entry-status').allTextContents();
    expect(statuses.length).toBe(Math.min(50, Number(want!.n)));
    expect(new Set(statuses)).toEqual(new Set(['已过有效期（不再公示）']));
    for (const court of await rows(page).locator('td:nth-child(4)').allTextContents())
      expect(court).toBe(COURTS.suzhou.name);
    // The filters stay chosen on the page they produced.
    await expect(page.getByLabel('状态', { exact: true })).toHaveValue('expired');

    // With the query and a day range that holds the entry's publication day.
    const day = cstDate(expired.publishedAt);
    await page.goto(staffSearch({ q: expired.name, status: 'expired', publishedFrom: day, publishedTo: day }));
    await expect(rows(page).filter({ hasText: expired.caseNo })).toHaveCount(1);
    await page.goto(staffSearch({ q: expired.name, status: 'public' }));
    await expect(page.getByRole('status').filter({ hasText: '未找到匹配的名单信息' })).toBeVisible();
    await page.goto(staffSearch({ q: expired.name, disclosure: 'restricted' }));
    await expect(rows(page)).toHaveCount(0);
    await page.goto(staffSearch({ publishedFrom: '2024-05-02', publishedTo: '2024-05-01' }));
    await expect(errorSummary(page)).toContainText('发布日期（起）不能晚于发布日期（止）');
    await expectNoAxeViolations(page, 'staff search, filters');
  },
);

test('staff search: 50 a page with the total, numbered pages and 上一页/下一页, the page in the URL', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, 'credit_office');
  const court = COURTS.kunshan.name;
  const [count] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(entries)
    .where(eq(entries.court, court));
  const total = Number(count!.n);
  const pageCount = Math.ceil(total / 50);
  expect(pageCount).toBeGreaterThan(3); // the demo data

  await page.goto(staffSearch({ court }));
  await expect(page.getByTestId('staff-result-count')).toHaveText(String(total));
  await expect(rows(page)).toHaveCount(50);
  const nav = page.getByRole('navigation', { name: '分页' });
  await expect(nav).toContainText(`共 ${pageCount} 页`);
  await expect(nav.getByRole('link', { name: `第 ${pageCount} 页` })).toBeVisible();
  await expect(nav.getByRole('link', { name: '上一页' })).toHaveCount(0);
  const first = await rows(page).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-uid')));

  await nav.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/court=/);
  await expect(nav.locator('[aria-current="page"]')).toContainText('2');
  const second = await rows(page).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-uid')));
  expect(second).toHaveLength(50);
  expect(second.filter((u) => first.includes(u))).toEqual([]);

  await nav.getByRole('link', { name: '第 3 页' }).click();
  await expect(page).toHaveURL(/page=3/);
  const third = await rows(page).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-uid')));
  // A bookmarked page shows the same rows.
  await page.goto(staffSearch({ court, page: '3' }));
  expect(await rows(page).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-uid')))).toEqual(third);
  await nav.getByRole('link', { name: '上一页' }).click();
  expect(await rows(page).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-uid')))).toEqual(second);

  await page.goto(staffSearch({ court, page: String(pageCount) }));
  await expect(rows(page)).toHaveCount(total - (pageCount - 1) * 50);
  await expect(nav.getByRole('link', { name: '下一页' })).toHaveCount(0);
  await page.goto(staffSearch({ court, page: 'x' }));
  await expect(errorSummary(page)).toContainText('页码应为数字');
  await expectNoAxeViolations(page, 'staff search, paging');
});

test('feedback: a case number with two debtors lists both (masked ID), and the one chosen gets the report', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [u] = await unitsWithMeasures(1);
  const person = await createPerson();
  const org = await createOrganization({ caseNo: person.caseNo });
  const page = await (await browser.newContext()).newPage();
  await signIn(page, await officerOf(u!.code));
  await page.goto('/admin/feedback');

  await page.getByLabel('案号、证件号码或信息唯一标识').fill(person.caseNo.replace('(', '（').replace(')', '）'));
  await page.getByLabel('惩戒措施').selectOption(String(u!.mine));
  await page.getByLabel('实施日期').fill(todayInChina());
  await page.getByLabel('实施效果').fill('限制其参与政府采购。');
  await page.getByRole('button', { name: '报送', exact: true }).click();
  await expect(errorSummary(page)).toContainText('找到 2 条名单信息，请在下方列表中选择一条');
  const choices = page.getByTestId('feedback-choice');
  await expect(choices).toHaveCount(2);
  await expect(choices.filter({ hasText: person.name })).toContainText(maskedId(person.idNumber));
  await expect(choices.filter({ hasText: org.name })).toContainText(org.idNumber);
  await expect(choices.filter({ hasText: person.name })).toContainText(person.caseNo);
  expect(await page.locator('main').textContent()).not.toContain(person.idNumber);
  await expectNoAxeViolations(page, 'feedback, choices');
  const stored = () => getDb().select().from(measureFeedback).where(eq(measureFeedback.entryUid, org.uid));
  expect(await stored()).toHaveLength(0);

  await choices
    .filter({ hasText: org.name })
    .getByRole('button', { name: /选择并报送/ })
    .click();
  await expect(page.getByRole('status').filter({ hasText: '已报送' })).toContainText(org.name);
  expect(await stored()).toHaveLength(1);
  expect(await getDb().select().from(measureFeedback).where(eq(measureFeedback.entryUid, person.uid))).toHaveLength(0);

  // A full ID number finds the person alone.
  await page.getByLabel('案号、证件号码或信息唯一标识').fill(person.idNumber);
  await page.getByLabel('惩戒措施').selectOption(String(u!.mine));
  await page.getByLabel('实施日期').fill(todayInChina());
  await page.getByLabel('实施效果').fill('限制其高消费。');
  await page.getByRole('button', { name: '报送', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已报送' })).toContainText(person.name);
  expect(await getDb().select().from(measureFeedback).where(eq(measureFeedback.entryUid, person.uid))).toHaveLength(1);
});
