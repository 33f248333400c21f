import { describe, expect, it } from 'vitest';
import { FORMAT_CHARS_MESSAGE, hasFormatChars, removeFormatChars } from './plain-text';

/** Bidi controls, zero-width and other Cf characters, the soft hyphen. */
const FORMAT = [
  ...'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C',
  ...'\u200B\u200C\u200D\u2060\u2061\u2062\u2063\u2064\uFEFF\u180E\u00AD',
];

describe('invisible format characters', () => {
  it('finds every bidi control, zero-width character and the soft hyphen, anywhere', () => {
    for (const c of FORMAT) {
      expect(hasFormatChars(c), c.codePointAt(0)!.toString(16)).toBe(true);
      expect(hasFormatChars(`张${c}三`)).toBe(true);
      expect(hasFormatChars(`${c}张三`)).toBe(true);
      expect(removeFormatChars(`张${c}三${c}`)).toBe('张三');
    }
    // Called again and again (a global regex's test() would remember where it stopped).
    for (let i = 0; i < 3; i++) expect(hasFormatChars('张\u00AD三')).toBe(true);
  });

  it(
    'leaves plain names alone: CJK, middle dots, Latin, digits, spaces, rare characters with variation' + ' selectors',
    () => {
      for (const name of [
        '张三',
        '买买提·艾力',
        '昆山市华信电子科技有限公司',
        'TCL科技集团股份有限公司',
        '王 伟',
        '𠮷野家',
        '葛\u{E0100}',
        '（昆山）有限公司',
        '',
      ]) {
        expect(hasFormatChars(name), name).toBe(false);
        expect(removeFormatChars(name)).toBe(name);
      }
    },
  );

  it('has one Chinese message naming what is refused', () => {
    expect(FORMAT_CHARS_MESSAGE).toBe('不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）');
  });
});
