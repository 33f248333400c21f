'use server';

import { APIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import QRCode from 'qrcode';
import { z } from 'zod';
import { staffAuth, TOTP_ISSUER } from '@/domain/auth/staff';
import { auditStaff, pendingStep } from '@/domain/auth/staff-session';
import { staffAction } from '@/domain/http/form-actions';
import { changeOwnPassword, passwordChangeSchema } from '@/domain/auth/staff-users';
import type { FormState } from '@/lib/form-state';

// This page's actions run for a staff member with a pending step too (that step is what they do here).
const OWN_ACCOUNT = { capability: null, pendingStep: 'allow' } as const;

export const changePasswordAction = staffAction({
  ...OWN_ACCOUNT,
  input: (_values, formData) => ({
    currentPassword: formData.get('currentPassword') ?? '',
    newPassword: formData.get('newPassword') ?? '',
    repeatPassword: formData.get('repeatPassword') ?? '',
  }),
  schema: passwordChangeSchema,
  run: async ({ staff, input }) => {
    try {
      await changeOwnPassword(input, { by: staff, headers: await headers() });
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
  },
});

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
export const startTotpAction = staffAction({
  ...OWN_ACCOUNT,
  input: (_values, formData) => formData.get('password') ?? '',
  schema: z.string('请填写当前密码').min(1, '请填写当前密码').max(128, '请填写当前密码'),
  fieldOf: () => 'password',
  run: async ({ input: password }): Promise<EnrolState> => {
    try {
      const enabled = await staffAuth().api.enableTwoFactor({
        body: { password, issuer: TOTP_ISSUER, method: 'totp' },
        headers: await headers(),
      });
      if (enabled.method !== 'totp') throw new Error('no TOTP URI');
      const { totpURI, backupCodes } = enabled;
      const secret = new URL(totpURI).searchParams.get('secret') ?? '';
      const qrSvg = await QRCode.toString(totpURI, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      return { step: 'code', secret, uri: totpURI, qrSvg, backupCodes };
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      const message = err.body?.code === 'INVALID_PASSWORD' ? '当前密码不正确' : `未能开始设置：${err.message}`;
      return { errors: [{ field: 'password', message }] };
    }
  },
});

/**
 * Step 2: a code from the app proves it holds the secret; only then is the second factor on (and written to the audit
 * trail). A refused code keeps step 1's state (the secret and QR code stay on the page).
 */
export const confirmTotpAction = staffAction({
  ...OWN_ACCOUNT,
  run: async ({ staff, values, prev }): Promise<EnrolState> => {
    const code = (values.code ?? '').replace(/\s+/g, '');
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
  },
});

export const disableTotpAction = staffAction({
  ...OWN_ACCOUNT,
  run: async ({ staff, formData }): Promise<FormState> => {
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
  },
});
