/**
 * What the member units report back (seed 二(七), 四(五)): after a revocation only the units
 * that reported applying a measure get a lifting task, listing the measures; a unit's officer
 * confirms many at once (select-all, asked twice, decided once), keeps one with reason and
 * period; the credit office sees the counts per unit, chases a unit (催办) and the unit sees
 * the reminder on its page and dashboard; a measure applied is reported and appears in the
 * credit office's table per unit and measure; a measure kept until a day comes back to the officer on that day (the
 * dashboard, the lifting page), overdue after it, and is decided again with its history kept.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, liftingDecisions, liftingTasks } from '@/db/schema';
import { recordMeasureApplied, unitsWithMeasures } from '@/db/tests/factory';
import { addDays, todayInChina } from '@/lib/clocks';
import { formatDate } from '@/lib/format';
import {
  closeRegistry,
  createOrganization,
  createPerson,
  errorSummary,
  expectNoAxeViolations,
  maskedId,
  revokeEntry,
} from './fixtures';
import { officerOf, signIn, signInAs, type TestStaff } from './staff-fixtures';

test.afterAll(closeRegistry);

/** A member unit, a measure it implements (Attachment 2) and one it does not. */
async function unitWithMeasure() {
  const [u] = await unitsWithMeasures(1);
  return { unit: u!.code, mine: u!.mine, other: u!.other };
}

