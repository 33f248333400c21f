import { z } from 'zod';
import {
  DISCLOSURES,
  GENDERS,
  REMOVAL_KINDS,
  SEVERITIES,
  SUBJECT_TYPES,
  type RemovalKind,
  type SubjectType,
} from '@/lib/entry-input';
import {
  ageAt,
  isLegacyResidentId,
  isValidOrgCode,
  isValidResidentId,
  isValidUscc,
  normalizeIdentifierInput,
  residentIdCheckChar,
  residentIdGender,
} from '@/lib/identifiers';
import { hasFormatChars } from '@/lib/text/plain-text';
import { ENTRY_PUSH_FIELDS, FIELD_DOCS, type EntryPushField, type FieldDoc } from '@/lib/entry-fields';
import { CST_OFFSET_MS, cstDate } from '@/lib/cst';
import { isRealDate } from '@/lib/calendar';
import { SPC_GROUNDS, type SpcGround } from '@/lib/removal-grounds';
import {
  addProblem,
  isBlank,
  isPlainObject,
  parseFields,
  quoteOptions,
  renderMessage,
  TEXT_HINTS,
  toFieldErrors,
  type FieldError,
  type FieldValues,
  type PathKey,
  type Problem,
} from './errors';
import { SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { resolveCourt, type CourtDirectory } from '@/lib/courts';

/**
 * # The court's push API: validation of an entry, a batch and a revocation
 *
 * `parseEntryPush` turns a JSON body (PUT /api/v1/court/entries/{uid}, or one item of
 * POST …/batch) into an `EntryInput`, or into the list of every field error at once:
 * `{ field, code, message }` with a code from `ERROR_CODES` (./errors.ts) and a Chinese
 * message naming the field by its Attachment 1 label. Nothing submitted is ever echoed
 * in a message (design rule 5: no full ID number in a response or a log).
 *
 * `entryPushSchema` is the same rules as one zod schema, carrying each field's label and
 * description for the OpenAPI document (`z.toJSONSchema(entryPushSchema, { io: 'input' })`):
 * a discriminated union on subjectType of one variant per subject type, each derived from
 * `ENTRY_PUSH_SHAPE` and `SUBJECT_TYPE_RULES`. It is built from the same field schemas and
 * the same cross-field check, but zod skips an object's refinements once a field fails, so
 * it reports cross-field errors (minors, date order, check characters) only when every
 * field passes on its own. Routes use `parseEntryPush`, which reports everything in one
 * response. `EntryInput`, what both output, is derived from the field schemas' output.
 */

// ---------------------------------------------------------------------------
// Limits and shared pieces
// ---------------------------------------------------------------------------

export const UID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Maximum lengths, in characters (Unicode code points) after trimming. */
export const LIMITS = {
  caseNo: 64,
  name: 100,
  idNumber: 64,
  otherIdsItems: 10,
  otherIdType: 20,
  otherIdNumber: 40,
  legalRepresentative: 50,
  court: 100,
  regionId: 20,
  regionName: 100,
  basisDocNo: 100,
  basisIssuer: 100,
  duty: 2000,
  performance: 500,
  circumstancesItems: 10,
  circumstance: 200,
  performedPart: 200,
  unperformedPart: 200,
  revocationNote: 500,
  batchItems: 1000,
} as const;

export const MIN_AGE = 18;
export const MAX_AGE = 150;
/** Clock skew tolerated between the court's servers and ours for "not in the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;

const HINT = {
  uid: '（只能包含字母、数字、下划线和连字符，1 至 64 位）',
  pathUid: '（请求路径中的信息唯一标识只能包含字母、数字、下划线和连字符，1 至 64 位）',
  residentId: '（自然人应为 18 位居民身份证号码或 15 位旧号码）',
  birthDate: '（号码中的出生日期无效）',
  orgId: '（法人及其他组织应为 18 位统一社会信用代码或 9 位组织机构代码）',
  dateTime: '（应为带时区的 ISO 8601 日期时间，如 2024-05-01T09:30:00+08:00）',
  dateTimeOrDate: '（应为带时区的 ISO 8601 日期时间，如 2024-05-01T09:30:00+08:00，或日期，如 2024-05-01）',
  date: '（应为 YYYY-MM-DD，如 2024-05-01）',
  age: `（应为 ${MIN_AGE} 至 ${MAX_AGE} 之间的整数）`,
  anyId: '（应为居民身份证号码、统一社会信用代码或组织机构代码）',
} as const;

const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
/** Single-line text: no C0/C1 control characters at all (Postgres also refuses NUL). */
const SINGLE_LINE_FORBIDDEN = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f]|${LONE_SURROGATE}`);
/** Multi-line text: tab, line feed and carriage return allowed. */
const MULTI_LINE_FORBIDDEN = new RegExp(
  `[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]|${LONE_SURROGATE}`,
);

/** Length in code points, without building an array for hopelessly long input. */
function exceeds(s: string, max: number): boolean {
  if (s.length <= max) return false;
  if (s.length > 2 * max) return true;
  let n = 0;
  for (const _ of s) if (++n > max) return true;
  return false;
}

type RefineCtx = z.core.$RefinementCtx<string>;

/**
 * `line`: single-line text; `lines`: tab and line breaks allowed; `name`: single-line and
 * plain text, no invisible format characters either (lib/text/plain-text.ts).
 */
type TextKind = 'line' | 'lines' | 'name';

function checkText(s: string, ctx: RefineCtx, max: number, required: boolean, kind: TextKind) {
  if (s.length === 0) {
    if (required) addProblem(ctx, { path: [], code: 'required' });
    return;
  }
  if (exceeds(s, max)) addProblem(ctx, { path: [], code: 'too_long', params: { max } });
  if ((kind === 'lines' ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(s)) {
    addProblem(ctx, { path: [], code: 'invalid_format', params: { hint: TEXT_HINTS.control } });
  } else if (kind === 'name' && hasFormatChars(s)) {
    addProblem(ctx, { path: [], code: 'invalid_format', params: { hint: TEXT_HINTS.formatChars } });
  }
}

/** Required text: trimmed, 1..max characters. */
function requiredText(max: number, kind: TextKind = 'line') {
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => checkText(s, ctx, max, true, kind))
    .meta({ minLength: 1, maxLength: max });
}

/** Optional text: trimmed, ≤ max characters; absent, null or blank → null. */
function optionalText(max: number, kind: TextKind = 'line') {
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => checkText(s, ctx, max, false, kind))
    .nullish()
    .transform((s) => (s ? s : null))
    .meta({ maxLength: max });
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** A real date from 1900 on (the court's records start no earlier). */
function isPushDate(y: number, m: number, d: number): boolean {
  return y >= 1900 && isRealDate(y, m, d);
}

type DateFailure = 'invalid_format' | 'invalid_date';

/** `YYYY-MM-DD`, a real Gregorian date from 1900 on. */
export function parseCalendarDate(s: string): string | DateFailure {
  const m = DATE_RE.exec(s);
  if (!m) return 'invalid_format';
  return isPushDate(Number(m[1]), Number(m[2]), Number(m[3])) ? s : 'invalid_date';
}

/**
 * An RFC 3339 / ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`; seconds and
 * fraction optional), or, when `allowDateOnly`, `YYYY-MM-DD` meaning 00:00 China time.
 */
