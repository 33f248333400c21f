'use server';

import {
  findEntriesForFeedback,
  recordFeedback,
  type FeedbackChoice,
  type FeedbackRefusedError,
} from '@/domain/sharing/feedback';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { auditStaff } from '@/domain/auth/staff-session';
import { staffAction } from '@/domain/http/form-actions';
import { errorsFromZod, type FormError, type FormState } from '@/lib/form-state';
import { feedbackSchema } from '@/lib/validation/sharing';

const REFUSALS = {
  not_department_officer: { message: '只有成员单位经办人可以报送惩戒措施实施情况' },
  entry_not_found: { field: 'entryUid', message: '未找到该名单信息' },
  measure_not_for_unit: { field: 'measureNo', message: '该项措施不由您所在单位实施（附件2）' },
  before_publication: { field: 'appliedOn', message: '实施日期不能早于该名单信息的发布日期' },
} as const satisfies Record<FeedbackRefusedError['code'], FormError>;

/** The form's state: when the lookup names several entries, they come back for the officer to choose one. */
export type FeedbackFormState = FormState & { choices?: FeedbackChoice[] };

export const recordFeedbackAction = staffAction({
  capability: capabilityOf('/admin/feedback')!,
  omit: ['chosenUid'],
  refusals: REFUSALS,
  revalidate: '/admin/feedback',
  run: async ({ staff, values, formData }): Promise<FeedbackFormState> => {
    // A choice among several matches names the entry by its uid.
    const chosen = formData.get('chosenUid');
    if (typeof chosen === 'string' && chosen.trim()) values.entryUid = chosen.trim();
    // The schema's errors and the lookup's are shown together, so the officer sees every problem at once.
    const parsed = feedbackSchema.safeParse(values);
    const errors = parsed.success ? [] : errorsFromZod(parsed.error);
    let entry: FeedbackChoice | undefined;
    let choices: FeedbackChoice[] | undefined;
    if (!errors.some((e) => e.field === 'entryUid')) {
      const found = await findEntriesForFeedback(values.entryUid ?? '');
      if ('message' in found) errors.unshift({ field: 'entryUid', message: found.message });
      else if (found.choices.length === 0) errors.unshift(REFUSALS.entry_not_found);
      else if (found.choices.length > 1) {
        choices = found.choices;
        const message = `找到 ${found.choices.length} 条名单信息，请在下方列表中选择一条`;
        errors.unshift({ field: 'entryUid', message });
      } else entry = found.choices[0];
    }
    if (errors.length || !parsed.success || !entry) return { errors, values, choices };

    await recordFeedback(staff, { ...parsed.data, entryUid: entry.uid });
    await auditStaff(staff, {
      action: 'feedback_recorded',
      objectType: 'entry',
      objectId: entry.uid,
      detail: { caseNo: entry.caseNo, measureNo: parsed.data.measureNo, appliedOn: parsed.data.appliedOn },
    });
    return {
      ok: true,
      message: `已报送：${entry.name}（${entry.caseNo}）第 ${parsed.data.measureNo} 项惩戒措施的实施情况，市信用办和市法院可以看到。`,
    };
  },
});
