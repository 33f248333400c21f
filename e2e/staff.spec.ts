/**
 * The staff portal in a real browser: sign-in messages and limits, accounts and API keys
 * made by an administrator, the court clerk's removal clock and revocation screens (the
 * entry vanishes from the public site at once, the notice appears, the event and the
 * change-feed row are written). The import page has its own spec (e2e/import.spec.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, entries, entryEvents } from '@/db/schema';
import { authenticateApiKey } from '@/domain/auth/api-keys';
import { LOCKOUT_AFTER, LOCKOUT_MINUTES } from '@/domain/auth/staff';
import { dueDay, todayInChina } from '@/lib/clocks';
import { formatDate } from '@/lib/format';
import { clientAddress } from './application-fixtures';
import {
  closeRegistry,
  COURTS,
  createPerson,
  errorSummary,
  expectNoAxeViolations,
  maskPersonName,
  searchUrl,
} from './fixtures';
import { createReviewer, createStaff, signIn, signInAs, STAFF_PASSWORD } from './staff-fixtures';
import { FEED_KINDS } from '@/lib/entry-input';

test.afterAll(closeRegistry);

function daysAgo(n: number): string {
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** Submits the sign-in form and waits for the Server Action's answer (the form resets after it). */
async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/admin/sign-in')),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  // React resets the form once the action's answer is rendered: only then is the next attempt typed
  // (typing earlier races the reset, which would empty the password just typed).
  await expect(page.getByLabel('密码')).toHaveValue('');
}

test('sign-in: an unknown email reads like an account, also once blocked; failures block that address only', async ({
  browser,
}) => {
  const staff = await createStaff('court_clerk');
  // Each context is its own client address (X-Forwarded-For, as the reverse proxy sets it).
  const stranger = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': clientAddress() } });
  const page = await stranger.newPage();
  await page.goto('/admin/sign-in');
  await expectNoAxeViolations(page, 'sign-in');
  for (const email of [staff.email, `nobody.${Date.now()}@e2e.ks.example.cn`]) {
    for (let i = 0; i < LOCKOUT_AFTER; i++) {
      await submitSignIn(page, email, `wrong password ${i}`);
      await expect(errorSummary(page)).toContainText('电子邮箱或密码不正确');
    }
    await submitSignIn(page, email, STAFF_PASSWORD);
    await expect(errorSummary(page)).toContainText(`登录失败次数过多，请 ${LOCKOUT_MINUTES} 分钟后再试`);
  }
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await stranger.close();
  // The account's owner, signing in from elsewhere, is not kept out.
  const owner = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': clientAddress() } });
  await signIn(await owner.newPage(), staff);
  await owner.close();
});

test('an administrator creates a court clerk and an API key shown once; sign-out ends the session', async ({
  page,
}) => {
  await signInAs(page, 'admin');
  await page.goto('/admin/users');
  await expectNoAxeViolations(page, 'users');
  // Invalid first: every field's message, nothing created.
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(errorSummary(page)).toContainText('请填写姓名');
  await expect(errorSummary(page)).toContainText('请选择角色');
  const email = `clerk.${Date.now()}@e2e.ks.example.cn`;
  await page.getByLabel('姓名').fill('<script>alert(1)</script>');
  await page.getByLabel('电子邮箱（登录名）').fill(email);
  await page.getByLabel('初始密码').fill('a long enough password');
  await page.getByLabel('角色').selectOption('court_clerk');
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByRole('status')).toContainText(`已创建账号 ${email}`);
  await expect(page.getByTestId('user-row').filter({ hasText: email })).toContainText('<script>alert(1)</script>');

  await page.goto('/admin/api-keys');
  await expectNoAxeViolations(page, 'api-keys');
  await page.getByLabel('使用单位').fill('昆山市人民法院');
  await page.getByLabel('密钥类型').selectOption('court');
  await page.getByRole('button', { name: '创建密钥' }).click();
  const key = (await page.getByTestId('new-api-key').textContent())!.trim();
  expect(key).toMatch(/^ck_k_[a-f0-9]{12}\./);
  const request = new Request('http://x', { headers: { authorization: `Bearer ${key}` } });
  expect((await authenticateApiKey(request, ['court'])).ok).toBe(true);
  await page.reload();
  await expect(page.locator('main')).not.toContainText(key); // shown once only
  const id = key.slice(3, key.indexOf('.'));
  await page
    .getByRole('form', { name: `吊销密钥 ${id}` })
    .getByRole('button', { name: '吊销', exact: true })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: '确认吊销' }).click();
  await expect(page.getByTestId('api-key-row').filter({ hasText: id })).toContainText('已吊销');
  expect((await authenticateApiKey(request, ['court'])).ok).toBe(false);

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  const response = await page.goto('/admin/users');
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请先登录');
  await expectNoAxeViolations(page, '401');
});