export function parseInstant(s: string, allowDateOnly = false): Date | DateFailure {
  if (allowDateOnly) {
    const d = DATE_RE.exec(s);
    if (d) {
      const [y, mo, da] = [Number(d[1]), Number(d[2]), Number(d[3])];
      return isPushDate(y, mo, da) ? new Date(Date.UTC(y, mo - 1, da) - CST_OFFSET_MS) : 'invalid_date';
    }
  }
  const m = DATE_TIME_RE.exec(s);
  if (!m) return 'invalid_format';
  const [y, mo, da, hh, mi, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const sign = m[8] === '-' ? -1 : 1;
  const oh = Number(m[9] ?? 0);
  const om = Number(m[10] ?? 0);
  if (oh > 14 || om > 59) return 'invalid_format';
  if (!isPushDate(y, mo, da) || hh > 23 || mi > 59 || ss > 59) return 'invalid_date';
  return new Date(Date.UTC(y, mo - 1, da, hh, mi, ss, ms) - sign * (oh * 60 + om) * 60_000);
}

function instant(allowDateOnly: boolean) {
  const hint = allowDateOnly ? HINT.dateTimeOrDate : HINT.dateTime;
  return z.string().transform((s, ctx) => {
    const r = parseInstant(s, allowDateOnly);
    if (r instanceof Date) return r;
    addProblem(ctx, { path: [], code: r, params: r === 'invalid_format' ? { hint } : {} });
    return z.NEVER;
  });
}

function calendarDate() {
  return z
    .string()
    .transform((s, ctx) => {
      const r = parseCalendarDate(s);
      if (r !== 'invalid_format' && r !== 'invalid_date') return r;
      addProblem(ctx, { path: [], code: r, params: r === 'invalid_format' ? { hint: HINT.date } : {} });
      return z.NEVER;
    })
    .meta({ format: 'date' });
}

// ---------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------

const USCC_SHAPE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;
const ORG_CODE_SHAPE = /^[0-9A-Z]{8}[0-9X]$/;

type IdProblem = { code: 'invalid_format' | 'invalid_checksum'; hint?: string } | null;

function residentIdProblem(id: string, now: Date): IdProblem {
  if (/^\d{15}$/.test(id)) return isLegacyResidentId(id) ? null : { code: 'invalid_format', hint: HINT.birthDate };
  if (!/^\d{17}[\dX]$/.test(id)) return { code: 'invalid_format', hint: HINT.residentId };
  if (residentIdCheckChar(id.slice(0, 17)) !== id.charAt(17)) return { code: 'invalid_checksum' };
  return isValidResidentId(id, now) ? null : { code: 'invalid_format', hint: HINT.birthDate };
}

function organizationIdProblem(id: string): IdProblem {
  if (id.length === 18) {
    if (!USCC_SHAPE.test(id)) return { code: 'invalid_format', hint: HINT.orgId };
    return isValidUscc(id) ? null : { code: 'invalid_checksum' };
  }
  if (id.length === 9) {
    if (!ORG_CODE_SHAPE.test(id)) return { code: 'invalid_format', hint: HINT.orgId };
    return isValidOrgCode(id) ? null : { code: 'invalid_checksum' };
  }
  return { code: 'invalid_format', hint: HINT.orgId };
}

/** The stored form: uppercase, half-width, no spaces; an organisation code as XXXXXXXX-X. */
export function normalizeIdNumber(raw: string, subjectType: 'person' | 'organization'): string {
  const id = normalizeIdentifierInput(raw);
  return subjectType === 'organization' && id.length === 9 ? `${id.slice(0, 8)}-${id.slice(8)}` : id;
}

// ---------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------

function doc<T extends z.ZodType>(key: EntryPushField, schema: T, extra: Record<string, unknown> = {}): T {
  const { label, description } = FIELD_DOCS[key];
  return schema.meta({ title: label, description, ...extra });
}

const uidSchema = z.string().superRefine((s, ctx) => {
  if (!UID_RE.test(s)) addProblem(ctx, { path: [], code: 'invalid_format', params: { hint: HINT.uid } });
});

const ageSchema = z.int().superRefine((n, ctx) => {
  if (n < 0 || n > MAX_AGE) addProblem(ctx, { path: [], code: 'invalid_format', params: { hint: HINT.age } });
  else if (n < MIN_AGE) addProblem(ctx, { path: [], code: 'minor' });
});

const idNumberSchema = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    if (s.length === 0) addProblem(ctx, { path: [], code: 'required' });
    else if (s.length > LIMITS.idNumber || SINGLE_LINE_FORBIDDEN.test(s)) {
      addProblem(ctx, { path: [], code: 'invalid_format', params: { hint: HINT.anyId } });
    }
  });

