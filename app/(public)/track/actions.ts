'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { applicationByCode } from '@/db/applications';
import { clientKey, consume, LIMITS } from '@/lib/rate-limit';
import { endTrackSession, startTrackSession } from '@/lib/applications/track-session';
import { errorsFromZod, type FormState } from '@/lib/form-state';

const trackSchema = z.object({
  trackingNo: z.string('请填写查询号').trim().toUpperCase().regex(/^SQ\d{8}[0-9A-Z]{6}$/, '查询号格式不正确，应形如 SQ20261127ABC123'),
  accessCode: z.string('请填写访问码').trim().min(1, '请填写访问码').max(20, '访问码格式不正确'),
});

export async function openApplication(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { trackingNo: String(formData.get('trackingNo') ?? '').slice(0, 40) };
  const parsed = trackSchema.safeParse({ trackingNo: formData.get('trackingNo'), accessCode: formData.get('accessCode') });
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  if (!(await consume(LIMITS.trackPerClient, clientKey(await headers())))) {
    return { errors: [{ message: '查询过于频繁，请 15 分钟后再试。' }], values };
  }
  const app = await applicationByCode(parsed.data.trackingNo, parsed.data.accessCode);
  if (!app) return { errors: [{ field: 'accessCode', message: '查询号或访问码不正确' }], values };
  await startTrackSession(app.id);
  redirect('/track');
}

export async function closeApplication() {
  await endTrackSession();
  redirect('/track');
}
