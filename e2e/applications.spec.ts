/**
 * The subject's journeys end to end: an objection routed to the department that applies the
 * measure (and no other), accepted and decided, the decision read on /track; a correction
 * upheld by a court clerk (the entry vanishes at once, the notice appears) and another
 * rejected (the subject is told about reconsideration); the correction window.
 */
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { listMeasures } from '@/domain/publishing/queries';
import { applicationFiles, applications, cases, messageOutbox } from '@/db/schema';
import {
  closeRegistry,
  createOrganization,
  createPerson,
  errorSummary,
  expectNoAxeViolations,
  maskPersonName,
  revokeEntry,
  searchUrl,
} from './fixtures';
import {
  acceptAndDecide,
  acceptOpenCase,
  decideOpenCase,
  submitDecision,
  daysAgo,
  fileCorrection,
  fillContact,
  identify,
  openTracking,
  PDF,
  PNG,
  subjectPage,
  submitAndReadReceipt,
} from './application-fixtures';
import { officerOf, signIn, signInAs } from './staff-fixtures';

test.afterAll(closeRegistry);

test('objection: routed to the chosen department only, accepted and decided, the decision shown on /track', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const entry = await createPerson();
  // A measure implemented by at least two member units: the subject picks one of them.
  const measure = (await listMeasures()).find((m) => m.departments.length >= 2)!;
  const [chosen, other] = measure.departments as [{ code: string; name: string }, { code: string; name: string }];

  const subject = await subjectPage(browser);
  await subject.goto('/apply/objection');
  await expectNoAxeViolations(subject, 'objection form');
  await identify(subject, entry);
  await subject.getByRole('checkbox', { name: new RegExp(measure.text.slice(0, 12)) }).check();
  // The departments implementing it appear, from the Attachment 2 data.
  await expect(subject.getByRole('checkbox', { name: chosen.name, exact: true })).toBeVisible();
  await expect(subject.getByRole('checkbox', { name: other.name, exact: true })).toBeVisible();
  await subject.getByRole('checkbox', { name: chosen.name, exact: true }).check();
  await subject.getByLabel('发生了什么、为什么').fill('本人已于上月全部履行判决确定的义务。');
  await fillContact(subject);
  await subject.getByLabel('证明材料（选填）').setInputFiles([
    { name: '履行凭证.png', mimeType: 'image/png', buffer: PNG },
    { name: '收据.pdf', mimeType: 'application/pdf', buffer: PDF },
  ]);
  await expectNoAxeViolations(subject, 'objection form, filled');
  const receipt = await submitAndReadReceipt(subject);
  expect(receipt.trackingNo).toMatch(/^SQ\d{8}[0-9A-Z]{6}$/);

  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, receipt.trackingNo));
  const appCases = await getDb().select().from(cases).where(eq(cases.applicationId, app!.id));
  expect(appCases.map((c) => c.departmentCode)).toEqual([chosen.code]);
  const caseId = appCases[0]!.id;

  // Another unit's officer sees nothing of it.
  const otherPage = await (await browser.newContext()).newPage();
  await signIn(otherPage, await officerOf(other.code));
  await otherPage.goto('/admin/cases?all=1');
  await expect(otherPage.getByTestId('case-row').filter({ hasText: receipt.trackingNo })).toHaveCount(0);
  expect((await otherPage.goto(`/admin/cases/${caseId}`))?.status()).toBe(404);

  // The chosen unit's officer accepts and decides.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, await officerOf(chosen.code));
  await officer.goto('/admin/cases');
  await expectNoAxeViolations(officer, 'inbox');
  await officer.getByTestId('case-row').filter({ hasText: receipt.trackingNo }).getByRole('link').click();
  await expect(officer.getByTestId('case-statement')).toHaveText('本人已于上月全部履行判决确定的义务。');
  await expectNoAxeViolations(officer, 'case page');
  const download = officer.waitForEvent('download');
  await officer.getByRole('link', { name: '履行凭证.png' }).click();
  expect(await (await download).suggestedFilename()).toBe('履行凭证.png');
  await acceptOpenCase(officer);
  await decideOpenCase(officer, '理由成立', '经核实，申请人已全部履行，本单位解除该项措施。');

  // The subject reads the decision and the history.
  await openTracking(subject, receipt);
  await expectNoAxeViolations(subject, 'tracking page');
  const tracked = subject.getByTestId('track-case');
  await expect(tracked.getByTestId('track-status')).toHaveText('已决定');
  await expect(tracked.getByTestId('track-decision')).toContainText('经核实，申请人已全部履行，本单位解除该项措施。');
  await expect(tracked.getByTestId('case-event')).toHaveCount(3);
  await expect(subject.getByTestId('track-message')).toHaveCount(3);
  const own = subject.waitForEvent('download');
  await subject.getByRole('link', { name: '收据.pdf' }).click();
  expect(await (await own).suggestedFilename()).toBe('收据.pdf');

  // A wrong access code reveals nothing.
  const stranger = await subjectPage(browser);
  await stranger.goto('/track');
  await stranger.getByLabel('查询号').fill(receipt.trackingNo);
  await stranger.getByLabel('访问码').fill('AAAAA-AAAAA');
  await stranger.getByRole('button', { name: '查询' }).click();
  await expect(errorSummary(stranger)).toContainText('查询号或访问码不正确');
  expect((await stranger.request.get(`/track/files/00000000-0000-0000-0000-000000000000`)).status()).toBe(401);
});

