'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { capabilityOf } from '@/lib/auth/staff-pages';
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
import { staffAction } from '@/domain/http/form-actions';
import type { FormState } from '@/lib/form-state';
import { ROLE_LABELS } from '@/lib/labels';

const CAPABILITY = capabilityOf('/admin/users')!;
const PAGE = '/admin/users';

/** The account forms' optional selects are sent blank when unused. */
const roleFields = (values: Record<string, string>) => ({
  departmentCode: values.departmentCode || undefined,
  court: values.court || undefined,
  reviewsRemovals: values.reviewsRemovals === 'yes',
});

/** A refusal about one of these fields is shown at the field; any other for the whole form. */
function fieldRefusal(err: unknown, fields: readonly StaffUserError['field'][]): FormState {
  if (err instanceof StaffUserError && fields.includes(err.field)) {
    return { errors: [{ field: err.field, message: err.message }] };
  }
  throw err;
}

export const createUserAction = staffAction({
  capability: CAPABILITY,
  input: (values, formData) => ({ ...values, ...roleFields(values), password: formData.get('password') ?? '' }),
  schema: newStaffSchema,
  revalidate: PAGE,
  run: async ({ staff, input }) => {
    const requestHeaders = await headers();
    try {
      await createStaffUser(input, requestHeaders, {
        by: { by: staff, headers: requestHeaders },
        mustChangePassword: true,
      });
    } catch (err) {
      return fieldRefusal(err, ['email', 'departmentCode', 'court', 'role', 'account']);
    }
    return {
      ok: true,
      message: `已创建账号 ${input.email}。请通过安全渠道将初始密码告知本人；首次登录时须修改密码。`,
    };
  },
});

/** Disabling asks twice (it ends the user's sessions at once); re-enabling does not. */
export const setDisabledAction = staffAction({
  capability: CAPABILITY,
  schema: z.object({ disable: z.string().optional() }).transform((v) => v.disable !== 'no'),
  confirm: (disabled) => disabled,
  revalidate: PAGE,
  run: async ({ staff, input: disabled }, userId: string) => {
    const { email } = await setStaffDisabled(userId, disabled, { by: staff, headers: await headers() });
    return {
      ok: true,
      message: disabled ? `已停用账号 ${email}，其登录状态已全部结束。` : `已启用账号 ${email}，可以重新登录。`,
    };
  },
});

export type ResetState = FormState & { password?: string };

export const resetPasswordAction = staffAction({
  capability: CAPABILITY,
  confirm: true,
  revalidate: PAGE,
  run: async ({ staff }, userId: string): Promise<ResetState> => {
    const { email, password } = await resetStaffPassword(userId, { by: staff, headers: await headers() });
    return {
      ok: true,
      password,
      message: `已重置 ${email} 的密码，其登录状态已全部结束；本人用临时密码登录后须立即修改。`,
    };
  },
});

export const resetTotpAction = staffAction({
  capability: CAPABILITY,
  confirm: true,
  revalidate: PAGE,
  run: async ({ staff }, userId: string) => {
    const { email } = await resetStaffTotp(userId, { by: staff, headers: await headers() });
    return {
      ok: true,
      message: `已清除 ${email} 的动态口令，其登录状态已全部结束；本人下次登录后须重新绑定（管理员必须绑定）。`,
    };
  },
});

export const changeRoleAction = staffAction({
  capability: CAPABILITY,
  input: (values) => ({ role: values.role, ...roleFields(values) }),
  schema: roleChangeSchema,
  confirm: true,
  revalidate: PAGE,
  run: async ({ staff, input }, userId: string) => {
    let changed: Awaited<ReturnType<typeof changeStaffRole>>;
    try {
      changed = await changeStaffRole(userId, input, { by: staff, headers: await headers() });
    } catch (err) {
      return fieldRefusal(err, ['departmentCode', 'court']);
    }
    const where = changed.court ? `（${changed.court}${changed.reviewsRemovals ? '，负责审核撤销、屏蔽' : ''}）` : '';
    return {
      ok: true,
      message: `已将 ${changed.email} 的角色变更为${ROLE_LABELS[changed.role]}${where}，其登录状态已全部结束。`,
    };
  },
});
