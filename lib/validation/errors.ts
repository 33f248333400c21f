import type { z } from 'zod';
import { FORMAT_CHARS_MESSAGE } from '@/lib/text/plain-text';

/**
 * # Validation errors at the API boundary (design rule 8)
 *
 * Every rejected field is reported as `{ field, code, message }`:
 *
 * - `field`: dotted path into the request body (`name`, `otherIds.0.number`,
 *   `circumstances.2`); `''` is the body itself.
 * - `code`: one of the FIXED set below. Machines branch on it; it never changes meaning.
 * - `message`: Chinese, for people, naming the field by its Attachment 1 label
 *   (`身份证号码/组织机构代码：校验位不正确`).
 *
 * Messages are built only from labels, limits, allowed values and field names: never
 * from the submitted value, so no ID number (or anything else sent) is echoed back or
 * reaches a log through an error.
 */
export const ERROR_CODES = {
  required: {
    template: '{label}：必须填写',
    description: 'A required field is missing, null or blank (for a field required by the subject type too).',
  },
  invalid_type: {
    template: '{label}：类型不正确，应为{expected}',
    description: 'The JSON type is wrong (e.g. a number where text is expected, or a non-integer age).',
  },
  invalid_enum: {
    template: '{label}：取值无效，应为 {options} 之一',
    description: 'The value is not one of the allowed values.',
  },
  too_short: {
    template: '{label}：至少需要 {min} {unit}',
    description: 'Fewer items (or characters) than the minimum.',
  },
  too_long: {
    template: '{label}：不能超过 {max} 个字符',
    description: 'Text longer than the maximum, counted in characters (Unicode code points) after trimming.',
  },
  invalid_format: {
    template: '{label}：格式不正确{hint}',
    description:
      'The text does not have the required shape (pattern, date format, control characters, invisible format' +
      ' characters in a name, range).',
  },
  invalid_date: {
    template: '{label}：不是真实存在的日期或时间',
    description: 'Well-formed but impossible date or time, e.g. 2024-02-30 or 25:00.',
  },
  date_order: {
    template: '{label}：不得{relation}{other}',
    description: 'Two dates are in the wrong order (e.g. 立案时间 after 发布时间).',
  },
  future_date: {
    template: '{label}：不得晚于当前时间',
    description: 'A date that must not lie in the future does (5 minutes of clock skew are tolerated).',
  },
  invalid_checksum: {
    template: '{label}：校验位不正确',
    description:
      'Check character wrong: resident ID (GB 11643, ISO 7064 MOD 11-2), USCC (GB 32100) or organisation code' +
      ' (GB 11714).',
  },
  minor: {
    template: '{label}：被执行人未满 18 周岁，未成年人不得纳入失信被执行人名单',
    description: "A natural person under 18 at 发布时间, by the ID number's birth date or by the stated age.",
  },
  id_mismatch: {
    template: '{label}：与{other}中的{what}不符{hint}',
    description:
      "The stated age or gender contradicts an 18-digit resident ID number: age ±1 of the age at 发布时间 by the ID's" +
      ' birth date, gender by its 17th digit (odd 男, even 女). Reported on age or gender, naming 身份证号码.',
  },
  unknown_field: {
    template: '{label}：不是可接受的字段，请删除或检查拼写',
    description: 'A field the API does not know; it is reported, never silently dropped.',
  },
  uid_mismatch: {
    template: '{label}：与请求路径中的信息唯一标识不一致',
    description: 'The uid in the body differs from the uid in the URL path.',
  },
  not_applicable: {
    template: '{label}：{subject}不应填写此项',
    description: 'A person-only field sent for an organisation, or an organisation-only field sent for a person.',
  },
  unknown_court: {
    template: '{label}：不在本平台法院名录中，应为 {options} 之一（可填写全称或名录中的别称）',
    description:
      "The court (执行法院) is not in the platform's court directory; an alias in the directory is accepted and stored" +
      ' under the canonical name.',
  },
  too_many: {
    template: '{label}：不能超过 {max} 项',
    description: 'A list has more items than allowed.',
  },
  // The version codes are decided when saving, against the stored version (saveEntry), not by the parser.
  stale_version: {
    template: '{label}：早于平台已保存版本的更新时间，这是旧版本，未予保存',
    description:
      "updatedAt is older than the stored version's: an older version arriving late; nothing is changed (409).",
  },
  version_conflict: {
    template: '{label}：与平台已保存版本的更新时间相同而内容不同，未予保存（内容有变化时更新时间也应更新）',
    description: "updatedAt equals the stored version's but the content differs: one version names one content (409).",
  },
  version_required: {
    template: '{label}：该信息已保存的版本带有更新时间，须填写更新时间才能判断新旧，未予保存',
    description: 'No updatedAt, but the stored version has one, so the push cannot be ordered against it (409).',
  },
} as const satisfies Record<string, { template: string; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** `invalid_format` hints of text fields, shared by every API that takes text. */
export const TEXT_HINTS = {
  control: '（不能包含控制字符）',
  /** Names: bidi controls, zero-width characters, soft hyphens (lib/text/plain-text.ts). */
  formatChars: `，${FORMAT_CHARS_MESSAGE}`,
} as const;

export type FieldError = { field: string; code: ErrorCode; message: string };

export type PathKey = string | number;
export type MessageParams = Record<string, string | number>;

/** A problem before it is given its label and message. */
export type Problem = { path: PathKey[]; code: ErrorCode; params?: MessageParams };

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** Fills an ERROR_CODES template; a missing parameter renders as nothing. */
export function renderMessage(code: ErrorCode, label: string, params: MessageParams = {}): string {
  return ERROR_CODES[code].template.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name === 'label' ? label : Object.hasOwn(params, name) ? String(params[name]) : '',
  );
}

