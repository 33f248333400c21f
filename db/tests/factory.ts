/**
 * Test data for integration tests. Every entry gets a unique uid, case number and
 * identifiers with valid check characters, so files sharing one database never collide.
 * Names default to plain "测试…" names; tests that search use `freshToken()` to get a
 * run of rare characters no stored entry contains yet.
 *
 * Every random value is drawn from TEST_SEED (lib/testing/seeded-random.ts), one stream per
 * test file: a rerun with the same seed draws the same data, and files sharing the database
 * draw different uids and identifiers.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { todayInChina } from '@/lib/clocks';
import type { NewApplication } from '@/domain/applications/cases';
import type { Staff } from '@/domain/auth/staff-session';
import { ageAt, orgCodeCheckChar, residentIdCheckChar, residentIdGender, usccCheckChar } from '@/lib/identifiers';
import type { EntryInput } from '@/lib/validation/entry-push';
import { namePinyin, normalizeText } from '@/lib/normalize';
import { seededRandom, testFile, type SeededRandom } from '@/lib/testing/seeded-random';

export const DAY = 86_400_000;
export const ACTOR = 'test:factory';

let counter = 0;

let stream: SeededRandom | undefined;
/** Created on first use, when the setup file has named the test file. */
function random(): SeededRandom {
  return (stream ??= seededRandom(`factory:${testFile()}`));
}

/** A uid unique across the run: `prefix-<counter>-<random>`. */
export function uniqueUid(prefix = 't'): string {
  counter += 1;
  return `${prefix}-${counter}-${random().hex(10)}`;
}

/** A case number of court 苏0583 with a unique serial: `(2024)苏0583执<serial>号`. */
export function uniqueCaseNo(year = 2024, court = '苏0583', type = '执'): string {
  counter += 1;
  return `(${year})${court}${type}${random().digits(6)}${counter}号`;
}

/** A valid 18-char resident ID born in Kunshan (320583) on the given or a random date. */
export function residentId(opts: { birth?: string; seq?: string } = {}): string {
  const birth = opts.birth ?? new Date(Date.UTC(1960, 0, 1) + random().int(14_000) * DAY).toISOString().slice(0, 10);
  const first17 = `320583${birth.replaceAll('-', '')}${opts.seq ?? random().digits(3)}`;
  return first17 + residentIdCheckChar(first17);
}

/** A valid organisation code: `{ code: '123456789', hyphenated: '12345678-9' }`. */
export function orgCode(): { code: string; hyphenated: string } {
  const body = random().digits(8);
  const check = orgCodeCheckChar(body);
  return { code: body + check, hyphenated: `${body}-${check}` };
}

/** A valid USCC embedding a fresh organisation code at characters 9–17. */
export function uscc(): { uscc: string; orgCode: string } {
  const { code } = orgCode();
  const first17 = `91320583${code}`;
  return { uscc: first17 + usccCheckChar(first17), orgCode: code };
}

/** Rare characters, unchanged by normalizeText and known to the pinyin dictionary. */
const TOKEN_POOL = [
  ...'甪氿犟亘戋旮旯囝彧犇垚淼焱燚羴猋骉赑圐圙嫑孖冇叕厸冚夼卟叵叻吖呒呓邗邛邝邙邬邡邴邳邶邺鄄鄞酆郗郜郦郯郾鄢鄯',
];
const usedTokens = new Set<string>();

/**
 * `length` rare characters that a search for them, their full pinyin or their initials
 * finds in no stored entry: no name contains them, no pinyin starts with their full pinyin
 * or their initials, no initials equal their full pinyin or start with their initials.
 * (A syllable can be one letter, 吖 → a, so initials can start a pinyin too: 甪吖旯, lu-a-la,
 * has the initials lal, the start of 旯旯's lala.) Never handed out twice in one file.
 */