const otherIdSchema = z.strictObject({
  type: requiredText(LIMITS.otherIdType).meta({ title: '证件类型' }),
  number: requiredText(LIMITS.otherIdNumber).meta({ title: '证件号码' }),
});

const genderSchema = z.enum(GENDERS);

export const ENTRY_PUSH_SHAPE = {
  uid: doc('uid', uidSchema.nullish(), { pattern: UID_RE.source }),
  caseNo: doc('caseNo', requiredText(LIMITS.caseNo)),
  subjectType: doc('subjectType', z.enum(SUBJECT_TYPES)),
  name: doc('name', requiredText(LIMITS.name, 'name')),
  gender: doc('gender', genderSchema.nullish()),
  age: doc('age', ageSchema.meta({ minimum: MIN_AGE, maximum: MAX_AGE }).nullish()),
  idNumber: doc('idNumber', idNumberSchema),
  otherIds: doc(
    'otherIds',
    z
      .array(otherIdSchema)
      .max(LIMITS.otherIdsItems)
      .nullish()
      .transform((v) => v ?? []),
  ),
  legalRepresentative: doc('legalRepresentative', optionalText(LIMITS.legalRepresentative, 'name')),
  court: doc('court', requiredText(LIMITS.court)),
  regionId: doc('regionId', optionalText(LIMITS.regionId)),
  regionName: doc('regionName', requiredText(LIMITS.regionName)),
  basisDocNo: doc('basisDocNo', requiredText(LIMITS.basisDocNo)),
  basisIssuer: doc('basisIssuer', requiredText(LIMITS.basisIssuer)),
  duty: doc('duty', requiredText(LIMITS.duty, 'lines')),
  performance: doc('performance', requiredText(LIMITS.performance, 'lines')),
  circumstances: doc('circumstances', z.array(requiredText(LIMITS.circumstance)).min(1).max(LIMITS.circumstancesItems)),
  publishedAt: doc('publishedAt', instant(true)),
  filedAt: doc('filedAt', calendarDate()),
  performedPart: doc('performedPart', optionalText(LIMITS.performedPart, 'lines')),
  unperformedPart: doc('unperformedPart', optionalText(LIMITS.unperformedPart, 'lines')),
  revokedAt: doc('revokedAt', instant(false).nullish(), { format: 'date-time' }),
  severity: doc('severity', z.enum(SEVERITIES)),
  validUntil: doc('validUntil', instant(false).nullish(), { format: 'date-time' }),
  disclosure: doc(
    'disclosure',
    z
      .enum(DISCLOSURES)
      .nullish()
      .transform((v) => v ?? 'public'),
  ),
  updatedAt: doc('updatedAt', instant(false).nullish(), { format: 'date-time' }),
} satisfies Record<EntryPushField, z.ZodType>;

