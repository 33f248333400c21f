import { describe, expect, it } from 'vitest';
import {
  ageAt,
  birthDateFromResidentId,
  hasPlausibleResidentBirthDate,
  isLegacyResidentId,
  isValidOrgCode,
  isValidResidentId,
  isValidUscc,
  normalizeIdentifierInput,
  orgCodeCheckChar,
  residentIdCheckChar,
  USCC_CHARSET,
  usccCheckChar,
} from '@/lib/identifiers';

/** Fixed reference instant for date-dependent rules: 2025-06-15 12:00 CST. */
const NOW = new Date('2025-06-15T04:00:00Z');

const withResidentCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const withUsccCheck = (first17: string) => first17 + usccCheckChar(first17);

/** Replaces the last char of `s` by a different one from `alphabet`. */
function wrongCheck(s: string, alphabet: string): string {
  const last = s.charAt(s.length - 1);
  const other = [...alphabet].find((c) => c !== last) ?? '0';
  return s.slice(0, -1) + other;
}

describe('residentIdCheckChar', () => {
  it('matches vectors computed independently (ISO 7064 MOD 11-2)', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X'); // GB 11643-1999 example
    expect(residentIdCheckChar('44052418800101001')).toBe('4'); // GB 11643-1999 example
    expect(residentIdCheckChar('32058319800101123')).toBe('8');
    expect(residentIdCheckChar('32058320000229002')).toBe('1');
    expect(residentIdCheckChar('32058319850615203')).toBe('6');
  });

  it('rejects malformed input', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckChar('110105194912310021')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100A')).toThrow(RangeError);
    expect(() => residentIdCheckChar('')).toThrow(RangeError);
  });

  it('every one of the 11 check chars is reachable', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++) {
      seen.add(residentIdCheckChar(`3205831980010${String(seq).padStart(4, '0')}`));
    }
    expect([...seen].sort().join('')).toBe('0123456789X');
  });
});

describe('isValidResidentId', () => {
  it('accepts valid 18-char IDs', () => {
    expect(isValidResidentId('11010519491231002X', NOW)).toBe(true);
    expect(isValidResidentId('320583198001011238', NOW)).toBe(true);
    expect(isValidResidentId('320583198506152036', NOW)).toBe(true);
    expect(isValidResidentId('320583200002290021', NOW)).toBe(true); // 2000 is a leap year
  });

  it('normalises a lowercase x check char', () => {
    expect(isValidResidentId('11010519491231002x', NOW)).toBe(true);
  });

  it('accepts every ID built with residentIdCheckChar (round trip)', () => {
    for (let seq = 0; seq < 300; seq++) {
      const id = withResidentCheck(`3205831990071${String(seq).padStart(4, '0')}`);
      expect(isValidResidentId(id, NOW)).toBe(true);
    }
  });

  it('rejects a wrong check char', () => {
    const good = '11010519491231002X';
    for (const c of '0123456789') {
      expect(isValidResidentId(good.slice(0, 17) + c, NOW)).toBe(false);
    }
    expect(isValidResidentId('320583198001011234', NOW)).toBe(false);
  });

  it('rejects a single-digit typo (check char catches it)', () => {
    const good = '320583198001011238';
    // Change the sequence digit at position 16 (keeps a valid date).
    const typo = `${good.slice(0, 15)}9${good.slice(16)}`;
    expect(typo).not.toBe(good);
    expect(isValidResidentId(typo, NOW)).toBe(false);
  });

  it('rejects impossible birth dates even with a correct check char', () => {
    expect(isValidResidentId(withResidentCheck('32058319990229001'), NOW)).toBe(false); // 1999 not leap
    expect(isValidResidentId(withResidentCheck('32058319001229001'), NOW)).toBe(true);
    expect(isValidResidentId(withResidentCheck('32058319000229001'), NOW)).toBe(false); // 1900 not leap
    expect(isValidResidentId(withResidentCheck('32058319801301001'), NOW)).toBe(false); // month 13
    expect(isValidResidentId(withResidentCheck('32058319800001001'), NOW)).toBe(false); // month 0
    expect(isValidResidentId(withResidentCheck('32058319800100001'), NOW)).toBe(false); // day 0
    expect(isValidResidentId(withResidentCheck('32058319800431001'), NOW)).toBe(false); // 31 April
    expect(isValidResidentId(withResidentCheck('32058319800132001'), NOW)).toBe(false); // 32 January
  });

  it('rejects birth years before 1900', () => {
    // GB 11643-1999 example, check char correct but born 1880.
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    expect(isValidResidentId('440524188001010014', NOW)).toBe(false);
    expect(isValidResidentId(withResidentCheck('32058318991231001'), NOW)).toBe(false);
    expect(isValidResidentId(withResidentCheck('32058319000101001'), NOW)).toBe(true);
  });

  it('rejects birth dates in the future (China Standard Time)', () => {
    expect(isValidResidentId(withResidentCheck('32058320991231001'), NOW)).toBe(false);
    expect(isValidResidentId(withResidentCheck('32058320250616001'), NOW)).toBe(false);
    expect(isValidResidentId(withResidentCheck('32058320250615001'), NOW)).toBe(true); // born today
    // 2025-06-15T17:00Z is already 2025-06-16 01:00 in Beijing.
    const lateUtc = new Date('2025-06-15T17:00:00Z');
    expect(isValidResidentId(withResidentCheck('32058320250616001'), lateUtc)).toBe(true);
    // Default "now" is the real clock: 2099 is in the future.
    expect(isValidResidentId(withResidentCheck('32058320991231001'))).toBe(false);
  });

  it('rejects wrong lengths and illegal chars', () => {
    expect(isValidResidentId('', NOW)).toBe(false);
    expect(isValidResidentId('11010519491231002', NOW)).toBe(false);
    expect(isValidResidentId('11010519491231002X0', NOW)).toBe(false);
    expect(isValidResidentId('1101051949123100XX', NOW)).toBe(false);
    expect(isValidResidentId('11010519491231002Y', NOW)).toBe(false);
    expect(isValidResidentId(' 11010519491231002X', NOW)).toBe(false);
    // full-width: normalise first (normalizeIdentifierInput)
    expect(isValidResidentId('１１０１０５１９４９１２３１００２Ｘ', NOW)).toBe(false);
  });

  it('accepts legacy 15-digit IDs', () => {
    expect(isValidResidentId('320583800101123', NOW)).toBe(true);
    expect(isValidResidentId('320583801301123', NOW)).toBe(false);
  });
});

