/**
 * The one scrubbing function and the public shapes built on it: ID numbers embedded at random
 * positions of every text field never come out whole (fast-check, seeded by TEST_SEED).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '@/db/schema';
import { residentIdCheckChar } from '@/lib/identifiers';
import { testSeed } from '@/lib/testing/seeded-random';
import { echoTypedIdentifier, isPersonIdShaped, scrubDeep, scrubText } from './disclosure';
import { toPublicEntry } from '@/domain/publishing/public-entry';
import { toSharedEntry } from '@/domain/sharing/shared-entry';

const RUNS = { seed: testSeed(), numRuns: 500 };

/** A valid resident ID: region, birth date 1940–2005, sequence, check character. */
const residentIdArb = fc
  .record({
    region: fc.constantFrom('320583', '320584', '110101', '440305'),
    birth: fc.date({
      min: new Date('1940-01-01T00:00:00Z'),
      max: new Date('2005-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, seq }) => {
    const first17 = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return first17 + residentIdCheckChar(first17);
  });

/** Text around an embedded ID: CJK, Latin, digits, punctuation — including digits touching the ID. */
const textArb = fc.string({
  unit: fc.constantFrom(...'被执行人应支付元利息的（）(),.;：ABCxX 0123456789一二三'),
  maxLength: 40,
});

/** `text` with `id` inserted at a random position, in half- or full-width digits. */
const withIdArb = fc
  .record({ before: textArb, after: textArb, id: residentIdArb, fullWidth: fc.boolean() })
  .map(({ before, after, id, fullWidth }) => ({
    id,
    text:
      `${before}${fullWidth ? [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('') : id}` + after,
  }));

/** True when the ID can be read back out of `out` (half-width, after NFKC). */
function leaks(out: string, id: string): boolean {
  return out.normalize('NFKC').toUpperCase().includes(id.toUpperCase());
}

describe('scrubText', () => {
  it('masks an 18-character ID number wherever it stands, as the ID field is masked', () => {
    expect(scrubText('身份证号320583198001011234，')).toBe('身份证号3205831980****1234，');
    expect(scrubText('320583198001011234')).toBe('3205831980****1234');
    expect(scrubText('a32058319800101123Xb')).toBe('a3205831980****123Xb');
    // A longer digit run may hide an ID at any offset: everything but its ends is starred.
    expect(scrubText('账号 12320583198001011234 ')).toBe('账号 1232058319******1234 ');
  });

  it('leaves organisation codes, case numbers, amounts and the masked form alone', () => {
    for (const s of [
      '91440300708461136T',
      '(2024)苏0583执1234号',
      '人民币100,000元',
      '3205831980****1234',
      '12345678901234567',
    ]) {
      expect(scrubText(s)).toBe(s);
    }
  });

  it('never lets an ID embedded in random text through (property)', () => {
    fc.assert(
      fc.property(withIdArb, ({ id, text }) => {
        expect(leaks(scrubText(text), id)).toBe(false);
      }),
      RUNS,
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(withIdArb, ({ text }) => {
        expect(scrubText(scrubText(text))).toBe(scrubText(text));
      }),
      RUNS,
    );
  });

  it('reaches every string of a nested value, keys too', () => {
    const out = scrubDeep({ a: ['320583198001011234'], b: { '320583198001011234': 1, n: 2, d: null } });
    expect(JSON.stringify(out)).not.toContain('320583198001011234');
    expect(out.b.n).toBe(2);
  });
});

describe('isPersonIdShaped', () => {
  it('is the masking rule: resident-ID shape, unless an all-digit valid USCC without a birth date', () => {
    expect(isPersonIdShaped('320583198001011234')).toBe(true);
    expect(isPersonIdShaped('32058319800101123X')).toBe(true);
    expect(isPersonIdShaped('91440300708461136T')).toBe(false);
    expect(isPersonIdShaped('E12345678')).toBe(false);
  });
});

describe('echoTypedIdentifier', () => {
  it('echoes an organisation’s USCC exactly as typed, and masks whatever may be a person’s number', () => {
    expect(echoTypedIdentifier('91440300708461136T')).toBe('91440300708461136T');
    expect(echoTypedIdentifier(' 9144 0300 7084 6113 6t ')).toBe('9144 0300 7084 6113 6t');
    expect(echoTypedIdentifier('９１４４０３００７０８４６１１３６Ｔ')).toBe('９１４４０３００７０８４６１１３６Ｔ');
    expect(echoTypedIdentifier('320583198001011234')).toBe('3205831980****1234');
    expect(echoTypedIdentifier('３２０５８３１９８００１０１１２３４')).toBe('3205831980****1234');
    expect(echoTypedIdentifier('3205 8319 8001 0112 34')).toBe('3205831980****1234');
    expect(echoTypedIdentifier('E12345678')).not.toContain('2345');
    expect(echoTypedIdentifier('  ')).toBeNull();
  });
});

const base: Entry = {
  uid: 'U1',
  caseNo: '(2024)苏0583执1号',
  subjectType: 'person',
  name: '张三',
  gender: '男',
  age: 40,
  idNumber: '320583198001011234',
  otherIds: [],
  legalRepresentative: null,
  court: '昆山市人民法院',
  regionId: '320583',
  regionName: '昆山市',
  basisDocNo: 'd',
  basisIssuer: 'i',
  duty: 'duty',
  performance: '全部未履行',
  circumstances: ['违反财产报告制度'],
  publishedAt: new Date('2025-01-01T00:00:00Z'),
  filedAt: '2024-06-01',
  performedPart: null,
  unperformedPart: null,
  revokedAt: null,
  severity: 'general',
  validUntil: null,
  disclosure: 'public',
  status: 'active',
  statusChangedAt: null,
  statusReason: null,
  removalGround: null,
  removalGroundOn: null,
  sourceUpdatedAt: null,
  demo: false,
  createdAt: new Date(),
  updatedAt: new Date(),
  searchName: '张三',
  searchGrams: ['张三'],
  searchPinyin: 'zhangsan',
  searchInitials: 'zs',
  searchCaseNo: 'x',
  searchIds: [],
};

/** Every text field an entry carries, with an ID embedded in each. */
const entryArb = fc
  .record({
    subjectType: fc.constantFrom<Entry['subjectType']>('person', 'organization'),
    fields: fc.array(withIdArb, { minLength: 12, maxLength: 12 }),
    own: residentIdArb,
  })
  .map(({ subjectType, fields, own }) => {
    const [
      name,
      legal,
      caseNo,
      docNo,
      issuer,
      duty,
      performance,
      performed,
      unperformed,
      circumstance,
      otherId,
      reason,
    ] = fields.map((f) => f.text);
    const entry: Entry = {
      ...base,
      subjectType,
      idNumber: subjectType === 'person' ? own : '91440300708461136T',
      name: name!,
      legalRepresentative: legal!,
      caseNo: caseNo!,
      basisDocNo: docNo!,
      basisIssuer: issuer!,
      duty: duty!,
      performance: performance!,
      performedPart: performed!,
      unperformedPart: unperformed!,
      circumstances: [circumstance!],
      otherIds: [
        { type: '法定代表人身份证', number: fields[10]!.id },
        { type: '备注', number: otherId! },
      ],
      statusReason: reason!,
      regionName: fields[0]!.text,
    };
    return { entry, ids: [...fields.map((f) => f.id), ...(subjectType === 'person' ? [own] : [])] };
  });

describe('public shapes', () => {
  it('toPublicEntry and a department’s shared entry without full identifiers hold no embedded ID (property)', () => {
    fc.assert(
      fc.property(entryArb, ({ entry, ids }) => {
        for (const shape of [toPublicEntry(entry), toSharedEntry(entry, false)]) {
          const json = JSON.stringify(shape);
          for (const id of ids) expect(leaks(json, id), id).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('an organisation’s own code stays whole; a key granted full identifiers reads the entry as stored', () => {
    const org = {
      ...base,
      subjectType: 'organization' as const,
      idNumber: '91440300708461136T',
      duty: '法定代表人320583198001011234',
    };
    expect(toPublicEntry(org).idNumber).toBe('91440300708461136T');
    expect(toPublicEntry(org).duty).toBe('法定代表人3205831980****1234');
    expect(toSharedEntry(org, true).duty).toBe('法定代表人320583198001011234');
  });
});
