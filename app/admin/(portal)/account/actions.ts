'use server';

import { APIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import QRCode from 'qrcode';
import { z } from 'zod';
import { staffAuth, TOTP_ISSUER } from '@/domain/auth/staff';
import { auditStaff, pendingStep, requireStaff } from '@/domain/auth/staff-session';
import { changeOwnPassword, passwordChangeSchema } from '@/domain/auth/staff-users';
import { errorsFromZod, type FormState } from '@/lib/form-state';

// This page's actions run for a staff member with a pending step too (that step is what they do here).
const PENDING = { pendingStep: 'allow' } as const;

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(null, PENDING);
  const parsed = passwordChangeSchema.safeParse({
    currentPassword: formData.get('currentPassword') ?? '',
    newPassword: formData.get('newPassword') ?? '',
    repeatPassword: formData.get('repeatPassword') ?? '',
  });
  if (!parsed.success) return { errors: errorsFromZod(parsed.error) };
  try {
    await changeOwnPassword(parsed.data, { by: staff, headers: await headers() });
  } catch (err) {
    if (err instanceof APIError) return { errors: [{ field: 'currentPassword', message: '当前密码不正确' }] };
    throw err;
  }
  const next = pendingStep({ ...staff, mustChangePassword: false });
  return {
    ok: true,
    message:
      next === 'totp'
        ? '密码已修改，其他设备上的登录已结束。下一步：启用动态口令。'
        : '密码已修改，其他设备上的登录已结束。',
  };
}

export type EnrolState = FormState & {
  step?: 'code';
  secret?: string;
  uri?: string;
  qrSvg?: string;
  backupCodes?: string[];
};

/**
 * Step 1: the current password again, then a new TOTP secret (not active until a code from it is verified) and backup
 * codes.
 */
export async function startTotpAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  await requireStaff(null, PENDING);
  const password = z
    .string()
    .min(1)
    .max(128)
    .safeParse(formData.get('password') ?? '');
  if (!password.success) return { errors: [{ field: 'password', message: '请填写当前密码' }] };
  try {
    const enabled = await staffAuth().api.enableTwoFactor({
      body: { password: password.data, issuer: TOTP_ISSUER, method: 'totp' },
      headers: await headers(),
    });
    if (enabled.method !== 'totp') throw new Error('no TOTP URI');
    const { totpURI, backupCodes } = enabled;
    const secret = new URL(totpURI).searchParams.get('secret') ?? '';
    const qrSvg = await QRCode.toString(totpURI, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return { step: 'code', secret, uri: totpURI, qrSvg, backupCodes };
  } catch (err) {
    if (err instanceof APIError)
      return {
        errors: [
          {
            field: 'password',
            message: err.body?.code === 'INVALID_PASSWORD' ? '当前密码不正确' : `未能开始设置：${err.message}`,
          },
        ],
      };
    throw err;
  }
}

/**
 * Step 2: a code from the app proves it holds the secret; only then is the second factor on (and written to the audit
 * trail).
 */
export async function confirmTotpAction(prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const staff = await requireStaff(null, PENDING);
  const code = String(formData.get('code') ?? '').replace(/\s+/g, '');
  if (!/^\d{6}$/.test(code))
    return { ...prev, errors: [{ field: 'code', message: '请输入身份验证器显示的 6 位数字' }] };
  try {
    await staffAuth().api.verifyTOTP({ body: { code }, headers: await headers() });
  } catch (err) {
    if (!(err instanceof APIError)) throw err;
    const message =
      err.body?.code === 'TOO_MANY_ATTEMPTS' ? err.message : '动态口令不正确，请核对手机时间后输入当前显示的数字';
    return { ...prev, errors: [{ field: 'code', message }] };
  }
  await auditStaff(staff, { action: 'totp_enabled', objectType: 'staff_user', objectId: staff.id });
  // The plugin replaced the session (its user now has the second factor): a fresh page load reads the new one.
  redirect('/admin/account?totp=enabled');
}

export async function disableTotpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(null, PENDING);
  if (staff.role === 'admin') return { errors: [{ message: '系统管理员必须使用动态口令，不能停用' }] };
  const password = String(formData.get('disablePassword') ?? '');
  if (!password) return { errors: [{ field: 'disablePassword', message: '请填写当前密码' }] };
  try {
    await staffAuth().api.disableTwoFactor({ body: { password: password.slice(0, 128) }, headers: await headers() });
  } catch (err) {
    if (err instanceof APIError) return { errors: [{ field: 'disablePassword', message: '当前密码不正确' }] };
    throw err;
  }
  await auditStaff(staff, { action: 'totp_disabled', objectType: 'staff_user', objectId: staff.id });
  redirect('/admin/account?totp=disabled');
}