describe('isLegacyResidentId', () => {
  it('accepts 15 digits with a real 19YYMMDD date', () => {
    expect(isLegacyResidentId('320583800101123')).toBe(true);
    expect(isLegacyResidentId('110105491231002')).toBe(true);
    expect(isLegacyResidentId('320583000229001')).toBe(false); // 1900-02-29 does not exist
    expect(isLegacyResidentId('320583960229001')).toBe(true); // 1996 leap year
    expect(isLegacyResidentId('320583970229001')).toBe(false);
  });

  it('rejects bad dates, lengths and non-digits', () => {
    expect(isLegacyResidentId('320583801301123')).toBe(false);
    expect(isLegacyResidentId('320583800132123')).toBe(false);
    expect(isLegacyResidentId('320583800100123')).toBe(false);
    expect(isLegacyResidentId('32058380010112')).toBe(false);
    expect(isLegacyResidentId('3205838001011234')).toBe(false);
    expect(isLegacyResidentId('32058380010112X')).toBe(false);
    expect(isLegacyResidentId('320583198001011238')).toBe(false);
  });
});

describe('hasPlausibleResidentBirthDate', () => {
  it('looks only at shape and date, not the check char', () => {
    expect(hasPlausibleResidentBirthDate('320583198001011234', NOW)).toBe(true);
    expect(hasPlausibleResidentBirthDate('913205831347800071', NOW)).toBe(false);
    expect(hasPlausibleResidentBirthDate('32058319800101123', NOW)).toBe(false);
    expect(hasPlausibleResidentBirthDate('32058320991231123X', NOW)).toBe(false);
  });
});

