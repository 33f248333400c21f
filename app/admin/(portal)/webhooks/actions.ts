'use server';

import { z } from 'zod';
import { getDb } from '@/db/client';
import { departments } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { staffActor } from '@/domain/auth/staff-session';
import { staffAction } from '@/domain/http/form-actions';
import { clientKey } from '@/domain/http/rate-limit';
import { disableWebhook, redeliver, registerWebhook } from '@/domain/sharing/webhooks';
import type { FormState } from '@/lib/form-state';
import { webhookSecretSchema, webhookUrlSchema } from '@/lib/validation/webhooks';
import { headers } from 'next/headers';
import { webhookScope } from './scope';

const registrationSchema = z.object({
  departmentCode: z.string('请选择接收单位').min(1, '请选择接收单位').max(20, '请选择接收单位'),
  url: webhookUrlSchema,
  secret: webhookSecretSchema.optional(),
  fullIdentifiers: z.literal('on').optional(),
});

export type NewWebhookState = FormState & { secret?: string };

export const registerWebhookAction = staffAction({
  capability: 'manageWebhooks',
  input: (values) => ({ ...values, secret: values.secret || undefined }),
  schema: registrationSchema,
  revalidate: '/admin/webhooks',
  run: async ({ staff, input }): Promise<NewWebhookState> => {
    const [unit] = await getDb()
      .select({ name: departments.name })
      .from(departments)
      .where(eq(departments.code, input.departmentCode));
    if (!unit) return { errors: [{ field: 'departmentCode', message: '请选择接收单位' }] };
    const { secret } = await registerWebhook({
      organization: unit.name,
      url: input.url,
      secret: input.secret,
      fullIdentifiers: input.fullIdentifiers === 'on',
      actor: staffActor(staff),
      clientAddress: clientKey(await headers()),
    });
    return {
      ok: true,
      message: `已为${unit.name}登记接收地址，下一个变更事件起推送。`,
      ...(input.secret ? {} : { secret }),
    };
  },
});

export const disableWebhookAction = staffAction({
  capability: 'manageWebhooks',
  confirm: true,
  revalidate: '/admin/webhooks',
  run: async ({ staff }, endpointId: number) => {
    await disableWebhook({ endpointId, actor: staffActor(staff), clientAddress: clientKey(await headers()) });
    return { ok: true, message: '已停用，不再向该地址推送；推送记录保留。' };
  },
});

export const redeliverAction = staffAction({
  capability: 'viewWebhooks',
  run: async ({ staff }, endpointId: number, deliveryId: number | null) => {
    const ids = await redeliver({
      endpointId,
      ids: deliveryId === null ? undefined : [deliveryId],
      ...(await webhookScope(staff)),
      actor: staffActor(staff),
      clientAddress: clientKey(await headers()),
    });
    return { ok: true, message: `已重新排队 ${ids.length} 条，稍后推送（事件编号不变，接收方按编号去重）。` };
  },
});
