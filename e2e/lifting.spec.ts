/**
 * What the member units report back (seed 二(七), 四(五)): after a revocation a unit's officer
 * confirms lifting, keeps a measure with reason and period, and a task left open turns
 * overdue on the officer's page and in the credit office's counts; a measure applied is
 * reported and appears in the credit office's table per unit and measure.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { liftingTasks } from '@/db/schema';
import { unitsWithMeasures } from '@/db/tests/factory';
import { addDays, todayInChina } from '@/lib/clocks';
import { formatDate } from '@/lib/format';
import { closeRegistry, createPerson, errorSummary, expectNoAxeViolations, revokeEntry } from './fixtures';
import { officerOf, signIn, signInAs, type TestStaff } from './staff-fixtures';

test.afterAll(closeRegistry);

/** A member unit, a measure it implements (Attachment 2) and one it does not. */
async function unitWithMeasure() {
  const [u] = await unitsWithMeasures(1);
  return { unit: u!.code, mine: u!.mine, other: u!.other };
}

async function pageOf(browser: Browser, staff?: TestStaff): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (staff) await signIn(page, staff);
  else await signInAs(page, 'credit_office');
  return page;
}

const byCase = (caseNo: string) => `/admin/lifting?q=${encodeURIComponent(caseNo)}`;

test('lifting: confirmed, kept with reason and period, and overdue once the period passes', async ({ browser }) => {
  test.setTimeout(180_000);
  const { unit } = await unitWithMeasure();
  const [lifted, kept, late] = [await createPerson(), await createPerson(), await createPerson()];
  for (const e of [lifted, kept, late]) await revokeEntry(e.uid, { reason: '全部履行', actor: 'e2e:court' });

  const officer = await pageOf(browser, await officerOf(unit));
  const task = (caseNo: string) => officer.getByTestId('lifting-task').filter({ hasText: caseNo });
  const row = (p: Page, caseNo: string) => p.getByTestId('lifting-row').filter({ hasText: caseNo });
  await officer.goto('/admin/lifting');
  await expect(officer.getByTestId('lifting-open-count')).toContainText('待确认');
  await expectNoAxeViolations(officer, 'lifting, officer');

  // 已解除 in one step: the task leaves the open list and shows as lifted, with who.
  await officer.goto(byCase(lifted.caseNo));
  await expect(task(lifted.caseNo)).toContainText('撤销');
  await task(lifted.caseNo).getByRole('button', { name: '确认已解除' }).click();
  await expect(row(officer, lifted.caseNo)).toHaveAttribute('data-status', 'lifted');
  await expect(row(officer, lifted.caseNo)).toContainText('已解除');
  await expect(task(lifted.caseNo)).toHaveCount(0);

  // 继续保留: a reason and a period after today are required.
  await officer.goto(byCase(kept.caseNo));
  const k = task(kept.caseNo);
  await k.getByText('继续保留部分惩戒措施').click();
  await k.getByLabel('继续保留至').fill(todayInChina());
  await k.getByRole('button', { name: '登记继续保留' }).click();
  await expect(errorSummary(officer)).toContainText('请填写继续保留的理由');
  await expect(errorSummary(officer)).toContainText('继续保留的期限须晚于今天');
  await expectNoAxeViolations(officer, 'lifting, officer, refused');
  const until = addDays(todayInChina(), 180);
  await k.getByLabel('继续保留的理由').fill('依据《税收征收管理法》，欠缴税款未清前继续限制出境。');
  await k.getByLabel('继续保留至').fill(until);
  await k.getByRole('button', { name: '登记继续保留' }).click();
  await expect(row(officer, kept.caseNo)).toHaveAttribute('data-status', 'kept');
  await expect(row(officer, kept.caseNo)).toContainText(`继续保留（至 ${formatDate(until)}：依据《税收征收管理法》`);

  // The credit office's counts for the unit, before and after the period of the third task passes.
  const credit = await pageOf(browser);
  await credit.goto('/admin/lifting');
  const cells = credit.getByTestId('lifting-by-unit').locator(`tr[data-unit="${unit}"] td`);
  const openBefore = Number(await cells.nth(1).textContent());
  const overdueBefore = Number(await cells.nth(2).textContent());
  expect(openBefore).toBeGreaterThanOrEqual(1);
  await getDb()
    .update(liftingTasks)
    .set({ dueOn: addDays(todayInChina(), -1) })
    .where(and(eq(liftingTasks.entryUid, late.uid), eq(liftingTasks.departmentCode, unit)));
  await credit.reload();
  await expect(cells.nth(2)).toHaveText(String(overdueBefore + 1));
  await expect(cells.nth(1)).toHaveText(String(openBefore));
  await expectNoAxeViolations(credit, 'lifting, credit office');
  await credit.goto(`/admin/lifting?dept=${unit}`);
  await expect(row(credit, late.caseNo)).toHaveAttribute('data-overdue', 'true');
  await expect(row(credit, late.caseNo)).toContainText('已超期');
  await credit.goto(`/admin/lifting?dept=${unit}&all=1&q=${encodeURIComponent(lifted.caseNo)}`);
  await expect(row(credit, lifted.caseNo)).toHaveAttribute('data-status', 'lifted');
  await expectNoAxeViolations(credit, 'lifting, credit office, one unit');

  // The officer sees it flagged, on the page and on the dashboard.
  await officer.goto(byCase(late.caseNo));
  await expect(task(late.caseNo)).toHaveAttribute('data-overdue', 'true');
  await expect(task(late.caseNo)).toContainText('已超期');
  await officer.goto('/admin');
  await expect(officer.getByTestId('open-lifting')).toContainText('已超期');
});

