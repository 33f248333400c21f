import { describe, expect, it } from 'vitest';
import { isValidResidentId, residentIdCheckChar } from '@/lib/identifiers';
import {
  excelSerialToDate,
  fromAttachment1Row,
  fromNationalJson,
  nationalUid,
  normalizeHeader,
  parseImportDate,
  parseOtherIds,
  parseSubjectType,
  parseValidUntil,
  splitCircumstances,
} from './formats';

const id = (first17: string) => first17 + residentIdCheckChar(first17);

/** What the one default rule (./defaults.ts) fills in a record that leaves out severity and validity. */
const DEFAULTED = { severity: 'general', validUntil: null };

describe('parseImportDate', () => {
  it.each([
    ['2014年12月11日', '2014-12-11', null],
    ['2014年1月1日', '2014-01-01', null],
    ['2015年03月28日 14:05', '2015-03-28', '14:05:00'],
    ['2015-03-28', '2015-03-28', null],
    ['2015-03-28 00:00:00', '2015-03-28', null],
    ['2015-03-28 09:30:15', '2015-03-28', '09:30:15'],
    ['2015-03-28T09:30', '2015-03-28', '09:30:00'],
    ['2015/3/28', '2015-03-28', null],
    ['2015/03/28 8:05', '2015-03-28', '08:05:00'],
    ['2015.3.28', '2015-03-28', null],
    ['２０１５－０３－２８', '2015-03-28', null], // full-width digits and dash
    ['20200508', '2020-05-08', null], // national regDate
    ['2015-03-27T16:00:00Z', '2015-03-28', null], // an instant, shown in CST
    ['2015-03-28T10:00:00+08:00', '2015-03-28', '10:00:00'],
    ['2015-03-28T10:00:00.250+08:00', '2015-03-28', '10:00:00.250'], // milliseconds kept (更新时间 orders versions)
  ])('%s', (input, date, time) => {
    expect(parseImportDate(input)).toEqual({ date, time });
  });

  it('reads Excel serial numbers only when asked (XLSX/CSV cells)', () => {
    expect(parseImportDate('42091', { excelSerial: true })).toEqual({ date: '2015-03-28', time: null });
    expect(parseImportDate(42091, { excelSerial: true })).toEqual({ date: '2015-03-28', time: null });
    expect(parseImportDate('42091.5', { excelSerial: true })).toEqual({ date: '2015-03-28', time: '12:00:00' });
    expect(parseImportDate(45757, { excelSerial: true })).toEqual({ date: '2025-04-10', time: null });
    expect(parseImportDate('42091')).toBeNull();
  });

  it('Excel serials: 1900 date system, fictitious 1900-02-29 and earlier refused', () => {
    expect(excelSerialToDate(61)).toEqual({ date: '1900-03-01', time: null });
    expect(excelSerialToDate(36526)).toEqual({ date: '2000-01-01', time: null });
    expect(excelSerialToDate(43831.75)).toEqual({ date: '2020-01-01', time: '18:00:00' });
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(3_000_000)).toBeNull();
  });

  it('reads Unix epochs in seconds and milliseconds as CST', () => {
    expect(parseImportDate('1595260800')).toEqual({ date: '2020-07-21', time: null });
    expect(parseImportDate(1595260800000)).toEqual({ date: '2020-07-21', time: null });
    expect(parseImportDate(1595295000000)).toEqual({ date: '2020-07-21', time: '09:30:00' });
  });

  it.each(['', '2015-02-30', '2015年13月1日', '2015-03-28 25:00', '20201350', '昨天', '2015-3', 'abc', '0'])(
    'rejects %j',
    (input) => {
      expect(parseImportDate(input, { excelSerial: true })).toBeNull();
    },
  );
});

describe('normalizeHeader', () => {
  it('trims, removes whitespace inside and the optional-column asterisks', () => {
    expect(normalizeHeader(' 年龄* ')).toBe('年龄');
    expect(normalizeHeader('地域名称\n*')).toBe('地域名称');
    expect(normalizeHeader('*案号')).toBe('案号');
    expect(normalizeHeader('失信被执行人姓名／名称＊')).toBe('失信被执行人姓名/名称'); // full-width
    expect(normalizeHeader('\uFEFF信息唯一标识')).toBe('信息唯一标识');
    expect(normalizeHeader('案\u00AD号\u200B')).toBe('案号');
  });
});

