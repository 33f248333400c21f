/**
 * The public application forms (异议申请, 纠错申请, 信用修复申请): one zod schema per form, Chinese
 * messages per field. Text is kept verbatim (only trimmed) and always rendered escaped.
 */
import { z } from 'zod';
import { todayInChina } from '@/lib/clocks';
import { FORMAT_CHARS_MESSAGE, hasFormatChars } from '@/lib/text/plain-text';
import { calendarDay } from './calendar-day';
import { DECLARATION_MISSING, STATEMENT_LABEL, STATEMENT_MAX } from './application-terms';

export const text = (label: string, max: number) =>
  z
    .string(`请填写${label}`)
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最长 ${max} 个字`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), `${label}含有无法识别的控制字符`);

/** A name: text, and plain text (no invisible format characters, lib/text/plain-text.ts). */
export const nameText = (label: string, max: number) =>
  text(label, max).refine((s) => !hasFormatChars(s), `${label}${FORMAT_CHARS_MESSAGE}`);

/** A calendar date no later than today (China Standard Time). */
export const day = (label: string) => calendarDay(label).refine((d) => d <= todayInChina(), `${label}不能晚于今天`);

/** Identifying the entry: case number + name + last 4 characters of the ID number or USCC. */
export const identificationShape = {
  caseNo: text('案号', 60),
  name: nameText('被执行人姓名或名称', 100),
  idLast4: z
    .string('请填写证件号码后四位')
    .trim()
    .regex(/^[0-9A-Za-z]{4}$/, '请填写身份证号码或统一社会信用代码的最后 4 位（数字或字母）'),
};

/** The one box of every form: what happened and why. */
const statement = text(STATEMENT_LABEL, STATEMENT_MAX);
/** The 承诺 checkbox: unticked (absent from the form data) is refused, whatever a client sends instead. */
const declaration = z.literal('yes', DECLARATION_MISSING);

const contactShape = {
  applicantName: nameText('申请人姓名', 50),
  phone: z
    .string('请填写联系电话')
    .trim()
    .regex(/^[0-9+\-() ]{7,20}$/, '请填写有效的联系电话（7 至 20 位数字，可含 + - 括号）'),
  email: z
    .string()
    .trim()
    .max(254, '电子邮箱过长')
    .pipe(z.union([z.literal(''), z.email('请填写有效的电子邮箱，或留空')]))
    .transform((v) => v || undefined),
  submissionToken: z.uuid('表单已失效，请刷新页面后重新填写'),
  declaration,
};

export const objectionSchema = z.object({
  ...identificationShape,
  measureNos: z
    .array(z.coerce.number().int().min(1).max(41), '请选择惩戒措施')
    .min(1, '请至少选择一项惩戒措施')
    .max(41),
  departmentCodes: z.array(z.string().max(50), '请选择实施部门').min(1, '请至少选择一个实施该措施的部门').max(60),
  statement,
  ...contactShape,
});

export const correctionSchema = z.object({
  ...identificationShape,
  learnedOn: day('知晓纳入决定的日期'),
  statement,
  ...contactShape,
});

/** 执行担保解除申请: the guarantee's documents are the evidence files (at least one, checked in submit.ts). */
export const guaranteeSchema = z.object({
  ...identificationShape,
  statement,
  ...contactShape,
});

export const repairSchema = z.object({
  ...identificationShape,
  statement,
  ...contactShape,
});

/** FormData → plain object: repeated fields (checkboxes) as arrays, files left out. */
export function formFields(formData: FormData, arrays: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$')) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = arrays.includes(key) ? values : values[0];
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

/**
 * The case number and name an entry page's link carries into a form (?caseNo=&name=): cut to the fields' lengths,
 * shown only as the fields' first values (the applicant checks and submits them like anything typed).
 */
export function applicationPrefill(query: Record<string, string | string[] | undefined>): Record<string, string> {
  const one = (k: string, max: number) => {
    const v = query[k];
    return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, max) ?? '';
  };
  const prefill = { caseNo: one('caseNo', 60), name: one('name', 100) };
  return Object.fromEntries(Object.entries(prefill).filter(([, v]) => v));
}
