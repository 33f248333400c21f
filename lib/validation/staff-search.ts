/**
 * The staff search (issue 11 part 5): what the search page's URL may carry, and what a
 * query means. Staff are signed in and may look a person up by full ID number (the public
 * site may not, lib/disclosure.ts): every identifier is matched exactly, never by substring.
 */
import { z } from 'zod';
import {
  isLegacyResidentId,
  isValidOrgCode,
  isValidResidentId,
  isValidUscc,
  normalizeIdentifierInput,
  USCC_CHARSET,
} from '@/lib/identifiers';
import { MAX_QUERY_CHARS, MIN_QUERY_CHARS } from '@/lib/search/limits';
import { hasFormatChars } from '@/lib/text/plain-text';
import { nameBigrams, normalizeCaseNo, normalizeText } from '@/lib/normalize';
import { calendarDay } from './calendar-day';
import { DISPLAY_STATUSES } from '@/lib/entry-input';

export const STAFF_PAGE_SIZE = 50;

export const STAFF_QUERY_MESSAGES = {
  too_long: `查询内容不能超过 ${MAX_QUERY_CHARS} 个字符`,
  too_short: `按姓名（名称）查找时请至少输入 ${MIN_QUERY_CHARS} 个字`,
  control: '查询内容含有无法识别的控制字符或不可见字符，请重新输入',
  bad_resident_id: '这不是有效的身份证号码（校验位或出生日期不符），请核对后重新输入',
  bad_uscc: '这不是有效的统一社会信用代码（校验位不符），请核对后重新输入',
} as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The staff search page's query parameters (`/admin/entries?q=…&status=…&page=…`). */
export const staffSearchSchema = z
  .object({
    q: z.string().max(MAX_QUERY_CHARS, { message: STAFF_QUERY_MESSAGES.too_long }).default(''),
    status: z.preprocess(emptyToUndefined, z.enum(DISPLAY_STATUSES, { message: '状态筛选条件无效' }).optional()),
    court: z.preprocess(emptyToUndefined, z.string().max(100, { message: '执行法院名称过长' }).optional()),
    disclosure: z.preprocess(
      emptyToUndefined,
      z.enum(['public', 'restricted'], { message: '公开方式筛选条件无效' }).optional(),
    ),
    publishedFrom: z.preprocess(emptyToUndefined, calendarDay('发布日期（起）').optional()),
    publishedTo: z.preprocess(emptyToUndefined, calendarDay('发布日期（止）').optional()),
    page: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: '页码应为数字' })
        .int({ message: '页码应为整数' })
        .min(1, { message: '页码应从 1 开始' })
        .max(100_000, { message: '页码过大' })
        .default(1),
    ),
  })
  .refine((p) => !p.publishedFrom || !p.publishedTo || p.publishedFrom <= p.publishedTo, {
    message: '发布日期（起）不能晚于发布日期（止）',
    path: ['publishedTo'],
  });

export type StaffSearch = z.infer<typeof staffSearchSchema>;
export const STAFF_SEARCH_KEYS = [
  'q',
  'status',
  'court',
  'disclosure',
  'publishedFrom',
  'publishedTo',
  'page',
] as const;

/** Reads the first value of each known key; unknown keys are ignored. */
export function parseStaffSearch(input: Record<string, string | string[] | undefined>) {
  const first = (k: string) => {
    const v = input[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return staffSearchSchema.safeParse(Object.fromEntries(STAFF_SEARCH_KEYS.map((k) => [k, first(k)])));
}

/** Whether any filter (other than the query) is set. */
export function hasFilters(p: Partial<StaffSearch>): boolean {
  return Boolean(p.status || p.court || p.disclosure || p.publishedFrom || p.publishedTo);
}

/**
 * What a staff query can mean, each matched exactly except the name: the uid as typed, the
 * normalised case number, the normalised identifier (resident ID, USCC, organisation code,
 * other documents), an application's tracking number, and the name (substring, 2+ chars).
 */
export type StaffQuery = {
  uid: string;
  caseNo: string;
  identifier: string | null;
  trackingNo: string | null;
  name: string | null;
  nameGrams: string[];
};

const USCC_SHAPE = new RegExp(`^[${USCC_CHARSET}]{2}\\d{6}[${USCC_CHARSET}]{10}$`);
const TRACKING_NO = /^SQ\d{8}[0-9A-Z]{6}$/;

/** Classifies a staff query, or says in Chinese why it cannot be searched. */
export function classifyStaffQuery(raw: string): { ok: true; query: StaffQuery } | { ok: false; message: string } {
  const q = raw.trim();
  if ([...q].length > MAX_QUERY_CHARS) return { ok: false, message: STAFF_QUERY_MESSAGES.too_long };

  if (/[\u0000-\u001f\u007f-\u009f]/.test(q) || hasFormatChars(q))
    return { ok: false, message: STAFF_QUERY_MESSAGES.control };
  const id = normalizeIdentifierInput(q);
  // An 18-character number of ID shape must be a valid resident ID or a valid USCC; one of
  // USCC shape with letters, a valid USCC: a mistyped number would otherwise just read 未找到.
  if (/^\d{17}[\dX]$/.test(id)) {
    if (!isValidResidentId(id) && !isValidUscc(id)) return { ok: false, message: STAFF_QUERY_MESSAGES.bad_resident_id };
  } else if (/[A-Z]/.test(id) && USCC_SHAPE.test(id) && !isValidUscc(id)) {
    return { ok: false, message: STAFF_QUERY_MESSAGES.bad_uscc };
  }
  const identifierShaped = /^[0-9A-Z]{6,30}$/.test(id) && /\d/.test(id);
  const name = normalizeText(q);
  const nameUsable = [...name].length >= MIN_QUERY_CHARS;
  const isIdentifier =
    identifierShaped && (isValidResidentId(id) || isLegacyResidentId(id) || isValidUscc(id) || isValidOrgCode(id));
  // A case number ((2024)苏0583执1234号) is no name: its common grams ((2, 20, 执…) would only cost time.
  const caseNo = normalizeCaseNo(q);
  const isCaseNo = /^\(\d{4}\)/.test(caseNo);
  const byName = nameUsable && !isIdentifier && !isCaseNo;
  if (q.length > 0 && !nameUsable && !identifierShaped) return { ok: false, message: STAFF_QUERY_MESSAGES.too_short };
  return {
    ok: true,
    query: {
      uid: q,
      caseNo,
      identifier: identifierShaped ? id : null,
      trackingNo: TRACKING_NO.test(id) ? id : null,
      // A valid identifier or a case number is not also looked for inside names.
      name: byName ? name : null,
      nameGrams: byName ? nameBigrams(q) : [],
    },
  };
}
