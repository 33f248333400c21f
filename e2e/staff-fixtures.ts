/**
 * Staff accounts for browser tests: created straight through lib/auth (the same function
 * the admin CLI and /admin/users use), then signed in through the real sign-in form.
 *
 * Fixture accounts are made without the forced password change (`mustChangePassword: false`,
 * as if their owners had chosen the password), so every spec can sign in and go to work;
 * specs of the forced change make their accounts with `{ mustChangePassword: true }`.
 * Administrators must have TOTP: createStaff('admin') enrols an authenticator through
 * better-auth's own two-factor endpoints (in this process, with a session of its own) and keeps
 * the secret, from which signIn computes the current code (otpauth), as a phone app would.
 */
import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { createStaffUser } from '@/domain/auth/staff-users';
import { staffAuth } from '@/domain/auth/staff';
import { HOME_COURT, type StaffRole } from '@/lib/auth/staff-identity';

export const STAFF_PASSWORD = 'e2e staff password';
export const ANY_MEMBER_UNIT = 'org-dept';

export type TestStaff = { email: string; role: StaffRole; password?: string; totpSecret?: string };

/** `reviewsRemovals`: a court clerk who is the court's 负责人 (approves other clerks' revocations and shieldings). */
export type StaffOptions = {
  court?: string;
  mustChangePassword?: boolean;
  totp?: boolean;
  reviewsRemovals?: boolean;
  name?: string;
};

/** The code an authenticator app shows now for `secret` (base32), 6 digits every 30 s as better-auth checks it. */
export function totpCode(secret: string, at = Date.now()): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).generate({ timestamp: at });
}

/** The base32 secret of an otpauth:// URI. */
export function secretOf(uri: string): string {
  return OTPAuth.URI.parse(uri).secret.base32;
}

/**
 * Enrols an authenticator for an account through better-auth's endpoints (sign in, enable, verify a code), as the
 * account page does.
 */
export async function enrolTotp(email: string, password: string = STAFF_PASSWORD): Promise<string> {
  const api = staffAuth().api;
  const signedIn = await api.signInEmail({ body: { email, password }, returnHeaders: true });
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = new Headers({ cookie });
  const enabled = await api.enableTwoFactor({ body: { password, method: 'totp' }, headers });
  if (enabled.method !== 'totp') throw new Error('TOTP was not offered');
  const secret = secretOf(enabled.totpURI);
  await api.verifyTOTP({ body: { code: totpCode(secret) }, headers });
  await api.signOut({ headers }).catch(() => undefined); // that session was replaced by the enrolment; nothing to keep
  return secret;
}

/**
 * A staff account of `role`: an officer of ANY_MEMBER_UNIT, a clerk of `court` (default the city court, as e2e entries
 * are); an administrator with TOTP enrolled (unless `totp: false`).
 */
export async function createStaff(role: StaffRole, courtOrOptions: string | StaffOptions = {}): Promise<TestStaff> {
  const options = typeof courtOrOptions === 'string' ? { court: courtOrOptions } : courtOrOptions;
  const email = `${options.reviewsRemovals ? 'reviewer' : role}.${randomBytes(4).toString('hex')}@e2e.ks.example.cn`;
  await createStaffUser(
    {
      name: options.name ?? `测试${role}`,
      email,
      password: STAFF_PASSWORD,
      role,
      ...(role === 'department_officer' ? { departmentCode: ANY_MEMBER_UNIT } : {}),
      ...(role === 'court_clerk'
        ? { court: options.court ?? HOME_COURT, reviewsRemovals: options.reviewsRemovals ?? false }
        : {}),
    },
    undefined,
    { mustChangePassword: options.mustChangePassword ?? false },
  );
  const wantTotp = options.totp ?? role === 'admin';
  const totpSecret = wantTotp && !options.mustChangePassword ? await enrolTotp(email) : undefined;
  return { email, role, ...(totpSecret ? { totpSecret } : {}) };
}

/** An officer of the given member unit. */
export async function officerOf(departmentCode: string): Promise<TestStaff> {
  const email = `officer.${departmentCode}.${Date.now()}${Math.random().toString(36).slice(2, 6)}@e2e.ks.example.cn`;
  await createStaffUser(
    { name: '经办人', email, password: STAFF_PASSWORD, role: 'department_officer', departmentCode },
    undefined,
    { mustChangePassword: false },
  );
  return { email, role: 'department_officer' };
}

/** Fills in the sign-in form (and the code step when the account has TOTP), without checking where it lands. */
export async function submitSignInForm(page: Page, staff: TestStaff) {
  await page.goto('/admin/sign-in');
  await page.getByLabel('电子邮箱').fill(staff.email);
  await page.getByLabel('密码').fill(staff.password ?? STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  if (staff.totpSecret) {
    await page.getByRole('textbox', { name: '动态口令' }).fill(totpCode(staff.totpSecret));
    await page.getByRole('button', { name: '验证并登录' }).click();
  }
}

export async function signIn(page: Page, staff: TestStaff) {
  await submitSignInForm(page, staff);
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
}

export async function signInAs(page: Page, role: StaffRole): Promise<TestStaff> {
  const staff = await createStaff(role);
  await signIn(page, staff);
  return staff;
}

/** A court clerk who reviews removals (the court's 负责人): approves other clerks' revocations and shieldings. */
export function createReviewer(court: string = HOME_COURT): Promise<TestStaff> {
  return createStaff('court_clerk', { court, reviewsRemovals: true, name: '测试负责人' });
}
