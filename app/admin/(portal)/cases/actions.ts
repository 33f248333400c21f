'use server';

import { revalidatePath } from 'next/cache';
import { forbidden } from 'next/navigation';
import { z } from 'zod';
import { advanceCase, CaseNotFoundError, CaseTransitionError, NotCaseHandlerError } from '@/db/applications';
import { OutsideCourtError } from '@/db/entries';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/lib/auth/staff-session';
import { errorsFromZod, textValues, type FormState } from '@/lib/form-state';

const transitionSchema = z.discriminatedUnion('to', [
  z.object({ to: z.enum(['accepted', 'under_review', 'closed']) }),
  z.object({
    to: z.literal('decided'),
    decision: z.enum(['upheld', 'partly_upheld', 'rejected'], '请选择决定'),
    decisionText: z.string('请填写决定理由').trim().min(1, '请填写决定理由').max(5000, '决定理由最长 5000 字'),
  }),
]);

export async function advanceCaseAction(caseId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(capabilityOf('/admin/cases/[id]')!);
  const values = textValues(formData);
  const parsed = transitionSchema.safeParse(values);
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    await advanceCase(caseId, staff, parsed.data);
  } catch (err) {
    if (err instanceof OutsideCourtError) forbidden(); // another court's correction: 403, as for a missing capability
    if (err instanceof NotCaseHandlerError || err instanceof CaseNotFoundError) return { errors: [{ message: '该申请不由您所在单位办理' }] };
    if (err instanceof CaseTransitionError) return { errors: [{ message: '该申请的状态已变化，请刷新页面后再操作' }] };
    throw err;
  }
  revalidatePath(`/admin/cases/${caseId}`);
  return { ok: true, message: '已更新，申请人将在查询页面（及电子邮箱）收到通知。' };
}