/**
 * How a field name the client sent is shown back (unknown fields): control characters
 * removed, at most 64 characters, and every run of 6 or more digits starred, so that
 * an ID number sent as a key is not echoed either.
 */
export function displayKey(key: string): string {
  let k = key.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  if ([...k].length > 64) k = `${[...k].slice(0, 64).join('')}…`;
  return k.replace(/\d{6,}/g, (run) => '*'.repeat(run.length));
}

const EXPECTED_TYPE: Record<string, string> = {
  string: '文本（字符串）',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  array: '数组（列表）',
  object: '对象',
  date: '日期',
};

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Blank means absent: undefined, null, or a string of only whitespace. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (Array.isArray(v) && typeof key === 'number') v = v[key];
    else if (isPlainObject(v) && typeof key === 'string' && Object.hasOwn(v, key)) v = v[key];
    else return undefined;
  }
  return v;
}

export function quoteOptions(values: readonly unknown[]): string {
  return values.map((v) => `“${String(v)}”`).join('、');
}

/**
 * One zod issue → problems with stable codes. `input` is the value the schema was run on
 * (to tell a missing value from a wrong one); `prefix` is prepended to the issue's path.
 * Custom issues carry their code in `params.code` (and message parameters beside it).
 */
export function problemsFromZodIssue(issue: z.core.$ZodIssue, input: unknown, prefix: PathKey[] = []): Problem[] {
  const rel = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
  const path = [...prefix, ...rel];
  const raw = valueAt(input, rel);
  switch (issue.code) {
    case 'invalid_type':
      if (raw === undefined || raw === null) return [{ path, code: 'required' }];
      return [{ path, code: 'invalid_type', params: { expected: EXPECTED_TYPE[issue.expected] ?? issue.expected } }];
    case 'invalid_value':
      if (isBlank(raw)) return [{ path, code: 'required' }];
      return [{ path, code: 'invalid_enum', params: { options: quoteOptions(issue.values) } }];
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') {
        return [{ path, code: 'too_short', params: { min: Number(issue.minimum), unit: '项' } }];
      }
      if (issue.origin === 'string') {
        return [{ path, code: 'too_short', params: { min: Number(issue.minimum), unit: '个字符' } }];
      }
      return [{ path, code: 'invalid_format' }];
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') {
        return [{ path, code: 'too_many', params: { max: Number(issue.maximum) } }];
      }
      if (issue.origin === 'string') return [{ path, code: 'too_long', params: { max: Number(issue.maximum) } }];
      return [{ path, code: 'invalid_format' }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, displayKey(key)], code: 'unknown_field' as const }));
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code?: unknown } & MessageParams;
      return [{ path, code: isErrorCode(code) ? code : 'invalid_format', params }];
    }
    default:
      // invalid_format (regex, ISO formats), invalid_union, invalid_key, invalid_element, not_multiple_of
      return [{ path, code: 'invalid_format' }];
  }
}

