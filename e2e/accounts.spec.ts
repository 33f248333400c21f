/**
 * Account security in a real browser (issue 11 part 9): the forced password change at first
 * sign-in, an administrator's TOTP enrolment and sign-in with a code, an administrator's reset
 * and role change (asked twice, sessions end), revoking the court's key with its warning, and
 * the audit log page: filter, actors in words, CSV export (itself recorded).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, staffUsers } from '@/db/schema';
import { createApiKey } from '@/domain/auth/api-keys';
import { clientAddress } from './application-fixtures';
import { closeRegistry, errorSummary, expectNoAxeViolations } from './fixtures';
import { createStaff, signIn, STAFF_PASSWORD, submitSignInForm, totpCode, type TestStaff } from './staff-fixtures';

test.afterAll(closeRegistry);

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': clientAddress() } });
  return context.newPage();
}

async function userId(email: string): Promise<string> {
  const [row] = await getDb().select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email));
  return row!.id;
}

async function auditActions(actor: string): Promise<string[]> {
  const rows = await getDb()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.actor, actor))
    .orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

async function changePassword(page: Page, current: string, next: string) {
  await page.getByLabel('当前密码').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('再次输入新密码').fill(next);
  await page.getByRole('button', { name: '修改密码' }).click();
}

test(
  'first sign-in of an account an administrator opened: every page sends it to change the password, not to' +
    ' the same one',
  async ({ browser }) => {
    const admin = await newPage(browser);
    await signIn(admin, await createStaff('admin'));
    await admin.goto('/admin/users');
    const email = `first.${Date.now()}@e2e.ks.example.cn`;
    const initial = 'initial password 123';
    await admin.getByLabel('姓名').fill('首次登录');
    await admin.getByLabel('电子邮箱（登录名）').fill(email);
    await admin.getByLabel('初始密码').fill(initial);
    await admin.getByLabel('角色').selectOption('credit_office');
    await admin.getByRole('button', { name: '创建账号' }).click();
    await expect(admin.getByRole('status')).toContainText('首次登录时须修改密码');
    await expect(admin.getByTestId('user-row').filter({ hasText: email })).toContainText('须修改初始密码');

    const page = await newPage(browser);
    await submitSignInForm(page, { email, role: 'credit_office', password: initial });
    await expect(page).toHaveURL(/\/admin\/account$/);
    await expect(page.getByTestId('pending-step')).toContainText('请先修改密码');
    await expect(page.getByRole('navigation', { name: '工作台导航' }).getByRole('link')).toHaveCount(0);
    await expectNoAxeViolations(page, 'account (pending password)');
    for (const path of ['/admin', '/admin/stats', '/admin/cases']) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/admin\/account$/);
    }
    await changePassword(page, initial, initial);
    await expect(errorSummary(page)).toContainText('新密码不能与当前密码相同');
    await changePassword(page, initial, 'short');
    await expect(errorSummary(page)).toContainText('新密码至少 12 个字符');
    await changePassword(page, initial, 'my own new password');
    await expect(page.getByRole('status')).toContainText('密码已修改');
    await page.goto('/admin/stats');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('统计分析');
    expect(await auditActions(`staff:${email}`)).toEqual(['sign_in', 'password_changed']);
  },
);

test('an administrator without TOTP must enrol first; then sign-in asks for the code', async ({ browser }) => {
  const staff: TestStaff = await createStaff('admin', { totp: false });
  const page = await newPage(browser);
  await submitSignInForm(page, staff);
  await expect(page).toHaveURL(/\/admin\/account$/);
  await expect(page.getByTestId('pending-step')).toContainText('须启用动态口令');
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/admin\/account$/);

  await page.getByLabel('当前密码').last().fill('not the password');
  await page.getByRole('button', { name: '开始设置动态口令' }).click();
  await expect(errorSummary(page)).toContainText('当前密码不正确');
  await page.getByLabel('当前密码').last().fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '开始设置动态口令' }).click();
  await expect(page.getByRole('img', { name: '动态口令设置二维码' }).locator('svg')).toBeVisible();
  await expect(page.getByTestId('backup-codes').getByRole('listitem')).toHaveCount(10);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await expectNoAxeViolations(page, 'account (TOTP enrolment)');
  await page.getByRole('textbox', { name: '动态口令' }).fill('000000' === totpCode(secret) ? '111111' : '000000');
  await page.getByRole('button', { name: '验证并启用' }).click();
  await expect(errorSummary(page)).toContainText('动态口令不正确');
  await page.getByRole('textbox', { name: '动态口令' }).fill(totpCode(secret));
  await page.getByRole('button', { name: '验证并启用' }).click();
  await expect(page.getByRole('status')).toContainText('已启用动态口令');
  await expect(page.getByTestId('totp-status')).toContainText('已启用');
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号管理');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await submitSignInForm(page, staff); // the password only: this TestStaff has no secret
  await expect(page.getByRole('textbox', { name: '动态口令' })).toBeVisible();
  await expectNoAxeViolations(page, 'sign-in code step');
  await page.getByRole('textbox', { name: '动态口令' }).fill(totpCode(secret) === '123456' ? '654321' : '123456');
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(errorSummary(page)).toContainText('动态口令或备用码不正确');
  expect((await page.goto('/admin/users'))?.status()).toBe(401); // no session before the right code
  await submitSignInForm(page, { ...staff, totpSecret: secret });
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  expect(await auditActions(`staff:${staff.email}`)).toEqual([
    'sign_in',
    'totp_enabled',
    'sign_out',
    'sign_in_refused',
    'sign_in',
  ]);
});

test('reset and role change: asked twice, the temporary password shown once, the user’s sessions end', async ({
  browser,
}) => {
  const adminStaff = await createStaff('admin');
  const admin = await newPage(browser);
  await signIn(admin, adminStaff);
  const clerk = await createStaff('court_clerk');
  const clerkPage = await newPage(browser);
  await signIn(clerkPage, clerk);

  await admin.goto('/admin/users');
  await admin.getByRole('link', { name: `管理 ${clerk.email}` }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('测试court_clerk');
  await expectNoAxeViolations(admin, 'user page');

  // Role change: the dialog names the account; the clerk becomes an officer of a unit.
  await admin.getByLabel('新角色').selectOption('department_officer');
  await admin.getByLabel('所属成员单位').selectOption({ label: '市委组织部' });
  await admin.getByLabel('所属法院').selectOption('');
  await admin.getByRole('button', { name: '变更角色', exact: true }).click();
  const dialog = admin.getByRole('dialog', { name: '变更该账号的角色' });
  await expect(dialog).toContainText(clerk.email);
  await expect(dialog).toContainText('此操作不可撤销');
  await dialog.getByRole('button', { name: '确认变更角色' }).click();
  await expect(admin.getByRole('status')).toContainText(`已将 ${clerk.email} 的角色变更为联动单位经办人`);
  const [row] = await getDb().select().from(staffUsers).where(eq(staffUsers.email, clerk.email));
  expect(row).toMatchObject({ role: 'department_officer', departmentCode: 'org-dept', court: null });
  expect((await clerkPage.goto('/admin'))?.status()).toBe(401); // the session ended

  // Reset: a temporary password, shown once; the user must change it at sign-in.
  await admin.getByRole('button', { name: '重置密码', exact: true }).click();
  await admin.getByRole('dialog', { name: '重置该账号的密码' }).getByRole('button', { name: '确认重置密码' }).click();
  const temporary = (await admin.getByTestId('temporary-password').textContent())!.trim();
  expect(temporary.length).toBeGreaterThanOrEqual(12);
  await admin.reload();
  await expect(admin.locator('main')).not.toContainText(temporary);
  await submitSignInForm(clerkPage, { ...clerk, password: temporary });
  await expect(clerkPage).toHaveURL(/\/admin\/account$/);
  await expect(clerkPage.getByTestId('pending-step')).toContainText('请先修改密码');

  // Disabling names the account in its dialog.
  await admin.getByRole('button', { name: '停用账号', exact: true }).click();
  await expect(admin.getByRole('dialog', { name: '停用该账号' })).toContainText(clerk.email);
  await admin.getByRole('dialog', { name: '停用该账号' }).getByRole('button', { name: '确认停用账号' }).click();
  await expect(admin.getByRole('status')).toContainText(`已停用账号 ${clerk.email}`);

  const id = await userId(clerk.email);
  const rows = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectId, id), eq(auditLog.actor, `staff:${adminStaff.email}`)))
    .orderBy(auditLog.id);
  expect(rows.map((r) => r.action)).toEqual(['role_changed', 'password_reset', 'account_disabled']);
});

test('revoking the court’s key warns that it is the live push key; the audit page filters and exports it', async ({
  browser,
}) => {
  const adminStaff = await createStaff('admin');
  const admin = await newPage(browser);
  await signIn(admin, adminStaff);
  const org = `审计测试法院-${Date.now()}`;
  const key = await createApiKey({ organization: org, role: 'court', createdBy: 'e2e' });
  await admin.goto('/admin/api-keys');
  const form = admin.getByRole('form', { name: `吊销密钥 ${key.id}` });
  await form.getByRole('button', { name: '吊销', exact: true }).click();
  const dialog = admin.getByRole('dialog', { name: `吊销${org}的密钥` });
  await expect(dialog).toContainText('这是法院推送密钥');
  await expect(dialog).toContainText(key.id);
  await dialog.getByRole('button', { name: '确认吊销' }).click();
  await expect(admin.getByTestId('api-key-row').filter({ hasText: key.id })).toContainText(
    `已吊销${org}的密钥 ${key.id}`,
  );

  // The audit page: filtered by actor and action, the actor in words.
  await admin.goto('/admin/audit');
  await expectNoAxeViolations(admin, 'audit');
  await admin.getByLabel('操作人').selectOption(`staff:${adminStaff.email}`);
  await admin.getByLabel('操作类型').selectOption('api_key_revoked');
  await admin.getByRole('button', { name: '筛选' }).click();
  await expect(admin.getByTestId('audit-row')).toHaveCount(1);
  const auditRow = admin.getByTestId('audit-row');
  await expect(auditRow).toContainText('吊销接口密钥');
  await expect(auditRow).toContainText('测试admin（系统管理员）');
  await expect(auditRow).toContainText(`使用单位：${org}`);
  await admin.getByLabel('操作类型').selectOption('sign_in');
  await admin.getByLabel('对象编号').fill(key.id);
  await admin.getByRole('button', { name: '筛选' }).click();
  await expect(admin.getByTestId('audit-total')).toContainText('共 0 条');
  await admin.getByLabel('开始日期').fill('2026-03-02');
  await admin.getByLabel('结束日期（含当日）').fill('2026-03-01');
  await admin.getByRole('button', { name: '筛选' }).click();
  await expect(errorSummary(admin)).toContainText('结束日期不能早于开始日期');

  // The export: UTF-8 with a BOM, this filter only; recorded itself.
  await admin.goto(`/admin/audit?actor=${encodeURIComponent(`staff:${adminStaff.email}`)}&action=api_key_revoked`);
  const [download] = await Promise.all([
    admin.waitForEvent('download'),
    admin.getByRole('link', { name: '导出 CSV（按当前筛选条件）' }).click(),
  ]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0]).toContain('"操作人"');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('"吊销接口密钥"');
  expect(lines[1]).toContain(key.id);
  const [exported] = await getDb()
    .select()
    .from(auditLog)
    .where(eq(auditLog.actor, `staff:${adminStaff.email}`))
    .orderBy(desc(auditLog.id))
    .limit(1);
  expect(exported).toMatchObject({
    action: 'audit_exported',
    detail: { filter: { actor: `staff:${adminStaff.email}`, action: 'api_key_revoked' } },
  });

  // Only administrators may export.
  const office = await newPage(browser);
  await signIn(office, await createStaff('credit_office'));
  expect((await office.request.get('/admin/audit/export')).status()).toBe(403);
  expect((await (await browser.newContext()).request.get('/admin/audit/export')).status()).toBe(401);
});