test(
  'court clerk: the removal clock flags an overdue entry; the clerk submits the revocation, the 负责人 approves' +
    ' it, and it is hidden everywhere at once',
  async ({ page, browser, request }) => {
    const entry = await createPerson();
    await signInAs(page, 'court_clerk');

    await page.goto(`/admin/entries?q=${encodeURIComponent(entry.caseNo)}`);
    await expectNoAxeViolations(page, 'staff entries');
    await page.getByTestId('staff-entry-row').getByRole('link', { name: entry.caseNo }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.name);

    // Performed 5 days ago: past the 3-day limit.
    const performedOn = daysAgo(5);
    await page.getByLabel('撤销事由', { exact: true }).selectOption('全部履行');
    await page.getByLabel('事由发生日').fill(performedOn);
    await page.getByRole('button', { name: '登记撤销事由' }).click();
    await expect(page.getByText('已登记撤销事由，撤销期限开始计算。')).toBeVisible();
    await expect(page.getByTestId('removal-clock')).toContainText('已逾期');
    await expectNoAxeViolations(page, 'staff entry detail');

    await page.goto('/admin');
    const row = page.getByTestId('clock-row').filter({ hasText: entry.caseNo });
    await expect(row).toHaveAttribute('data-overdue', 'true');
    await expect(row).toContainText('已逾期');
    await expect(row).toContainText(dueDay(performedOn, 'removalDays').slice(0, 4));
    await expectNoAxeViolations(page, 'dashboard');

    // Revoke without a ground: refused, nothing changes.
    await row.getByRole('link', { name: entry.caseNo }).click();
    await page.getByRole('radio', { name: '撤销' }).check();
    await page.getByRole('button', { name: '提交负责人审核' }).click();
    await expect(errorSummary(page)).toContainText('撤销/屏蔽事由');
    expect((await getDb().select().from(entries).where(eq(entries.uid, entry.uid)))[0]!.status).toBe('active');

    // Submitted: said so, and still public until the 负责人 approves.
    await page.getByLabel('事由', { exact: true }).selectOption('全部履行');
    await page.getByRole('button', { name: '提交负责人审核' }).click();
    await expect(page.getByRole('status')).toContainText('已提交负责人审核');
    await expect(page.getByTestId('pending-removal')).toContainText('您提交的申请须由本院另一位负责人审核');
    await expect(page.getByRole('button', { name: /审核通过/ })).toHaveCount(0);
    expect((await page.request.get(`/entries/${entry.uid}`)).status()).toBe(200);

    // The 负责人 finds it on the dashboard, is asked twice, and the success message says what happened.
    const headContext = await browser.newContext();
    const head = await headContext.newPage();
    await signIn(head, await createReviewer());
    await head.getByTestId('pending-review-row').filter({ hasText: entry.caseNo }).getByRole('link').click();
    await head.getByRole('button', { name: '审核通过并撤销' }).click();
    const dialog = head.getByRole('dialog', { name: '审核通过：撤销该失信信息' });
    await expect(dialog).toContainText(entry.caseNo);
    await expect(dialog).toContainText('此操作不可撤销');
    await dialog.getByRole('button', { name: '取消' }).click();
    expect((await getDb().select().from(entries).where(eq(entries.uid, entry.uid)))[0]!.status).toBe('active');
    await head.getByRole('button', { name: '审核通过并撤销' }).click();
    await dialog.getByRole('button', { name: '确认审核通过并撤销' }).click();
    await expect(head.getByRole('status')).toContainText('审核通过，已生效');
    await expect(head.getByTestId('removed-notice')).toContainText('已撤销（全部履行），不再公示');
    // The history is in words: the event's label and the approver's name and role, not codes; the review record names
    // both.
    await expect(head.getByTestId('history-row').last()).toContainText('撤销');
    await expect(head.getByTestId('history-row').last()).toContainText('测试负责人（昆山市人民法院·法院执行干警）');
    await expect(head.getByTestId('removal-request-row').first()).toContainText(
      '测试court_clerk（昆山市人民法院·法院执行干警）',
    );
    await expect(head.getByTestId('removal-request-row').first()).toContainText('审核通过');
    await headContext.close();

    // Public pages and API: gone; the notice is up with the name masked.
    expect((await page.goto(`/entries/${entry.uid}`))?.status()).toBe(404);
    await page.goto(searchUrl(entry.name));
    await expect(page.locator(`main a[href="/entries/${entry.uid}"]`)).toHaveCount(0);
    expect((await request.get(`/api/v1/entries/${entry.uid}`)).status()).toBe(404);
    await page.goto('/notices');
    await expect(page.getByTestId('notice-row').filter({ hasText: entry.caseNo })).toContainText(
      maskPersonName(entry.name),
    );

    // The event names the clerk; it is the departments' change feed (FEED_KINDS), the clock's is not.
    const events = await getDb()
      .select()
      .from(entryEvents)
      .where(eq(entryEvents.entryUid, entry.uid))
      .orderBy(entryEvents.id);
    expect(events.map((e) => e.kind)).toEqual(['listed', 'removal_due', 'revoked']);
    expect(events[2]!.actor).toMatch(/^staff:reviewer\./);
    expect(events[2]!.reason).toBe('全部履行');
    expect(events.filter((e) => (FEED_KINDS as readonly string[]).includes(e.kind)).map((e) => e.kind)).toEqual([
      'listed',
      'revoked',
    ]);

    // Off the clock once removed.
    await page.goto('/admin');
    await expect(page.getByTestId('clock-row').filter({ hasText: entry.caseNo })).toHaveCount(0);
  },
);

