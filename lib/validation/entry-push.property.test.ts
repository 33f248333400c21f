/**
 * Property-based tests of the push API's entry validation (fast-check, a dev dependency).
 * Malformed payloads are a valid body with one to three mutations, each of which alone
 * makes the body invalid and none of which can repair another: wrong JSON types, wrong
 * check characters, minors, oversized text, unknown fields, missing required fields,
 * malformed dates; plus arbitrary JSON.
 *
 * Seeded (TEST_SEED, lib/testing/seeded-random.ts): a failure prints the seed and the
 * counterexample's path, and the same seed finds it again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from '@/lib/identifiers';
import { testSeed } from '@/lib/testing/seeded-random';
import { LIMITS, makeEntryPushSchema, parseEntryPush } from './entry-push';
import { ERROR_CODES } from './errors';
import { FIELD_DOCS } from '@/lib/entry-fields';

const NOW = new Date('2025-06-01T04:00:00Z');
const PUBLISHED = '2025-05-20T09:30:00+08:00';
const DAY = 86_400_000;
const HAN = /[\u4e00-\u9fff]/;
const CHECK_DIGITS = '0123456789X';
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

type Body = Record<string, unknown>;

const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

/** A valid resident ID born on `birth`, with a given 3-digit sequence. */
function residentId(birth: Date, seq: number): string {
  const first17 = `320583${ymd(birth)}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

const adultBirth = fc.date({
  min: new Date('1930-01-01T00:00:00Z'),
  max: new Date('2000-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const seq = fc.integer({ min: 0, max: 999 });
const orgBody8 = fc
  .array(fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'), { minLength: 8, maxLength: 8 })
  .map((a) => a.join(''));

const validPersonId = fc.tuple(adultBirth, seq).map(([b, s]) => residentId(b, s));
const validOrgId = fc.oneof(
  orgBody8.map((b) => {
    const code = b + orgCodeCheckChar(b);
    return `${code.slice(0, 8)}-${code.slice(8)}`;
  }),
  orgBody8.map((b) => {
    const first17 = `91320583${b}${orgCodeCheckChar(b)}`;
    return first17 + usccCheckChar(first17);
  }),
);

function common(): Body {
  return {
    uid: 'ks-2025-000001',
    caseNo: '(2025)苏0583执1234号',
    court: '昆山市人民法院',
    regionId: '320583',
    regionName: '江苏省苏州市昆山市',
    basisDocNo: '(2024)苏0583民初5678号',
    basisIssuer: '昆山市人民法院',
    duty: '被执行人向申请执行人支付人民币100,000元及相应利息。',
    performance: '全部未履行',
    circumstances: ['有履行能力而拒不履行生效法律文书确定义务'],
    publishedAt: PUBLISHED,
    filedAt: '2025-03-01',
    severity: 'general',
  };
}

// The gender the ID's 17th digit gives (odd 男, even 女): any other is refused (id_mismatch).
const validPerson = validPersonId.map((id): Body => ({
  ...common(),
  subjectType: 'person',
  name: '张伟',
  gender: Number(id.charAt(16)) % 2 === 1 ? '男' : '女',
  idNumber: id,
}));
const validOrg = validOrgId.map((id): Body => ({
  ...common(),
  subjectType: 'organization',
  name: '昆山市华信电子科技有限公司',
  idNumber: id,
  legalRepresentative: '李强',
}));

type Mutation = (body: Body) => Body;

const TEXT_LIMITS: [string, number][] = [
  ['caseNo', LIMITS.caseNo],
  ['name', LIMITS.name],
  ['court', LIMITS.court],
  ['regionId', LIMITS.regionId],
  ['regionName', LIMITS.regionName],
  ['basisDocNo', LIMITS.basisDocNo],
  ['basisIssuer', LIMITS.basisIssuer],
  ['duty', LIMITS.duty],
  ['performance', LIMITS.performance],
  ['performedPart', LIMITS.performedPart],
  ['unperformedPart', LIMITS.unperformedPart],
  ['legalRepresentative', LIMITS.legalRepresentative],
];
const REQUIRED = [
  'caseNo',
  'subjectType',
  'name',
  'idNumber',
  'court',
  'regionName',
  'basisDocNo',
  'basisIssuer',
  'duty',
  'performance',
  'circumstances',
  'publishedAt',
  'filedAt',
  'severity',
];
const FIELDS = Object.keys(FIELD_DOCS);

/** No push field accepts a boolean or a plain object. */
const wrongType: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom(...FIELDS), fc.oneof(fc.boolean(), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 })))
  .map(([field, value]) => (b) => ({ ...b, [field]: value }));

/**
 * Replaces the check character of whatever ID the body carries with one different from the
 * CORRECT one (not merely from the current one: two such mutations must not cancel out).
 */
const badCheck: fc.Arbitrary<Mutation> = fc.integer({ min: 0, max: 29 }).map((shift) => (b) => {
  const id = typeof b.idNumber === 'string' ? b.idNumber : '';
  const other = (alphabet: string, correct: string) =>
    alphabet.charAt((alphabet.indexOf(correct) + 1 + (shift % (alphabet.length - 1))) % alphabet.length);
  if (b.subjectType === 'person' && /^\d{17}[\dX]$/.test(id)) {
    return { ...b, idNumber: id.slice(0, 17) + other(CHECK_DIGITS, residentIdCheckChar(id.slice(0, 17))) };
  }
  if (b.subjectType === 'organization' && /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(id)) {
    return { ...b, idNumber: id.slice(0, 17) + other(USCC_CHARS, usccCheckChar(id.slice(0, 17))) };
  }
  if (b.subjectType === 'organization' && /^[0-9A-Z]{8}-[0-9X]$/.test(id)) {
    return { ...b, idNumber: id.slice(0, 9) + other(CHECK_DIGITS, orgCodeCheckChar(id.slice(0, 8))) };
  }
  return { ...b, idNumber: `${id}!` };
});

/** A person under 18 at 发布时间, by ID (born in the 18 years before it) or by age. */
const minor: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 18 * 365 - 5 }), seq).map(([daysBefore, s]) => (b: Body) => ({
    ...b,
    subjectType: 'person',
    gender: '男',
    legalRepresentative: null,
    idNumber: residentId(new Date(Date.parse(PUBLISHED) - daysBefore * DAY), s),
    publishedAt: PUBLISHED,
  })),
  fc.integer({ min: 0, max: 17 }).map((age) => (b: Body) => ({ ...b, age })),
);

const oversized: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom(...TEXT_LIMITS), fc.integer({ min: 1, max: 40 }), fc.constantFrom(...'甲乙丙丁Aa1𠮷'))
  .map(([[field, max], extra, ch]) => (b) => ({ ...b, [field]: ch.repeat(max + extra) }));

const tooManyItems: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom('otherIds', 'circumstances'), fc.integer({ min: 11, max: 30 }))
  .map(([field, n]) => (b) => ({
    ...b,
    [field]: Array.from({ length: n }, (_, i) =>
      field === 'otherIds' ? { type: '护照', number: `E${i}` } : `情形${i}`,
    ),
  }));

const unknownField: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !Object.hasOwn(FIELD_DOCS, k)),
    fc.jsonValue(),
  )
  .map(([key, value]) => (b) => {
    const out = { ...b };
    Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
    return out;
  });

const missingRequired: fc.Arbitrary<Mutation> = fc.constantFrom(...REQUIRED).map((field) => (b) => {
  const { [field]: _removed, ...rest } = b;
  return rest;
});

const notADate = fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d{2}-\d{2}/.test(s));
const badDate: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .tuple(fc.constantFrom('publishedAt', 'filedAt', 'revokedAt', 'validUntil'), notADate)
    .map(([f, s]) => (b: Body) => ({ ...b, [f]: s })),
  fc
    .constantFrom('2025-02-30', '2025-04-31', '2023-02-29', '2025-13-01', '2025-00-10')
    .map((d) => (b: Body) => ({ ...b, filedAt: d })),
  fc
    .integer({ min: 6, max: 10_000 })
    .map((mins) => (b: Body) => ({ ...b, publishedAt: new Date(NOW.getTime() + mins * 60_000).toISOString() })),
  fc.integer({ min: 1, max: 300 }).map((days) => (b: Body) => ({
    ...b,
    filedAt: new Date(Date.parse(PUBLISHED) + days * DAY).toISOString().slice(0, 10),
  })),
);

const mutation = fc.oneof(wrongType, badCheck, minor, oversized, tooManyItems, unknownField, missingRequired, badDate);

const malformed: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(fc.oneof(validPerson, validOrg), fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([b, ms]) => ms.reduce((acc, m) => m(acc), b)),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
);

/** What each subject type requires or refuses, sent as a value, null, blank or not at all. */
const subjectTypeField: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.constantFrom('gender', 'age', 'legalRepresentative'),
    fc.constantFrom<unknown>('男', 44, '王某某', null, '', ' ', undefined),
  )
  .map(([field, value]) => (b) => {
    const { [field]: _removed, ...rest } = b;
    return value === undefined ? rest : { ...rest, [field]: value };
  });

/** Bodies on either side of the line: valid ones, the same with per-subject-type changes, and malformed ones. */
const anyBody: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(fc.oneof(validPerson, validOrg), fc.array(subjectTypeField, { minLength: 1, maxLength: 3 }))
    .map(([b, ms]) => ms.reduce((acc, m) => m(acc), b)),
  fc.oneof(validPerson, validOrg),
  malformed,
);

describe('parseEntryPush (properties)', () => {
  it('accepts generated valid persons and organisations', () => {
    fc.assert(
      fc.property(fc.oneof(validPerson, validOrg), (body) => {
        const r = parseEntryPush(body, { now: NOW });
        expect(r.ok, JSON.stringify(r.ok ? null : r.errors)).toBe(true);
      }),
      { numRuns: 300, seed: testSeed() },
    );
  });

  it(
    'rejects ≥ 500 malformed payloads, each error with a known code and a Chinese message that does not echo' +
      ' the ID',
    () => {
      let runs = 0;
      fc.assert(
        fc.property(malformed, (body) => {
          runs++;
          const r = parseEntryPush(body, { now: NOW });
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(r.errors.length).toBeGreaterThanOrEqual(1);
          const id = (body as Body | null)?.idNumber;
          for (const e of r.errors) {
            expect(Object.keys(ERROR_CODES)).toContain(e.code);
            expect(e.message.length).toBeGreaterThan(0);
            expect(e.message).toMatch(HAN);
            expect(typeof e.field).toBe('string');
            if (typeof id === 'string' && id.length >= 15) expect(e.message).not.toContain(id);
          }
        }),
        { numRuns: 1000, seed: testSeed() },
      );
      expect(runs).toBeGreaterThanOrEqual(500);
    },
  );

  it('agrees with entryPushSchema, the union the OpenAPI document is generated from: same verdict, same entry', () => {
    const schema = makeEntryPushSchema({ now: NOW });
    fc.assert(
      fc.property(anyBody, (body) => {
        const r = parseEntryPush(body, { now: NOW });
        const z = schema.safeParse(body);
        expect(z.success, JSON.stringify(r.ok ? body : r.errors)).toBe(r.ok);
        if (r.ok) expect(z.data).toEqual(r.entry);
      }),
      { numRuns: 500, seed: testSeed() },
    );
  });
});
