'use server';

import {
  addCaseNote,
  advanceCase,
  CaseTransitionError,
  decisionLabel,
  forwardToCourt,
  materialDueOn,
  type Transition,
} from '@/domain/applications/cases';
import type { Case } from '@/db/schema';
import { readDecisionDocument } from '@/domain/applications/evidence';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { auditStaff } from '@/domain/auth/staff-session';
import { staffAction } from '@/domain/http/form-actions';
import { formatDate, formatDueDay } from '@/lib/format';
import { caseForwardSchema, caseNoteSchema, caseStepSchema, type CaseStep } from '@/lib/validation/case';
import { refusalLabel } from '@/lib/case-terms';
import { courtContact } from '@/lib/courts';
import { CourtTakesNoRequestsError } from '@/domain/entries/courts';
import { APPLICATION_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/labels';

/** What the staff member is told after a step: what happened, and what comes next. */
function stepMessage(step: CaseStep, c: Case, kind: keyof typeof APPLICATION_KIND_LABELS): string {
  const told =
    c.status === 'refused' || c.status === 'decided' || c.status === 'awaiting_material'
      ? '申请人已收到通知（查询页面，留有电子邮箱的同时发送邮件）。'
      : '申请人已收到通知。';
  switch (step.to) {
    case 'accepted':
      return `已受理。下一步：审查后作出决定（${formatDueDay(c.dueOn)}），也可先点“开始审查”，材料不全时可要求补正。${told}`;
    case 'under_review':
      return `已开始审查。下一步：作出决定（${formatDueDay(c.dueOn)}）。${told}`;
    case 'awaiting_material':
      return (
        `已要求补正，办理期限自今日起暂停计算。申请人应于 ` +
        `${formatDate(materialDueOn(c.pausedOn!))}（含当日）前补正；补正后案件回` +
        `到“${CASE_STATUS_LABELS[c.pausedFrom ?? 'submitted']}”，期限顺延。${told}`
      );
    case 'refused':
      return `已决定不予受理（${refusalLabel(step.refusalReason)}），本案办理终结。${told}`;
    case 'decided':
      return `已作出决定：${decisionLabel(kind, step.decision, c.handler)}。下一步：决定书送达后点“办结”归档。${told}`;
    case 'closed':
      return '已办结，本案归档。';
  }
}

const AUDIT_ACTION = {
  decided: 'case_decided',
  refused: 'case_refused',
  awaiting_material: 'case_material_requested',
} as const;

const CAPABILITY = capabilityOf('/admin/cases/[id]')!;
const casePage = (caseId: number) => `/admin/cases/${caseId}`;

export const advanceCaseAction = staffAction({
  capability: CAPABILITY,
  input: (values, formData) => ({ ...values, liftedMeasureNos: formData.getAll('liftedMeasureNos').map(String) }),
  schema: caseStepSchema,
  // 不予受理's written reasons sit in their own field (the decision form has a decisionText too).
  fieldOf: (field, values) => (values.to === 'refused' && field === 'decisionText' ? 'refuseText' : field),
  // A decision and 不予受理 end the case: asked twice (ConfirmSubmit).
  confirm: (step) => step.to === 'decided' || step.to === 'refused',
  refusals: {
    not_case_handler: '该申请不由您所在单位办理',
    case_not_found: '该申请不由您所在单位办理',
    case_transition:
      '该申请的状态已变化（可能已由他人办理），或所选决定不适用于该类申请。请刷新页面查看当前状态后再操作。',
  },
  revalidate: casePage,
  run: async ({ staff, input: step, formData }, caseId: number) => {
    const transition: Transition = { ...step };
    if (step.to === 'decided') {
      const doc = await readDecisionDocument(formData.get('document'), true);
      if (!doc.ok) return { errors: [{ field: 'document', message: doc.message }] };
      transition.document = doc.file ?? undefined;
    }
    let updated: Awaited<ReturnType<typeof advanceCase>>;
    try {
      updated = await advanceCase(caseId, staff, transition);
    } catch (err) {
      // A part of the measures, not all and not none: said where the boxes are.
      if (err instanceof CaseTransitionError && step.to === 'decided' && step.decision === 'partly_upheld') {
        const message = '“部分成立”须勾选要解除的惩戒措施（至少一项，且不是全部）';
        return { errors: [{ field: 'liftedMeasureNos', message }] };
      }
      throw err;
    }
    await auditStaff(staff, {
      action: step.to in AUDIT_ACTION ? AUDIT_ACTION[step.to as keyof typeof AUDIT_ACTION] : 'case_step',
      objectType: 'case',
      objectId: String(caseId),
      detail: {
        step: step.to,
        ...(step.to === 'decided'
          ? {
              decision: step.decision,
              document: transition.document?.fileName ?? null,
              liftedMeasureNos: updated.liftedMeasureNos,
            }
          : {}),
        ...(step.to === 'refused' ? { reason: step.refusalReason } : {}),
      },
    });
    return { ok: true, message: stepMessage(step, updated, updated.kind) };
  },
});

export const addCaseNoteAction = staffAction({
  capability: CAPABILITY,
  schema: caseNoteSchema,
  refusals: {
    not_case_handler: '您不能在该申请上添加内部意见',
    case_not_found: '您不能在该申请上添加内部意见',
  },
  revalidate: casePage,
  run: async ({ staff, input }, caseId: number) => {
    const note = await addCaseNote(caseId, staff, input.body);
    await auditStaff(staff, {
      action: 'case_note',
      objectType: 'case',
      objectId: String(caseId),
      detail: { noteId: note.id },
    });
    return { ok: true, message: '内部意见已保存，仅工作人员可见，申请人看不到。' };
  },
});

/**
 * 转交法院审查 (二(四)): the department forwards the request to the entry's court and no longer decides it; asked twice.
 */
export const forwardCaseAction = staffAction({
  capability: CAPABILITY,
  schema: caseForwardSchema,
  confirm: true,
  refusals: {
    not_case_handler: '该申请不由您所在单位办理',
    case_not_found: '该申请不由您所在单位办理',
    case_transition: '该申请的状态已变化（可能已由他人办理或已转交），请刷新页面查看当前状态后再操作。',
  },
  revalidate: casePage,
  run: async ({ staff, input }, caseId: number) => {
    let forwarded: Awaited<ReturnType<typeof forwardToCourt>>;
    try {
      forwarded = await forwardToCourt(caseId, staff, input);
    } catch (err) {
      if (err instanceof CourtTakesNoRequestsError) {
        const message = `${err.court.name}暂未通过本平台受理申请，未转交。请告知申请人直接向${courtContact(err.court)}提出。`;
        return { errors: [{ message }] };
      }
      throw err;
    }
    await auditStaff(staff, {
      action: 'case_forwarded',
      objectType: 'case',
      objectId: String(caseId),
      detail: { from: forwarded.forwardedFrom, court: forwarded.court },
    });
    return {
      ok: true,
      message:
        `已转交${forwarded.court}审查决定（${formatDueDay(forwarded.dueOn)}），本单位不再办理；` +
        '申请人已收到通知。法院决定解除的，本单位会收到解除任务。',
    };
  },
});