test('correction upheld by the court: the entry is gone from every public page at once and the notice is up', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const entry = await createPerson();
  const subject = await subjectPage(browser);
  await subject.goto('/apply/correction');
  await expectNoAxeViolations(subject, 'correction form');
  const receipt = await fileCorrection(
    subject,
    entry,
    daysAgo(2),
    '本案已于纳入前执行和解并履行完毕，不符合纳入条件。',
  );

  const clerk = await (await browser.newContext()).newPage();
  await signInAs(clerk, 'court_clerk');
  await acceptAndDecide(
    clerk,
    receipt.trackingNo,
    '纠正（撤销名单）',
    '经审查，纳入时已履行完毕，理由成立，予以撤销。',
  );

  expect((await subject.goto(`/entries/${entry.uid}`))?.status()).toBe(404);
  await subject.goto(searchUrl(entry.name));
  await expect(subject.locator(`main a[href="/entries/${entry.uid}"]`)).toHaveCount(0);
  expect((await request.get(`/api/v1/entries/${entry.uid}`)).status()).toBe(404);
  await subject.goto('/notices');
  await expect(subject.getByTestId('notice-row').filter({ hasText: entry.caseNo })).toContainText(
    maskPersonName(entry.name),
  );

  await openTracking(subject, receipt);
  await expect(subject.getByTestId('track-decision')).toContainText('纠正（撤销名单）');
  await expect(subject.getByTestId('track-message').last()).toContainText('该失信信息已撤销');
});

test(
  'correction upheld as 纠正（更正信息）: the entry stays listed, nothing is announced, /track says the court' +
    ' corrects it',
  async ({ browser, request }) => {
    test.setTimeout(120_000);
    const entry = await createPerson();
    const subject = await subjectPage(browser);
    await subject.goto('/apply/correction');
    const receipt = await fileCorrection(subject, entry, daysAgo(1), '判决金额登记有误。');
    const clerk = await (await browser.newContext()).newPage();
    await signInAs(clerk, 'court_clerk');
    await clerk.goto('/admin/cases');
    await clerk.getByTestId('case-row').filter({ hasText: receipt.trackingNo }).getByRole('link').click();
    // Each decision says what it does before it is chosen; 部分成立 is not one of a correction's.
    await acceptOpenCase(clerk);
    await expect(clerk.getByRole('radio')).toHaveCount(3);
    await expect(clerk.getByRole('radio', { name: '部分成立' })).toHaveCount(0);
    await expect(clerk.getByRole('radio', { name: '纠正（撤销名单）', exact: true })).toHaveAccessibleDescription(
      /立即撤销/,
    );
    await decideOpenCase(clerk, '纠正（更正信息）', '纳入正确，未履行金额有误，由本院更正后重新推送。');
    expect((await request.get(`/api/v1/entries/${entry.uid}`)).status()).toBe(200); // still listed
    await openTracking(subject, receipt);
    await expect(subject.getByTestId('track-decision')).toContainText('纠正（更正信息）');
    await expect(subject.getByTestId('track-message').last()).toContainText('法院将更正该失信信息');
    await expect(subject.locator('main')).not.toContainText('已撤销');
  },
);

