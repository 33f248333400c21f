'use server';

import { revalidatePath } from 'next/cache';
import { findEntryForFeedback, FeedbackRefusedError, recordFeedback } from '@/db/feedback';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/lib/auth/staff-session';
import { errorsFromZod, textValues, type FieldError, type FormState } from '@/lib/form-state';
import { feedbackSchema } from '@/lib/validation/sharing';

const REFUSALS: Record<FeedbackRefusedError['code'], FieldError> = {
  not_department_officer: { message: '只有成员单位经办人可以报送惩戒措施实施情况' },
  entry_not_found: { field: 'entryUid', message: '未找到该名单信息' },
  measure_not_for_unit: { field: 'measureNo', message: '该项措施不由您所在单位实施（附件2）' },
  before_publication: { field: 'appliedOn', message: '实施日期不能早于该名单信息的发布日期' },
};

export async function recordFeedbackAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const staff = await requireStaff(capabilityOf('/admin/feedback')!);
  const values = textValues(formData);
  const parsed = feedbackSchema.safeParse(values);
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  const found = await findEntryForFeedback(parsed.data.entryUid);
  if (found === 'ambiguous') return { errors: [{ field: 'entryUid', message: '该案号下有多名被执行人，请填写信息唯一标识' }], values };
  try {
    if (!found) throw new FeedbackRefusedError('entry_not_found', 'no entry for the query');
    await recordFeedback(staff, { ...parsed.data, entryUid: found.uid });
  } catch (err) {
    if (err instanceof FeedbackRefusedError) return { errors: [REFUSALS[err.code]], values };
    throw err;
  }
  revalidatePath('/admin/feedback');
  return { ok: true, message: '已报送，市信用办和市法院可以看到。' };
}
