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
    decision: z.enum(['upheld', 'partly_upheld', 'rejected', 'revoke_entry', 'amend_entry'], '请选择决定'),
    decisionText: z.string('请填写决定理由').trim().min(1, '请填写决定理由').max(5000, '决定理由最长 5000 字'),
    liftedMeasureNos: z.array(z.coerce.number().int().min(1).max(41)).max(41).default([]),
  }),
]);

export async function advanceCaseAction(caseId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(capabilityOf('/admin/cases/[id]')!);
  const values = textValues(formData);
  const parsed = transitionSchema.safeParse({ ...values, liftedMeasureNos: formData.getAll('liftedMeasureNos').map(String) });
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    await advanceCase(caseId, staff, parsed.data);
  } catch (err) {
    if (err instanceof OutsideCourtError) forbidden(); // another court's correction: 403, as for a missing capability
    if (err instanceof NotCaseHandlerError || err instanceof CaseNotFoundError) return { errors: [{ message: '该申请不由您所在单位办理' }] };
    if (err instanceof CaseTransitionError) {
      // A part of the measures, not all and not none: said where the boxes are.
      if (parsed.data.to === 'decided' && parsed.data.decision === 'partly_upheld') {
        return { errors: [{ field: 'liftedMeasureNos', message: '“部分成立”须勾选要解除的惩戒措施（至少一项，且不是全部）' }], values };
      }
      return { errors: [{ message: '该申请的状态已变化，或所选决定不适用于该类申请，请刷新页面后再操作' }] };
    }
    throw err;
  }
  revalidatePath(`/admin/cases/${caseId}`);
  const done = parsed.data.to === 'decided' ? '已作出决定' : parsed.data.to === 'accepted' ? '已受理' : parsed.data.to === 'under_review' ? '已开始审查' : '已办结';
  return { ok: true, message: `${done}，申请人将在查询页面（及电子邮箱）收到通知。` };
}