type EntryValues = FieldValues<typeof ENTRY_PUSH_SHAPE>;

type FieldOutput = { [K in EntryPushField]: z.output<(typeof ENTRY_PUSH_SHAPE)[K]> };
/** Fields a valid entry may leave empty: their schema outputs null. */
type BlankableField = { [K in EntryPushField]: null extends FieldOutput[K] ? K : never }[EntryPushField];
/** Fields the parser fills with a default ([] and public); code building an entry by hand may leave them out. */
type DefaultedField = 'otherIds' | 'disclosure';
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * An entry as the court pushes it, validated: what parseEntryPush and entryPushSchema output (the court
 * API, the import and the demo seed build it). Each field is typed as its schema in ENTRY_PUSH_SHAPE outputs
 * it; uid is always known (from the body or the path); a field that may be empty may also be left out.
 * `demo` marks the demo seed's entries.
 */
export type EntryInput = Flat<
  { uid: string } & { [K in Exclude<EntryPushField, 'uid' | BlankableField | DefaultedField>]: FieldOutput[K] } & {
    [K in Exclude<BlankableField | DefaultedField, 'uid'>]?: FieldOutput[K];
  } & { demo?: boolean }
>;

/** The Chinese label of a path in an entry body, for messages. */
export function entryFieldLabel(path: readonly PathKey[]): string {
  if (path.length === 0) return '请求体';
  const [top, index, sub] = path;
  const key = String(top);
  const base = Object.hasOwn(FIELD_DOCS, key) ? FIELD_DOCS[key as EntryPushField].label : `字段“${key}”`;
  if (typeof index !== 'number') return base;
  const item = `${base}第 ${index + 1} 项`;
  if (sub === undefined) return item;
  if (key === 'otherIds' && sub === 'type') return `${item}的证件类型`;
  if (key === 'otherIds' && sub === 'number') return `${item}的证件号码`;
  return `${item}的字段“${String(sub)}”`;
}

// ---------------------------------------------------------------------------
// Cross-field rules
// ---------------------------------------------------------------------------

/**
 * Per subject type: fields required beyond the schema's own, and fields that must be left
 * out (absent, null or blank). checkEntry applies it; the OpenAPI document states it.
 */
export const SUBJECT_TYPE_RULES = {
  person: { required: ['gender'], notApplicable: ['legalRepresentative'] },
  organization: { required: ['legalRepresentative'], notApplicable: ['gender', 'age'] },
} as const satisfies Record<
  SubjectType,
  { required: readonly EntryPushField[]; notApplicable: readonly EntryPushField[] }
>;

type CheckContext = {
  now: Date;
  pathUid?: string | undefined;
  /** Fields that already failed on their own: no second error for them. */
  failed: ReadonlySet<string>;
  /** Whether the client sent a non-blank value for the field. */
  present: (key: EntryPushField) => boolean;
  /** The court directory 执行法院 must name a court of (by name or alias); absent: any court name is taken. */
  courts?: CourtDirectory | undefined;
};

/**
 * The rules that look at more than one field (or at the clock): uid against the path,
 * what each subject type requires and forbids, identifier checks, minors, dates.
 * Only fields that passed on their own are present in `v`.
 */