/** A member unit with a measure and no open lifting task yet (so its list holds only this test's tasks). */
async function quietUnit() {
  for (const u of await unitsWithMeasures(60)) {
    const [open] = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM lifting_tasks WHERE department_code = ${u.code} AND status = 'open'`,
    );
    if (Number(open!.n) === 0) return u;
  }
  throw new Error('every member unit has open lifting tasks');
}

async function pageOf(browser: Browser, staff?: TestStaff): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (staff) await signIn(page, staff);
  else await signInAs(page, 'credit_office');
  return page;
}

test(
  'lifting: tasks only for units with feedback; select-all bulk 确认已解除; 继续保留; the credit office sees counts' +
    ' fall and sends 催办, the unit sees it',
  async ({ browser }) => {
    test.setTimeout(240_000);
    const u = await quietUnit();
    const people = [await createPerson(), await createPerson(), await createPerson()];
    const org = await createOrganization();
    const unreported = await createPerson();
    for (const e of [...people, org]) await recordMeasureApplied(e.uid, u.code, u.mine, 'e2e');
    for (const e of [...people, org, unreported]) await revokeEntry(e.uid, { reason: '全部履行', actor: 'e2e:court' });
    const [late, kept] = [people[0]!, people[1]!];

    const officer = await pageOf(browser, await officerOf(u.code));
    const row = (p: Page, caseNo: string) => p.getByTestId('lifting-row').filter({ hasText: caseNo });
    await officer.goto('/admin/lifting');
    await expect(officer.getByTestId('lifting-open-count')).toHaveText('本单位待确认 4 项');
    await expect(officer.getByTestId('lifting-row')).toHaveCount(4);
    // Each row: the subject's identifier (a person's masked, an organisation's USCC whole), the measure, the last day.
    await expect(row(officer, late.caseNo)).toContainText(maskedId(late.idNumber));
    await expect(row(officer, late.caseNo)).not.toContainText(late.idNumber);
    await expect(row(officer, org.caseNo)).toContainText(org.idNumber);
    await expect(row(officer, late.caseNo).locator(`[data-measure="${u.mine}"]`)).toHaveCount(1);
    await expect(row(officer, late.caseNo)).toContainText(`截止 ${formatDate(addDays(todayInChina(), 5))}（含当日）`);
    await expect(row(officer, late.caseNo)).toContainText('撤销');
    // No task for an entry the unit reported nothing for: it learns of that removal from the feed.
    await expect(row(officer, unreported.caseNo)).toHaveCount(0);
    await expectNoAxeViolations(officer, 'lifting, officer');

    // The credit office: the unit's counts; one task passes its last day.
    const credit = await pageOf(browser);
    const cells = credit.getByTestId('lifting-by-unit').locator(`tr[data-unit="${u.code}"] td`);
    await getDb()
      .update(liftingTasks)
      .set({ dueOn: addDays(todayInChina(), -1) })
      .where(and(eq(liftingTasks.entryUid, late.uid), eq(liftingTasks.departmentCode, u.code)));
    await credit.goto('/admin/lifting');
    await expect(cells.nth(1)).toHaveText('4');
    await expect(cells.nth(2)).toHaveText('1');
    await expect(cells.nth(3)).toHaveText('0');
    await expectNoAxeViolations(credit, 'lifting, credit office');

    // 催办 the unit's overdue task, asked twice.
    await cells.nth(5).getByRole('link', { name: /催办/ }).click();
    await expect(credit.getByRole('heading', { name: /^催办：/ })).toBeVisible();
    await expect(credit.getByLabel(/已超期任务（1 项）/)).toBeChecked();
    await credit.getByLabel('催办说明（选填）').fill('请于本周内确认解除。');
    await credit.getByRole('button', { name: '发送催办', exact: true }).click();
    await expect(credit.getByRole('dialog')).toContainText('已超期任务 1 项');
    await expectNoAxeViolations(credit, 'lifting, credit office, remind dialog');
    await credit.getByRole('button', { name: '确认发送催办' }).click();
    await expect(credit.getByRole('status')).toContainText('发送催办（已超期任务，共 1 项）');
    await expect(row(credit, late.caseNo).getByTestId('lifting-reminders-count')).toHaveText('1 次');
    await credit.goto('/admin/lifting');
    await expect(cells.nth(3)).toHaveText('1');
    await expect(cells.nth(4)).toHaveText(formatDate(todayInChina()));

    // The unit sees it: on its page (with the note, on the task) and on its dashboard.
    await officer.goto('/admin');
    await expect(officer.getByTestId('lifting-reminded')).toContainText('信用办已催办 1 次');
    await expect(officer.getByTestId('open-lifting')).toContainText('已超期 1 件');
    await officer.goto('/admin/lifting');
    await expect(officer.getByTestId('lifting-reminders')).toContainText('请于本周内确认解除。');
    await expect(row(officer, late.caseNo).getByTestId('lifting-reminders-count')).toHaveText('1 次');
    await expect(row(officer, late.caseNo)).toHaveAttribute('data-overdue', 'true');
    await expect(row(officer, late.caseNo)).toContainText('逾期 1 天');

    // 继续保留 one task: a reason and a period after today are required.
    const k = row(officer, kept.caseNo);
    await k.getByText('继续保留部分惩戒措施').click();
    await k.getByLabel('继续保留至').fill(todayInChina());
    await k.getByRole('button', { name: '登记继续保留', exact: true }).click();
    await officer.getByRole('button', { name: '确认登记继续保留' }).click();
    await expect(errorSummary(officer)).toContainText('请填写继续保留的理由');
    await expect(errorSummary(officer)).toContainText('继续保留的期限须晚于今天');
    const until = addDays(todayInChina(), 180);
    await k.getByLabel('继续保留的理由').fill('依据《税收征收管理法》，欠缴税款未清前继续限制出境。');
    await k.getByLabel('继续保留至').fill(until);
    await k.getByRole('button', { name: '登记继续保留', exact: true }).click();
    await officer.getByRole('button', { name: '确认登记继续保留' }).click();
    await expect(officer.getByRole('status').filter({ hasText: '已登记继续保留' })).toContainText(formatDate(until));

    // A second tab, opened before the bulk decision, will try to decide the same tasks again.
    const stale = await officer.context().newPage();
    await stale.goto('/admin/lifting');

    // Select-all and 确认已解除 for the three left, asked twice, naming how many and whose.
    await officer.goto('/admin/lifting');
    await expect(officer.getByTestId('lifting-row')).toHaveCount(3);
    await officer.getByLabel('全选本页待确认任务').check();
    await expect(officer.getByTestId('lifting-selected')).toHaveText('已勾选 3 项');
    await officer.getByRole('button', { name: '确认已解除', exact: true }).click();
    const dialog = officer.getByRole('dialog');
    await expect(dialog).toContainText('共 3 项');
    for (const e of [late, people[2]!, org]) await expect(dialog).toContainText(e.caseNo);
    await expect(dialog).not.toContainText(kept.caseNo);
    await expect(dialog).toContainText('此操作不可撤销');
    await expectNoAxeViolations(officer, 'lifting, officer, bulk dialog');
    await officer.getByRole('button', { name: '确认解除', exact: true }).click();
    await expect(officer.getByRole('status').filter({ hasText: '已确认解除 3 项任务' })).toContainText(late.caseNo);
    await expect(officer.getByTestId('lifting-row')).toHaveCount(0);
    await expect(officer.getByTestId('lifting-open-count')).toHaveText('本单位待确认 0 项');
    await officer.goto('/admin/lifting?status=decided');
    await expect(row(officer, late.caseNo)).toHaveAttribute('data-status', 'lifted');
    await expect(row(officer, kept.caseNo)).toContainText(`继续保留至 ${formatDate(until)}：依据《税收征收管理法》`);
    await expectNoAxeViolations(officer, 'lifting, officer, decided');

    // Decided once: the stale tab's attempt changes nothing.
    await stale.getByLabel(`选择 ${late.name}（${late.caseNo}）`).check();
    await stale.getByRole('button', { name: '确认已解除', exact: true }).click();
    await stale.getByRole('button', { name: '确认解除', exact: true }).click();
    await expect(errorSummary(stale)).toContainText('已经确认过');

    // The credit office sees the counts fall; the reminder stays counted.
    await credit.goto('/admin/lifting');
    await expect(cells.nth(1)).toHaveText('0');
    await expect(cells.nth(2)).toHaveText('0');
    await expect(cells.nth(3)).toHaveText('1');
    // The unit's dashboard no longer shows a pending reminder.
    await officer.goto('/admin');
    await expect(officer.getByTestId('lifting-reminded')).toHaveCount(0);

    // The audit trail: one row for the bulk decision (ids and count), one for 继续保留, one for 催办.
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(
        sql`${auditLog.action} IN ('lifting_decided', 'lifting_reminded') AND ${auditLog.at} > now() - interval
        '10 minutes'`,
      );
    const bulk = audit.find((a) => a.action === 'lifting_decided' && (a.detail as { count?: number }).count === 3);
    expect(bulk).toBeTruthy();
    expect((bulk!.detail as { taskIds: number[] }).taskIds).toHaveLength(3);
    expect(audit.some((a) => a.action === 'lifting_reminded' && a.objectId === u.code)).toBe(true);
    expect(
      audit.some((a) => a.action === 'lifting_decided' && (a.detail as { outcome?: string }).outcome === 'kept'),
    ).toBe(true);
  },
);

test(
  'kept until a day: back on the officer dashboard on that day (overdue after it), decided again — kept anew or' +
    ' lifted — with the history of decisions',
  async ({ browser }) => {
    test.setTimeout(180_000);
    const u = await quietUnit();
    const staff = await officerOf(u.code);
    const [due, late] = [await createPerson(), await createPerson()];
    const today = todayInChina();
    const reason = '依据《税收征收管理法》，欠缴税款未清前继续限制出境。';
    // Decisions made a month ago kept the measures until today and until yesterday: written as the officer's
    // decision writes them (the task's columns and the history), their days come.
    for (const [e, until] of [
      [due, today],
      [late, addDays(today, -1)],
    ] as const) {
      await recordMeasureApplied(e.uid, u.code, u.mine, 'e2e');
      await revokeEntry(e.uid, { reason: '全部履行', actor: 'e2e:court' });
      const decidedAt = new Date(Date.now() - 30 * 86_400_000);
      const [task] = await getDb()
        .update(liftingTasks)
        .set({ status: 'kept', keptReason: reason, keptUntil: until, decidedBy: `staff:${staff.email}`, decidedAt })
        .where(and(eq(liftingTasks.entryUid, e.uid), eq(liftingTasks.departmentCode, u.code)))
        .returning();
      await getDb()
        .insert(liftingDecisions)
        .values({
          taskId: task!.id,
          outcome: 'kept',
          keptReason: reason,
          keptUntil: until,
          decidedBy: `staff:${staff.email}`,
          at: decidedAt,
        });
    }

    // The dashboard names both, today's as due today, yesterday's as overdue.
    const officer = await pageOf(browser, staff);
    await officer.goto('/admin');
    await expect(officer.getByTestId('open-lifting')).toContainText('待确认 2 件，其中已超期 1 件');
    await expect(officer.getByTestId('lifting-kept-due')).toContainText('继续保留期满、待重新决定 2 件');
    const dueRow = officer.getByTestId('lifting-kept-due-row').filter({ hasText: due.caseNo });
    await expect(dueRow).toContainText(`保留至 ${formatDate(today)}，今日到期`);
    await expect(officer.getByTestId('lifting-kept-due-row').filter({ hasText: late.caseNo })).toContainText(
      '逾期 1 天',
    );
    await expectNoAxeViolations(officer, 'dashboard, kept measures due');

    // The credit office sees them in the unit's counts.
    const credit = await pageOf(browser);
    await credit.goto('/admin/lifting');
    const cells = credit.getByTestId('lifting-by-unit').locator(`tr[data-unit="${u.code}"] td`);
    await expect(cells.nth(1)).toContainText('含保留期满 2');
    await expect(cells.nth(2)).toHaveText('1');

    // From the dashboard to the task: due for a new decision, the earlier one shown.
    await dueRow.getByRole('link').click();
    const row = (caseNo: string) => officer.getByTestId('lifting-row').filter({ hasText: caseNo });
    await expect(row(due.caseNo)).toHaveAttribute('data-kept-due', 'true');
    await expect(row(due.caseNo)).toContainText('继续保留期满，待重新决定');
    await expect(row(due.caseNo)).toContainText(`曾继续保留至 ${formatDate(today)}：${reason}`);
    await expect(row(due.caseNo).getByTestId('lifting-history')).toContainText('历次决定（1）');
    await expectNoAxeViolations(officer, 'lifting, kept measure due');

    // Kept anew: a reason and a later day.
    const until = addDays(today, 90);
    await row(due.caseNo).getByText('继续保留部分惩戒措施').click();
    await row(due.caseNo).getByLabel('继续保留的理由').fill('尚有未结清的行政处罚，依法继续限制。');
    await row(due.caseNo).getByLabel('继续保留至').fill(until);
    await row(due.caseNo).getByRole('button', { name: '登记继续保留', exact: true }).click();
    await officer.getByRole('button', { name: '确认登记继续保留' }).click();
    await expect(officer.getByRole('status').filter({ hasText: '已登记继续保留' })).toContainText(formatDate(until));

    // The overdue one is lifted with 确认已解除.
    await officer.goto('/admin/lifting?due=kept');
    await expect(row(late.caseNo)).toHaveAttribute('data-overdue', 'true');
    await expect(row(due.caseNo)).toHaveCount(0);
    await officer.getByLabel(`选择 ${late.name}（${late.caseNo}）`).check();
    await officer.getByRole('button', { name: '确认已解除', exact: true }).click();
    await officer.getByRole('button', { name: '确认解除', exact: true }).click();
    await expect(officer.getByRole('status').filter({ hasText: '已确认解除 1 项任务' })).toContainText(late.caseNo);

    // Nothing due any more; the decided tasks show the current decision and the history.
    await officer.goto('/admin');
    await expect(officer.getByTestId('lifting-kept-due')).toHaveCount(0);
    await officer.goto('/admin/lifting?status=decided');
    await expect(row(due.caseNo)).toHaveAttribute('data-status', 'kept');
    await expect(row(due.caseNo)).toContainText(`继续保留至 ${formatDate(until)}：尚有未结清的行政处罚`);
    await expect(row(due.caseNo).getByTestId('lifting-history')).toContainText('历次决定（2）');
    await expect(row(late.caseNo)).toHaveAttribute('data-status', 'lifted');
    await expect(row(late.caseNo).getByTestId('lifting-history')).toContainText('历次决定（2）');
    const history = await getDb()
      .select({ outcome: liftingDecisions.outcome, keptUntil: liftingDecisions.keptUntil })
      .from(liftingDecisions)
      .innerJoin(liftingTasks, eq(liftingTasks.id, liftingDecisions.taskId))
      .where(eq(liftingTasks.entryUid, due.uid))
      .orderBy(liftingDecisions.id);
    expect(history).toEqual([
      { outcome: 'kept', keptUntil: today },
      { outcome: 'kept', keptUntil: until },
    ]);
  },
);

test('feedback: an officer reports a measure of their unit; the credit office sees it per unit and measure', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { unit, mine, other } = await unitWithMeasure();
  const entry = await createPerson({ disclosure: 'restricted' }); // shared with departments though not public

  const credit = await pageOf(browser);
  await credit.goto('/admin/feedback');
  const countCell = credit
    .locator(`[data-testid="feedback-summary"] tr[data-unit="${unit}"][data-measure="${mine}"] td`)
    .nth(2);
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
  await expect(officer.getByTestId('feedback-row').filter({ hasText: entry.caseNo })).toContainText(
    '已在行政审批中拦截其申请。',
  );
  await expectNoAxeViolations(officer, 'feedback, officer, recorded');

  await credit.reload();
  await expect(countCell).toHaveText(String(before + 1));
});
