'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { applicationByCode, supplyMaterial } from '@/domain/applications/cases';
import { readEvidence } from '@/domain/applications/evidence';
import { supplementSchema } from '@/lib/validation/case';
import { LIMITS } from '@/domain/http/rate-limit';
import { publicAction } from '@/domain/http/form-actions';
import { endTrackSession, startTrackSession, trackedApplicationId } from '@/domain/applications/track-session';
import type { FormState } from '@/lib/form-state';

const trackSchema = z.object({
  trackingNo: z
    .string('请填写查询号')
    .trim()
    .toUpperCase()
    .regex(/^SQ\d{8}[0-9A-Z]{6}$/, '查询号格式不正确，应形如 SQ20261127ABC123'),
  accessCode: z.string('请填写访问码').trim().min(1, '请填写访问码').max(20, '访问码格式不正确'),
});

export const openApplication = publicAction({
  refill: { trackingNo: 40 },
  input: (formData) => ({ trackingNo: formData.get('trackingNo'), accessCode: formData.get('accessCode') }),
  schema: trackSchema,
  limit: { bucket: LIMITS.trackPerClient, tooOften: '查询过于频繁，请 15 分钟后再试。' },
  run: async ({ trackingNo, accessCode }): Promise<FormState> => {
    const app = await applicationByCode(trackingNo, accessCode);
    if (!app) return { errors: [{ field: 'accessCode', message: '查询号或访问码不正确' }] };
    await startTrackSession(app.id);
    redirect('/track');
  },
});

export async function closeApplication() {
  await endTrackSession();
  redirect('/track');
}

/**
 * The applicant answers a 补正 request: a note and up to 5 files (judged by content, as at
 * submission). Only with a tracking session (opened with the access code), and only while a
 * case waits for material; every such case resumes with its clock moved on.
 */
export const supplyMaterialAction = publicAction({
  refill: { note: 2000 },
  input: (formData) => ({ note: formData.get('note') }),
  schema: supplementSchema,
  refusals: { nothing_to_supply: '该申请目前不需要补正材料（可能已补正或已办结），请刷新页面查看。' },
  run: async ({ note }, _values, formData): Promise<FormState> => {
    const applicationId = await trackedApplicationId();
    if (!applicationId) return { errors: [{ message: '查询已超时，请重新输入查询号和访问码后再补正。' }] };
    const evidence = await readEvidence(formData.getAll('files'));
    if (!evidence.ok) return { errors: [{ field: 'files', message: evidence.message }] };
    await supplyMaterial(applicationId, { note, files: evidence.files });
    revalidatePath('/track');
    // The form goes away with the request it answered: the page itself says it arrived.
    redirect('/track?supplied=1');
  },
});