function checkEntry(v: EntryValues, c: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const add = (key: EntryPushField, code: Problem['code'], params?: Problem['params']) =>
    problems.push({ path: [key], code, ...(params ? { params } : {}) });
  const absent = (key: EntryPushField) => v[key] == null && !c.failed.has(key);

  // 信息唯一标识: the path's uid wins; the body may repeat it, never contradict it.
  if (c.pathUid !== undefined) {
    if (!UID_RE.test(c.pathUid)) add('uid', 'invalid_format', { hint: HINT.pathUid });
    else if (v.uid != null && v.uid !== c.pathUid) add('uid', 'uid_mismatch');
  } else if (absent('uid')) {
    add('uid', 'required');
  }

  if (c.courts && v.court && !resolveCourt(c.courts, v.court)) {
    add('court', 'unknown_court', { options: quoteOptions(c.courts.courts.map((court) => court.name)) });
  }

  const latest = c.now.getTime() + CLOCK_SKEW_MS;
  const published = v.publishedAt;

  if (v.subjectType) {
    const rules = SUBJECT_TYPE_RULES[v.subjectType];
    for (const key of rules.required) if (absent(key)) add(key, 'required');
    const subject = SUBJECT_TYPE_LABELS[v.subjectType];
    for (const key of rules.notApplicable) if (c.present(key)) add(key, 'not_applicable', { subject });
  }
  if (v.subjectType === 'person') {
    if (v.idNumber) {
      const id = normalizeIdentifierInput(v.idNumber);
      const problem = residentIdProblem(id, c.now);
      if (problem) add('idNumber', problem.code, problem.hint ? { hint: problem.hint } : undefined);
      else {
        // Minors are never listed (design rule 5): age at 发布时间 by the ID's birth date;
        // a birth date after 发布时间 (ageAt → null) is no adult either.
        const age = ageAt(id, published ?? c.now);
        if (age === null || age < MIN_AGE) add('idNumber', 'minor');
        else if (id.length === 18) {
          // Without a valid 发布时间 the age it is stated at is unknown: only the gender is checked then.
          problems.push(...residentIdMismatches(id, published ? age : null, v.age, v.gender));
        }
      }
    }
  } else if (v.subjectType === 'organization') {
    if (v.idNumber) {
      const problem = organizationIdProblem(normalizeIdentifierInput(v.idNumber));
      if (problem) add('idNumber', problem.code, problem.hint ? { hint: problem.hint } : undefined);
    }
  }

  if (published && published.getTime() > latest) add('publishedAt', 'future_date');
  if (v.filedAt) {
    if (v.filedAt > cstDate(c.now)) add('filedAt', 'future_date');
    else if (published && v.filedAt > cstDate(published)) {
      add('filedAt', 'date_order', { relation: '晚于', other: FIELD_DOCS.publishedAt.label });
    }
  }
  if (v.revokedAt) {
    if (v.revokedAt.getTime() > latest) add('revokedAt', 'future_date');
    else if (published && v.revokedAt < published) {
      add('revokedAt', 'date_order', { relation: '早于', other: FIELD_DOCS.publishedAt.label });
    }
  }
  if (v.updatedAt && v.updatedAt.getTime() > latest) add('updatedAt', 'future_date');
  if (v.validUntil && published && v.validUntil <= published) {
    add('validUntil', 'date_order', { relation: '早于或等于', other: FIELD_DOCS.publishedAt.label });
  }
  return problems;
}

/** Stated age may differ by one year from the ID's: the court may count it on another day near a birthday. */
export const AGE_TOLERANCE = 1;

/**
 * The stated age and gender against an 18-digit resident ID: age in completed years at 发布时间 by the birth date
 * (±AGE_TOLERANCE), gender by the 17th digit (odd 男, even 女). Reported on the stated field, naming the ID field:
 * the ID carries a check character, the stated values do not. Legacy 15-digit numbers are not checked.
 */
function residentIdMismatches(
  id: string,
  idAge: number | null,
  age: number | null | undefined,
  gender: string | null | undefined,
): Problem[] {
  const other = FIELD_DOCS.idNumber.label;
  const problems: Problem[] = [];
  if (age != null && idAge !== null && Math.abs(age - idAge) > AGE_TOLERANCE) {
    problems.push({
      path: ['age'],
      code: 'id_mismatch',
      params: { other, what: '出生日期', hint: `（按发布时间计算的周岁，容许相差 ${AGE_TOLERANCE} 岁）` },
    });
  }
  if (gender != null && gender !== residentIdGender(id)) {
    problems.push({
      path: ['gender'],
      code: 'id_mismatch',
      params: { other, what: '性别', hint: '（第 17 位数字为奇数的是男性，偶数的是女性）' },
    });
  }
  return problems;
}

/** A field sent that its subject type does not take is reported as that, and only that. */
function dropSuperseded(problems: Problem[]): Problem[] {
  const notApplicable = new Set(problems.filter((p) => p.code === 'not_applicable').map((p) => String(p.path[0])));
  return problems.filter((p) => p.code === 'not_applicable' || !notApplicable.has(String(p.path[0])));
}

type CompleteEntryValues = {
  [K in keyof EntryValues]-?: Exclude<EntryValues[K], undefined>;
};

/** `courts`: store an alias of 执行法院 under the court's canonical name. */
function toEntryInput(raw: EntryValues, uid: string, courts?: CourtDirectory): EntryInput {
  const v = raw as CompleteEntryValues &
    Pick<EntryValues, 'uid' | 'gender' | 'age' | 'revokedAt' | 'validUntil' | 'updatedAt'>;
  const person = v.subjectType === 'person';
  return {
    uid,
    caseNo: v.caseNo,
    subjectType: v.subjectType,
    name: v.name,
    gender: person ? (v.gender ?? null) : null,
    age: person ? (v.age ?? null) : null,
    idNumber: normalizeIdNumber(v.idNumber, v.subjectType),
    otherIds: v.otherIds,
    legalRepresentative: person ? null : v.legalRepresentative,
    court: (courts && resolveCourt(courts, v.court)?.name) ?? v.court,
    regionId: v.regionId,
    regionName: v.regionName,
    basisDocNo: v.basisDocNo,
    basisIssuer: v.basisIssuer,
    duty: v.duty,
    performance: v.performance,
    circumstances: v.circumstances,
    publishedAt: v.publishedAt,
    filedAt: v.filedAt,
    performedPart: v.performedPart,
    unperformedPart: v.unperformedPart,
    revokedAt: v.revokedAt ?? null,
    severity: v.severity,
    validUntil: v.validUntil ?? null,
    disclosure: v.disclosure,
    updatedAt: v.updatedAt ?? null,
  };
}