describe('field converters', () => {
  it('subject types', () => {
    expect(parseSubjectType('自然人')).toBe('person');
    for (const v of ['企业法人', '法人', '单位', '法人及其他组织', ' 企业法人 '])
      expect(parseSubjectType(v)).toBe('organization');
    expect(parseSubjectType('0')).toBeNull();
    expect(parseSubjectType('失信被执行人名单')).toBeNull();
  });

  it('other IDs', () => {
    expect(parseOtherIds('护照:E12345678；港澳通行证:C1234567')).toEqual([
      { type: '护照', number: 'E12345678' },
      { type: '港澳通行证', number: 'C1234567' },
    ]);
    expect(parseOtherIds('护照：E1; 台胞证： 0123456 ')).toEqual([
      { type: '护照', number: 'E1' },
      { type: '台胞证', number: '0123456' },
    ]);
    expect(parseOtherIds('[{"type":"护照","number":"E1"}]')).toEqual([{ type: '护照', number: 'E1' }]);
    const warnings: string[] = [];
    expect(parseOtherIds('E12345678', warnings)).toEqual([{ type: '', number: 'E12345678' }]);
    expect(warnings).toHaveLength(1);
  });

  it('circumstances: commas, semicolons, 、 between recognised ones only', () => {
    expect(splitCircumstances('违反财产报告制度,违反限制消费令')).toEqual(['违反财产报告制度', '违反限制消费令']);
    expect(splitCircumstances('违反财产报告制度，违反限制消费令；无正当理由拒不履行执行和解协议')).toEqual([
      '违反财产报告制度',
      '违反限制消费令',
      '无正当理由拒不履行执行和解协议',
    ]);
    expect(splitCircumstances('违反财产报告制度、违反限制消费令')).toEqual(['违反财产报告制度', '违反限制消费令']);
    // The statutory wordings contain 、 themselves.
    expect(splitCircumstances('以伪造证据、暴力、威胁等方法妨碍、抗拒执行、违反限制消费令')).toEqual([
      '以伪造证据、暴力、威胁等方法妨碍、抗拒执行',
      '违反限制消费令',
    ]);
    expect(splitCircumstances('以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行的')).toEqual([
      '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行的',
    ]);
    expect(splitCircumstances('其他有履行能力而拒不履行生效法律文书确定义务;')).toEqual([
      '其他有履行能力而拒不履行生效法律文书确定义务',
    ]);
    // Unrecognised text with 、 stays whole; enumerators and final 。 go.
    expect(splitCircumstances('1.隐匿、转移车辆。\n2、违反限制消费令')).toEqual(['隐匿、转移车辆', '违反限制消费令']);
    expect(splitCircumstances('（一）违反财产报告制度')).toEqual(['违反财产报告制度']);
    expect(splitCircumstances(' ，； ')).toEqual([]);
  });

  it('validity period', () => {
    const pub = { date: '2025-03-28', time: null };
    expect(parseValidUntil('2027-03-28', pub, true)).toBe('2027-03-28T23:59:59+08:00');
    expect(parseValidUntil('2025年3月28日至2027年3月28日', pub, true)).toBe('2027-03-28T23:59:59+08:00');
    expect(parseValidUntil('2025-03-28~2027-03-28', pub, true)).toBe('2027-03-28T23:59:59+08:00');
    expect(parseValidUntil('46474', pub, true)).toBe('2027-03-28T23:59:59+08:00');
    expect(parseValidUntil('2年', pub, true)).toBe('2027-03-28T00:00:00+08:00');
    expect(parseValidUntil('3年', { date: '2024-02-29', time: '10:00:00' }, true)).toBe('2027-02-28T10:00:00+08:00');
    expect(parseValidUntil('2年', null, true)).toBeUndefined();
    expect(parseValidUntil('长期', pub, true)).toBeNull();
    expect(parseValidUntil('至依法撤销之日', pub, true)).toBeNull();
    expect(parseValidUntil('很久', pub, true)).toBeUndefined();
  });
});

