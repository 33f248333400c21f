import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, usccCheckChar } from '@/lib/identifiers';
import { searchFieldsFor } from './fields';

describe('searchFieldsFor', () => {
  it('derives name, 2-char grams, pinyin and the normalised case number', () => {
    const f = searchFieldsFor({
      subjectType: 'person',
      name: '張 偉',
      caseNo: '（２０１７）苏0583执１２３４号',
      idNumber: null,
    });
    expect(f.searchName).toBe('张伟');
    expect(f.searchGrams).toEqual(['张伟']);
    expect(f.searchPinyin).toBe('zhangwei');
    expect(f.searchInitials).toBe('zw');
    expect(f.searchCaseNo).toBe('(2017)苏0583执1234号');
  });

  it('reads 单 as a surname only for people', () => {
    expect(searchFieldsFor({ subjectType: 'person', name: '单伟', caseNo: 'x' }).searchPinyin).toBe('shanwei');
    expect(searchFieldsFor({ subjectType: 'organization', name: '单位', caseNo: 'x' }).searchPinyin).toBe('danwei');
  });

  it('indexes a USCC and the organisation code inside it, and other ids', () => {
    const org8 = '71610585';
    const orgCode = org8 + orgCodeCheckChar(org8);
    const body = `91320583${orgCode}`;
    const uscc = body + usccCheckChar(body);
    const f = searchFieldsFor({
      subjectType: 'organization',
      name: '某公司',
      caseNo: 'x',
      idNumber: uscc.toLowerCase(),
      otherIds: [{ type: '注册号', number: '320583 000 123' }],
    });
    expect(f.searchIds).toEqual([uscc, orgCode, '320583000123']);
  });

  it('does not treat a resident ID as a USCC', () => {
    const f = searchFieldsFor({ subjectType: 'person', name: '某人', caseNo: 'x', idNumber: '11010519491231002x' });
    expect(f.searchIds).toEqual(['11010519491231002X']);
  });
});