// ---------------------------------------------------------------------------
// The schema (OpenAPI) and the parser (routes)
// ---------------------------------------------------------------------------

type Rules<T extends SubjectType> = (typeof SUBJECT_TYPE_RULES)[T];
type RequiredFor<T extends SubjectType> = Rules<T>['required'][number];
type NotApplicableFor<T extends SubjectType> = Rules<T>['notApplicable'][number];

/**
 * The required form of each field a subject type requires beyond the shape (SUBJECT_TYPE_RULES): the
 * shape's own schema for it without null and blank. Typed so that a field added to the rules needs one;
 * entry-push.property.test.ts holds the union to the parser's verdict.
 */
const REQUIRED_FORMS = {
  gender: doc('gender', genderSchema),
  legalRepresentative: doc('legalRepresentative', requiredText(LIMITS.legalRepresentative, 'name')),
} satisfies Record<RequiredFor<SubjectType>, z.ZodType>;

/**
 * A field the subject type does not take: omitted or null, or a blank string where the field's own schema
 * reads one as empty (legalRepresentative). That is exactly what parseEntryPush lets through without a
 * not_applicable error, and in JSON Schema it reads plainly: `type: 'null'`, or that or a blank pattern.
 */
function notApplicable(key: NotApplicableFor<SubjectType>) {
  const blank = ENTRY_PUSH_SHAPE[key].safeParse('').success;
  const empty: z.ZodType<null, string | null> = blank
    ? z.union([
        z.null(),
        z
          .string()
          .regex(/^\s*$/)
          .transform(() => null),
      ])
    : z.null();
  return doc(key, empty.optional());
}

/** ENTRY_PUSH_SHAPE as one subject type takes it: subjectType fixed, its rules made required or empty. */
type VariantShape<T extends SubjectType> = Flat<
  Omit<typeof ENTRY_PUSH_SHAPE, 'subjectType' | RequiredFor<T> | NotApplicableFor<T>> & {
    subjectType: z.ZodLiteral<T>;
  } & { [K in RequiredFor<T>]: (typeof REQUIRED_FORMS)[K] } & {
    [K in NotApplicableFor<T>]: ReturnType<typeof notApplicable>;
  }
>;

function variantShape<T extends SubjectType>(subjectType: T): VariantShape<T> {
  const rules: Rules<SubjectType> = SUBJECT_TYPE_RULES[subjectType];
  // Spread first, then overwrite in place: the fields keep Attachment 1's order.
  const shape: Record<string, z.ZodType> = {
    ...ENTRY_PUSH_SHAPE,
    subjectType: doc('subjectType', z.literal(subjectType)),
  };
  for (const key of rules.required) shape[key] = REQUIRED_FORMS[key];
  for (const key of rules.notApplicable) shape[key] = notApplicable(key);
  return shape as VariantShape<T>;
}

/**
 * `pathUid`: the uid of the URL; `now`: the clock; `courts`: the court directory (the domain loads it from the
 * `courts` table) — 执行法院 must name one of its courts, an alias being stored under the canonical name.
 */
type SchemaOptions = { pathUid?: string; now?: Date; courts?: CourtDirectory };

/** Each subject type's fields; every variant field outputs what the shape's does, or less. */
const VARIANT_OBJECTS = {
  person: z.strictObject(variantShape('person')),
  organization: z.strictObject(variantShape('organization')),
};

/** A variant with the cross-field rules, output `EntryInput`. */
function withEntryRules<S extends z.ZodType<EntryValues>>(variant: S, opts: SchemaOptions) {
  return variant
    .superRefine((v, ctx) => {
      const values: EntryValues = v;
      const problems = checkEntry(values, {
        now: opts.now ?? new Date(),
        pathUid: opts.pathUid,
        failed: new Set(),
        present: (key) => !isBlank(values[key]),
        courts: opts.courts,
      });
      for (const p of problems) addProblem(ctx, p);
    })
    .transform((v): EntryInput => toEntryInput(v, opts.pathUid ?? v.uid ?? '', opts.courts));
}

/**
 * The whole entry rule set as one zod schema, output `EntryInput`: a union on subjectType of one
 * variant per subject type. `pathUid`: the uid of the URL (the body may omit uid); without it the
 * body must carry uid. `now`: the clock for "not in the future" (default: the time of each parse).
 */
