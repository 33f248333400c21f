/**
 * Staff accounts for browser tests: created straight through lib/auth (the same function
 * the admin CLI and /admin/users use), then signed in through the real sign-in form.
 */
import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { createStaffUser } from '@/lib/auth/staff-users';
import type { StaffRole } from '@/lib/auth/staff';
import { HOME_COURT } from '@/lib/auth/staff-identity';

export const STAFF_PASSWORD = 'e2e staff password';
export const ANY_MEMBER_UNIT = 'org-dept';

export type TestStaff = { email: string; role: StaffRole };

/** A staff account of `role`: an officer of ANY_MEMBER_UNIT, a clerk of `court` (default the city court, as e2e entries are). */
export async function createStaff(role: StaffRole, court: string = HOME_COURT): Promise<TestStaff> {
  const email = `${role}.${randomBytes(4).toString('hex')}@e2e.ks.example.cn`;
  await createStaffUser({
    name: `测试${role}`,
    email,
    password: STAFF_PASSWORD,
    role,
    ...(role === 'department_officer' ? { departmentCode: ANY_MEMBER_UNIT } : {}),
    ...(role === 'court_clerk' ? { court } : {}),
  });
  return { email, role };
}

/** An officer of the given member unit. */
export async function officerOf(departmentCode: string): Promise<TestStaff> {
  const email = `officer.${departmentCode}.${Date.now()}${Math.random().toString(36).slice(2, 6)}@e2e.ks.example.cn`;
  await createStaffUser({ name: '经办人', email, password: STAFF_PASSWORD, role: 'department_officer', departmentCode });
  return { email, role: 'department_officer' };
}

export async function signIn(page: Page, staff: TestStaff) {
  await page.goto('/admin/sign-in');
  await page.getByLabel('电子邮箱').fill(staff.email);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
}

export async function signInAs(page: Page, role: StaffRole): Promise<TestStaff> {
  const staff = await createStaff(role);
  await signIn(page, staff);
  return staff;
}

/** A court clerk who reviews removals (the court's 负责人): approves other clerks' revocations and shieldings. */
export async function createReviewer(court: string = HOME_COURT): Promise<TestStaff> {
  const email = `reviewer.${randomBytes(4).toString('hex')}@e2e.ks.example.cn`;
  await createStaffUser({ name: '测试负责人', email, password: STAFF_PASSWORD, role: 'court_clerk', court, reviewsRemovals: true });
  return { email, role: 'court_clerk' };
}
