import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { demoEntry } from '@/db/demo-data';
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar, USCC_CHARSET } from '@/lib/identifiers';
import {
  entryPushSchema,
  makeEntryPushSchema,
  parseBatch,
  parseEntryPush,
  parseRemovalGround,
  parseRevocation,
  REVOCATION_FIELD_DOCS,
  versionError,
} from './entry-push';
import { ERROR_CODES, type ErrorCode, type FieldError } from './errors';
import { SPC_GROUNDS } from '@/lib/removal-grounds';
import { ENTRY_PUSH_FIELDS, FIELD_DOCS } from '@/lib/entry-fields';
import { courtDirectory, type CourtDirectory } from '@/lib/courts';
import courtRows from '@/db/seed-data/courts.json';

// 2025-06-01 12:00 China time.
const NOW = new Date('2025-06-01T04:00:00Z');
/** The shipped court directory (db/seed-data/courts.json), as the domain passes it from the courts table. */
const COURTS = courtDirectory(courtRows);
const MIN = 60_000;

function residentId(birth: string, seq = '123'): string {
  const first17 = `320583${birth.replaceAll('-', '')}${seq}`;
  return first17 + residentIdCheckChar(first17);
}
function orgCode(body8 = '12345678'): string {
  return body8 + orgCodeCheckChar(body8);
}
function uscc(body8 = '12345678'): string {
  const first17 = `91320583${orgCode(body8)}`;
  return first17 + usccCheckChar(first17);
}
/** The same identifier with its check character replaced by the next one of its alphabet. */
function wrongCheck(id: string, alphabet: string): string {
  const last = id.charAt(id.length - 1);
  return id.slice(0, -1) + alphabet.charAt((alphabet.indexOf(last) + 1) % alphabet.length);
}

const PERSON_ID = residentId('1980-05-06');
const ORG_USCC = uscc('MA1WXY12');

type Body = Record<string, unknown>;

function personBody(over: Body = {}): Body {
  return {
    uid: 'ks-2025-000001',
    caseNo: '(2025)苏0583执1234号',
    subjectType: 'person',
    name: '张伟',
    gender: '男',
    age: 45,
    idNumber: PERSON_ID,
    otherIds: [{ type: '护照', number: 'E12345678' }],
    court: '昆山市人民法院',
    regionId: '320583',
    regionName: '江苏省苏州市昆山市',
    basisDocNo: '(2024)苏0583民初5678号',
    basisIssuer: '昆山市人民法院',
    duty: '被执行人向申请执行人支付人民币100,000元及相应利息。',
    performance: '全部未履行',
    circumstances: ['有履行能力而拒不履行生效法律文书确定义务'],
    publishedAt: '2025-05-20T09:30:00+08:00',
    filedAt: '2025-03-01',
    performedPart: '0元',
    unperformedPart: '人民币100,000元',
    severity: 'general',
    validUntil: '2027-05-20T09:30:00+08:00',
    disclosure: 'public',
    ...over,
  };
}

function orgBody(over: Body = {}): Body {
  const { gender: _g, age: _a, ...rest } = personBody();
  return {
    ...rest,
    uid: 'ks-2025-000002',
    subjectType: 'organization',
    name: '昆山市华信电子科技有限公司',
    idNumber: ORG_USCC,
    otherIds: [],
    legalRepresentative: '李强',
    severity: 'serious',
    ...over,
  };
}

function without(body: Body, ...keys: string[]): Body {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !keys.includes(k)));
}

type Opts = { pathUid?: string; now?: Date; courts?: CourtDirectory };