test('objection upheld in part: the officer ticks the measures lifted; /track lists them and the entry stays', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const entry = await createPerson();
  // A unit that implements at least two measures: the subject objects to two of them.
  const all = await listMeasures();
  const unit = all
    .flatMap((m) => m.departments)
    .find((d) => all.filter((m) => m.departments.some((x) => x.code === d.code)).length >= 2)!;
  const [first, second] = all.filter((m) => m.departments.some((d) => d.code === unit.code));
  const subject = await subjectPage(browser);
  await subject.goto('/apply/objection');
  await identify(subject, entry);
  for (const m of [first!, second!])
    await subject
      .getByRole('checkbox', { name: new RegExp(m.text.slice(0, 12)) })
      .first()
      .check();
  await subject.getByRole('checkbox', { name: unit.name, exact: true }).check();
  await subject.getByLabel('发生了什么、为什么').fill('已履行部分义务。');
  await fillContact(subject);
  const receipt = await submitAndReadReceipt(subject);

  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, await officerOf(unit.code));
  await officer.goto('/admin/cases');
  await officer.getByTestId('case-row').filter({ hasText: receipt.trackingNo }).getByRole('link').click();
  await acceptOpenCase(officer);
  // 部分成立 without a measure ticked is refused where the boxes are.
  await officer.getByRole('radio', { name: '部分成立', exact: true }).check();
  await officer.getByLabel('决定理由（将告知申请人）').fill('部分理由成立。');
  await submitDecision(officer);
  await expect(officer.getByText('“部分成立”须勾选要解除的惩戒措施')).toHaveCount(2); // in the summary and beside the boxes
  await officer.getByRole('checkbox', { name: new RegExp(`第${first!.no}项`) }).check();
  await officer.getByRole('radio', { name: '部分成立', exact: true }).check();
  await officer.getByLabel('决定理由（将告知申请人）').fill('部分理由成立。');
  await submitDecision(officer);
  await expect(officer.getByRole('heading', { name: '决定：部分成立' })).toBeVisible();
  await expect(officer.getByText(`解除的惩戒措施：第${first!.no}项`)).toBeVisible();

  await openTracking(subject, receipt);
  await expect(subject.getByTestId('track-decision')).toContainText(`解除的惩戒措施：第${first!.no}项`);
  await expect(subject.getByTestId('track-decision')).not.toContainText(`第${second!.no}项`);
  expect((await request.get(`/api/v1/entries/${entry.uid}`)).status()).toBe(200);
});

test('correction rejected: the subject is told about reconsideration at 苏州市中级人民法院; a late one is turned away', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const entry = await createPerson();
  const subject = await subjectPage(browser);
  await subject.goto('/apply/correction');
  // Learned of it 10 days ago: the last day of the window.
  const receipt = await fileCorrection(subject, entry, daysAgo(10), '本人认为纳入错误。');

  const clerk = await (await browser.newContext()).newPage();
  await signInAs(clerk, 'court_clerk');
  await acceptAndDecide(clerk, receipt.trackingNo, '驳回', '被执行人有履行能力而拒不履行，纳入正确。', {
    review: true,
  });
  expect((await clerk.goto(`/entries/${entry.uid}`))?.status()).toBe(200); // still listed

  await openTracking(subject, receipt);
  await expect(subject.getByTestId('track-decision')).toContainText('驳回');
  await expect(subject.getByTestId('track-message').last()).toContainText('苏州市中级人民法院申请复议');

  // Eleven days after learning of it: the window is explained, nothing is stored.
  const late = await subjectPage(browser);
  await late.goto('/apply/correction');
  await identify(late, entry);
  await late.getByLabel('收到纳入决定或知晓该决定的日期').fill(daysAgo(11));
  await late.getByLabel('发生了什么、为什么').fill('迟到的申请。');
  await fillContact(late);
  await late.getByRole('button', { name: '提交' }).click();
  await expect(late.getByTestId('window-closed')).toContainText('已超过纠错申请期限');
  await expect(late.getByTestId('window-closed').getByRole('link', { name: '提交异议申请' })).toBeVisible();
  const stored = await getDb().select().from(applications).where(eq(applications.entryUid, entry.uid));
  expect(stored).toHaveLength(1);
});

