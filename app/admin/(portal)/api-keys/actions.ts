'use server';

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { createApiKey, revokeApiKey } from '@/domain/auth/api-keys';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { auditStaff, staffActor } from '@/domain/auth/staff-session';
import { staffAction } from '@/domain/http/form-actions';
import type { FormState } from '@/lib/form-state';
import { FORMAT_CHARS_MESSAGE, hasFormatChars } from '@/lib/text/plain-text';

const CAPABILITY = capabilityOf('/admin/api-keys')!;

const newKeySchema = z
  .object({
    organization: z
      .string()
      .trim()
      .min(1, '请填写使用单位')
      .max(100, '使用单位最长 100 个字符')
      .refine((s) => !hasFormatChars(s), `使用单位${FORMAT_CHARS_MESSAGE}`),
    role: z.enum(['court', 'department', 'enterprise'], '请选择密钥类型'),
    label: z.string().trim().max(100, '用途说明最长 100 个字符').optional(),
    fullIdentifiers: z.literal('on').optional(),
  })
  .refine((v) => !v.fullIdentifiers || v.role === 'department', {
    path: ['fullIdentifiers'],
    message: '只有联动单位密钥可以返回完整身份证号码',
  });

export type NewKeyState = FormState & { key?: string };

export const createKeyAction = staffAction({
  capability: CAPABILITY,
  input: (values) => ({ ...values, label: values.label || undefined }),
  schema: newKeySchema,
  revalidate: '/admin/api-keys',
  run: async ({ staff, input }): Promise<NewKeyState> => {
    const { fullIdentifiers, ...key } = input;
    const created = await createApiKey({
      ...key,
      fullIdentifiers: fullIdentifiers === 'on',
      createdBy: staffActor(staff),
    });
    await auditStaff(staff, {
      action: 'api_key_created',
      objectType: 'api_key',
      objectId: created.id,
      detail: {
        organization: key.organization,
        role: key.role,
        fullIdentifiers: fullIdentifiers === 'on',
        ...(key.label ? { label: key.label } : {}),
      },
    });
    return { ok: true, key: created.key, message: `已为${key.organization}创建密钥 ${created.id}。` };
  },
});

export const revokeKeyAction = staffAction({
  capability: CAPABILITY,
  confirm: true,
  revalidate: '/admin/api-keys',
  run: async ({ staff }, id: string) => {
    const [key] = await getDb()
      .select({ organization: apiKeys.organization, role: apiKeys.role })
      .from(apiKeys)
      .where(eq(apiKeys.id, id));
    if (!key || !(await revokeApiKey(id))) return { errors: [{ message: `密钥 ${id} 不存在或已吊销` }] };
    await auditStaff(staff, {
      action: 'api_key_revoked',
      objectType: 'api_key',
      objectId: id,
      detail: { organization: key.organization, role: key.role },
    });
    return { ok: true, message: `已吊销${key.organization}的密钥 ${id}，使用它的请求从现在起一律被拒绝。` };
  },
});
