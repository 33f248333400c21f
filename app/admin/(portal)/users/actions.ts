'use server';

import { APIError } from 'better-auth/api';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/lib/auth/staff-session';
import { createStaffUser, newStaffSchema, setStaffDisabled, StaffUserError } from '@/lib/auth/staff-users';
import { errorsFromZod, textValues, type FormState } from '@/lib/form-state';

const CAPABILITY = capabilityOf('/admin/users')!;

export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  await requireStaff(CAPABILITY);
  const values = textValues(formData, ['password']);
  const parsed = newStaffSchema.safeParse({ ...values, password: formData.get('password') ?? '', departmentCode: values.departmentCode || undefined, court: values.court || undefined, reviewsRemovals: values.reviewsRemovals === 'yes' });
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    await createStaffUser(parsed.data, await headers());
  } catch (err) {
    if (err instanceof StaffUserError) return { errors: [{ field: err.field, message: err.message }], values };
    if (err instanceof APIError) return { errors: [{ message: `未能创建账号：${err.message}` }], values };
    throw err;
  }
  revalidatePath('/admin/users');
  return { ok: true, message: `已创建账号 ${parsed.data.email}。请通过安全渠道将初始密码告知本人。` };
}

export async function setDisabledAction(userId: string, disabled: boolean) {
  const staff = await requireStaff(CAPABILITY);
  if (userId === staff.id) return; // an administrator cannot lock themselves out
  await setStaffDisabled(userId, disabled, await headers());
  revalidatePath('/admin/users');
}