test('credit repair for a removed entry reaches the credit office; every form and the tracking form pass axe', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const entry = await createPerson();
  await revokeEntry(entry.uid, { reason: '全部履行', actor: 'e2e' });
  const subject = await subjectPage(browser);
  for (const path of ['/apply', '/apply/repair', '/track']) {
    await subject.goto(path);
    await expectNoAxeViolations(subject, path);
  }
  await subject.goto('/apply/repair');
  await identify(subject, entry);
  await subject.getByLabel('发生了什么、为什么').fill('已全部履行，法院已撤销失信信息。');
  await fillContact(subject, { email: 'repair@example.cn' });
  const receipt = await submitAndReadReceipt(subject);
  await expectNoAxeViolations(subject, 'receipt');

  const office = await (await browser.newContext()).newPage();
  await signInAs(office, 'credit_office');
  await office.goto('/admin/cases');
  const row = office.getByTestId('case-row').filter({ hasText: receipt.trackingNo });
  await expect(row).toContainText('信用修复申请');
  await expect(row).toContainText('市公共信用信息中心');
  await expect(row).toHaveAttribute('data-overdue', 'false');

  // Past its period the case is flagged in the inbox and counted per body for the credit office.
  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, receipt.trackingNo));
  await getDb()
    .update(cases)
    .set({ dueOn: daysAgo(1) })
    .where(eq(cases.applicationId, app!.id));
  await office.reload();
  await expect(row).toHaveAttribute('data-overdue', 'true');
  await expect(row).toContainText('已超期');
  await expect(office.getByTestId('overdue-by-body')).toContainText('市公共信用信息中心');
  await expectNoAxeViolations(office, 'inbox with overdue');

  // An active entry cannot be "repaired": the same no-match message.
  const active = await createPerson();
  await subject.goto('/apply/repair');
  await identify(subject, active);
  await subject.getByLabel('发生了什么、为什么').fill('说明');
  await fillContact(subject);
  await subject.getByRole('button', { name: '提交' }).click();
  await expect(errorSummary(subject)).toContainText('未能核对到');
});

