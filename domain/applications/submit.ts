/**
 * One submission of a public application form, from FormData to a stored application:
 * honeypot, validation, the correction window, evidence files, rate limits, identifying the
 * entry, then submitApplication (all or nothing). Every refusal is a message; nothing is
 * stored for it.
 */
import 'server-only';
import type { z } from 'zod';
import {
  DepartmentNotForMeasuresError,
  findEntryForApplicant,
  submitApplication,
  type ReceiptFacts,
} from '@/domain/applications/cases';
import { CourtTakesNoRequestsError } from '@/domain/entries/courts';
import { courtContact, type Court } from '@/lib/courts';
import { dueDay, todayInChina } from '@/lib/clocks';
import { errorsFromZod, type FormState } from '@/lib/form-state';
import {
  correctionSchema,
  formFields,
  guaranteeSchema,
  objectionSchema,
  repairSchema,
} from '@/lib/validation/application';
import { readEvidence } from '@/domain/applications/evidence';
import { clientKey, consume, LIMITS } from '@/domain/http/rate-limit';
import { type ApplicationKind } from '@/lib/case-terms';

export type ApplyState = FormState & {
  submitted?: { trackingNo: string; accessCode: string; receipt: ReceiptFacts };
  /** A correction request after its 10-day window: the form explains the alternatives. */
  windowClosed?: { learnedOn: string; lastDay: string };
};

const SCHEMAS = {
  objection: objectionSchema,
  correction: correctionSchema,
  repair: repairSchema,
  guarantee: guaranteeSchema,
} as const;

/** What the court takes a request of this kind as, in the refusal's words. */
const COURT_REQUEST_WORDS: Partial<Record<ApplicationKind, string>> = {
  correction: '纠错申请',
  guarantee: '执行担保解除申请',
};
export const GUARANTEE_EVIDENCE_MISSING = '请上传执行担保的材料（如担保书、担保财产的权属证明），至少一份';
const ARRAYS = ['measureNos', 'departmentCodes'];

export const NO_MATCH = '未能核对到与所填案号、姓名和证件号码后四位一致的信息。请对照法院文书核对后重新填写。';
export const SAVE_FAILED =
  '系统暂时无法保存您的申请，没有保存任何内容。请稍后再次点击“提交”，页面上填写的内容（含已选择的文件）都还在。';

/** The refusal of a request to the court (correction, guarantee) about an entry of a court that takes none here. */
export function courtTakesNoRequests(court: Court, kind: ApplicationKind = 'correction'): string {
  const words = COURT_REQUEST_WORDS[kind] ?? '纠错申请';
  const ask = kind === 'guarantee' ? '申请解除惩戒措施' : '申请纠正';
  return `该信息由${court.name}列入名单，${court.name}暂未通过本平台受理${words}，没有保存任何内容。请直接向${courtContact(court)}${ask}。`;
}

export async function submitForm(kind: ApplicationKind, formData: FormData, headers: Headers): Promise<ApplyState> {
  const fields = formFields(formData, ARRAYS);
  const values = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
  // The honeypot: a field people never see; only bots fill it.
  if (values.website) return { errors: [{ message: '提交未成功，请刷新页面后重试。' }], values };
  const parsed = (SCHEMAS[kind] as z.ZodType).safeParse(fields);
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  const v = parsed.data as z.infer<typeof objectionSchema> & z.infer<typeof correctionSchema>;

  if (kind === 'correction') {
    const lastDay = dueDay(v.learnedOn, 'correctionWindowDays');
    if (todayInChina() > lastDay) return { windowClosed: { learnedOn: v.learnedOn, lastDay }, values };
  }
  const evidence = await readEvidence(formData.getAll('evidence'));
  if (!evidence.ok) return { errors: [{ field: 'evidence', message: evidence.message }], values };
  // A guarantee request is decided on the guarantee's documents: without them there is nothing to review.
  if (kind === 'guarantee' && evidence.files.length === 0) {
    return { errors: [{ field: 'evidence', message: GUARANTEE_EVIDENCE_MISSING }], values };
  }

  try {
    if (!(await consume(LIMITS.submitPerClient, clientKey(headers)))) {
      return { errors: [{ message: '提交过于频繁，请一小时后再试。' }], values };
    }
    const entryUid = await findEntryForApplicant(v, kind);
    if (!entryUid) return { errors: [{ field: 'caseNo', message: NO_MATCH }], values };
    const submitted = await submitApplication({
      kind,
      submissionToken: v.submissionToken,
      entryUid,
      applicantName: v.applicantName,
      phone: v.phone,
      email: v.email,
      statement: v.statement,
      learnedOn: kind === 'correction' ? v.learnedOn : undefined,
      measureNos: kind === 'objection' ? v.measureNos : undefined,
      departmentCodes: kind === 'objection' ? v.departmentCodes : undefined,
      files: evidence.files,
    });
    const { trackingNo, accessCode, receipt } = submitted;
    return { ok: true, submitted: { trackingNo, accessCode, receipt } };
  } catch (err) {
    if (err instanceof CourtTakesNoRequestsError) {
      return { errors: [{ field: 'caseNo', message: courtTakesNoRequests(err.court, kind) }], values };
    }
    if (err instanceof DepartmentNotForMeasuresError) {
      return { errors: [{ field: 'departmentCodes', message: '所选部门须实施所选的惩戒措施之一' }], values };
    }
    // The database failed mid-way: the transaction rolled back, nothing is half-written.
    console.error(`application submission failed: ${err instanceof Error ? err.message.split('\n')[0] : 'error'}`);
    return { errors: [{ message: SAVE_FAILED }], values };
  }
}
