'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { applicationByCode, NothingToSupplyError, supplyMaterial } from '@/domain/applications/cases';
import { readEvidence } from '@/domain/applications/evidence';
import { supplementSchema } from '@/lib/validation/case';
import { clientKey, consume, LIMITS } from '@/domain/http/rate-limit';
import { endTrackSession, startTrackSession, trackedApplicationId } from '@/domain/applications/track-session';
import { errorsFromZod, type FormState } from '@/lib/form-state';

const trackSchema = z.object({
  trackingNo: z
    .string('请填写查询号')
    .trim()
    .toUpperCase()
    .regex(/^SQ\d{8}[0-9A-Z]{6}$/, '查询号格式不正确，应形如 SQ20261127ABC123'),
  accessCode: z.string('请填写访问码').trim().min(1, '请填写访问码').max(20, '访问码格式不正确'),
});

export async function openApplication(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { trackingNo: String(formData.get('trackingNo') ?? '').slice(0, 40) };
  const parsed = trackSchema.safeParse({
    trackingNo: formData.get('trackingNo'),
    accessCode: formData.get('accessCode'),
  });
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

/**
 * The applicant answers a 补正 request: a note and up to 5 files (judged by content, as at
 * submission). Only with a tracking session (opened with the access code), and only while a
 * case waits for material; every such case resumes with its clock moved on.
 */
export async function supplyMaterialAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const applicationId = await trackedApplicationId();
  if (!applicationId) return { errors: [{ message: '查询已超时，请重新输入查询号和访问码后再补正。' }] };
  const values = { note: String(formData.get('note') ?? '').slice(0, 2000) };
  const parsed = supplementSchema.safeParse({ note: formData.get('note') });
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  const evidence = await readEvidence(formData.getAll('files'));
  if (!evidence.ok) return { errors: [{ field: 'files', message: evidence.message }], values };
  try {
    await supplyMaterial(applicationId, { note: parsed.data.note, files: evidence.files });
  } catch (err) {
    if (err instanceof NothingToSupplyError)
      return { errors: [{ message: '该申请目前不需要补正材料（可能已补正或已办结），请刷新页面查看。' }] };
    throw err;
  }
  revalidatePath('/track');
  // The form goes away with the request it answered: the page itself says it arrived.
  redirect('/track?supplied=1');
}
