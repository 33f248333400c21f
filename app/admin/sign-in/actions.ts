'use server';

import { APIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { staffAuth } from '@/domain/auth/staff';
import { auditStaff, currentStaff } from '@/domain/auth/staff-session';
import { errorsFromZod, type FormState } from '@/lib/form-state';

const signInSchema = z.object({
  email: z.string().trim().min(1, '请填写电子邮箱').max(254, '电子邮箱过长'),
  password: z.string().min(1, '请填写密码').max(128, '密码过长'),
});

/** A 6-digit code from the authenticator app, or one of the backup codes (letters, digits, a dash). */
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, '请填写动态口令')
    .max(40, '动态口令或备用码过长')
    .transform((s) => s.replace(/\s+/g, '')),
});

/** The sign-in form's state: `step: 'code'` once the password is accepted for an account with a second factor. */
export type SignInState = FormState & { step?: 'password' | 'code' };

/**
 * Both steps of the sign-in form: the password (the form has `password`), then the second factor's code (it has
 * `code`).
 */
export async function signIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  if (formData.has('code')) return verifyCode(formData);
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  const values = { email: String(formData.get('email') ?? '').slice(0, 254) };
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    // The request headers give the client address the sign-in limits count by (domain/auth/staff.ts).
    const result = await staffAuth().api.signInEmail({
      body: { email: parsed.data.email.toLowerCase(), password: parsed.data.password },
      headers: await headers(),
    });
    // The two-factor plugin answers with a short-lived two-factor cookie instead of a session.
    if ('twoFactorRedirect' in result && result.twoFactorRedirect) return { step: 'code', values };
  } catch (err) {
    if (!(err instanceof APIError)) throw err;
    const blocked = err.body?.code === 'TOO_MANY_ATTEMPTS';
    const banned = err.statusCode === 403;
    // The same messages for an unknown email as for an account (wrong password, too many attempts): no account
    // enumeration.
    const message = blocked ? err.message : banned ? '该账号已停用，请联系系统管理员' : '电子邮箱或密码不正确';
    return { errors: [{ field: blocked || banned ? undefined : 'password', message }], values };
  }
  redirect('/admin');
}

async function verifyCode(formData: FormData): Promise<SignInState> {
  const parsed = codeSchema.safeParse({ code: formData.get('code') ?? '' });
  if (!parsed.success) return { step: 'code', errors: errorsFromZod(parsed.error) };
  const code = parsed.data.code;
  const requestHeaders = await headers();
  try {
    if (/^\d{6}$/.test(code)) await staffAuth().api.verifyTOTP({ body: { code }, headers: requestHeaders });
    else await staffAuth().api.verifyBackupCode({ body: { code }, headers: requestHeaders });
  } catch (err) {
    if (!(err instanceof APIError)) throw err;
    const errorCode = err.body?.code;
    if (errorCode === 'TOO_MANY_ATTEMPTS') return { step: 'code', errors: [{ message: err.message }] };
    if (errorCode === 'ACCOUNT_TEMPORARILY_LOCKED')
      return { step: 'code', errors: [{ message: '动态口令错误次数过多，该账号暂时锁定，请 15 分钟后再试' }] };
    if (errorCode === 'INVALID_CODE' || errorCode === 'INVALID_BACKUP_CODE')
      return { step: 'code', errors: [{ field: 'code', message: '动态口令或备用码不正确' }] };
    // The pending sign-in expired (10 minutes) or used up its attempts: start again with the password.
    return { step: 'password', errors: [{ message: '登录已超时或尝试次数过多，请重新输入电子邮箱和密码' }] };
  }
  redirect('/admin');
}

export async function signOut() {
  const staff = await currentStaff();
  await staffAuth().api.signOut({ headers: await headers() });
  if (staff) await auditStaff(staff, { action: 'sign_out', objectType: 'staff_user', objectId: staff.id });
  redirect('/admin/sign-in');
}