test(
  'the database drops mid-submission: the subject sees an error with everything kept, and resubmitting' +
    ' stores it once',
  async ({ browser }) => {
    test.setTimeout(120_000);
    const entry = await createPerson();
    const subject = await subjectPage(browser);
    await subject.goto('/apply/correction');
    await identify(subject, entry);
    await subject.getByLabel('收到纳入决定或知晓该决定的日期').fill(daysAgo(1));
    await subject.getByLabel('发生了什么、为什么').fill('断线测试的事实。');
    await fillContact(subject);
    await subject
      .getByLabel('证明材料（选填）')
      .setInputFiles({ name: '凭证.png', mimeType: 'image/png', buffer: PNG });

    // Hold a lock the submission needs, then cut the server's connection while it waits.
    const blocker = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const released = blocker.begin(async (tx) => {
      await tx`LOCK TABLE cases IN ACCESS EXCLUSIVE MODE`;
      await subject.getByRole('button', { name: '提交' }).click();
      for (let i = 0; i < 100; i++) {
        const waiting =
          await tx`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND
          pid <> pg_backend_pid()`;
        if (waiting.length > 0) {
          await tx`SELECT pg_terminate_backend(${waiting[0]!.pid})`;
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the submission never waited on the lock');
    });
    await released;
    await blocker.end();

    await expect(errorSummary(subject)).toContainText('系统暂时无法保存您的申请');
    expect(await getDb().select().from(applications).where(eq(applications.entryUid, entry.uid))).toHaveLength(0);
    expect(
      await getDb()
        .select()
        .from(messageOutbox)
        .innerJoin(applications, eq(applications.id, messageOutbox.applicationId))
        .where(eq(applications.entryUid, entry.uid)),
    ).toHaveLength(0);
    await expect(subject.getByLabel('发生了什么、为什么')).toHaveValue('断线测试的事实。');

    // The same form, submitted again: stored once, with the file.
    const receipt = await submitAndReadReceipt(subject);
    const stored = await getDb().select().from(applications).where(eq(applications.entryUid, entry.uid));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.trackingNo).toBe(receipt.trackingNo);
    expect(
      await getDb().select().from(applicationFiles).where(eq(applicationFiles.applicationId, stored[0]!.id)),
    ).toHaveLength(1);
  },
);

test('on a phone, by keyboard alone: a correction request is filled and submitted, errors first', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const entry = await createPerson();
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    extraHTTPHeaders: { 'x-forwarded-for': `10.77.${Date.now() % 250}.9` },
  });
  const page = await context.newPage();
  await page.goto('/apply/correction');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'no sideways scrolling at 375 px').toBeLessThanOrEqual(0);

  // Keyboard: reach the case number field by Tab from the top of the page, type, submit with Enter.
  await page.locator('body').focus();
  for (let i = 0; i < 60 && !(await page.getByLabel('案号').evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(page.getByLabel('案号')).toBeFocused();
  await page.keyboard.type(entry.caseNo);
  await page.keyboard.press('Enter');
  await expect(errorSummary(page)).toBeFocused();
  await expect(errorSummary(page)).toContainText('请填写被执行人姓名或名称');

  // Follow the summary's link to the field, then fill the rest by keyboard.
  await errorSummary(page).getByRole('link', { name: '请填写被执行人姓名或名称' }).press('Enter');
  await expect(page.getByLabel('被执行人姓名或名称')).toBeFocused();
  await page.keyboard.type(entry.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(entry.idNumber.slice(-4));
  await page.getByLabel('收到纳入决定或知晓该决定的日期').fill(daysAgo(3));
  await page.getByLabel('发生了什么、为什么').focus();
  await page.keyboard.type('手机上提交的事实和理由。');
  await page.getByLabel('申请人姓名').focus();
  await page.keyboard.type('王申请');
  await page.keyboard.press('Tab');
  await page.keyboard.type('13800000000');
  await page.getByRole('checkbox', { name: /^本人承诺所填信息/ }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: '提交' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt')).toBeVisible();
  await context.close();
});

test('the entry page lists the measures that can apply to its kind of subject, linked to their departments', async ({
  page,
}) => {
  const person = await createPerson();
  await page.goto(`/entries/${person.uid}`);
  const measures = page.getByRole('region', { name: '可依法实施的联合惩戒措施' });
  await measures.getByText('查看措施和实施部门').click();
  await expect(measures.locator('[data-measure="13"]')).toContainText('公务员');
  await expect(measures.locator('[data-measure="30"]')).toHaveCount(0);
  const count = Number(await measures.getByTestId('applicable-measure-count').textContent());
  await expect(measures.locator('[data-measure]')).toHaveCount(count);
  await expectNoAxeViolations(page, 'entry page, measures open');

  const unit = await createOrganization();
  await page.goto(`/entries/${unit.uid}`);
  await measures.getByText('查看措施和实施部门').click();
  await expect(measures.locator('[data-measure="13"]')).toHaveCount(0);
  await expect(measures).toContainText('法定代表人、主要负责人');
  await measures.locator('[data-measure="30"]').getByRole('link', { name: '昆山海关' }).click();
  await expect(page).toHaveURL(/\/departments#department-customs$/);
  await expect(page.locator('#department-customs')).toContainText('昆山海关');
});

test('the entry page leads to 纠错 and 异议 with its case number and name filled in', async ({ page }) => {
  const entry = await createPerson();
  await page.goto(`/entries/${entry.uid}`);
  // Internals are a note under the table, not rows of it.
  await expect(page.getByRole('main').locator('dl')).not.toContainText(entry.uid);
  const steps = page.getByRole('region', { name: '对这条信息有疑问？' });
  await expect(steps).toContainText(entry.court);

  await steps.getByRole('link', { name: '申请纠错' }).click();
  await expect(page).toHaveURL(/\/apply\/correction\?/);
  await expect(page.getByLabel('案号')).toHaveValue(entry.caseNo);
  await expect(page.getByLabel('被执行人姓名或名称')).toHaveValue(entry.name);

  await page.goto(`/entries/${entry.uid}`);
  await steps.getByRole('link', { name: '提出异议' }).click();
  await expect(page).toHaveURL(/\/apply\/objection\?/);
  await expect(page.getByLabel('案号')).toHaveValue(entry.caseNo);
  await expect(page.getByLabel('被执行人姓名或名称')).toHaveValue(entry.name);
});