describe('birthDateFromResidentId / ageAt', () => {
  it('extracts the birth date as UTC midnight', () => {
    expect(birthDateFromResidentId('11010519491231002X')?.toISOString()).toBe('1949-12-31T00:00:00.000Z');
    expect(birthDateFromResidentId('320583200002290021')?.toISOString()).toBe('2000-02-29T00:00:00.000Z');
    expect(birthDateFromResidentId('320583800101123')?.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(birthDateFromResidentId('11010519491231002x')?.toISOString()).toBe('1949-12-31T00:00:00.000Z');
  });

  it('returns null for invalid IDs', () => {
    expect(birthDateFromResidentId('110105194912310021')).toBeNull();
    expect(birthDateFromResidentId('440524188001010014')).toBeNull();
    expect(birthDateFromResidentId('garbage')).toBeNull();
    expect(birthDateFromResidentId('')).toBeNull();
  });

  it('computes completed years', () => {
    const id = '320583198506152036'; // born 1985-06-15
    expect(ageAt(id, new Date('2025-06-14T12:00:00+08:00'))).toBe(39);
    expect(ageAt(id, new Date('2025-06-15T00:00:00+08:00'))).toBe(40);
    expect(ageAt(id, new Date('2025-12-31T12:00:00+08:00'))).toBe(40);
    expect(ageAt(id, new Date('1985-06-15T08:00:00+08:00'))).toBe(0);
    expect(ageAt('11010519491231002X', new Date('2024-12-30T12:00:00+08:00'))).toBe(74);
    expect(ageAt('11010519491231002X', new Date('2024-12-31T12:00:00+08:00'))).toBe(75);
    expect(ageAt('320583800101123', new Date('2020-01-01T12:00:00+08:00'))).toBe(40);
  });

  it('uses the calendar date in China Standard Time', () => {
    const id = '320583198506152036';
    // 2025-06-14T16:30Z is 2025-06-15 00:30 in Beijing: birthday reached.
    expect(ageAt(id, new Date('2025-06-14T16:30:00Z'))).toBe(40);
    expect(ageAt(id, new Date('2025-06-14T15:30:00Z'))).toBe(39);
  });

  it('handles 29 February births', () => {
    const id = '320583200002290021';
    expect(ageAt(id, new Date('2001-02-28T12:00:00+08:00'))).toBe(0);
    expect(ageAt(id, new Date('2001-03-01T12:00:00+08:00'))).toBe(1);
    expect(ageAt(id, new Date('2004-02-29T12:00:00+08:00'))).toBe(4);
  });

  it('returns null before birth, for invalid dates and IDs', () => {
    const id = '320583198506152036';
    expect(ageAt(id, new Date('1985-06-14T12:00:00+08:00'))).toBeNull();
    expect(ageAt(id, new Date('invalid'))).toBeNull();
    expect(ageAt('320583198506152037', new Date('2025-01-01'))).toBeNull();
  });
});

describe('usccCheckChar / isValidUscc', () => {
  it('accepts published USCCs', () => {
    // Verified with an independent implementation of GB 32100-2015.
    expect(isValidUscc('914403001922038216')).toBe(true); // 华为技术有限公司
    expect(isValidUscc('91440300708461136T')).toBe(true); // 深圳市腾讯计算机系统有限公司
    expect(isValidUscc('91330100716105852F')).toBe(true); // 阿里巴巴（中国）有限公司
    expect(isValidUscc('911000001000013428')).toBe(true); // 中国银行股份有限公司
    expect(isValidUscc('91110108551385082Q')).toBe(true); // 北京小米科技有限责任公司
  });

  it('matches independently computed vectors', () => {
    expect(usccCheckChar('91320583MA1MA1B2C')).toBe('T');
    expect(usccCheckChar('12320583466283214')).toBe('N');
    expect(usccCheckChar('52320583MJ5612345')).toBe('Y');
    expect(usccCheckChar('91320583134785611')).toBe('M');
    expect(usccCheckChar('Y1320583MA1ABCDEF')).toBe('1');
    expect(usccCheckChar('91320583ma1ma1b2c')).toBe('T'); // lowercase accepted
  });

  it('round-trips generated codes and rejects every wrong check char', () => {
    const code = withUsccCheck('91320583MA1MA1B2C');
    expect(isValidUscc(code)).toBe(true);
    let accepted = 0;
    for (const c of USCC_CHARSET) {
      if (isValidUscc(code.slice(0, 17) + c)) accepted++;
    }
    expect(accepted).toBe(1);
    expect(isValidUscc(wrongCheck('914403001922038216', USCC_CHARSET))).toBe(false);
  });

  it('accepts lowercase input', () => {
    expect(isValidUscc('91440300708461136t')).toBe(true);
  });

  it('rejects illegal chars I, O, Z, S, V anywhere', () => {
    for (const bad of 'IOZSV') {
      expect(isValidUscc(`91320583MA1MA1B2${bad}T`)).toBe(false);
      expect(isValidUscc(`91320583MA1MA1B2C${bad}`)).toBe(false);
      expect(() => usccCheckChar(`91320583MA1MA1B2${bad}`)).toThrow(RangeError);
    }
  });

  it('rejects wrong lengths and other chars', () => {
    expect(isValidUscc('')).toBe(false);
    expect(isValidUscc('91440300708461136')).toBe(false);
    expect(isValidUscc('91440300708461136TT')).toBe(false);
    expect(isValidUscc('9144030070846113-T')).toBe(false);
    expect(isValidUscc(' 91440300708461136T')).toBe(false);
    expect(() => usccCheckChar('9144030070846113')).toThrow(RangeError);
  });

  it('a USCC embeds a valid organisation code in chars 9-17', () => {
    expect(isValidOrgCode('914403001922038216'.slice(8, 17))).toBe(true);
    expect(isValidOrgCode('91440300708461136T'.slice(8, 17))).toBe(true);
    expect(isValidOrgCode('91330100716105852F'.slice(8, 17))).toBe(true);
  });
});

describe('orgCodeCheckChar / isValidOrgCode', () => {
  it('matches independently computed vectors, including X and 0', () => {
    expect(orgCodeCheckChar('12345678')).toBe('8');
    expect(orgCodeCheckChar('D2143569')).toBe('X'); // C = 10
    expect(orgCodeCheckChar('00000000')).toBe('0'); // C = 11
    expect(orgCodeCheckChar('MA1MA1B2')).toBe('2');
    expect(orgCodeCheckChar('A0000001')).toBe('1');
    expect(orgCodeCheckChar('a0000001')).toBe('1');
  });

  it('accepts codes with or without the hyphen', () => {
    expect(isValidOrgCode('123456788')).toBe(true);
    expect(isValidOrgCode('12345678-8')).toBe(true);
    expect(isValidOrgCode('D2143569X')).toBe(true);
    expect(isValidOrgCode('D2143569-X')).toBe(true);
    expect(isValidOrgCode('d2143569-x')).toBe(true);
    expect(isValidOrgCode('000000000')).toBe(true);
    expect(isValidOrgCode('70846113-6')).toBe(true); // from 腾讯's USCC
  });

  it('rejects wrong check chars, lengths and separators', () => {
    expect(isValidOrgCode('12345678-9')).toBe(false);
    expect(isValidOrgCode('123456789')).toBe(false);
    expect(isValidOrgCode('D2143569-0')).toBe(false);
    expect(isValidOrgCode('12345678')).toBe(false);
    expect(isValidOrgCode('1234567-88')).toBe(false);
    expect(isValidOrgCode('12345678--8')).toBe(false);
    expect(isValidOrgCode('12345678 8')).toBe(false);
    expect(isValidOrgCode('12345678-A')).toBe(false);
    expect(isValidOrgCode('1234567*-8')).toBe(false);
    expect(() => orgCodeCheckChar('1234567')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('1234567-')).toThrow(RangeError);
  });

  it('exactly one check char is accepted for a body', () => {
    for (const body of ['12345678', 'MA1MA1B2', 'ZZZZZZZZ', '00000001']) {
      const accepted = [...'0123456789X'].filter((c) => isValidOrgCode(body + c));
      expect(accepted).toEqual([orgCodeCheckChar(body)]);
    }
  });
});

describe('normalizeIdentifierInput', () => {
  it('applies NFKC, uppercases and strips spaces and dashes', () => {
    expect(normalizeIdentifierInput(' ９１４４０３００ ７０８４６１１３６ｔ ')).toBe('91440300708461136T');
    expect(normalizeIdentifierInput('12345678－8')).toBe('123456788');
    expect(normalizeIdentifierInput('12345678—8')).toBe('123456788');
    expect(normalizeIdentifierInput('1101 0519 4912 3100 2x')).toBe('11010519491231002X');
    expect(normalizeIdentifierInput('1101\u30000519491231002X')).toBe('11010519491231002X');
  });

  it('removes invisible format characters pasted with the number (soft hyphen, bidi controls, zero-width)', () => {
    for (const c of ['\u00AD', '\u202E', '\u2066', '\u061C', '\u200B', '\uFEFF']) {
      expect(normalizeIdentifierInput(`110105${c}19491231002X`)).toBe('11010519491231002X');
    }
  });
});
