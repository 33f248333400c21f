/**
 * Lifting requests decided by the court (seed 二(四)) in the browser: the 执行担保 request from the public form (with
 * the guarantee's document) to the court clerk's 准予解除 in the staff portal, which opens the lifting task of the unit
 * that reported applying a measure, and the decision on /track; and a department forwarding an objection to the court
 * from its inbox (转交法院审查), the forwarding shown to the applicant.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { applications, cases, entries, liftingTasks } from '@/db/schema';
import { recordMeasureApplied, unitsWithMeasures } from '@/db/tests/factory';
import { submitApplication } from '@/domain/applications/cases';
import { closeRegistry, createPerson, errorSummary, expectNoAxeViolations } from './fixtures';
import {
  decideOpenCase,
  fillContact,
  identify,
  openCase,
  openTracking,
  acceptOpenCase,
  PDF,
  subjectPage,
  submitAndReadReceipt,
} from './application-fixtures';
import { officerOf, signIn, signInAs } from './staff-fixtures';

test.afterAll(closeRegistry);

test('a guarantee request from the form to the court clerk decision, and the decision on /track', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const entry = await createPerson();
  const [unit] = await unitsWithMeasures(1);
  await recordMeasureApplied(entry.uid, unit!.code, unit!.mine);

  const subject = await subjectPage(browser);
  await subject.goto('/apply');
  await subject.getByRole('radio', { name: /^我已向法院提供了有效的执行担保/ }).check();
  await subject.getByRole('button', { name: '继续' }).click();
  await expect(subject).toHaveURL(/\/apply\/guarantee$/);
  await expect(subject.getByRole('heading', { level: 1 })).toContainText('执行担保解除申请');
  await identify(subject, entry);
  await subject.getByLabel('发生了什么、为什么').fill('已以名下房产为本案提供执行担保，担保书已交执行法院。');
  await fillContact(subject, { email: 'guarantor@example.cn' });
  // Without the guarantee's document the request is refused, the typed text kept.
  await subject.getByRole('button', { name: '提交' }).click();
  await expect(errorSummary(subject)).toContainText('请上传执行担保的材料');
  await expect(subject.getByLabel('发生了什么、为什么')).toHaveValue(/提供执行担保/);
  await expectNoAxeViolations(subject, 'guarantee form with an error');
  await subject.getByRole('checkbox', { name: /^本人承诺所填信息/ }).check();
  await subject
    .getByLabel('执行担保材料（必填，至少一份）')
    .setInputFiles({ name: '担保书.pdf', mimeType: 'application/pdf', buffer: PDF });
  const receipt = await submitAndReadReceipt(subject);
  await expect(subject.getByTestId('receipt')).toContainText('昆山市人民法院');

  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, receipt.trackingNo));
  const [c] = await getDb().select().from(cases).where(eq(cases.applicationId, app!.id));
  expect(c).toMatchObject({ handler: 'court', status: 'submitted' });

  // The court's clerk: the case in the inbox with its clock, decided 准予解除 with the signed decision.
  const clerk = await (await browser.newContext()).newPage();
  await signInAs(clerk, 'court_clerk');
  await clerk.goto(`/admin/cases?q=${receipt.trackingNo}`);
  const row = clerk.getByTestId('case-row').filter({ hasText: receipt.trackingNo });
  await expect(row).toContainText('执行担保解除申请');
  await expect(row.getByTestId('days-left')).toBeVisible();
  await openCase(clerk, receipt.trackingNo);
  await expect(clerk.getByRole('link', { name: '担保书.pdf' })).toBeVisible();
  await acceptOpenCase(clerk);
  await expect(clerk.getByRole('radio', { name: '纠正（撤销名单）' })).toHaveCount(0);
  await expectNoAxeViolations(clerk, 'guarantee case, accepted');
  await decideOpenCase(clerk, '准予解除惩戒措施', '担保财产权属清楚，担保有效，准予解除。');

  // Lifting opens the reporting unit's task; the entry stays listed.
  const tasks = await getDb().select().from(liftingTasks).where(eq(liftingTasks.entryUid, entry.uid));
  expect(tasks.map((t) => [t.departmentCode, t.measureNos, t.status])).toEqual([[unit!.code, [unit!.mine], 'open']]);
  const [stored] = await getDb().select({ status: entries.status }).from(entries).where(eq(entries.uid, entry.uid));
  expect(stored!.status).toBe('active');

  await openTracking(subject, receipt);
  const decision = subject.getByTestId('track-decision');
  await expect(decision).toContainText('决定：准予解除惩戒措施');
  await expect(decision).toContainText('担保财产权属清楚，担保有效，准予解除。');
  await expect(decision).toContainText('已通知实施惩戒措施的单位解除对您的惩戒措施');
  await expect(subject.getByTestId('track-status')).toHaveText('已决定');
  await expectNoAxeViolations(subject, '/track with the guarantee decision');
});

test('a department forwards an objection to the court from its inbox; /track shows the forwarding', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const entry = await createPerson();
  const [unit] = await unitsWithMeasures(1);
  const submitted = await submitApplication({
    kind: 'objection',
    submissionToken: randomUUID(),
    entryUid: entry.uid,
    applicantName: '王申请',
    phone: '0512-57001234',
    statement: '请求解除失信记录。',
    measureNos: [unit!.mine],
    departmentCodes: [unit!.code],
    files: [],
  });
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, await officerOf(unit!.code));
  await openCase(officer, submitted.trackingNo);
  await officer.getByLabel('转交理由').fill('申请人请求解除失信记录，依规定须由法院审查决定。');
  await expectNoAxeViolations(officer, 'objection case with the forwarding form');
  await officer.getByRole('button', { name: '转交法院审查', exact: true }).click();
  const dialog = officer.getByRole('dialog', { name: '确认转交法院审查' });
  await dialog.getByRole('button', { name: '确认转交法院审查' }).click();
  await expect(officer.getByTestId('forwarded-notice')).toContainText('转交昆山市人民法院审查决定，本单位不再办理');
  await expect(officer.getByRole('button', { name: '受理', exact: true })).toHaveCount(0);

  const clerk = await (await browser.newContext()).newPage();
  await signInAs(clerk, 'court_clerk');
  await openCase(clerk, submitted.trackingNo);
  await expect(clerk.getByText(/（由.+转交审查）/)).toBeVisible();
  await expect(clerk.getByRole('button', { name: '受理', exact: true })).toBeVisible();

  const subject = await subjectPage(browser);
  await openTracking(subject, submitted);
  await expect(subject.getByTestId('track-forwarded')).toContainText('转交');
  await expect(subject.getByTestId('track-case')).toContainText('昆山市人民法院审查决定。理由：申请人请求解除失信记录');
});
