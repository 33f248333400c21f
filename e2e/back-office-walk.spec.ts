/**
 * The back office end to end (issue 11, done-when): a clerk finds a listed person by ID
 * number, records the removal ground and submits the revocation; the court's 负责人 approves
 * it (asked twice); the entry is gone from the public site; a lifting task is opened only for
 * the unit that reported applying a measure; that unit bulk-confirms it; the credit office
 * sees the counts fall; and the administrator's audit log shows every step with who, when and
 * what.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { liftingTasks } from '@/db/schema';
import { recordMeasureApplied, unitsWithMeasures } from '@/db/tests/factory';
import { todayInChina } from '@/lib/clocks';
import { closeRegistry, createPerson, expectNoAxeViolations } from './fixtures';
import { createStaff, officerOf, signIn, type TestStaff } from './staff-fixtures';

test.afterAll(closeRegistry);

/** Two member units with measures and no open lifting task, so their lists and counts are this test's alone. */
async function quietUnits() {
  const quiet = [];
  for (const u of await unitsWithMeasures(60)) {
    const [open] = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM lifting_tasks WHERE department_code = ${u.code} AND status = 'open'`,
    );
    if (Number(open!.n) === 0) quiet.push(u);
    if (quiet.length === 2) return quiet as [(typeof quiet)[0], (typeof quiet)[0]];
  }
  throw new Error('fewer than two member units without open lifting tasks');
}

async function signedIn(browser: Browser, staff: TestStaff): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, staff);
  return page;
}

test(
  'find → ground → submit → 负责人 approves → gone → a task only for the unit that applied a measure → bulk' +
    ' confirm → counts fall → all in the audit log',
  async ({ browser }) => {
    test.setTimeout(300_000);
    const entry = await createPerson();
    const [applying, silent] = await quietUnits();
    await recordMeasureApplied(entry.uid, applying.code, applying.mine, 'e2e');

    const clerkStaff = await createStaff('court_clerk', { name: '王承办' });
    const reviewerStaff = await createStaff('court_clerk', { reviewsRemovals: true, name: '李负责' });
    const officerStaff = await officerOf(applying.code);
    const clerk = await signedIn(browser, clerkStaff);

    // Find: by the full ID number; the list shows it masked.
    await clerk.goto('/admin/entries');
    await clerk.getByLabel('查询内容').fill(entry.idNumber);
    await clerk.getByRole('button', { name: '查找' }).click();
    const found = clerk.getByTestId('staff-entry-row');
    await expect(found).toHaveCount(1);
    await expect(found).not.toContainText(entry.idNumber);
    await found.getByRole('link', { name: entry.caseNo }).click();
    await expect(clerk.getByRole('heading', { level: 1 })).toHaveText(entry.name);

    // Ground, then the revocation submitted for review: still public.
    await clerk.getByLabel('撤销事由', { exact: true }).selectOption('全部履行');
    await clerk.getByLabel('事由发生日').fill(todayInChina());
    await clerk.getByRole('button', { name: '登记撤销事由' }).click();
    await expect(clerk.getByText('已登记撤销事由，撤销期限开始计算。')).toBeVisible();
    await clerk.getByRole('radio', { name: '撤销' }).check();
    await clerk.getByLabel('事由', { exact: true }).selectOption('全部履行');
    await clerk.getByRole('button', { name: '提交负责人审核' }).click();
    await expect(clerk.getByRole('status').filter({ hasText: '已提交负责人审核' })).toBeVisible();
    await expectNoAxeViolations(clerk, 'entry page, removal pending');
    expect((await clerk.request.get(`/api/v1/entries/${entry.uid}`)).status()).toBe(200);

    // The credit office's per-unit table before: nothing open for either unit.
    const credit = await signedIn(browser, await createStaff('credit_office'));
    const openCell = (code: string) =>
      credit.getByTestId('lifting-by-unit').locator(`tr[data-unit="${code}"] td`).nth(1);
    await credit.goto('/admin/lifting');
    await expect(openCell(applying.code)).toHaveCount(0);

    // The 负责人 approves from the dashboard, asked twice; the page says what happened.
    const reviewer = await signedIn(browser, reviewerStaff);
    await reviewer.getByTestId('pending-review-row').filter({ hasText: entry.caseNo }).getByRole('link').click();
    await expectNoAxeViolations(reviewer, 'entry page, review');
    await reviewer.getByRole('button', { name: '审核通过并撤销' }).click();
    await expectNoAxeViolations(reviewer, 'entry page, confirmation dialog');
    await reviewer.getByRole('dialog').getByRole('button', { name: '确认审核通过并撤销' }).click();
    await expect(reviewer.getByRole('status')).toContainText('审核通过，已生效');

    // Gone from the public site and API.
    expect((await reviewer.request.get(`/entries/${entry.uid}`)).status()).toBe(404);
    expect((await reviewer.request.get(`/api/v1/entries/${entry.uid}`)).status()).toBe(404);

    // One lifting task, for the unit that applied a measure, listing it; none for the unit that did not.
    const tasks = await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, entry.uid));
    expect(tasks.map((t) => [t.departmentCode, t.measureNos])).toEqual([[applying.code, [applying.mine]]]);
    const silentOfficer = await signedIn(browser, await officerOf(silent.code));
    await silentOfficer.goto('/admin/lifting');
    await expect(silentOfficer.getByTestId('lifting-row').filter({ hasText: entry.caseNo })).toHaveCount(0);

    await credit.goto('/admin/lifting');
    await expect(openCell(applying.code)).toHaveText('1');

    // The unit bulk-confirms (select-all, asked twice).
    const officer = await signedIn(browser, officerStaff);
    await officer.goto('/admin/lifting');
    await expect(officer.getByTestId('lifting-row').filter({ hasText: entry.caseNo })).toHaveCount(1);
    await officer.getByLabel('全选本页待确认任务').check();
    await officer.getByRole('button', { name: '确认已解除', exact: true }).click();
    await expect(officer.getByRole('dialog')).toContainText(entry.caseNo);
    await officer.getByRole('button', { name: '确认解除', exact: true }).click();
    await expect(officer.getByRole('status').filter({ hasText: '已确认解除 1 项任务' })).toBeVisible();

    // The credit office sees the count fall.
    await credit.goto('/admin/lifting');
    await expect(openCell(applying.code)).toHaveCount(0);

    // The audit log, as the administrator reads it: every step, who, when, what.
    const admin = await signedIn(browser, await createStaff('admin'));
    const today = todayInChina();
    await admin.goto(`/admin/audit?objectId=${encodeURIComponent(entry.uid)}`);
    await expectNoAxeViolations(admin, 'audit log, one entry');
    const rows = admin.getByTestId('audit-row');
    const step = (action: string) => rows.filter({ hasText: action });
    await expect(step('登记撤销事由')).toContainText('王承办（昆山市人民法院·法院执行干警）');
    await expect(step('提交撤销/屏蔽申请')).toContainText('王承办（昆山市人民法院·法院执行干警）');
    await expect(step('提交撤销/屏蔽申请')).toContainText('处理方式：撤销；原因：全部履行');
    await expect(step('审核通过撤销/屏蔽')).toContainText('李负责（昆山市人民法院·法院执行干警）');
    for (const action of ['登记撤销事由', '提交撤销/屏蔽申请', '审核通过撤销/屏蔽']) {
      await expect(step(action)).toHaveCount(1);
      await expect(step(action)).toContainText(today);
      await expect(step(action)).toContainText(`名单信息 ${entry.uid}`);
    }
    await admin.goto(`/admin/audit?action=lifting_decided&actor=${encodeURIComponent(`staff:${officerStaff.email}`)}`);
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('确认解除/保留措施');
    await expect(rows).toContainText(today);
    await expect(rows).toContainText('结果：已解除');
    await expect(rows).toContainText(`任务编号：${tasks[0]!.id}`);
    await expect(rows).toContainText('经办人（');
    // Sign-ins of the walk's staff are there too.
    await admin.goto(`/admin/audit?action=sign_in&actor=${encodeURIComponent(`staff:${reviewerStaff.email}`)}`);
    await expect(rows).toHaveCount(1);
  },
);