test(
  'court clerks act only on their own court’s entries: no forms on another court’s entry, a replayed action' +
    ' gets 403',
  async ({ browser }) => {
    const entry = await createPerson({ court: COURTS.suzhou.name });
    const entryPage = `/admin/entries/${encodeURIComponent(entry.uid)}`;
    const eventCount = async () =>
      (await getDb().select().from(entryEvents).where(eq(entryEvents.entryUid, entry.uid))).length;

    const ks = await browser.newContext();
    const ksPage = await ks.newPage();
    await signIn(ksPage, await createStaff('court_clerk')); // the city court's clerk
    await ksPage.goto(entryPage);
    await expect(ksPage.getByRole('heading', { level: 1 })).toHaveText(entry.name); // clerks read every court's entries
    await expect(ksPage.getByTestId('other-court-notice')).toContainText('只能处理本院（昆山市人民法院）的失信信息');
    await expect(ksPage.getByRole('button', { name: '提交负责人审核' })).toHaveCount(0);
    await expect(ksPage.getByRole('button', { name: '登记撤销事由' })).toHaveCount(0);

    // The entry's own court records a ground; its request, replayed with the 昆山 clerk's session, changes nothing.
    const sz = await browser.newContext();
    const szPage = await sz.newPage();
    await signIn(szPage, await createStaff('court_clerk', COURTS.suzhou.name));
    await szPage.goto(entryPage);
    await szPage.getByLabel('撤销事由', { exact: true }).selectOption('全部履行');
    await szPage.getByLabel('事由发生日').fill(todayInChina());
    const [captured] = await Promise.all([
      szPage.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/admin/entries/')),
      szPage.getByRole('button', { name: '登记撤销事由' }).click(),
    ]);
    await expect(szPage.getByText('已登记撤销事由，撤销期限开始计算。')).toBeVisible();
    const before = await eventCount();
    const headers = await captured.allHeaders();
    const replayed = await ks.request.fetch(captured.url(), {
      method: 'POST',
      headers: {
        'next-action': headers['next-action']!,
        'content-type': headers['content-type']!,
        origin: headers.origin!,
      },
      data: captured.postDataBuffer()!,
      maxRedirects: 0,
    });
    expect(replayed.status()).toBe(403);
    expect(await eventCount()).toBe(before);
    await ks.close();
    await sz.close();
  },
);

test('court clerk: an entry past its validity reads 已过有效期 in search and on its page, with its end date', async ({
  page,
}) => {
  const validUntil = new Date(Date.now() - 86_400_000);
  const entry = await createPerson({ publishedDaysAgo: 400, validUntil });
  await signInAs(page, 'court_clerk');
  await page.goto(`/admin/entries?q=${encodeURIComponent(entry.caseNo)}`);
  const row = page.getByTestId('staff-entry-row');
  await expect(row.getByTestId('staff-entry-status')).toHaveText('已过有效期（不再公示）');
  await expect(row).toContainText(formatDate(validUntil));
  await row.getByRole('link', { name: entry.caseNo }).click();
  await expect(page.getByRole('main')).toContainText('已过有效期（不再公示）');
  await expect(page.getByRole('main')).toContainText(`有效期至${formatDate(validUntil)}`);
});

test('a department officer sees the list screens but no revocation form, and no admin screens', async ({ page }) => {
  const entry = await createPerson();
  await signInAs(page, 'department_officer');
  await expect(page.locator('main')).toContainText('市委组织部');
  await page.goto(`/admin/entries/${entry.uid}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.name);
  await expect(page.getByRole('button', { name: '提交负责人审核' })).toHaveCount(0);

  // The ID number is masked until asked for; each showing is in the audit trail.
  const main = page.getByRole('main');
  await expect(main).not.toContainText(entry.idNumber);
  const views = async () =>
    (
      await getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'full_id_viewed'), eq(auditLog.objectId, entry.uid)))
    ).length;
  expect(await views()).toBe(0);
  await page.getByRole('button', { name: /显示完整证件号码/ }).click();
  await expect(main).toContainText(entry.idNumber);
  const [viewed] = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'full_id_viewed'), eq(auditLog.objectId, entry.uid)));
  expect(viewed!.actor).toMatch(/^staff:department_officer\./);
  expect(JSON.stringify(viewed!.detail)).not.toContain(entry.idNumber);

  const forbidden = await page.goto('/admin/users');
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权访问');
  await expectNoAxeViolations(page, '403');
});
