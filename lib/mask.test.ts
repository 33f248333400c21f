import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, residentIdCheckChar } from '@/lib/identifiers';
import { maskIdentifierForPublic, maskIdNumber, maskPersonName } from '@/lib/mask';

describe('maskIdNumber', () => {
  it('masks the birth month and day of an 18-char resident ID', () => {
    expect(maskIdNumber('320583198001011234')).toBe('3205831980****1234');
    expect(maskIdNumber('320583198001011238')).toBe('3205831980****1238');
    expect(maskIdNumber('11010519491231002X')).toBe('1101051949****002X');
    expect(maskIdNumber('11010519491231002x')).toBe('1101051949****002X');
  });

  it('masks even when the check char is wrong or the date is odd', () => {
    expect(maskIdNumber('110105194912310021')).toBe('1101051949****0021');
    expect(maskIdNumber('440524188001010014')).toBe('4405241880****0014');
    expect(maskIdNumber('320583199913451234')).toBe('3205831999****1234');
  });

  it('masks the MMDD of a legacy 15-digit ID', () => {
    expect(maskIdNumber('320583800101123')).toBe('32058380****123');
    expect(maskIdNumber('110105491231002')).toBe('11010549****002');
  });

  it('normalises full-width digits and spaces before masking', () => {
    expect(maskIdNumber('３２０５８３１９８００１０１１２３４')).toBe('3205831980****1234');
    expect(maskIdNumber(' 320583 19800101 1234 ')).toBe('3205831980****1234');
  });

  it('masks an 18-char value that is both a valid resident ID and a valid USCC', () => {
    // 320583198001010219 passes both checks: privacy wins.
    expect(maskIdNumber('320583198001010219')).toBe('3205831980****0219');
  });

  it('shows a valid USCC whole (public organisation identifier)', () => {
    expect(maskIdNumber('91440300708461136T')).toBe('91440300708461136T');
    expect(maskIdNumber('914403001922038216')).toBe('914403001922038216'); // all digits, no plausible birth date
  });

  it('does not exempt organisation codes (passport numbers can pass their check)', () => {
    const passport = `E1234567${orgCodeCheckChar('E1234567')}`;
    expect(passport).toBe('E12345673');
    expect(maskIdNumber(passport)).toBe('E1*****73');
    expect(maskIdNumber(passport)).not.toBe(passport);
    expect(maskIdNumber('70846113-6')).toBe('70******-6');
  });

  it('masks anything else keeping the first 2 and last 2 chars', () => {
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('G1234567')).toBe('G1****67');
    expect(maskIdNumber('ABCDE')).toBe('AB*DE');
    expect(maskIdNumber('garbage text!')).toBe('ga********t!');
    expect(maskIdNumber('H0123456789')).toBe('H0*******89');
  });

  it('never returns a short value in full', () => {
    expect(maskIdNumber('ABCD')).toBe('A**D');
    expect(maskIdNumber('ABC')).toBe('A*C');
    expect(maskIdNumber('AB')).toBe('**');
    expect(maskIdNumber('A')).toBe('*');
    expect(maskIdNumber('')).toBe('');
    for (const s of ['A', 'AB', 'ABC', 'ABCD', 'ABCDE', 'E12345678', '1234567890123456']) {
      expect(maskIdNumber(s)).not.toBe(s);
      expect(maskIdNumber(s)).toContain('*');
    }
  });

  it('never returns a resident ID in full (property over many IDs)', () => {
    for (let seq = 0; seq < 1000; seq++) {
      const first17 = `3205831980${String((seq % 12) + 1).padStart(2, '0')}15${String(seq).padStart(3, '0')}`;
      const id = first17 + residentIdCheckChar(first17);
      const masked = maskIdNumber(id);
      expect(masked).toHaveLength(18);
      expect(masked.slice(10, 14)).toBe('****');
      expect(masked.slice(0, 10)).toBe(id.slice(0, 10));
      expect(masked.slice(14)).toBe(id.slice(14));
    }
  });

  it('counts supplementary-plane chars as one char', () => {
    expect(maskIdNumber('𠮷ABCD𠮷')).toBe('𠮷A**D𠮷');
  });
});

describe('maskPersonName', () => {
  it('keeps the first char and stars the rest', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
  });

  it('appends one star to a single-char name', () => {
    expect(maskPersonName('张')).toBe('张*');
  });

  it('trims surrounding whitespace', () => {
    expect(maskPersonName('  张三 ')).toBe('张*');
    expect(maskPersonName('\u3000李四\u3000')).toBe('李*');
  });

  it('keeps middle-dot separators and stars other chars', () => {
    expect(maskPersonName('买买提·艾力')).toBe('买**·**');
    expect(maskPersonName('阿依古丽·买买提')).toBe('阿***·***');
    expect(maskPersonName('爱新觉罗·溥仪')).toBe('爱***·**');
    expect(maskPersonName('米拉・莫拉')).toBe('米*・**');
    expect(maskPersonName('米拉•莫拉')).toBe('米*•**');
    expect(maskPersonName('米拉‧莫拉')).toBe('米*‧**');
    expect(maskPersonName('约翰·维克·史密斯')).toBe('约*·**·***');
  });

  it('handles separators at odd places', () => {
    expect(maskPersonName('·艾力')).toBe('·艾*');
    expect(maskPersonName('艾·')).toBe('艾*·');
    expect(maskPersonName('·')).toBe('');
  });

  it('masks Latin names keeping single spaces', () => {
    expect(maskPersonName('John  Smith')).toBe('J*** *****');
    expect(maskPersonName('Li')).toBe('L*');
  });

  it('returns empty for empty input', () => {
    expect(maskPersonName('')).toBe('');
    expect(maskPersonName('   ')).toBe('');
  });

  it('counts supplementary-plane chars as one char', () => {
    expect(maskPersonName('𠮷野家')).toBe('𠮷**');
    expect(maskPersonName('李𠮷')).toBe('李*');
  });

  it('never reveals more than the first char of a multi-char name', () => {
    for (const name of ['王小明', '司马相如', '诸葛孔明', '慕容复']) {
      const masked = maskPersonName(name);
      expect(masked.charAt(0)).toBe(name.charAt(0));
      expect(masked.slice(1)).toMatch(/^\*+$/);
      expect(Array.from(masked)).toHaveLength(Array.from(name).length);
    }
  });
});

describe('maskIdentifierForPublic', () => {
  it('masks persons', () => {
    expect(maskIdentifierForPublic('person', '320583198001011234')).toBe('3205831980****1234');
    expect(maskIdentifierForPublic('person', 'E12345678')).toBe('E1*****78');
    expect(maskIdentifierForPublic('person', ' 11010519491231002X ')).toBe('1101051949****002X');
  });

  it('shows organisation identifiers whole', () => {
    expect(maskIdentifierForPublic('organization', '91440300708461136T')).toBe('91440300708461136T');
    expect(maskIdentifierForPublic('organization', '70846113-6')).toBe('70846113-6');
    expect(maskIdentifierForPublic('organization', ' 708461136 ')).toBe('708461136');
  });

  it('maps null and blank to null', () => {
    expect(maskIdentifierForPublic('person', null)).toBeNull();
    expect(maskIdentifierForPublic('organization', null)).toBeNull();
    expect(maskIdentifierForPublic('person', '  ')).toBeNull();
    expect(maskIdentifierForPublic('organization', '')).toBeNull();
  });
});