/** Adds a problem to a zod refinement context as a custom issue carrying its code. */
export function addProblem(ctx: { addIssue: (issue: z.core.$ZodSuperRefineIssue) => void }, problem: Problem) {
  ctx.addIssue({
    code: 'custom',
    path: problem.path,
    message: problem.code,
    params: { ...problem.params, code: problem.code },
  });
}

export type FieldShape = Record<string, z.ZodType>;
export type FieldValues<S extends FieldShape> = { [K in keyof S]?: z.output<S[K]> };

/**
 * Parses a strict object field by field, so that every field's errors are found at once
 * (zod skips an object's refinements once a field fails). Unknown keys are one
 * `unknown_field` problem each. Returns the values of the fields that passed and the
 * set of fields that failed; the caller adds its cross-field checks and labels.
 */
export function parseFields<S extends FieldShape>(
  body: Record<string, unknown>,
  shape: S,
  prefix: PathKey[] = [],
): { values: FieldValues<S>; failed: Set<keyof S & string>; problems: Problem[] } {
  const values: Record<string, unknown> = {};
  const failed = new Set<keyof S & string>();
  const problems: Problem[] = [];
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(shape, key)) problems.push({ path: [...prefix, displayKey(key)], code: 'unknown_field' });
  }
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    const input = Object.hasOwn(body, key) ? body[key] : undefined;
    const result = shape[key]!.safeParse(input);
    if (result.success) {
      if (result.data !== undefined) values[key] = result.data;
    } else {
      failed.add(key);
      for (const issue of result.error.issues) problems.push(...problemsFromZodIssue(issue, input, [...prefix, key]));
    }
  }
  return { values: values as FieldValues<S>, failed, problems };
}

/**
 * Problems → field errors: labelled, in the order of `fieldOrder` (unknown fields last),
 * one error per field and code.
 */
export function toFieldErrors(
  problems: Problem[],
  labelFor: (path: PathKey[]) => string,
  fieldOrder: readonly string[] = [],
): FieldError[] {
  const rank = (p: Problem) => {
    const i = fieldOrder.indexOf(String(p.path[0] ?? ''));
    return i === -1 ? (p.path.length === 0 ? -1 : fieldOrder.length) : i;
  };
  const seen = new Set<string>();
  const out: FieldError[] = [];
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
  for (const p of sorted) {
    const field = p.path.join('.');
    const id = `${field}\u0000${p.code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const label = p.code === 'unknown_field' ? unknownFieldLabel(p.path, labelFor) : labelFor(p.path);
    out.push({ field, code: p.code, message: renderMessage(p.code, label, p.params) });
  }
  return out;
}

function unknownFieldLabel(path: PathKey[], labelFor: (path: PathKey[]) => string): string {
  // the path already holds the key in its display form (displayKey)
  const key = `字段“${String(path[path.length - 1] ?? '')}”`;
  return path.length > 1 ? `${labelFor(path.slice(0, -1))}中的${key}` : key;
}
