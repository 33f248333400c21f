import { z } from 'zod';
import { FORMAT_CHARS_MESSAGE, hasFormatChars } from '@/lib/text/plain-text';
import {
  addProblem,
  isPlainObject,
  parseFields,
  TEXT_HINTS,
  toFieldErrors,
  type PathKey,
  type Problem,
} from './errors';
import type { ParseFailure } from './entry-push';

export type CheckSubject = { name?: string | undefined; idNumber?: string | undefined };

/**
 * # The bulk check request (POST /api/v1/check)
 *
 * `{ subjects: [{ name?, idNumber? }] }`, 1 to CHECK_LIMITS.apiSubjects items, each with a
 * name or an identifier (or both). Errors come as `{ field, code, message }` with the codes
 * of ./errors.ts (`subjects.3.name`, `subjects.3` when an item has neither field); nothing
 * submitted is echoed.
 */
export const CHECK_LIMITS = { apiSubjects: 1000, pageSubjects: 500, name: 100, idNumber: 64 } as const;

export const CHECK_FIELD_DOCS = {
  name: {
    label: '名称或姓名',
    description:
      `单位名称或自然人姓名，1 至 ${CHECK_LIMITS.name} ` +
      `个字符，首尾空白会被去除；${FORMAT_CHARS_MESSAGE}。按规范化后完全一致比对（繁简体、全半角、空格不影响），不做模糊或包含匹配。`,
  },
  idNumber: {
    label: '证件号码',
    description: `统一社会信用代码、组织机构代码或居民身份证号码，1 至 ${CHECK_LIMITS.idNumber} 个字符；大小写、空格、连字符、全角字符不影响。`,
  },
} as const;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `name`: plain text too, no invisible format characters (lib/text/plain-text.ts). */
function text(max: number, kind: 'name' | 'identifier') {
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      if (s.length === 0) addProblem(ctx, { path: [], code: 'required' });
      else if ([...s].length > max) addProblem(ctx, { path: [], code: 'too_long', params: { max } });
      else if (CONTROL.test(s))
        addProblem(ctx, { path: [], code: 'invalid_format', params: { hint: TEXT_HINTS.control } });
      else if (kind === 'name' && hasFormatChars(s))
        addProblem(ctx, { path: [], code: 'invalid_format', params: { hint: TEXT_HINTS.formatChars } });
    })
    .meta({ minLength: 1, maxLength: max });
}

const SUBJECT_SHAPE = {
  name: text(CHECK_LIMITS.name, 'name')
    .optional()
    .meta({ title: CHECK_FIELD_DOCS.name.label, description: CHECK_FIELD_DOCS.name.description }),
  idNumber: text(CHECK_LIMITS.idNumber, 'identifier')
    .optional()
    .meta({ title: CHECK_FIELD_DOCS.idNumber.label, description: CHECK_FIELD_DOCS.idNumber.description }),
};

/** One subject, as zod (the OpenAPI document; "name or idNumber" is added there by hand). */
export const checkSubjectSchema = z
  .strictObject(SUBJECT_SHAPE)
  .meta({ title: '核查对象', description: '至少填写名称或证件号码之一；两者都填时，两者都一致的匹配最强。' });

export const checkRequestSchema = z
  .strictObject({
    subjects: z
      .array(checkSubjectSchema)
      .min(1)
      .max(CHECK_LIMITS.apiSubjects)
      .meta({
        title: '核查对象列表',
        description: `1 至 ${CHECK_LIMITS.apiSubjects} 个核查对象，结果按同样的顺序返回。`,
      }),
  })
  .meta({ title: '批量核查' });

function label(path: readonly PathKey[]): string {
  if (path.length === 0) return '请求体';
  if (path[0] !== 'subjects') return `字段“${String(path[0])}”`;
  if (typeof path[1] !== 'number') return '核查对象列表';
  const item = `核查对象第 ${path[1] + 1} 项`;
  const key = path[2];
  if (key === undefined) return `${item}的名称或证件号码`;
  return key === 'name' || key === 'idNumber'
    ? `${item}的${CHECK_FIELD_DOCS[key].label}`
    : `${item}的字段“${String(key)}”`;
}

/** Problems of one subject (strict: unknown keys reported), or its value. */
export function parseCheckSubject(
  item: unknown,
  prefix: PathKey[],
): { ok: true; value: CheckSubject } | { ok: false; problems: Problem[] } {
  if (!isPlainObject(item))
    return { ok: false, problems: [{ path: prefix, code: 'invalid_type', params: { expected: '对象' } }] };
  const { values, problems } = parseFields(item, SUBJECT_SHAPE, prefix);
  if (problems.length === 0 && !values.name && !values.idNumber) problems.push({ path: prefix, code: 'required' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { ...(values.name ? { name: values.name } : {}), ...(values.idNumber ? { idNumber: values.idNumber } : {}) },
  };
}

/** Validates the body of POST /api/v1/check; every problem at once. */
export function parseCheckRequest(body: unknown): { ok: true; subjects: CheckSubject[] } | ParseFailure {
  const fail = (problems: Problem[]): ParseFailure => ({
    ok: false,
    errors: toFieldErrors(problems, label, ['subjects']),
  });
  if (!isPlainObject(body)) return fail([{ path: [], code: 'invalid_type', params: { expected: '对象' } }]);
  const { values, problems } = parseFields(body, {
    subjects: z.array(z.unknown()).min(1).max(CHECK_LIMITS.apiSubjects),
  });
  if (problems.length > 0 || !values.subjects) return fail(problems);
  const subjects: CheckSubject[] = [];
  values.subjects.forEach((item, i) => {
    const parsed = parseCheckSubject(item, ['subjects', i]);
    if (parsed.ok) subjects.push(parsed.value);
    else problems.push(...parsed.problems);
  });
  return problems.length > 0 ? fail(problems) : { ok: true, subjects };
}