function errorsOf(body: unknown, opts: Opts = {}): FieldError[] {
  const r = parseEntryPush(body, { now: NOW, ...opts });
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.entry)}`);
  return r.errors;
}

function entryOf(body: unknown, opts: Opts = {}) {
  const r = parseEntryPush(body, { now: NOW, ...opts });
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.entry;
}

/** Asserts exactly one error on `field` with `code` (and no other error on that field). */
function expectError(body: unknown, field: string, code: ErrorCode, opts: Opts = {}) {
  const errors = errorsOf(body, opts);
  const onField = errors.filter((e) => e.field === field);
  expect(
    onField.map((e) => e.code),
    JSON.stringify(errors),
  ).toEqual([code]);
  return onField[0]!;
}

const HAN = /[\u4e00-\u9fff]/;
/** The invisible format characters every name validator is tested with. */
const FORMAT_CHARS = ['\u202E', '\u2066', '\u061C', '\u00AD', '\u200B'];

describe('parseEntryPush: valid entries', () => {
  it('a natural person round-trips into EntryInput', () => {
    expect(entryOf(personBody())).toEqual({
      uid: 'ks-2025-000001',
      caseNo: '(2025)苏0583执1234号',
      subjectType: 'person',
      name: '张伟',
      gender: '男',
      age: 45,
      idNumber: PERSON_ID,
      otherIds: [{ type: '护照', number: 'E12345678' }],
      legalRepresentative: null,
      court: '昆山市人民法院',
      regionId: '320583',
      regionName: '江苏省苏州市昆山市',
      basisDocNo: '(2024)苏0583民初5678号',
      basisIssuer: '昆山市人民法院',
      duty: '被执行人向申请执行人支付人民币100,000元及相应利息。',
      performance: '全部未履行',
      circumstances: ['有履行能力而拒不履行生效法律文书确定义务'],
      publishedAt: new Date('2025-05-20T01:30:00Z'),
      filedAt: '2025-03-01',
      performedPart: '0元',
      unperformedPart: '人民币100,000元',
      revokedAt: null,
      severity: 'general',
      validUntil: new Date('2027-05-20T01:30:00Z'),
      disclosure: 'public',
      updatedAt: null,
    });
  });

  it('an organisation round-trips into EntryInput', () => {
    const entry = entryOf(orgBody());
    expect(entry).toMatchObject({
      uid: 'ks-2025-000002',
      subjectType: 'organization',
      name: '昆山市华信电子科技有限公司',
      gender: null,
      age: null,
      idNumber: ORG_USCC,
      legalRepresentative: '李强',
      otherIds: [],
      severity: 'serious',
    });
  });

  it('normalises: trims text, uppercases and compacts identifiers, org code as XXXXXXXX-X', () => {
    const idX = (() => {
      for (let seq = 100; seq < 999; seq++) {
        const id = residentId('1975-01-02', String(seq));
        if (id.endsWith('X')) return id;
      }
      throw new Error('no X');
    })();
    const p = entryOf(
      personBody({
        name: '  张伟\u3000',
        idNumber: ` ${idX.slice(0, 6)} ${idX.slice(6, -1)}x `,
        age: null,
        gender: Number(idX.charAt(16)) % 2 === 1 ? '男' : '女',
      }),
    );
    expect(p.name).toBe('张伟');
    expect(p.idNumber).toBe(idX);
    const code = orgCode();
    expect(entryOf(orgBody({ idNumber: code.toLowerCase() })).idNumber).toBe(`${code.slice(0, 8)}-${code.slice(8)}`);
    expect(entryOf(orgBody({ idNumber: `${code.slice(0, 8)}-${code.slice(8)}` })).idNumber).toBe(
      `${code.slice(0, 8)}-${code.slice(8)}`,
    );
    expect(entryOf(orgBody({ idNumber: ORG_USCC.toLowerCase() })).idNumber).toBe(ORG_USCC);
  });

  it('accepts a legacy 15-digit resident ID', () => {
    expect(entryOf(personBody({ idNumber: '320583800506123' })).idNumber).toBe('320583800506123');
  });

  it('fills optional fields: absent, null or blank → null; otherIds → []; disclosure → public', () => {
    const body = without(personBody(), 'age', 'otherIds', 'regionId', 'validUntil', 'disclosure', 'revokedAt');
    const e = entryOf({ ...body, performedPart: '   ', unperformedPart: null });
    expect(e).toMatchObject({
      age: null,
      otherIds: [],
      regionId: null,
      validUntil: null,
      disclosure: 'public',
      revokedAt: null,
      performedPart: null,
      unperformedPart: null,
    });
    expect(entryOf(personBody({ disclosure: 'restricted' })).disclosure).toBe('restricted');
    expect(entryOf(orgBody({ gender: null, age: null })).gender).toBeNull();
    expect(entryOf(personBody({ legalRepresentative: '' })).legalRepresentative).toBeNull();
  });

  it('publishedAt may be a date, meaning 00:00 China time; other offsets are converted', () => {
    expect(entryOf(personBody({ publishedAt: '2025-05-20' })).publishedAt).toEqual(new Date('2025-05-19T16:00:00Z'));
    expect(entryOf(personBody({ publishedAt: '2025-05-20T01:30:00Z' })).publishedAt).toEqual(
      new Date('2025-05-20T01:30:00Z'),
    );
    expect(entryOf(personBody({ publishedAt: '2025-05-19T20:30:00.123456-05:00' })).publishedAt).toEqual(
      new Date('2025-05-20T01:30:00.123Z'),
    );
    expect(entryOf(personBody({ publishedAt: '2025-05-20T09:30+08:00' })).publishedAt).toEqual(
      new Date('2025-05-20T01:30:00Z'),
    );
  });

  it('keeps multi-line text in duty and performance', () => {
    expect(entryOf(personBody({ duty: '一、支付货款；\n二、支付利息。' })).duty).toBe('一、支付货款；\n二、支付利息。');
  });

  it("accepts the demo data generator's entries (the shapes the platform already stores)", () => {
    const anchor = new Date('2025-05-31T00:00:00Z');
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const { input } = demoEntry(i, { seed: 7, anchor, uidPrefix: 'demo-' });
      const { demo: _demo, ...rest } = input;
      const body = JSON.parse(JSON.stringify(rest)) as Body;
      // Expired demo entries may end before they were published (a generator quirk, not a push).
      if (input.validUntil && input.validUntil <= input.publishedAt) delete body.validUntil;
      const r = parseEntryPush(body, { now: NOW });
      expect(r.ok, `${input.uid}: ${JSON.stringify(r.ok ? null : r.errors)}`).toBe(true);
      if (r.ok) expect(r.entry.idNumber).toBe(input.idNumber);
      checked++;
    }
    expect(checked).toBe(300);
  });
});

describe('parseEntryPush: uid', () => {
  it('takes the uid from the path when the body omits it', () => {
    expect(entryOf(without(personBody(), 'uid'), { pathUid: 'PATH_uid-1' }).uid).toBe('PATH_uid-1');
    expect(entryOf(personBody(), { pathUid: 'ks-2025-000001' }).uid).toBe('ks-2025-000001');
  });

  it('reports uid_mismatch when path and body differ (case-sensitive)', () => {
    const e = expectError(personBody(), 'uid', 'uid_mismatch', { pathUid: 'KS-2025-000001' });
    expect(e.message).toBe('信息唯一标识：与请求路径中的信息唯一标识不一致');
  });

  it('requires uid in the body without a path uid (batch items)', () => {
    expectError(without(personBody(), 'uid'), 'uid', 'required');
  });

  it('uid: [A-Za-z0-9_-], 1..64', () => {
    expect(entryOf(personBody({ uid: 'a'.repeat(64) })).uid).toBe('a'.repeat(64));
    expectError(personBody({ uid: 'a'.repeat(65) }), 'uid', 'invalid_format');
    expectError(personBody({ uid: 'ks/2025' }), 'uid', 'invalid_format');
    expectError(personBody({ uid: '失信1' }), 'uid', 'invalid_format');
    expectError(without(personBody(), 'uid'), 'uid', 'invalid_format', { pathUid: 'bad uid' });
  });
});

describe('parseEntryPush: unknown fields', () => {
  it('reports each unknown field by name instead of dropping it', () => {
    const errors = errorsOf({ ...personBody(), demo: true, nickname: '小张' });
    const unknown = errors.filter((e) => e.code === 'unknown_field');
    expect(unknown.map((e) => e.field).sort()).toEqual(['demo', 'nickname']);
    expect(unknown.find((e) => e.field === 'nickname')!.message).toBe(
      '字段“nickname”：不是可接受的字段，请删除或检查拼写',
    );
    expect(errors).toHaveLength(2);
  });

  it('reports unknown fields inside otherIds items', () => {
    const e = expectError(
      personBody({ otherIds: [{ type: '护照', number: 'E1', issuedBy: '公安部' }] }),
      'otherIds.0.issuedBy',
      'unknown_field',
    );
    expect(e.message).toContain('多证件列表第 1 项');
    expect(e.message).toContain('issuedBy');
  });

  it('does not mistake prototype keys for fields', () => {
    const body = JSON.parse(
      JSON.stringify(personBody()).replace(/^\{/, '{"constructor":1,"__proto__":{"x":1},"toString":"a",'),
    ) as Body;
    const fields = errorsOf(body).map((e) => `${e.field}:${e.code}`);
    expect(fields.sort()).toEqual(['__proto__:unknown_field', 'constructor:unknown_field', 'toString:unknown_field']);
  });
});

describe('parseEntryPush: required fields by subject type', () => {
  const common = [
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

  it.each(common)('%s is required for both subject types', (field) => {
    for (const body of [personBody(), orgBody()]) {
      const e = expectError(without(body, field), field, 'required');
      expect(e.message).toBe(`${FIELD_DOCS[field as keyof typeof FIELD_DOCS].label}：必须填写`);
      expectError({ ...body, [field]: null }, field, 'required');
    }
  });

  it('blank text is missing text', () => {
    expectError(personBody({ name: ' \t ' }), 'name', 'required');
    expectError(personBody({ circumstances: ['  '] }), 'circumstances.0', 'required');
    expectError(personBody({ gender: '' }), 'gender', 'required');
  });

  it('a person needs 性别 and takes no 企业法定代表人姓名', () => {
    expectError(without(personBody(), 'gender'), 'gender', 'required');
    const e = expectError(personBody({ legalRepresentative: '李强' }), 'legalRepresentative', 'not_applicable');
    expect(e.message).toBe('企业法定代表人姓名：自然人不应填写此项');
    expect(entryOf(without(personBody(), 'age')).age).toBeNull();
  });

  it('an organisation needs 企业法定代表人姓名 and takes no 性别 or 年龄', () => {
    expectError(without(orgBody(), 'legalRepresentative'), 'legalRepresentative', 'required');
    expectError(orgBody({ legalRepresentative: ' ' }), 'legalRepresentative', 'required');
    expect(expectError(orgBody({ gender: '男' }), 'gender', 'not_applicable').message).toBe(
      '性别：法人及其他组织不应填写此项',
    );
    expectError(orgBody({ age: 30 }), 'age', 'not_applicable');
    // not_applicable replaces the field's other errors
    expectError(orgBody({ gender: '未知' }), 'gender', 'not_applicable');
    expectError(orgBody({ age: 12 }), 'age', 'not_applicable');
  });

  it('with an unknown subject type, reports that and the rest, without guessing', () => {
    const errors = errorsOf(personBody({ subjectType: 'company', name: '' }));
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual(['subjectType:invalid_enum', 'name:required']);
    expect(errors[0]!.message).toBe('标识自然人或企业法人：取值无效，应为 “person”、“organization” 之一');
  });
});

describe('parseEntryPush: identifiers', () => {
  it('resident ID check digit wrong by one', () => {
    const bad = wrongCheck(PERSON_ID, '0123456789X');
    const e = expectError(personBody({ idNumber: bad }), 'idNumber', 'invalid_checksum');
    expect(e.message).toBe('身份证号码/组织机构代码：校验位不正确');
  });

  it('USCC check character wrong by one', () => {
    expectError(orgBody({ idNumber: wrongCheck(ORG_USCC, USCC_CHARSET) }), 'idNumber', 'invalid_checksum');
  });

  it('organisation code check character wrong by one, with and without hyphen', () => {
    const bad = wrongCheck(orgCode(), '0123456789X');
    expectError(orgBody({ idNumber: bad }), 'idNumber', 'invalid_checksum');
    expectError(orgBody({ idNumber: `${bad.slice(0, 8)}-${bad.slice(8)}` }), 'idNumber', 'invalid_checksum');
  });

  it('wrong kind or shape of identifier is a format error', () => {
    expectError(personBody({ idNumber: ORG_USCC }), 'idNumber', 'invalid_format');
    expectError(personBody({ idNumber: '12345' }), 'idNumber', 'invalid_format');
    expectError(orgBody({ idNumber: '12345' }), 'idNumber', 'invalid_format');
    // I is not in the USCC charset
    expectError(orgBody({ idNumber: `${ORG_USCC.slice(0, 17)}I` }), 'idNumber', 'invalid_format');
    // right check digit, impossible birth date (19800230)
    const first17 = '32058319800230123';
    expectError(personBody({ idNumber: first17 + residentIdCheckChar(first17) }), 'idNumber', 'invalid_format');
    expectError(personBody({ idNumber: '320583800230123' }), 'idNumber', 'invalid_format');
    expectError(personBody({ idNumber: 320583198005061234 }), 'idNumber', 'invalid_type');
  });
});

describe('parseEntryPush: minors are never listed', () => {
  // publishedAt 2025-06-01 00:30 China time (2025-05-31 in UTC): China's calendar decides.
  const publishedAt = '2025-06-01T00:30:00+08:00';

  it('by ID: 18th birthday tomorrow → minor; 18th birthday today → listed', () => {
    const e = expectError(
      personBody({ publishedAt, age: null, idNumber: residentId('2007-06-02') }),
      'idNumber',
      'minor',
    );
    expect(e.message).toBe('身份证号码/组织机构代码：被执行人未满 18 周岁，未成年人不得纳入失信被执行人名单');
    expect(entryOf(personBody({ publishedAt, age: null, idNumber: residentId('2007-06-01') })).idNumber).toBe(
      residentId('2007-06-01'),
    );
  });

  it('by ID, judged at 发布时间, not at the time of the push', () => {
    // 18 now, but 17 when published a month ago
    expectError(
      personBody({
        publishedAt: '2025-05-01T10:00:00+08:00',
        filedAt: '2025-04-01',
        age: null,
        idNumber: residentId('2007-05-20'),
      }),
      'idNumber',
      'minor',
    );
  });

  it('by ID born after 发布时间', () => {
    expectError(
      personBody({
        publishedAt: '2020-05-01',
        filedAt: '2020-04-01',
        validUntil: null,
        age: null,
        idNumber: residentId('2021-01-01'),
      }),
      'idNumber',
      'minor',
    );
  });

  it('by ID even when 发布时间 is itself invalid (judged at now)', () => {
    const errors = errorsOf(personBody({ publishedAt: 'yesterday', age: null, idNumber: residentId('2010-01-01') }));
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual(['idNumber:minor', 'publishedAt:invalid_format']);
  });

  it('by age: 17 → minor, 18 → listed', () => {
    const e = expectError(personBody({ age: 17 }), 'age', 'minor');
    expect(e.message).toBe('年龄：被执行人未满 18 周岁，未成年人不得纳入失信被执行人名单');
    expectError(personBody({ age: 0 }), 'age', 'minor');
    expect(entryOf(personBody({ age: 18, idNumber: residentId('2007-01-01') })).age).toBe(18);
  });

  it('by legacy 15-digit ID: all are adults now (born 19xx)', () => {
    expect(entryOf(personBody({ idNumber: '320583990101123' })).idNumber).toBe('320583990101123');
  });
});

describe('parseEntryPush: stated age and gender against an 18-digit resident ID', () => {
  // PERSON_ID: born 1980-05-06, 17th digit 3 (男); 发布时间 2025-05-20 → 45.
  const codes = (body: Body) => errorsOf(body).map((e) => `${e.field}:${e.code}`);

  it('accepts an age and gender that agree', () => {
    const e = entryOf(personBody({ age: 45, gender: '男' }));
    expect([e.age, e.gender]).toEqual([45, '男']);
  });

  it('refuses an age that contradicts the birth date, naming both fields', () => {
    const e = expectError(personBody({ age: 123 }), 'age', 'id_mismatch');
    expect(e.message).toBe('年龄：与身份证号码/组织机构代码中的出生日期不符（按发布时间计算的周岁，容许相差 1 岁）');
    expect(codes(personBody({ age: 47 }))).toEqual(['age:id_mismatch']);
    expect(codes(personBody({ age: 43 }))).toEqual(['age:id_mismatch']);
  });

  it('refuses a gender that contradicts the sex digit (odd 男, even 女), naming both fields', () => {
    const e = expectError(personBody({ gender: '女' }), 'gender', 'id_mismatch');
    expect(e.message).toBe('性别：与身份证号码/组织机构代码中的性别不符（第 17 位数字为奇数的是男性，偶数的是女性）');
    const woman = residentId('1980-05-06', '124');
    expect(entryOf(personBody({ idNumber: woman, gender: '女' })).gender).toBe('女');
    expect(codes(personBody({ idNumber: woman, gender: '男', age: 99 }))).toEqual([
      'gender:id_mismatch',
      'age:id_mismatch',
    ]);
  });

  it('allows one year either side of the birthday boundary, not two', () => {
    // Born 1980-05-21: 发布时间 2025-05-20 is the day before the 45th birthday (44 by the ID).
    const id = residentId('1980-05-21');
    for (const age of [43, 44, 45]) expect(entryOf(personBody({ idNumber: id, age })).age).toBe(age);
    expect(codes(personBody({ idNumber: id, age: 42 }))).toEqual(['age:id_mismatch']);
    expect(codes(personBody({ idNumber: id, age: 46 }))).toEqual(['age:id_mismatch']);
  });

  it('leaves legacy 15-digit numbers and organisations unchecked; an absent age or gender is fine', () => {
    // 15 digits: born 1980-05-06, last digit even — still 男 and 99 accepted (not checked).
    expect(entryOf(personBody({ idNumber: '320583800506124', age: 99, gender: '男' })).age).toBe(99);
    expect(entryOf(personBody({ age: null })).age).toBeNull();
    expect(entryOf(orgBody()).idNumber).toBe(ORG_USCC);
  });
});

describe('parseEntryPush: dates', () => {
  it('rejects impossible dates', () => {
    expectError(personBody({ publishedAt: '2025-02-30T10:00:00+08:00' }), 'publishedAt', 'invalid_date');
    expectError(personBody({ publishedAt: '2025-02-30' }), 'publishedAt', 'invalid_date');
    expect(expectError(personBody({ filedAt: '2025-02-30' }), 'filedAt', 'invalid_date').message).toBe(
      '立案时间：不是真实存在的日期或时间',
    );
    expectError(personBody({ filedAt: '2023-02-29' }), 'filedAt', 'invalid_date');
    expectError(personBody({ publishedAt: '2025-05-20T24:00:00+08:00' }), 'publishedAt', 'invalid_date');
    expectError(personBody({ validUntil: '2027-13-01T00:00:00+08:00' }), 'validUntil', 'invalid_date');
    expect(entryOf(personBody({ filedAt: '2024-02-29' })).filedAt).toBe('2024-02-29');
  });

  it('rejects wrong formats', () => {
    // no offset
    const e = expectError(personBody({ publishedAt: '2025-05-20T09:30:00' }), 'publishedAt', 'invalid_format');
    expect(e.message).toContain('发布时间：格式不正确');
    expectError(personBody({ publishedAt: '2025/05/20' }), 'publishedAt', 'invalid_format');
    expectError(personBody({ publishedAt: '1747704600' }), 'publishedAt', 'invalid_format');
    expectError(personBody({ publishedAt: 1747704600000 }), 'publishedAt', 'invalid_type');
    expectError(personBody({ filedAt: '2025-03-01T00:00:00+08:00' }), 'filedAt', 'invalid_format');
    expectError(personBody({ filedAt: '2025-3-1' }), 'filedAt', 'invalid_format');
    expectError(personBody({ revokedAt: '2025-05-25' }), 'revokedAt', 'invalid_format'); // date-time only
    expectError(personBody({ validUntil: '2027-05-20' }), 'validUntil', 'invalid_format');
    expectError(personBody({ publishedAt: '1899-12-31' }), 'publishedAt', 'invalid_date');
  });

  it('发布时间 may be at most 5 minutes ahead of our clock', () => {
    expect(entryOf(personBody({ publishedAt: new Date(NOW.getTime() + 4 * MIN).toISOString() })).publishedAt).toEqual(
      new Date(NOW.getTime() + 4 * MIN),
    );
    const e = expectError(
      personBody({ publishedAt: new Date(NOW.getTime() + 6 * MIN).toISOString() }),
      'publishedAt',
      'future_date',
    );
    expect(e.message).toBe('发布时间：不得晚于当前时间');
  });

  it('立案时间 not after 发布时间 (China calendar day) and not in the future', () => {
    const e = expectError(
      personBody({ publishedAt: '2025-05-20T09:30:00+08:00', filedAt: '2025-05-21' }),
      'filedAt',
      'date_order',
    );
    expect(e.message).toBe('立案时间：不得晚于发布时间');
    // the same China day is fine, even though it is the previous day in UTC
    expect(entryOf(personBody({ publishedAt: '2025-05-20T00:10:00+08:00', filedAt: '2025-05-20' })).filedAt).toBe(
      '2025-05-20',
    );
    expectError(personBody({ filedAt: '2025-06-02' }), 'filedAt', 'future_date');
  });

  it('撤销时间 not before 发布时间 and not in the future', () => {
    expect(entryOf(personBody({ revokedAt: '2025-05-25T10:00:00+08:00' })).revokedAt).toEqual(
      new Date('2025-05-25T02:00:00Z'),
    );
    expect(expectError(personBody({ revokedAt: '2025-05-19T10:00:00+08:00' }), 'revokedAt', 'date_order').message).toBe(
      '撤销时间：不得早于发布时间',
    );
    expectError(personBody({ revokedAt: new Date(NOW.getTime() + 6 * MIN).toISOString() }), 'revokedAt', 'future_date');
  });

  it('更新时间: a date-time with an offset, to the millisecond, at most 5 minutes ahead of our clock', () => {
    expect(entryOf(personBody({ updatedAt: '2024-03-01T10:00:00.123+08:00' })).updatedAt).toEqual(
      new Date('2024-03-01T02:00:00.123Z'),
    );
    expect(entryOf(personBody({ updatedAt: null })).updatedAt).toBeNull();
    expect(entryOf(personBody({ updatedAt: new Date(NOW.getTime() + 4 * MIN).toISOString() })).updatedAt).toEqual(
      new Date(NOW.getTime() + 4 * MIN),
    );
    expect(
      expectError(
        personBody({ updatedAt: new Date(NOW.getTime() + 6 * MIN).toISOString() }),
        'updatedAt',
        'future_date',
      ).message,
    ).toBe('更新时间：不得晚于当前时间');
    expectError(personBody({ updatedAt: '2024-03-01' }), 'updatedAt', 'invalid_format'); // date-time only
    expectError(personBody({ updatedAt: '2024-03-01T10:00:00' }), 'updatedAt', 'invalid_format'); // no offset
    expectError(personBody({ updatedAt: 1709258400000 }), 'updatedAt', 'invalid_type');
  });

  it('失信信息有效期 after 发布时间', () => {
    expect(
      expectError(personBody({ validUntil: '2025-05-20T09:30:00+08:00' }), 'validUntil', 'date_order').message,
    ).toBe('失信信息有效期：不得早于或等于发布时间');
    // already expired is fine: the visibility rule hides it
    expect(entryOf(personBody({ validUntil: '2025-05-31T00:00:00+08:00' })).validUntil).toEqual(
      new Date('2025-05-30T16:00:00Z'),
    );
  });
});

describe('parseEntryPush: lengths (at the limit, and one over)', () => {
  const limits: [string, number, 'person' | 'organization'][] = [
    ['caseNo', 64, 'person'],
    ['name', 100, 'person'],
    ['legalRepresentative', 50, 'organization'],
    ['court', 100, 'person'],
    ['regionId', 20, 'person'],
    ['regionName', 100, 'person'],
    ['basisDocNo', 100, 'person'],
    ['basisIssuer', 100, 'person'],
    ['duty', 2000, 'person'],
    ['performance', 500, 'person'],
    ['performedPart', 200, 'person'],
    ['unperformedPart', 200, 'person'],
  ];

  it.each(limits)('%s: %i characters', (field, max, subject) => {
    const body = subject === 'person' ? personBody : orgBody;
    expect(entryOf(body({ [field]: '案'.repeat(max) }))[field as 'name']).toBe('案'.repeat(max));
    const e = expectError(body({ [field]: '案'.repeat(max + 1) }), field, 'too_long');
    expect(e.message).toBe(`${FIELD_DOCS[field as keyof typeof FIELD_DOCS].label}：不能超过 ${max} 个字符`);
  });

  it('counts characters, not UTF-16 units (rare characters outside the BMP)', () => {
    expect(entryOf(personBody({ name: '𠮷'.repeat(100) })).name).toBe('𠮷'.repeat(100));
    expectError(personBody({ name: '𠮷'.repeat(101) }), 'name', 'too_long');
  });

  it('limits are checked after trimming', () => {
    expect(entryOf(personBody({ name: ` ${'案'.repeat(100)} ` })).name).toBe('案'.repeat(100));
  });

  it('circumstances: 1..10 items of ≤ 200 characters', () => {
    expect(
      entryOf(personBody({ circumstances: Array.from({ length: 10 }, (_, i) => `情形${i}`) })).circumstances,
    ).toHaveLength(10);
    expect(
      expectError(personBody({ circumstances: Array.from({ length: 11 }, () => '情形') }), 'circumstances', 'too_many')
        .message,
    ).toBe('失信被执行人具体情形：不能超过 10 项');
    expect(expectError(personBody({ circumstances: [] }), 'circumstances', 'too_short').message).toBe(
      '失信被执行人具体情形：至少需要 1 项',
    );
    expect(entryOf(personBody({ circumstances: ['情'.repeat(200)] })).circumstances).toEqual(['情'.repeat(200)]);
    const e = expectError(personBody({ circumstances: ['情形', '情'.repeat(201)] }), 'circumstances.1', 'too_long');
    expect(e.message).toBe('失信被执行人具体情形第 2 项：不能超过 200 个字符');
    expectError(personBody({ circumstances: 'x' }), 'circumstances', 'invalid_type');
  });

  it('otherIds: ≤ 10 items of {type ≤ 20, number ≤ 40}', () => {
    const item = { type: '护照', number: 'E1' };
    expect(entryOf(personBody({ otherIds: Array.from({ length: 10 }, () => item) })).otherIds).toHaveLength(10);
    expectError(personBody({ otherIds: Array.from({ length: 11 }, () => item) }), 'otherIds', 'too_many');
    expect(
      entryOf(personBody({ otherIds: [{ type: '证'.repeat(20), number: 'N'.repeat(40) }] })).otherIds,
    ).toHaveLength(1);
    expectError(personBody({ otherIds: [{ type: '证'.repeat(21), number: 'N' }] }), 'otherIds.0.type', 'too_long');
    const e = expectError(
      personBody({ otherIds: [item, { type: '证', number: 'N'.repeat(41) }] }),
      'otherIds.1.number',
      'too_long',
    );
    expect(e.message).toBe('多证件列表第 2 项的证件号码：不能超过 40 个字符');
    expectError(personBody({ otherIds: [{ type: '护照' }] }), 'otherIds.0.number', 'required');
    expectError(personBody({ otherIds: ['E1'] }), 'otherIds.0', 'invalid_type');
  });
});

describe('parseEntryPush: types, enums, ranges, characters', () => {
  it('reports wrong JSON types', () => {
    expect(expectError(personBody({ name: 123 }), 'name', 'invalid_type').message).toBe(
      '失信被执行人姓名/名称：类型不正确，应为文本（字符串）',
    );
    expect(expectError(personBody({ age: 30.5 }), 'age', 'invalid_type').message).toBe('年龄：类型不正确，应为整数');
    expectError(personBody({ age: '30' }), 'age', 'invalid_type');
    expectError(personBody({ otherIds: {} }), 'otherIds', 'invalid_type');
  });

  it('reports values outside an enum', () => {
    expectError(personBody({ gender: 'M' }), 'gender', 'invalid_enum');
    expectError(personBody({ severity: 'high' }), 'severity', 'invalid_enum');
    expect(expectError(personBody({ disclosure: 'private' }), 'disclosure', 'invalid_enum').message).toBe(
      '公开方式：取值无效，应为 “public”、“restricted” 之一',
    );
  });

  it('age above 150 or negative is a format error', () => {
    // No 18-digit ID (born 1900 or later) agrees with 150; a legacy 15-digit one is not checked.
    expect(entryOf(personBody({ age: 150, idNumber: '320583000101123' })).age).toBe(150);
    expect(expectError(personBody({ age: 151 }), 'age', 'invalid_format').message).toBe(
      '年龄：格式不正确（应为 18 至 150 之间的整数）',
    );
    expectError(personBody({ age: -1 }), 'age', 'invalid_format');
  });

  it('refuses control characters (Postgres cannot store NUL) but keeps line breaks where text is long', () => {
    expectError(personBody({ name: '张\u0000伟' }), 'name', 'invalid_format');
    expectError(personBody({ caseNo: '(2025)\n苏0583执1号' }), 'caseNo', 'invalid_format');
    expectError(personBody({ duty: '支付\u0007' }), 'duty', 'invalid_format');
    expectError(personBody({ name: '张\ud800伟' }), 'name', 'invalid_format'); // lone surrogate
  });

  it('refuses invisible format characters in names (bidi controls, zero-width, soft hyphen), not name dots', () => {
    const message = (label: string) =>
      `${label}：格式不正确，不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）`;
    for (const c of FORMAT_CHARS) {
      const hex = c.codePointAt(0)!.toString(16);
      expect(expectError(personBody({ name: `张${c}伟` }), 'name', 'invalid_format').message, hex).toBe(
        message('失信被执行人姓名/名称'),
      );
      expect(expectError(orgBody({ name: `昆山${c}科技有限公司` }), 'name', 'invalid_format').message, hex).toBe(
        message('失信被执行人姓名/名称'),
      );
      expect(
        expectError(orgBody({ legalRepresentative: `李${c}强` }), 'legalRepresentative', 'invalid_format').message,
        hex,
      ).toBe(message('企业法定代表人姓名'));
    }
    expect(entryOf(personBody({ name: '买买提·艾力' })).name).toBe('买买提·艾力');
    expect(entryOf(orgBody({ legalRepresentative: '买买提·艾力' })).legalRepresentative).toBe('买买提·艾力');
    // The rule is for names: other text is not affected.
    expect(entryOf(personBody({ duty: '支付\u00AD人民币' })).duty).toBe('支付\u00AD人民币');
  });

  it('a body that is not an object', () => {
    for (const body of [null, undefined, [], 'x', 1]) {
      expect(errorsOf(body)).toEqual([{ field: '', code: 'invalid_type', message: '请求体：类型不正确，应为对象' }]);
    }
  });

  it('reports every error at once, in field order', () => {
    const errors = errorsOf(
      personBody({
        zzz: 1,
        name: '',
        idNumber: wrongCheck(PERSON_ID, '0123456789X'),
        filedAt: '2025-13-01',
        severity: 'x',
      }),
    );
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'name:required',
      'idNumber:invalid_checksum',
      'filedAt:invalid_date',
      'severity:invalid_enum',
      'zzz:unknown_field',
    ]);
  });
});

describe('parseEntryPush: the court directory', () => {
  it('stores a court named by its canonical name as it is', () => {
    expect(entryOf(personBody({ court: '苏州市中级人民法院' }), { courts: COURTS }).court).toBe('苏州市中级人民法院');
  });

  it.each([
    ['江苏省昆山市人民法院', '昆山市人民法院'],
    ['昆山法院', '昆山市人民法院'],
    ['苏州中院', '苏州市中级人民法院'],
    ['江苏省苏州市中级人民法院', '苏州市中级人民法院'],
    // Spaces, full-width and traditional characters are normalised before the lookup.
    ['  江苏省 昆山市 人民法院 ', '昆山市人民法院'],
    ['蘇州中院', '苏州市中级人民法院'],
    ['江苏省昆山市人民法院\u3000', '昆山市人民法院'],
  ])('maps the alias %j to the canonical %s', (court, canonical) => {
    expect(entryOf(personBody({ court }), { courts: COURTS }).court).toBe(canonical);
    expect(makeEntryPushSchema({ now: NOW, courts: COURTS }).parse(personBody({ court })).court).toBe(canonical);
  });

  it.each(['zz', '昆山市第二人民法院', '上海市人民法院', '法院'])(
    'refuses the unknown court %j on 执行法院',
    (court) => {
      const e = expectError(personBody({ court }), 'court', 'unknown_court', { courts: COURTS });
      expect(e.message).toBe(
        '执行法院：不在本平台法院名录中，应为 “昆山市人民法院”、“苏州市中级人民法院”、“苏州市吴中区人民法院”、' +
          '“江苏省高级人民法院” 之一（可填写全称或名录中的别称）',
      );
      expect(e.message).not.toContain(`“${court}”`); // nothing submitted is echoed
      expect(makeEntryPushSchema({ now: NOW, courts: COURTS }).safeParse(personBody({ court })).success).toBe(false);
    },
  );

  it('reports an unknown court together with the other errors, and a blank court only as required', () => {
    const errors = errorsOf(personBody({ court: 'zz', filedAt: '2025-04-31' }), { courts: COURTS });
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual(['court:unknown_court', 'filedAt:invalid_date']);
    expect(errorsOf(personBody({ court: ' ' }), { courts: COURTS }).map((e) => `${e.field}:${e.code}`)).toEqual([
      'court:required',
    ]);
  });

  it('takes any court name without a directory (callers below the boundary)', () => {
    expect(entryOf(personBody({ court: 'zz' })).court).toBe('zz');
  });
});

describe('error codes and messages', () => {
  // One case per code: body, options, field, code.
  const cases: [ErrorCode, unknown, Opts, string][] = [
    ['unknown_court', personBody({ court: 'zz' }), { courts: COURTS }, 'court'],
    ['required', without(personBody(), 'caseNo'), {}, 'caseNo'],
    ['invalid_type', personBody({ duty: ['a'] }), {}, 'duty'],
    ['invalid_enum', personBody({ subjectType: 'Person' }), {}, 'subjectType'],
    ['too_short', personBody({ circumstances: [] }), {}, 'circumstances'],
    ['too_long', personBody({ caseNo: 'x'.repeat(65) }), {}, 'caseNo'],
    ['invalid_format', personBody({ uid: 'a b' }), {}, 'uid'],
    ['invalid_date', personBody({ filedAt: '2025-04-31' }), {}, 'filedAt'],
    ['date_order', personBody({ filedAt: '2025-05-21' }), {}, 'filedAt'],
    ['future_date', personBody({ publishedAt: '2025-06-02' }), {}, 'publishedAt'],
    ['invalid_checksum', orgBody({ idNumber: wrongCheck(ORG_USCC, USCC_CHARSET) }), {}, 'idNumber'],
    ['minor', personBody({ age: 16 }), {}, 'age'],
    ['id_mismatch', personBody({ age: 123 }), {}, 'age'],
    ['unknown_field', { ...personBody(), remark: 'x' }, {}, 'remark'],
    ['uid_mismatch', personBody(), { pathUid: 'other' }, 'uid'],
    ['not_applicable', orgBody({ gender: '女' }), {}, 'gender'],
    [
      'too_many',
      personBody({ otherIds: Array.from({ length: 11 }, () => ({ type: 'a', number: 'b' })) }),
      {},
      'otherIds',
    ],
  ];

  // Decided when saving, against the stored version (db/tests/entries.int.test.ts), not by the parser.
  const versionCodes = ['stale_version', 'version_conflict', 'version_required'] as const;

  it('covers the whole fixed set', () => {
    expect([...cases.map(([code]) => code), ...versionCodes].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it.each(versionCodes)('%s names 更新时间 in Chinese', (code) => {
    const e = versionError(code);
    expect(e).toMatchObject({ field: 'updatedAt', code });
    expect(e.message.startsWith('更新时间：')).toBe(true);
    expect(e.message).not.toMatch(/\{\w+\}/);
  });

  it.each(cases)('%s', (code, body, opts, field) => {
    const e = expectError(body, field, code, opts);
    const label = Object.hasOwn(FIELD_DOCS, field)
      ? FIELD_DOCS[field as keyof typeof FIELD_DOCS].label
      : `字段“${field}”`;
    expect(e.message.startsWith(`${label}：`), e.message).toBe(true);
    expect(e.message).toMatch(HAN);
    expect(e.message).not.toMatch(/\{\w+\}/); // every placeholder filled
  });

  it('every template names the field and is Chinese', () => {
    for (const { template } of Object.values(ERROR_CODES)) {
      expect(template.startsWith('{label}：')).toBe(true);
      expect(template).toMatch(HAN);
    }
  });
});

describe('no message echoes an ID number', () => {
  const personBad = wrongCheck(PERSON_ID, '0123456789X');
  const minorId = residentId('2010-03-04');
  const cases: [string, Body][] = [
    [personBad, personBody({ idNumber: personBad })],
    [minorId, personBody({ idNumber: minorId, age: null })],
    [PERSON_ID, orgBody({ idNumber: PERSON_ID })],
    [ORG_USCC, personBody({ idNumber: ORG_USCC })],
    [PERSON_ID, { ...personBody(), [PERSON_ID]: true }],
    [PERSON_ID, personBody({ otherIds: [{ type: '身份证', number: `${PERSON_ID}${'0'.repeat(30)}` }] })],
    [PERSON_ID, personBody({ name: PERSON_ID.repeat(10) })],
    [PERSON_ID, personBody({ idNumber: `${PERSON_ID}\u0000` })],
    [PERSON_ID, personBody({ idNumber: PERSON_ID, gender: 'x', uid: PERSON_ID, subjectType: PERSON_ID })],
  ];

  it.each(cases)('%s', (id, body) => {
    const errors = errorsOf(body, { pathUid: 'p1' });
    expect(errors.length).toBeGreaterThan(0);
    const text = JSON.stringify(errors);
    expect(text).not.toContain(id);
    expect(text).not.toContain(id.slice(0, 14)); // nor its birth date with the region
  });
});

describe('entryPushSchema (the OpenAPI source)', () => {
  it('documents every push field with its Attachment 1 label', () => {
    expect(Object.fromEntries(ENTRY_PUSH_FIELDS.map((k) => [k, FIELD_DOCS[k].label]))).toEqual({
      uid: '信息唯一标识',
      caseNo: '案号',
      subjectType: '标识自然人或企业法人',
      name: '失信被执行人姓名/名称',
      gender: '性别',
      age: '年龄',
      idNumber: '身份证号码/组织机构代码',
      otherIds: '多证件列表',
      legalRepresentative: '企业法定代表人姓名',
      court: '执行法院',
      regionId: '地域ID',
      regionName: '地域名称',
      basisDocNo: '执行依据文号',
      basisIssuer: '作出执行依据单位',
      duty: '法律生效文书确定的义务',
      performance: '被执行人的履行情况',
      circumstances: '失信被执行人具体情形',
      publishedAt: '发布时间',
      filedAt: '立案时间',
      performedPart: '已履行部分',
      unperformedPart: '未履行部分',
      revokedAt: '撤销时间',
      severity: '失信严重程度',
      validUntil: '失信信息有效期',
      disclosure: '公开方式',
      updatedAt: '更新时间',
    });
    for (const k of ENTRY_PUSH_FIELDS) expect(FIELD_DOCS[k].description.length).toBeGreaterThan(5);
  });

  it('converts to JSON Schema: one variant per subject type, with titles, limits and no additional properties', () => {
    type Variant = {
      properties: Record<string, { title?: string; maxLength?: number; const?: string; type?: string }>;
      required: string[];
      additionalProperties: boolean;
    };
    const json = z.toJSONSchema(entryPushSchema, { io: 'input' }) as { title: string; oneOf: Variant[] };
    expect(json.title).toBe('失信被执行人信息推送');
    const [person, organization] = json.oneOf;
    expect([person!.properties.subjectType!.const, organization!.properties.subjectType!.const]).toEqual([
      'person',
      'organization',
    ]);
    for (const variant of json.oneOf) {
      expect(Object.keys(variant.properties)).toEqual(ENTRY_PUSH_FIELDS);
      for (const k of ENTRY_PUSH_FIELDS) expect(variant.properties[k]!.title).toBe(FIELD_DOCS[k].label);
      expect(variant.additionalProperties).toBe(false);
      expect(variant.properties.name!.maxLength).toBe(100);
      expect(variant.required).toEqual(
        expect.arrayContaining(['caseNo', 'subjectType', 'name', 'idNumber', 'publishedAt', 'filedAt', 'severity']),
      );
    }
    expect(person!.required).toContain('gender');
    expect(person!.required).not.toContain('legalRepresentative');
    expect(organization!.required).toContain('legalRepresentative');
    expect(organization!.required).not.toContain('gender');
    expect(organization!.properties.gender!.type).toBe('null');
    expect(organization!.properties.age!.type).toBe('null');
    expect(JSON.stringify(z.toJSONSchema(makeEntryPushSchema(), { io: 'input' }))).toContain('已履行部分');
  });

  it('parses to the same EntryInput as parseEntryPush, and applies the cross-field rules', () => {
    const schema = makeEntryPushSchema({ now: NOW });
    for (const body of [personBody(), orgBody({ idNumber: orgCode() })]) {
      const r = schema.safeParse(body);
      expect(r.success).toBe(true);
      expect(r.data).toEqual(entryOf(body));
    }
    expect(makeEntryPushSchema({ now: NOW, pathUid: 'p' }).safeParse(without(personBody(), 'uid')).data?.uid).toBe('p');
    expect(schema.safeParse(personBody({ age: null, idNumber: residentId('2010-01-01') })).success).toBe(false);
    expect(schema.safeParse(personBody({ filedAt: '2025-05-21' })).success).toBe(false);
    expect(schema.safeParse(personBody({ extra: 1 })).success).toBe(false);
    expect(schema.safeParse(without(orgBody(), 'legalRepresentative')).success).toBe(false);
    expect(schema.safeParse(without(personBody(), 'gender')).success).toBe(false);
    expect(schema.safeParse(orgBody({ gender: '男' })).success).toBe(false);
    expect(schema.safeParse(personBody({ legalRepresentative: '李强' })).success).toBe(false);
    expect(schema.safeParse(personBody({ legalRepresentative: ' ' })).data).toEqual(entryOf(personBody()));
    expect(schema.safeParse(personBody({ subjectType: 'other' })).success).toBe(false);
    expect(entryPushSchema.safeParse(personBody()).success).toBe(true);
  });
});

describe('parseBatch', () => {
  const item = personBody();

  it('returns the raw items, 1 to 1,000', () => {
    const one = parseBatch({ entries: [item] });
    expect(one).toEqual({ ok: true, items: [item] });
    if (one.ok) expect(one.items[0]).toBe(item);
    const full = parseBatch({ entries: Array.from({ length: 1000 }, () => ({})) });
    expect(full.ok && full.items.length).toBe(1000);
  });

  const rejected = (body: unknown) => {
    const r = parseBatch(body);
    if (r.ok) throw new Error('expected a rejection');
    return r.errors.map((e) => `${e.field}:${e.code}`);
  };

  it('refuses 0, 1,001, a non-array, a missing list, extra keys and a non-object', () => {
    expect(rejected({ entries: [] })).toEqual(['entries:too_short']);
    expect(rejected({ entries: Array.from({ length: 1001 }, () => item) })).toEqual(['entries:too_many']);
    expect(rejected({ entries: item })).toEqual(['entries:invalid_type']);
    expect(rejected({ entries: 'x' })).toEqual(['entries:invalid_type']);
    expect(rejected({})).toEqual(['entries:required']);
    expect(rejected({ entries: [item], dryRun: true })).toEqual(['dryRun:unknown_field']);
    expect(rejected([item])).toEqual([':invalid_type']);
    expect(rejected(null)).toEqual([':invalid_type']);
  });

  it('says so in Chinese', () => {
    const r = parseBatch({ entries: Array.from({ length: 1001 }, () => 1) });
    expect(!r.ok && r.errors[0]!.message).toBe('条目列表：不能超过 1000 项');
  });
});

describe('parseRemovalGround', () => {
  // NOW is 2025-06-01 12:00 China time.
  it('takes a ground, a day up to today (China time) and an optional note', () => {
    expect(parseRemovalGround({ ground: '全部履行', occurredOn: '2025-06-01' }, NOW)).toEqual({
      ok: true,
      value: { ground: '全部履行', occurredOn: '2025-06-01' },
    });
    expect(parseRemovalGround({ ground: '其他', occurredOn: '2025-05-01', note: ' 和解 ' }, NOW)).toEqual({
      ok: true,
      value: { ground: '其他', occurredOn: '2025-05-01', note: '和解' },
    });
  });

  it('refuses tomorrow (China time), a missing note for 其他, unknown grounds and fields', () => {
    // 2025-05-31T16:30Z is already 2025-06-01 in China: tomorrow there is 2025-06-02.
    const lateUtc = new Date('2025-05-31T16:30:00Z');
    expect(parseRemovalGround({ ground: '全部履行', occurredOn: '2025-06-01' }, lateUtc).ok).toBe(true);
    const codes = (body: unknown) => {
      const r = parseRemovalGround(body, NOW);
      return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`);
    };
    expect(codes({ ground: '全部履行', occurredOn: '2025-06-02' })).toEqual(['occurredOn:future_date']);
    expect(codes({ ground: '其他', occurredOn: '2025-06-01' })).toEqual(['note:required']);
    expect(codes({ ground: 'paid', occurredOn: '2025-06-01', on: 'x' })).toEqual([
      'ground:invalid_enum',
      'on:unknown_field',
    ]);
  });
});