describe('fromAttachment1Row', () => {
  const person = {
    信息唯一标识: 'KS-1',
    案号: '（2025）苏0583执1号',
    '失信被执行人姓名/名称': ' 陈样例 ',
    性别: '男',
    '年龄*': '40',
    '身份证号码/组织机构代码': id('32058319850312003'),
    多证件列表: '护照:E12345678；港澳通行证:C1234567',
    企业法定代表人姓名: '',
    执行法院: '昆山市人民法院',
    '地域ID*': '320583',
    '地域名称\n*': '江苏省苏州市昆山市',
    标识自然人或企业法人: '自然人',
    执行依据文号: '（2024）苏0583民初1号',
    作出执行依据单位: '昆山市人民法院',
    法律生效文书确定的义务: '偿还借款',
    被执行人的履行情况: '全部未履行',
    失信被执行人具体情形: '有履行能力而拒不履行生效法律文书确定义务，违反财产报告制度',
    发布时间: '2015年3月28日',
    立案时间: '2014/12/11',
    '已履行部分*': '',
    未履行部分: '人民币50000元',
    撤销时间: '2016-01-05 09:00:00',
    失信严重程度: '严重',
    失信信息有效期: '2年',
    公开方式: '不宜公开',
  };

  it('maps every column, field by field', () => {
    const { raw, unknownColumns, warnings } = fromAttachment1Row(person);
    expect(raw).toEqual({
      uid: 'KS-1',
      caseNo: '（2025）苏0583执1号',
      name: '陈样例',
      gender: '男',
      age: 40,
      idNumber: id('32058319850312003'),
      otherIds: [
        { type: '护照', number: 'E12345678' },
        { type: '港澳通行证', number: 'C1234567' },
      ],
      court: '昆山市人民法院',
      regionId: '320583',
      regionName: '江苏省苏州市昆山市',
      subjectType: 'person',
      basisDocNo: '（2024）苏0583民初1号',
      basisIssuer: '昆山市人民法院',
      duty: '偿还借款',
      performance: '全部未履行',
      circumstances: ['有履行能力而拒不履行生效法律文书确定义务', '违反财产报告制度'],
      publishedAt: '2015-03-28T00:00:00+08:00',
      filedAt: '2014-12-11',
      unperformedPart: '人民币50000元',
      revokedAt: '2016-01-05T09:00:00+08:00',
      severity: 'serious',
      validUntil: '2017-03-28T00:00:00+08:00',
      disclosure: 'restricted',
    });
    // Empty cells are omitted, not sent as ''.
    expect(raw).not.toHaveProperty('legalRepresentative');
    expect(raw).not.toHaveProperty('performedPart');
    expect(unknownColumns).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('organisations and Excel serial dates', () => {
    const { raw } = fromAttachment1Row({
      '失信被执行人姓名/名称': '昆山示例有限公司',
      标识自然人或企业法人: '法人及其他组织',
      企业法定代表人姓名: '吴样例',
      发布时间: '42091',
      立案时间: '42000.0',
      失信严重程度: '一般',
      公开方式: '公开',
      失信信息有效期: '42822',
    });
    expect(raw).toEqual({
      name: '昆山示例有限公司',
      subjectType: 'organization',
      legalRepresentative: '吴样例',
      publishedAt: '2015-03-28T00:00:00+08:00',
      filedAt: '2014-12-27',
      severity: 'general',
      disclosure: 'public',
      validUntil: '2017-03-28T23:59:59+08:00',
    });
  });

  it('更新时间 (not in Attachment 1) becomes updatedAt, an instant in CST', () => {
    expect(fromAttachment1Row({ 更新时间: '2024-03-01 10:00:00' }).raw).toEqual({
      updatedAt: '2024-03-01T10:00:00+08:00',
      ...DEFAULTED,
    });
    expect(fromAttachment1Row({ 最后修改时间: '2024-03-01T02:00:00.5Z' }).raw).toEqual({
      updatedAt: '2024-03-01T10:00:00.500+08:00',
      ...DEFAULTED,
    });
  });

  it('reports unknown columns and never drops them silently', () => {
    const { raw, unknownColumns } = fromAttachment1Row({ 案号: 'X', 备注: '补录', 联系电话: '', '': '', 第27列: 'y' });
    expect(raw).toEqual({ caseNo: 'X', ...DEFAULTED });
    expect(unknownColumns).toEqual(['备注', '联系电话', '第27列']);
  });

  it('passes unconvertible values through, with a warning, for validation to reject', () => {
    const { raw, warnings } = fromAttachment1Row({
      性别: '未知',
      年龄: '四十',
      标识自然人或企业法人: '其它',
      发布时间: '2015-02-30',
      立案时间: '上周',
      失信严重程度: '较重',
      公开方式: '内部',
      失信信息有效期: '很久',
    });
    expect(raw).toEqual({
      gender: '未知',
      age: '四十',
      subjectType: '其它',
      publishedAt: '2015-02-30',
      filedAt: '上周',
      severity: '较重',
      disclosure: '内部',
      validUntil: '很久',
    });
    expect(warnings).toHaveLength(8);
  });

  it('two columns for the same field: the first wins, with a warning', () => {
    const { raw, warnings } = fromAttachment1Row({ '年龄*': '40', 年龄: '41' });
    expect(raw).toEqual({ age: 40, ...DEFAULTED });
    expect(warnings).toHaveLength(1);
  });
});

describe('fromNationalJson', () => {
  const national = {
    id: 710352730,
    iname: '马样例',
    caseCode: '(2020)苏0583执729号',
    age: '56',
    sexy: '男性',
    cardNum: id('32058319640101003'),
    businessEntity: '',
    courtName: '昆山市人民法院',
    areaName: '江苏',
    partyTypeName: '自然人',
    gistId: '(2017)苏0583民初4752号',
    regDate: '2020年05月08日',
    gistUnit: '昆山市人民法院',
    duty: '偿还借款本金14499.99元及利息',
    performance: '全部未履行',
    performedPart: '暂无',
    unperformPart: '暂无',
    disruptTypeName: '违反财产报告制度,违反限制消费令',
    publishDate: '2020-07-21 00:00:00',
    focusNumber: '0',
    sitelink: 'http://zxgk.court.gov.cn/',
    StdStg: 6899,
  };

  it('maps a person record field by field', () => {
    const { raw, unknownColumns, warnings } = fromNationalJson(national);
    expect(raw).toEqual({
      uid: 'CN710352730',
      caseNo: '(2020)苏0583执729号',
      subjectType: 'person',
      name: '马样例',
      gender: '男',
      age: 56,
      idNumber: id('32058319640101003'),
      court: '昆山市人民法院',
      regionName: '江苏',
      basisDocNo: '(2017)苏0583民初4752号',
      basisIssuer: '昆山市人民法院',
      duty: '偿还借款本金14499.99元及利息',
      performance: '全部未履行',
      circumstances: ['违反财产报告制度', '违反限制消费令'],
      publishedAt: '2020-07-21T00:00:00+08:00',
      filedAt: '2020-05-08',
      performedPart: '暂无',
      unperformedPart: '暂无',
      disclosure: 'public',
      ...DEFAULTED,
    });
    expect(unknownColumns).toEqual([]); // the site's bookkeeping keys are known noise
    expect(warnings).toEqual([]);
  });

  it('matches keys case-insensitively (the all-lowercase variant gives the same object)', () => {
    const lower = Object.fromEntries(Object.entries(national).map(([k, v]) => [k.toLowerCase(), v]));
    const upper = Object.fromEntries(Object.entries(national).map(([k, v]) => [k.toUpperCase(), v]));
    expect(fromNationalJson(lower).raw).toEqual(fromNationalJson(national).raw);
    expect(fromNationalJson(upper).raw).toEqual(fromNationalJson(national).raw);
  });

  it('organisations: legal representative kept, placeholder age/sex dropped', () => {
    const { raw } = fromNationalJson({
      iname: '昆山样例有限公司',
      casecode: '(2025)苏0583执1号',
      age: '0',
      sexy: '',
      cardnum: '91320583MA1N2P3Q0J',
      businessentity: '王样例',
      courtname: '昆山市人民法院',
      areaname: '',
      partytypename: '企业法人',
      publishdate: 1744214400000,
      regdate: 1739808000000,
    });
    expect(raw).toMatchObject({
      subjectType: 'organization',
      legalRepresentative: '王样例',
      regionName: '江苏省苏州市昆山市', // default when areaName is empty
      publishedAt: '2025-04-10T00:00:00+08:00',
      filedAt: '2025-02-18',
    });
    expect(raw).not.toHaveProperty('age');
    expect(raw).not.toHaveProperty('gender');
  });

  it('infers the subject type when partyTypeName is a code, with a warning', () => {
    const asPerson = fromNationalJson({ ...national, partyTypeName: '0', type: '失信被执行人名单' });
    expect(asPerson.raw.subjectType).toBe('person');
    expect(asPerson.warnings[0]).toMatch(/推断为自然人/);
    const asOrg = fromNationalJson({
      iname: '昆山样例有限公司',
      caseCode: 'X',
      cardNum: '91320583MA1N2P3Q0J',
      partyTypeName: '0',
    });
    expect(asOrg.raw.subjectType).toBe('organization');
    const unknown = fromNationalJson({ iname: '某', caseCode: 'X' });
    expect(unknown.raw).not.toHaveProperty('subjectType');
  });

  it('keeps a masked ID as is (validation must reject it) and says why', () => {
    const { raw, warnings } = fromNationalJson({ ...national, cardNum: '3205831980****1234' });
    expect(raw.idNumber).toBe('3205831980****1234');
    expect(isValidResidentId(raw.idNumber as string)).toBe(false);
    expect(warnings.join()).toMatch(/已打码/);
  });

  it('uses publishDateStamp when publishDate is missing', () => {
    const { raw } = fromNationalJson({ ...national, publishDate: '', publishDateStamp: '1595260800' });
    expect(raw.publishedAt).toBe('2020-07-21T00:00:00+08:00');
  });

  it('reports unknown keys', () => {
    expect(fromNationalJson({ ...national, remark: 'x' }).unknownColumns).toEqual(['remark']);
  });

  describe('uid', () => {
    const { id: _omit, ...noId } = national;

    it('is CN + id when the record has one', () => {
      expect(fromNationalJson(national).raw.uid).toBe('CN710352730');
      expect(fromNationalJson({ ...national, id: 'abc-12' }).raw.uid).toBe('CNabc-12');
    });

    it('is derived deterministically from case number + identifier otherwise', () => {
      const a = fromNationalJson(noId).raw.uid as string;
      expect(a).toMatch(/^[0-9a-f]{32}$/);
      expect(a).toBe(nationalUid('(2020)苏0583执729号', id('32058319640101003')));
      // Same record again (keys in another case, full-width parentheses, spaces) → same uid.
      const again = fromNationalJson({
        ...Object.fromEntries(Object.entries(noId).map(([k, v]) => [k.toLowerCase(), v])),
        casecode: '（2020）苏0583执729号 ',
      });
      expect(again.raw.uid).toBe(a);
      // Another debtor in the same case → another uid.
      expect(fromNationalJson({ ...noId, cardNum: id('32058319700101005') }).raw.uid).not.toBe(a);
      // No identifier: the name stands in.
      expect(fromNationalJson({ ...noId, cardNum: '' }).raw.uid).toBe(nationalUid('(2020)苏0583执729号', '马样例'));
    });

    it('an id with characters a uid may not hold falls back to the derived uid', () => {
      expect(fromNationalJson({ ...national, id: '71/03' }).raw.uid).toBe(fromNationalJson(noId).raw.uid);
    });

    it('the derived uid is stable across releases (pinned value)', () => {
      expect(nationalUid('(2025)苏0583执527号', '320583197204040114')).toBe('e83fbdcc0c8a68e9f953f042a7528e66');
    });
  });
});

describe('the default rule for severity and validity (defaults.ts), shared by both record formats', () => {
  const SEVERITY = { field: 'severity', label: '失信严重程度', value: '一般' };
  const VALIDITY = { field: 'validUntil', label: '失信信息有效期', value: '至依法撤销之日（长期）' };

  it('fills an absent column, and an empty cell, and lists each default used', () => {
    expect(fromAttachment1Row({ 案号: 'X' }).defaults).toEqual([SEVERITY, VALIDITY]);
    const blank = fromAttachment1Row({ 案号: 'X', 失信严重程度: ' ', 失信信息有效期: '' });
    expect(blank.raw).toEqual({ caseNo: 'X', ...DEFAULTED });
    expect(blank.defaults).toEqual([SEVERITY, VALIDITY]);
  });

  it('uses what the file gives and warns of nothing: 严重, a date, and 长期 (no end) too', () => {
    const given = fromAttachment1Row({ 发布时间: '2025-01-02', 失信严重程度: '严重', 失信信息有效期: '2年' });
    expect(given.raw).toMatchObject({ severity: 'serious', validUntil: '2027-01-02T00:00:00+08:00' });
    expect(given.defaults).toEqual([]);
    const longTerm = fromAttachment1Row({ 失信严重程度: '一般', 失信信息有效期: '长期' });
    expect(longTerm.raw).toEqual({ severity: 'general', validUntil: null });
    expect(longTerm.defaults).toEqual([]);
    // Only the absent one is defaulted.
    expect(fromAttachment1Row({ 失信严重程度: '严重' }).defaults).toEqual([VALIDITY]);
  });

  it('national records (which carry neither) get the same defaults, listed the same way', () => {
    const r = fromNationalJson({ iname: '王样例', caseCode: '(2020)苏0583执1号', courtName: '昆山市人民法院' });
    expect(r.raw).toMatchObject(DEFAULTED);
    expect(r.defaults).toEqual([SEVERITY, VALIDITY]);
  });
});