export function makeEntryPushSchema(opts: SchemaOptions = {}) {
  return z
    .discriminatedUnion('subjectType', [
      withEntryRules(VARIANT_OBJECTS.person, opts),
      withEntryRules(VARIANT_OBJECTS.organization, opts),
    ])
    .meta({
      title: '失信被执行人信息推送',
      description:
        '附件1《失信被执行人信息推送表》的字段（英文驼峰命名，title 为附件1中的名称），另加失信严重程度、失信信息有效期、公开方式和更新时间。',
    });
}

/** For the OpenAPI document: `z.toJSONSchema(entryPushSchema, { io: 'input' })`. */
export const entryPushSchema = makeEntryPushSchema();
export type EntryPushBody = z.input<typeof entryPushSchema>;

export type ParseFailure = { ok: false; errors: FieldError[] };

function bodyNotObject(): ParseFailure {
  return {
    ok: false,
    errors: toFieldErrors([{ path: [], code: 'invalid_type', params: { expected: '对象' } }], () => '请求体'),
  };
}

/**
 * Validates one pushed entry. Every error is reported at once, in field order; nothing
 * is echoed. `pathUid`: the `{uid}` of PUT /api/v1/court/entries/{uid} (omit for batch
 * items, which must carry uid). `now`: the clock (tests). `courts`: the court directory (every boundary passes it).
 */
export function parseEntryPush(
  body: unknown,
  opts: SchemaOptions = {},
): { ok: true; entry: EntryInput } | ParseFailure {
  if (!isPlainObject(body)) return bodyNotObject();
  const now = opts.now ?? new Date();
  const { values, failed, problems } = parseFields(body, ENTRY_PUSH_SHAPE);
  const present = (key: EntryPushField) => !isBlank(body[key]);
  problems.push(...checkEntry(values, { now, pathUid: opts.pathUid, failed, present, courts: opts.courts }));
  if (problems.length > 0) {
    return { ok: false, errors: toFieldErrors(dropSuperseded(problems), entryFieldLabel, ENTRY_PUSH_FIELDS) };
  }
  return { ok: true, entry: toEntryInput(values, opts.pathUid ?? values.uid ?? '', opts.courts) };
}

/** The field error of a push refused against the stored version (saveEntry's VersionRefusedError). */
export function versionError(code: 'stale_version' | 'version_conflict' | 'version_required'): FieldError {
  return { field: 'updatedAt', code, message: renderMessage(code, FIELD_DOCS.updatedAt.label) };
}

// ---------------------------------------------------------------------------
// Batch
// ---------------------------------------------------------------------------

const BATCH_SHAPE = {
  entries: z
    .array(z.unknown())
    .min(1)
    .max(LIMITS.batchItems)
    .meta({
      title: '条目列表',
      description: `1 至 ${LIMITS.batchItems} 条失信信息，每条与单条推送的请求体相同（须含 uid），各自提交或被拒绝。`,
    }),
};

export const batchSchema = z.strictObject(BATCH_SHAPE);

/**
 * Checks the batch envelope `{ entries: [...] }` (1..1000 items). Items are returned raw:
 * the route parses each with `parseEntryPush` and commits or rejects it on its own.
 */
export function parseBatch(body: unknown): { ok: true; items: unknown[] } | ParseFailure {
  if (!isPlainObject(body)) return bodyNotObject();
  const { values, problems } = parseFields(body, BATCH_SHAPE);
  if (problems.length > 0 || !values.entries) {
    return { ok: false, errors: toFieldErrors(problems, (p) => (p.length === 0 ? '请求体' : '条目列表'), ['entries']) };
  }
  return { ok: true, items: values.entries };
}

// ---------------------------------------------------------------------------
// Revocation / shielding
// ---------------------------------------------------------------------------

export const REVOCATION_FIELD_DOCS = {
  kind: { label: '处理方式', description: 'revoke：撤销；shield：屏蔽。' },
  reason: { label: '撤销/屏蔽事由', description: `以下之一：${SPC_GROUNDS.join('、')}。` },
  note: { label: '说明', description: '选填，最长 500 个字符；事由为“其他”时必填。' },
  effectiveAt: {
    label: '生效时间',
    description: '选填，带时区的 ISO 8601 日期时间，不得晚于当前时间（容许 5 分钟时钟误差）；省略则为收到请求的时间。',
  },
} as const satisfies Record<string, FieldDoc>;
type RevocationField = keyof typeof REVOCATION_FIELD_DOCS;

function rdoc<T extends z.ZodType>(key: RevocationField, schema: T, extra: Record<string, unknown> = {}): T {
  const { label, description } = REVOCATION_FIELD_DOCS[key];
  return schema.meta({ title: label, description, ...extra });
}

const REVOCATION_SHAPE = {
  kind: rdoc('kind', z.enum(REMOVAL_KINDS)),
  reason: rdoc('reason', z.enum(SPC_GROUNDS)),
  note: rdoc('note', optionalText(LIMITS.revocationNote, 'lines')),
  effectiveAt: rdoc('effectiveAt', instant(false).nullish(), { format: 'date-time' }),
};