describe('parseRevocation', () => {
  it('lists the SPC grounds in order', () => {
    expect(SPC_GROUNDS).toEqual([
      '全部履行',
      '执行和解履行完毕',
      '终结执行',
      '申请执行人申请',
      '不予执行',
      '有效期届满',
      '纳入错误',
      '其他',
    ]);
  });

  it.each(SPC_GROUNDS.filter((g) => g !== '其他'))('accepts %s', (reason) => {
    expect(parseRevocation({ kind: 'revoke', reason }, NOW)).toEqual({ ok: true, value: { kind: 'revoke', reason } });
  });

  it('accepts shield, a note and a past effectiveAt', () => {
    expect(
      parseRevocation(
        { kind: 'shield', reason: '纳入错误', note: ' 当事人身份错误 ', effectiveAt: '2025-05-30T10:00:00+08:00' },
        NOW,
      ),
    ).toEqual({
      ok: true,
      value: {
        kind: 'shield',
        reason: '纳入错误',
        note: '当事人身份错误',
        effectiveAt: new Date('2025-05-30T02:00:00Z'),
      },
    });
  });

  const rejected = (body: unknown) => {
    const r = parseRevocation(body, NOW);
    if (r.ok) throw new Error('expected a rejection');
    return r.errors;
  };

  it('其他 needs a note', () => {
    expect(rejected({ kind: 'revoke', reason: '其他' })).toEqual([
      { field: 'note', code: 'required', message: '说明：必须填写' },
    ]);
    expect(parseRevocation({ kind: 'revoke', reason: '其他', note: '法院决定' }, NOW).ok).toBe(true);
  });

  it('refuses an unknown ground or kind, missing fields, unknown fields', () => {
    const e = rejected({ kind: 'delete', reason: '已还款', by: 'x' });
    expect(e.map((x) => `${x.field}:${x.code}`)).toEqual([
      'kind:invalid_enum',
      'reason:invalid_enum',
      'by:unknown_field',
    ]);
    expect(e[1]!.message).toContain(`${REVOCATION_FIELD_DOCS.reason.label}：取值无效`);
    expect(e[1]!.message).toContain('“执行和解履行完毕”');
    expect(rejected({}).map((x) => `${x.field}:${x.code}`)).toEqual(['kind:required', 'reason:required']);
    expect(rejected('revoke').map((x) => x.code)).toEqual(['invalid_type']);
  });

  it('effectiveAt: a date-time with offset, not in the future', () => {
    expect(
      rejected({ kind: 'revoke', reason: '全部履行', effectiveAt: new Date(NOW.getTime() + 6 * MIN).toISOString() }),
    ).toEqual([{ field: 'effectiveAt', code: 'future_date', message: '生效时间：不得晚于当前时间' }]);
    expect(
      parseRevocation(
        { kind: 'revoke', reason: '全部履行', effectiveAt: new Date(NOW.getTime() + 4 * MIN).toISOString() },
        NOW,
      ).ok,
    ).toBe(true);
    expect(rejected({ kind: 'revoke', reason: '全部履行', effectiveAt: '2025-05-30' })[0]!.code).toBe('invalid_format');
    expect(rejected({ kind: 'revoke', reason: '全部履行', effectiveAt: '2025-02-30T10:00:00Z' })[0]!.code).toBe(
      'invalid_date',
    );
  });

  it('note ≤ 500 characters', () => {
    expect(parseRevocation({ kind: 'revoke', reason: '其他', note: '说'.repeat(500) }, NOW).ok).toBe(true);
    expect(rejected({ kind: 'revoke', reason: '其他', note: '说'.repeat(501) })[0]!.code).toBe('too_long');
  });
});

describe('toPushPayload', () => {
  it('is the inverse of parseEntryPush for people and organisations', async () => {
    const { toPushPayload } = await import('./push-payload');
    const { demoEntry } = await import('@/db/demo-data');
    const anchor = new Date('2026-11-01T00:00:00Z');
    let checked = 0;
    for (let i = 0; checked < 50; i++) {
      const { input } = demoEntry(i, { seed: 7, anchor, uidPrefix: 'RT' });
      const parsed = parseEntryPush(toPushPayload(input), { now: anchor });
      if (input.validUntil && input.validUntil <= input.publishedAt) continue;
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.entry).toMatchObject({
        uid: input.uid,
        name: input.name,
        idNumber: input.idNumber,
        publishedAt: input.publishedAt,
        filedAt: input.filedAt,
      });
      checked += 1;
    }
  });
});
