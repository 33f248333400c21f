/**
 * The case workflow in the browser: a 补正 round trip through /track (the clock pauses, the
 * applicant answers with a note and a file, the case resumes), internal notes that never
 * reach /track, a decision asked twice with the signed decision (PDF) the applicant
 * downloads, 不予受理 with its reason, and the inbox's columns, filters, search and paging.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { submitApplication } from '@/domain/applications/cases';
import { applications, auditLog, cases, messageOutbox } from '@/db/schema';
import { daysLeft, formatDueDay } from '@/lib/format';
import { todayInChina } from '@/lib/clocks';
import { closeRegistry, createPerson, errorSummary, expectNoAxeViolations } from './fixtures';
import {
  acceptOpenCase,
  daysAgo,
  fillContact,
  identify,
  openCase,
  openTracking,
  PDF,
  PNG,
  subjectPage,
  submitAndReadReceipt,
  submitDecision,
} from './application-fixtures';
import { signInAs } from './staff-fixtures';

test.afterAll(closeRegistry);

const caseOf = async (trackingNo: string) => {
  const [app] = await getDb().select().from(applications).where(eq(applications.trackingNo, trackingNo));
  const [c] = await getDb().select().from(cases).where(eq(cases.applicationId, app!.id));
  return { app: app!, c: c! };
};

test(
  '补正 round trip via /track, internal notes kept from the applicant, a decision with its signed PDF' +
    ' downloadable on /track',
  async ({ browser }) => {
    test.setTimeout(180_000);
    const entry = await createPerson();
    const subject = await subjectPage(browser);
    await subject.goto('/apply/correction');
    await identify(subject, entry);
    await subject.getByLabel('收到纳入决定或知晓该决定的日期').fill(daysAgo(1));
    await subject.getByLabel('发生了什么、为什么').fill('本案已执行和解。');
    await fillContact(subject, { email: 'wang@example.cn' });
    const receipt = await submitAndReadReceipt(subject);
    const { c, app } = await caseOf(receipt.trackingNo);

    // The inbox row says what to do first: subject, applicant, kind, unit, dates, days left.
    const clerk = await (await browser.newContext()).newPage();
    await signInAs(clerk, 'court_clerk');
    await clerk.goto(`/admin/cases?q=${receipt.trackingNo}`);
    const row = clerk.getByTestId('case-row').filter({ hasText: receipt.trackingNo });
    await expect(row).toContainText(entry.name);
    await expect(row).toContainText(entry.caseNo);
    await expect(row).toContainText('王申请');
    await expect(row).toContainText('纠错申请');
    await expect(row).toContainText('昆山市人民法院');
    await expect(row).toContainText(formatDueDay(c.dueOn));
    await expect(row.getByTestId('days-left')).toHaveText(daysLeft(c.dueOn)); // not overdue: no 已超期
    await expect(row).toContainText('已提交');
    await expectNoAxeViolations(clerk, 'inbox with filters');
    await row.getByRole('link', { name: receipt.trackingNo }).click();

    // A submitted case proposes 受理 / 不予受理 / 要求补正; the case links to the staff entry page.
    await expect(clerk.getByTestId('next-step')).toContainText('符合条件的受理');
    await expect(clerk.getByRole('button', { name: '受理', exact: true })).toBeVisible();
    await expect(clerk.getByRole('button', { name: '不予受理', exact: true })).toBeVisible();
    await expect(clerk.getByRole('button', { name: '发出补正通知' })).toBeVisible();
    await expect(clerk.getByRole('button', { name: '作出决定', exact: true })).toHaveCount(0);
    await expect(clerk.getByRole('link', { name: '查看该失信信息' })).toHaveAttribute(
      'href',
      `/admin/entries/${encodeURIComponent(entry.uid)}`,
    );
    await expectNoAxeViolations(clerk, 'submitted case');

    // An internal note: on the case page, never on /track.
    const note = `内部意见${randomUUID().slice(0, 6)}：和解协议需核对原件`;
    await clerk.getByLabel('添加内部意见').fill(note);
    await clerk.getByRole('button', { name: '保存内部意见' }).click();
    await expect(clerk.getByText('内部意见已保存，仅工作人员可见')).toBeVisible();
    await expect(clerk.getByTestId('case-note')).toContainText(note);

    // 补正: what is missing; the clock pauses.
    await clerk.getByLabel('需要补正的材料（将告知申请人）').fill('请补充执行和解协议复印件。');
    await clerk.getByRole('button', { name: '发出补正通知' }).click();
    await expect(clerk.getByText('已要求补正，办理期限自今日起暂停计算')).toBeVisible();
    await clerk.reload();
    await expect(clerk.getByTestId('material-request')).toContainText('请补充执行和解协议复印件。');
    await expect(clerk.getByTestId('next-step')).toContainText('等待申请人补正');
    expect((await getDb().select().from(cases).where(eq(cases.id, c.id)))[0]).toMatchObject({
      status: 'awaiting_material',
      pausedOn: todayInChina(),
    });
    const [asked] = await getDb()
      .select()
      .from(messageOutbox)
      .where(eq(messageOutbox.applicationId, app.id))
      .orderBy(sql`${messageOutbox.id} DESC`)
      .limit(1);
    expect(asked).toMatchObject({ toAddress: 'wang@example.cn' }); // e-mailed too (SMTP delivers the outbox)
    expect(asked!.body).toContain('请补充执行和解协议复印件。');

    // The applicant is told on /track and answers there with a note and a file.
    await openTracking(subject, receipt);
    await expect(subject.getByTestId('track-status')).toHaveText('待补正');
    await expect(subject.getByTestId('track-material-request')).toContainText('请补充执行和解协议复印件。');
    await expect(subject.getByTestId('track-message').last()).toContainText('请补充执行和解协议复印件。');
    await expect(subject.locator('body')).not.toContainText(note);
    await expectNoAxeViolations(subject, 'tracking page, 补正 asked');
    await subject.getByRole('button', { name: '提交补正材料' }).click();
    await expect(errorSummary(subject)).toContainText('请填写补正说明');
    await subject.getByLabel('补正说明').fill('已补充和解协议复印件。');
    await subject
      .getByLabel('补正材料（选填）')
      .setInputFiles({ name: '和解协议.png', mimeType: 'image/png', buffer: PNG });
    await subject.getByRole('button', { name: '提交补正材料' }).click();
    await expect(subject.getByText('已收到您补正的材料，办理单位恢复办理')).toBeVisible();
    await subject.goto('/track');
    await expect(subject.getByTestId('track-status')).toHaveText('已提交');
    await expect(subject.getByTestId('track-supplement')).toContainText('已补充和解协议复印件。');
    await expect(subject.getByRole('button', { name: '提交补正材料' })).toHaveCount(0);

    // The clerk sees the supplement, accepts and decides, asked twice, with the signed PDF.
    await clerk.reload();
    await expect(clerk.getByTestId('supplement')).toContainText('已补充和解协议复印件。');
    await expect(clerk.getByTestId('supplement').getByRole('link', { name: '和解协议.png' })).toBeVisible();
    await acceptOpenCase(clerk);
    await expect(clerk.getByTestId('next-step')).toContainText('可直接作出决定');
    await clerk.getByRole('radio', { name: '驳回', exact: true }).check();
    await clerk.getByLabel('决定理由（将告知申请人）').fill('和解协议未履行完毕，纳入正确。');
    // A non-PDF is refused by its content, whatever its name.
    await submitDecision(clerk, { name: '决定书.pdf', buffer: PNG });
    await expect(errorSummary(clerk)).toContainText('不是 PDF 文件（按文件内容判断）');
    await clerk.getByRole('radio', { name: '驳回', exact: true }).check();
    await clerk.getByLabel('决定理由（将告知申请人）').fill('和解协议未履行完毕，纳入正确。');
    await clerk
      .getByLabel('签发的决定书（PDF）')
      .setInputFiles({ name: '纠错决定书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await clerk.getByRole('button', { name: '作出决定', exact: true }).click();
    const dialog = clerk.getByRole('dialog', { name: '确认作出决定' });
    await expect(dialog).toContainText(receipt.trackingNo);
    await expect(dialog).toContainText(entry.name);
    await expect(dialog).toContainText('决定：驳回');
    await expect(dialog).toContainText('此操作不可撤销');
    await dialog.getByRole('button', { name: '确认作出决定' }).click();
    await expect(clerk.getByText('已作出决定：驳回。下一步：决定书送达后点“办结”归档')).toBeVisible();
    await expect(clerk.getByRole('heading', { name: '决定：驳回' })).toBeVisible();
    await expect(clerk.getByRole('link', { name: '纠错决定书.pdf' })).toBeVisible();

    // The applicant downloads the signed decision; the internal note is still nowhere on /track.
    await subject.goto('/track');
    await expect(subject.getByTestId('track-decision')).toContainText('驳回');
    const download = subject.waitForEvent('download');
    await subject.getByRole('link', { name: /下载决定书/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('纠错决定书.pdf');
    expect(fs.readFileSync((await file.path())!).equals(PDF)).toBe(true);
    await expect(subject.locator('body')).not.toContainText(note);
    expect(await (await subject.request.get('/track')).text()).not.toContain(note.slice(0, 10));
    // Another case's document: not this applicant's.
    expect((await subject.request.get(`/track/documents/${c.id + 100000}`)).status()).toBe(404);
    const stranger = await subjectPage(browser);
    expect((await stranger.request.get(`/track/documents/${c.id}`)).status()).toBe(401);
    expect((await stranger.request.get(`/admin/cases/${c.id}/document`)).status()).toBe(401);

    // Every step is in the audit trail.
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'case'), eq(auditLog.objectId, String(c.id))))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(['case_note', 'case_material_requested', 'case_step', 'case_decided']);
    expect(audit[3]!.detail).toMatchObject({ decision: 'rejected', document: '纠错决定书.pdf' });
  },
);

test('不予受理: a reason from the list and written reasons, asked twice; the case ends and /track says why', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const entry = await createPerson();
  const subject = await subjectPage(browser);
  await subject.goto('/apply/correction');
  await identify(subject, entry);
  await subject.getByLabel('收到纳入决定或知晓该决定的日期').fill(daysAgo(1));
  await subject.getByLabel('发生了什么、为什么').fill('代他人申请。');
  await fillContact(subject);
  const receipt = await submitAndReadReceipt(subject);
  const { c } = await caseOf(receipt.trackingNo);

  const clerk = await (await browser.newContext()).newPage();
  await signInAs(clerk, 'court_clerk');
  await openCase(clerk, receipt.trackingNo);
  await clerk.getByRole('radio', { name: '申请人不是被执行人本人或其委托的代理人' }).check();
  await clerk.getByLabel('具体理由（将告知申请人）').fill('未提交授权委托书。');
  // Sent without the dialog: nothing happens.
  await clerk.locator('form[aria-labelledby="refuse-title"]').evaluate((f: HTMLFormElement) => f.requestSubmit());
  await expect(errorSummary(clerk)).toContainText('请在确认对话框中核对并确认后再提交');
  expect((await getDb().select().from(cases).where(eq(cases.id, c.id)))[0]!.status).toBe('submitted');

  await clerk.getByRole('radio', { name: '申请人不是被执行人本人或其委托的代理人' }).check();
  await clerk.getByLabel('具体理由（将告知申请人）').fill('未提交授权委托书。');
  await clerk.getByRole('button', { name: '不予受理', exact: true }).click();
  const dialog = clerk.getByRole('dialog', { name: '确认不予受理' });
  await expect(dialog).toContainText(receipt.trackingNo);
  await expect(dialog).toContainText(entry.name);
  await expect(dialog).toContainText('不予受理：申请人不是被执行人本人或其委托的代理人');
  await dialog.getByRole('button', { name: '确认不予受理' }).click();
  await expect(
    clerk.getByText('已决定不予受理（申请人不是被执行人本人或其委托的代理人），本案办理终结。'),
  ).toBeVisible();
  await expect(clerk.getByRole('heading', { name: '不予受理：申请人不是被执行人本人或其委托的代理人' })).toBeVisible();
  await expect(clerk.getByTestId('next-step')).toHaveText('已不予受理，本案办理终结。');

  await openTracking(subject, receipt);
  await expect(subject.getByTestId('track-status')).toHaveText('不予受理');
  await expect(subject.getByTestId('track-decision')).toContainText('申请人不是被执行人本人或其委托的代理人');
  await expect(subject.getByTestId('track-decision')).toContainText('未提交授权委托书。');
  await expect(subject.getByTestId('track-message').last()).toContainText('决定不予受理');
  const [audit] = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'case_refused'), eq(auditLog.objectId, String(c.id))));
  expect(audit!.detail).toMatchObject({ reason: 'not_subject' });
});

test('inbox: filters by kind, unit, status and tracking number; pages with a total, past the old 500-row cap', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // 520 repair requests (the credit office's), most already ended so other tests' open lists stay short.
  const entry = await createPerson();
  const made: string[] = [];
  for (let i = 0; i < 520; i++) {
    const { trackingNo } = await submitApplication({
      kind: 'repair',
      submissionToken: randomUUID(),
      entryUid: entry.uid,
      applicantName: `分页申请人${i}`,
      phone: '0512-57001234',
      statement: '已履行。',
      files: [],
    });
    made.push(trackingNo);
  }
  const appIds = (
    await getDb().select({ id: applications.id }).from(applications).where(inArray(applications.trackingNo, made))
  ).map((a) => a.id);
  await getDb()
    .update(cases)
    .set({ status: 'refused', refusalReason: 'duplicate', decisionText: '测试数据' })
    .where(inArray(cases.applicationId, appIds.slice(2)));
  await getDb()
    .update(cases)
    .set({
      status: 'awaiting_material',
      pausedOn: todayInChina(),
      pausedFrom: 'submitted',
      materialRequest: '请补充。',
    })
    .where(eq(cases.applicationId, appIds[0]!));
  const [{ n: repairs }] = (await getDb().execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM cases WHERE handler = 'credit_office'`,
  )) as unknown as [{ n: number }];

  const office = await (await browser.newContext()).newPage();
  await signInAs(office, 'credit_office');
  await office.goto('/admin/cases');
  await office.getByLabel('状态').selectOption('all');
  await office.getByLabel('类型').selectOption({ label: '信用修复申请' });
  await office.getByLabel('办理单位').selectOption({ label: '市公共信用信息中心' });
  await office.getByRole('button', { name: '筛选' }).click();
  await expect(office).toHaveURL(/status=all/);
  await expect(office.getByTestId('inbox-total')).toContainText(`共 ${repairs} 件，第 1–50 件`);
  await expect(office.getByTestId('case-row')).toHaveCount(50);
  for (const text of await office.getByTestId('case-row').allTextContents()) expect(text).toContain('信用修复申请');
  const pages = Math.ceil(repairs / 50);
  await expect(office.getByText(`第 1 页 / 共 ${pages} 页`)).toBeVisible();
  // The last page: past 500, nothing is cut off.
  await office.goto(`/admin/cases?status=all&kind=repair&unit=credit_office&page=${pages}`);
  await expect(office.getByTestId('inbox-total')).toContainText(`第 ${(pages - 1) * 50 + 1}–${repairs} 件`);
  await expect(office.getByTestId('case-row')).toHaveCount(repairs - (pages - 1) * 50);
  await office.getByRole('link', { name: '上一页' }).click();
  await expect(office).toHaveURL(new RegExp(`kind=repair.*page=${pages - 1}|page=${pages - 1}.*kind=repair`));
  await expect(office.getByTestId('case-row')).toHaveCount(50);

  // Paused for 补正: its own filter, no days counting.
  await office.goto('/admin/cases?status=paused&kind=repair');
  const paused = office.getByTestId('case-row').filter({ hasText: made[0]! });
  await expect(paused.getByTestId('days-left')).toHaveText('暂停（补正中）');
  await expect(paused).toContainText('待补正');
  await expect(office.getByTestId('case-row').filter({ hasText: made[1]! })).toHaveCount(0);
  // Open: the one left open is there, the ended ones are not.
  await office.goto('/admin/cases?kind=repair');
  await expect(office.getByTestId('case-row').filter({ hasText: made[1]! })).toHaveCount(1);
  await expect(office.getByTestId('case-row').filter({ hasText: made[5]! })).toHaveCount(0);
  // Search by tracking number: exactly that case.
  await office.goto('/admin/cases');
  await office.getByLabel('状态').selectOption('all');
  await office.getByLabel('查询号').fill(made[300]!.toLowerCase());
  await office.getByRole('button', { name: '筛选' }).click();
  await expect(office.getByTestId('inbox-total')).toHaveText('共 1 件');
  await expect(office.getByTestId('case-row')).toHaveCount(1);
  await expect(office.getByTestId('case-row')).toContainText('分页申请人300');
  // Another kind: none of these.
  await office.goto(`/admin/cases?status=all&kind=objection&q=${made[300]}`);
  await expect(office.getByTestId('inbox-total')).toHaveText('共 0 件');
});
