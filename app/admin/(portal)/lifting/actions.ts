'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { decideLifting, LiftingAlreadyDecidedError, LiftingTaskNotFoundError, NotLiftingUnitError } from '@/db/lifting';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/lib/auth/staff-session';
import { formatDate } from '@/lib/format';
import { errorsFromZod, textValues, type FormState } from '@/lib/form-state';
import { liftingDecisionSchema } from '@/lib/validation/sharing';

const taskIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function decideLiftingAction(taskId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(capabilityOf('/admin/lifting')!);
  const values = textValues(formData);
  const parsed = liftingDecisionSchema.safeParse(values);
  if (!taskIdSchema.safeParse(taskId).success) return { errors: [{ message: '未找到该任务' }] };
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    await decideLifting(taskId, staff, parsed.data);
  } catch (err) {
    if (err instanceof LiftingTaskNotFoundError || err instanceof NotLiftingUnitError) return { errors: [{ message: '该任务不由您所在单位确认' }] };
    if (err instanceof LiftingAlreadyDecidedError) return { errors: [{ message: '该任务已经确认过，请刷新页面' }] };
    throw err;
  }
  revalidatePath('/admin/lifting');
  return { ok: true, message: parsed.data.outcome === 'lifted' ? '已确认解除惩戒措施。' : `已登记继续保留，期限至 ${formatDate(parsed.data.until)}。` };
}
