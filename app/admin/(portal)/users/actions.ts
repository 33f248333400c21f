'use server';

import { APIError } from 'better-auth/api';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import {
  changeStaffRole,
  createStaffUser,
  newStaffSchema,
  resetStaffPassword,
  resetStaffTotp,
  roleChangeSchema,
  setStaffDisabled,
  StaffUserError,
} from '@/domain/auth/staff-users';
import { errorsFromZod, isConfirmed, NOT_CONFIRMED, textValues, type FormState } from '@/lib/form-state';
import { ROLE_LABELS } from '@/lib/labels';

const CAPABILITY = capabilityOf('/admin/users')!;

export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(CAPABILITY);
  const values = textValues(formData, ['password']);
  const parsed = newStaffSchema.safeParse({
    ...values,
    password: formData.get('password') ?? '',
    departmentCode: values.departmentCode || undefined,
    court: values.court || undefined,
    reviewsRemovals: values.reviewsRemovals === 'yes',
  });
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  const requestHeaders = await headers();
  try {
    await createStaffUser(parsed.data, requestHeaders, {
      by: { by: staff, headers: requestHeaders },
      mustChangePassword: true,
    });
  } catch (err) {
    if (err instanceof StaffUserError) return { errors: [{ field: err.field, message: err.message }], values };
    if (err instanceof APIError) return { errors: [{ message: `未能创建账号：${err.message}` }], values };
    throw err;
  }
  revalidatePath('/admin/users');
  return {
    ok: true,
    message: `已创建账号 ${parsed.data.email}。请通过安全渠道将初始密码告知本人；首次登录时须修改密码。`,
  };
}

function refused(err: unknown): FormState {
  if (err instanceof StaffUserError) return { errors: [{ message: err.message }] };
  if (err instanceof APIError) return { errors: [{ message: `操作未完成：${err.message}` }] };
  throw err;
}

/** Disabling asks twice (it ends the user's sessions at once); re-enabling does not. */
export async function setDisabledAction(userId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(CAPABILITY);
  const disabled = formData.get('disable') !== 'no';
  if (disabled && !isConfirmed(formData)) return NOT_CONFIRMED;
  const requestHeaders = await headers();
  let email: string;
  try {
    email = (await setStaffDisabled(userId, disabled, { by: staff, headers: requestHeaders })).email;
  } catch (err) {
    return refused(err);
  }
  revalidatePath('/admin/users');
  return {
    ok: true,
    message: disabled ? `已停用账号 ${email}，其登录状态已全部结束。` : `已启用账号 ${email}，可以重新登录。`,
  };
}

export type ResetState = FormState & { password?: string };

export async function resetPasswordAction(userId: string, _prev: ResetState, formData: FormData): Promise<ResetState> {
  const staff = await requireStaff(CAPABILITY);
  if (!isConfirmed(formData)) return NOT_CONFIRMED;
  try {
    const { email, password } = await resetStaffPassword(userId, { by: staff, headers: await headers() });
    revalidatePath('/admin/users');
    return {
      ok: true,
      password,
      message: `已重置 ${email} 的密码，其登录状态已全部结束；本人用临时密码登录后须立即修改。`,
    };
  } catch (err) {
    return refused(err);
  }
}

export async function resetTotpAction(userId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(CAPABILITY);
  if (!isConfirmed(formData)) return NOT_CONFIRMED;
  try {
    const { email } = await resetStaffTotp(userId, { by: staff, headers: await headers() });
    revalidatePath('/admin/users');
    return {
      ok: true,
      message: `已清除 ${email} 的动态口令，其登录状态已全部结束；本人下次登录后须重新绑定（管理员必须绑定）。`,
    };
  } catch (err) {
    return refused(err);
  }
}

export async function changeRoleAction(userId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(CAPABILITY);
  const values = textValues(formData);
  if (!isConfirmed(formData)) return { ...NOT_CONFIRMED, values };
  const parsed = roleChangeSchema.safeParse({
    role: values.role,
    departmentCode: values.departmentCode || undefined,
    court: values.court || undefined,
    reviewsRemovals: values.reviewsRemovals === 'yes',
  });
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    const changed = await changeStaffRole(userId, parsed.data, { by: staff, headers: await headers() });
    revalidatePath('/admin/users');
    const where = changed.court ? `（${changed.court}${changed.reviewsRemovals ? '，负责审核撤销、屏蔽' : ''}）` : '';
    return {
      ok: true,
      message: `已将 ${changed.email} 的角色变更为${ROLE_LABELS[changed.role]}${where}，其登录状态已全部结束。`,
    };
  } catch (err) {
    if (err instanceof StaffUserError && (err.field === 'departmentCode' || err.field === 'court'))
      return { errors: [{ field: err.field, message: err.message }], values };
    return { ...refused(err), values };
  }
}