test('feedback: an officer reports a measure of their unit; the credit office sees it per unit and measure', async ({ browser }) => {
  test.setTimeout(120_000);
  const { unit, mine, other } = await unitWithMeasure();
  const entry = await createPerson({ disclosure: 'restricted' }); // shared with departments though not public

  const credit = await pageOf(browser);
  await credit.goto('/admin/feedback');
  const countCell = credit.locator(`[data-testid="feedback-summary"] tr[data-unit="${unit}"][data-measure="${mine}"] td`).nth(2);
  const before = (await countCell.count()) ? Number(await countCell.textContent()) : 0;
  await expectNoAxeViolations(credit, 'feedback, credit office');

  const officer = await pageOf(browser, await officerOf(unit));
  await officer.goto('/admin/feedback');
  await expectNoAxeViolations(officer, 'feedback, officer');
  const measure = officer.getByLabel('惩戒措施');
  await expect(measure.locator(`option[value="${mine}"]`)).toHaveCount(1);
  await expect(measure.locator(`option[value="${other}"]`)).toHaveCount(0);

  await officer.getByLabel('案号、证件号码或信息唯一标识').fill(entry.caseNo);
  await measure.selectOption(String(mine));
  await officer.getByLabel('实施日期').fill(addDays(todayInChina(), 1));
  await officer.getByLabel('实施效果').fill('已在行政审批中拦截其申请。');
  await officer.getByRole('button', { name: '报送' }).click();
  await expect(errorSummary(officer)).toContainText('实施日期不能晚于今天');
  await expect(officer.getByTestId('feedback-row').filter({ hasText: entry.caseNo })).toHaveCount(0);

  await officer.getByLabel('实施日期').fill(todayInChina());
  await officer.getByRole('button', { name: '报送' }).click();
  await expect(officer.getByRole('status').filter({ hasText: '已报送' })).toBeVisible();
  await expect(officer.getByTestId('feedback-row').filter({ hasText: entry.caseNo })).toContainText('已在行政审批中拦截其申请。');
  await expectNoAxeViolations(officer, 'feedback, officer, recorded');

  await credit.reload();
  await expect(countCell).toHaveText(String(before + 1));
});