export async function freshToken(length = 2): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt++) {
    let token = '';
    while ([...token].length < length) token += random().pick(TOKEN_POOL);
    if ([...usedTokens].some((u) => u.includes(token) || token.includes(u))) continue;
    const { full, initials } = namePinyin(token);
    const [row] = await getDb().execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM entries
      WHERE search_name LIKE ${`%${normalizeText(token)}%`}
         OR search_pinyin LIKE ${`${full}%`}
         OR search_pinyin LIKE ${`${initials}%`}
         OR search_initials = ${full}
         OR search_initials LIKE ${`${initials}%`}`);
    if (Number(row?.n ?? 0) > 0) continue;
    usedTokens.add(token);
    return token;
  }
  throw new Error('could not find a fresh token');
}

type Overrides = Partial<EntryInput>;

function base(overrides: Overrides) {
  const publishedAt = new Date(Date.now() - 10 * DAY);
  return {
    uid: uniqueUid(),
    caseNo: uniqueCaseNo(),
    court: '昆山市人民法院',
    regionId: '320583',
    regionName: '江苏省苏州市昆山市',
    basisDocNo: `(2023)苏0583民初${random().digits(5)}号`,
    basisIssuer: '昆山市人民法院',
    duty: '被执行人向申请执行人支付人民币100,000元及相应利息。',
    performance: '全部未履行',
    circumstances: ['有履行能力而拒不履行生效法律文书确定义务'],
    publishedAt,
    filedAt: new Date(publishedAt.getTime() - 60 * DAY).toISOString().slice(0, 10),
    performedPart: '0元',
    unperformedPart: '人民币100,000元',
    severity: 'general' as const,
    validUntil: new Date(Date.now() + 2 * 365 * DAY),
    disclosure: 'public' as const,
    ...overrides,
  };
}

/**
 * A valid natural-person entry; any field can be overridden. Gender and age follow the ID number (its sex digit,
 * its birth date at 发布时间), as the push requires, unless overridden.
 */
export function makePerson(overrides: Overrides = {}): EntryInput {
  const fields = base(overrides);
  const idNumber = overrides.idNumber ?? residentId();
  return {
    subjectType: 'person',
    name: `测试${random().pick([...'甲乙丙丁戊己庚辛壬癸'])}`,
    gender: residentIdGender(idNumber) ?? '男',
    age: ageAt(idNumber, fields.publishedAt) ?? 40,
    idNumber,
    otherIds: [],
    legalRepresentative: null,
    ...fields,
  };
}

/** A valid organisation entry (with a USCC unless `idNumber` is overridden). */
export function makeOrganization(overrides: Overrides = {}): EntryInput {
  return {
    subjectType: 'organization',
    name: `昆山测试${random().pick([...'甲乙丙丁戊己庚辛壬癸'])}商贸有限公司`,
    gender: null,
    age: null,
    idNumber: uscc().uscc,
    otherIds: [],
    legalRepresentative: '测试法人',
    ...base(overrides),
  };
}

/**
 * What a refused write must leave as it was: the entry's row, and how many events and
 * search-outbox rows it has.
 */
export async function entryState(uid: string) {
  const [row] = await getDb().execute(sql`SELECT * FROM entries WHERE uid = ${uid}`);
  const [counts] = await getDb().execute<{ events: number; outbox: number }>(sql`
    SELECT (SELECT count(*)::int FROM entry_events WHERE entry_uid = ${uid}) AS events,
           (SELECT count(*)::int FROM search_outbox WHERE entry_uid = ${uid}) AS outbox`);
  return { row, events: Number(counts?.events), outbox: Number(counts?.outbox) };
}

/**
 * A staff member as requireStaff returns one (no account behind it), for calling the domain directly; `court` for a
 * clerk (null: HOME_COURT), `reviewsRemovals` for a clerk who approves removals.
 */
export function staffMember(
  role: Staff['role'],
  departmentCode: string | null = null,
  court: string | null = null,
  reviewsRemovals = false,
): Staff {
  return {
    id: randomUUID(),
    name: '测试',
    email: `${role}.${randomUUID().slice(0, 8)}@ks.example.cn`,
    role,
    departmentCode,
    court,
    reviewsRemovals,
  };
}

/**
 * Member units that implement a measure of Attachment 2: each with its lowest such measure and its lowest other one.
 */
export async function unitsWithMeasures(limit = 2): Promise<{ code: string; mine: number; other: number }[]> {
  const rows = await getDb().execute<{ code: string; mine: number; other: number }>(sql`
    SELECT d.code,
      (SELECT min(measure_no) FROM measure_departments m WHERE m.department_code = d.code)::int AS mine,
      (SELECT min(no) FROM measures WHERE no NOT IN (SELECT measure_no FROM measure_departments m WHERE
        m.department_code = d.code))::int AS other
    FROM departments d
    WHERE d.is_member_unit AND EXISTS (SELECT 1 FROM measure_departments m WHERE m.department_code = d.code)
    ORDER BY d.sort_order LIMIT ${limit}`);
  return rows.map((r) => ({ code: r.code, mine: Number(r.mine), other: Number(r.other) }));
}

/**
 * "Unit `departmentCode` applied measure `measureNo` to entry `entryUid`": the measure_feedback
 * row an officer's report on /admin/feedback writes (domain/sharing/feedback.ts recordFeedback, which also
 * checks the unit implements the measure), written directly. A later removal of the entry
 * opens a lifting task for that unit listing the measure (domain/entries/lifting.ts). For integration and
 * browser tests: pick a unit and one of its measures with unitsWithMeasures().
 */
export async function recordMeasureApplied(
  entryUid: string,
  departmentCode: string,
  measureNo: number,
  recordedBy = ACTOR,
) {
  await getDb().execute(sql`
    INSERT INTO measure_feedback (entry_uid, department_code, measure_no, applied_on, outcome, recorded_by)
    VALUES (${entryUid}, ${departmentCode}, ${measureNo}, (now() AT TIME ZONE 'Asia/Shanghai')::date, '已实施',
            ${recordedBy})`);
}

/**
 * An application (objection, correction, repair) about `entryUid` as the /apply forms submit it; any field can be
 * overridden.
 */
export function application(
  entryUid: string,
  kind: NewApplication['kind'],
  extra: Partial<NewApplication> = {},
): NewApplication {
  return {
    kind,
    submissionToken: randomUUID(),
    entryUid,
    applicantName: '申请人',
    phone: '0512-57001234',
    email: 'a@example.cn',
    statement: '事实',
    learnedOn: kind === 'correction' ? todayInChina() : undefined,
    files: [],
    ...extra,
  };
}