export const revocationSchema = z.strictObject(REVOCATION_SHAPE).meta({ title: '撤销或屏蔽失信信息' });

export type Revocation = { kind: RemovalKind; reason: SpcGround; note?: string; effectiveAt?: Date };

function revocationLabel(path: readonly PathKey[]): string {
  if (path.length === 0) return '请求体';
  const key = String(path[0]);
  return Object.hasOwn(REVOCATION_FIELD_DOCS, key)
    ? REVOCATION_FIELD_DOCS[key as RevocationField].label
    : `字段“${key}”`;
}

/** Validates the body of POST /api/v1/court/entries/{uid}/revoke. */
export function parseRevocation(body: unknown, now: Date = new Date()): { ok: true; value: Revocation } | ParseFailure {
  if (!isPlainObject(body)) return bodyNotObject();
  const { values: v, failed, problems } = parseFields(body, REVOCATION_SHAPE);
  if (v.effectiveAt && v.effectiveAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    problems.push({ path: ['effectiveAt'], code: 'future_date' });
  }
  if (v.reason === '其他' && v.note == null && !failed.has('note')) problems.push({ path: ['note'], code: 'required' });
  if (problems.length > 0 || !v.kind || !v.reason) {
    return { ok: false, errors: toFieldErrors(problems, revocationLabel, Object.keys(REVOCATION_FIELD_DOCS)) };
  }
  return {
    ok: true,
    value: {
      kind: v.kind,
      reason: v.reason,
      ...(v.note ? { note: v.note } : {}),
      ...(v.effectiveAt ? { effectiveAt: v.effectiveAt } : {}),
    },
  };
}

// ---------------------------------------------------------------------------
// Removal ground (the fact that starts the 3-day removal clock, seed 二(四))
// ---------------------------------------------------------------------------

export const REMOVAL_GROUND_FIELD_DOCS = {
  ground: { label: '撤销事由', description: `以下之一：${SPC_GROUNDS.join('、')}。` },
  occurredOn: {
    label: '事由发生日',
    description:
      '事由发生之日（北京时间），YYYY-MM-DD，不得晚于今天，不得早于该信息的立案时间。撤销或屏蔽须在此后 3 日内完成（二（四））。',
  },
  note: { label: '说明', description: '选填，最长 500 个字符；事由为“其他”时必填。' },
} as const satisfies Record<string, FieldDoc>;
type RemovalGroundField = keyof typeof REMOVAL_GROUND_FIELD_DOCS;

function gdoc<T extends z.ZodType>(key: RemovalGroundField, schema: T): T {
  const { label, description } = REMOVAL_GROUND_FIELD_DOCS[key];
  return schema.meta({ title: label, description });
}

const REMOVAL_GROUND_SHAPE = {
  ground: gdoc('ground', z.enum(SPC_GROUNDS)),
  occurredOn: gdoc('occurredOn', calendarDate()),
  note: gdoc('note', optionalText(LIMITS.revocationNote, 'lines')),
};

export const removalGroundSchema = z.strictObject(REMOVAL_GROUND_SHAPE).meta({ title: '登记撤销事由' });

export type RemovalGroundInput = { ground: SpcGround; occurredOn: string; note?: string };

function removalGroundLabel(path: readonly PathKey[]): string {
  if (path.length === 0) return '请求体';
  const key = String(path[0]);
  return Object.hasOwn(REMOVAL_GROUND_FIELD_DOCS, key)
    ? REMOVAL_GROUND_FIELD_DOCS[key as RemovalGroundField].label
    : `字段“${key}”`;
}

/**
 * Validates the body of POST /api/v1/court/entries/{uid}/removal-ground. "Not in the future" is judged on the
 * China Standard Time calendar day of `now`; "not before the case was filed" needs the entry (the domain checks it).
 */
export function parseRemovalGround(
  body: unknown,
  now: Date = new Date(),
): { ok: true; value: RemovalGroundInput } | ParseFailure {
  if (!isPlainObject(body)) return bodyNotObject();
  const { values: v, failed, problems } = parseFields(body, REMOVAL_GROUND_SHAPE);
  if (v.occurredOn && v.occurredOn > cstDate(now)) problems.push({ path: ['occurredOn'], code: 'future_date' });
  if (v.ground === '其他' && v.note == null && !failed.has('note')) problems.push({ path: ['note'], code: 'required' });
  if (problems.length > 0 || !v.ground || !v.occurredOn) {
    return { ok: false, errors: toFieldErrors(problems, removalGroundLabel, Object.keys(REMOVAL_GROUND_FIELD_DOCS)) };
  }
  return { ok: true, value: { ground: v.ground, occurredOn: v.occurredOn, ...(v.note ? { note: v.note } : {}) } };
}
