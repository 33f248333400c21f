import { describe, expect, it } from 'vitest';
import {
  highlightParts,
  nameBigrams,
  namePinyin,
  normalizeCaseNo,
  normalizeText,
  type HighlightPart,
} from '@/lib/normalize';

describe('normalizeText', () => {
  it('converts traditional to simplified Chinese', () => {
    expect(normalizeText('陳大文')).toBe('陈大文');
    expect(normalizeText('中國農業發展銀行')).toBe('中国农业发展银行');
    expect(normalizeText('張')).toBe('张');
    expect(normalizeText('崑山市')).toBe('昆山市');
    expect(normalizeText('瀋陽')).toBe('沈阳');
    expect(normalizeText('臺灣')).toBe('台湾');
    expect(normalizeText('頭髮')).toBe('头发');
    expect(normalizeText('蘇州銀行股份有限公司')).toBe('苏州银行股份有限公司');
  });

  it('folds Hong Kong variants', () => {
    expect(normalizeText('衞')).toBe('卫');
    expect(normalizeText('敍述')).toBe('叙述');
  });

  it('leaves simplified text untouched', () => {
    // Single 么 / 著 catch locales (such as `tw`) that rewrite valid simplified chars.
    for (const s of [
      '陈大文',
      '中国农业发展银行',
      '昆山市玉山镇',
      '什么',
      '么',
      '著',
      '著名',
      '乾隆',
      '干部',
      '后来',
      '里面',
      '张三丰',
    ]) {
      expect(normalizeText(s)).toBe(s);
    }
  });

  it('maps full-width letters, digits and brackets to half-width', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeText('（２０１７）')).toBe('(2017)');
    expect(normalizeText('ａｂｃ')).toBe('abc');
  });

  it('lowercases Latin', () => {
    expect(normalizeText('TCL Technology')).toBe('tcltechnology');
    expect(normalizeText('ＴＣＬ科技')).toBe('tcl科技');
  });

  it('removes all whitespace including U+3000, NBSP and zero-width spaces', () => {
    expect(normalizeText(' 张 三 ')).toBe('张三');
    expect(normalizeText('张\u3000三')).toBe('张三');
    expect(normalizeText('张\t三\n丰')).toBe('张三丰');
    expect(normalizeText('张\u00A0三')).toBe('张三');
    expect(normalizeText('张\u200B三\uFEFF')).toBe('张三');
    expect(normalizeText('')).toBe('');
    expect(normalizeText('   ')).toBe('');
  });

  it('removes invisible format characters: a query with a soft hyphen or bidi control equals the clean one', () => {
    for (const c of ['\u00AD', '\u202E', '\u2066', '\u2069', '\u061C', '\u200B', '\u200E', '\u2060', '\u180E']) {
      expect(normalizeText(`张${c}三`)).toBe(normalizeText('张三'));
    }
    expect(normalizeText('\u202E张\u00AD三\u202C')).toBe('张三');
    // Removed before conversion and composition: the pieces meet as if never apart.
    expect(normalizeText('農\u00AD業發展')).toBe(normalizeText('農業發展'));
    expect(normalizeText('e\u00AD\u0301')).toBe(normalizeText('\u00E9'));
    expect(normalizeCaseNo('（２０１７）苏0583执\u00AD１２３４号')).toBe('(2017)苏0583执1234号');
    expect(nameBigrams('张\u00AD三丰')).toEqual(['张三', '三丰']);
    expect(namePinyin('张\u2066三')).toEqual(namePinyin('张三'));
  });

  it('removes the middle dots of minority and transliterated names', () => {
    expect(normalizeText('买买提·艾力')).toBe('买买提艾力');
    expect(normalizeText('买买提•艾力')).toBe('买买提艾力');
    expect(normalizeText('买买提・艾力')).toBe('买买提艾力');
    expect(normalizeText('买买提‧艾力')).toBe('买买提艾力');
    expect(normalizeText('买买提･艾力')).toBe('买买提艾力'); // U+FF65 half-width katakana middle dot
    expect(normalizeText('买买提．艾力')).toBe('买买提艾力'); // U+FF0E full-width full stop
    expect(normalizeText('买买提.艾力')).toBe('买买提艾力');
    expect(normalizeText('买买提 · 艾力')).toBe('买买提艾力');
    expect(normalizeText('爱新觉罗·溥仪')).toBe('爱新觉罗溥仪');
  });

  it('keeps dots that are not between Han characters', () => {
    expect(normalizeText('Co., Ltd.')).toBe('co.,ltd.');
    expect(normalizeText('3.5')).toBe('3.5');
    expect(normalizeText('昆山.com')).toBe('昆山.com');
    expect(normalizeText('J.K.罗琳')).toBe('j.k.罗琳');
  });

  it('gives the same result for traditional, full-width and spaced variants', () => {
    const variants = ['陳 大 文', '陈大文', '陳大文', ' 陈\u3000大文 '];
    const out = new Set(variants.map(normalizeText));
    expect(out.size).toBe(1);
  });

  it('is idempotent', () => {
    const samples = [
      '陳大文',
      '中國農業發展銀行',
      'ＡＢＣ（１）',
      '买买提·艾力',
      '薴麻',
      'Co., Ltd.',
      '（２０１７）蘇0583執１２３４號',
      '㈱昆山',
    ];
    for (const s of samples) {
      const once = normalizeText(s);
      expect(normalizeText(once)).toBe(once);
    }
  });
});

describe('normalizeCaseNo', () => {
  const canonical = '(2017)苏0583执1234号';

  it('maps every bracket variant and width to the canonical form', () => {
    for (const s of [
      '（２０１７）苏0583执１２３４号',
      '(2017)苏0583执1234号',
      '〔2017〕苏0583执1234号',
      '[2017]苏0583执1234号',
      '【2017】苏0583执1234号',
      '［2017］苏0583执1234号',
      '｛2017｝苏0583执1234号',
      '{2017}苏0583执1234号',
      '〖2017〗苏0583执1234号',
      '﹝2017﹞苏0583执1234号',
      ' ( 2017 ) 苏 0583 执 1234 号 ',
      '（2017）蘇0583執1234號',
    ]) {
      expect(normalizeCaseNo(s)).toBe(canonical);
    }
  });

  it('is idempotent', () => {
    expect(normalizeCaseNo(normalizeCaseNo('〔２０１７〕苏0583执1234号'))).toBe(canonical);
  });
});

describe('namePinyin', () => {
  it('returns full pinyin and initials without tones or spaces', () => {
    expect(namePinyin('张伟')).toEqual({ full: 'zhangwei', initials: 'zw' });
    expect(namePinyin('张三丰')).toEqual({ full: 'zhangsanfeng', initials: 'zsf' });
    expect(namePinyin('欧阳娜娜')).toEqual({ full: 'ouyangnana', initials: 'oynn' });
  });

  it('reads the first char as a surname', () => {
    expect(namePinyin('单田芳').full).toBe('shantianfang');
    expect(namePinyin('曾国藩').full).toBe('zengguofan');
    expect(namePinyin('曾国藩').initials).toBe('zgf');
    expect(namePinyin('仇英').full).toBe('qiuying');
  });

  it('can switch surname mode off for organisation names', () => {
    expect(namePinyin('单位', { surname: false }).full).toBe('danwei');
  });

  it('writes ü as v', () => {
    expect(namePinyin('吕布')).toEqual({ full: 'lvbu', initials: 'lb' });
  });

  it('normalises traditional and full-width input first', () => {
    expect(namePinyin('陳大文')).toEqual(namePinyin('陈大文'));
    expect(namePinyin('陳大文')).toEqual({ full: 'chendawen', initials: 'cdw' });
    expect(namePinyin('張　偉')).toEqual({ full: 'zhangwei', initials: 'zw' });
  });

  it('keeps Latin letters and digits, drops punctuation', () => {
    expect(namePinyin('TCL科技')).toEqual({ full: 'tclkeji', initials: 'tclkj' });
    expect(namePinyin('ＴＣＬ科技')).toEqual({ full: 'tclkeji', initials: 'tclkj' });
    expect(namePinyin('昆山1号店')).toEqual({ full: 'kunshan1haodian', initials: 'ks1hd' });
    expect(namePinyin('买买提·艾力')).toEqual({ full: 'maimaitiaili', initials: 'mmtal' });
    expect(namePinyin('昆山（中国）有限公司', { surname: false })).toEqual({
      full: 'kunshanzhongguoyouxiangongsi',
      initials: 'kszgyxgs',
    });
  });

  it('handles empty and punctuation-only input', () => {
    expect(namePinyin('')).toEqual({ full: '', initials: '' });
    expect(namePinyin(' ·、 ')).toEqual({ full: '', initials: '' });
  });

  it('produces only [a-z0-9]', () => {
    for (const name of ['张伟', '吕布', '欧阳娜娜', 'TCL科技', '买买提·艾力', '陳大文', '𠮷野家']) {
      const { full, initials } = namePinyin(name);
      expect(full).toMatch(/^[a-z0-9]*$/);
      expect(initials).toMatch(/^[a-z0-9]*$/);
    }
  });
});

describe('nameBigrams', () => {
  it('returns the distinct 2-character grams in order', () => {
    expect(nameBigrams('张三丰')).toEqual(['张三', '三丰']);
    expect(nameBigrams('张三')).toEqual(['张三']);
    expect(nameBigrams('张')).toEqual([]);
    expect(nameBigrams('')).toEqual([]);
    expect(nameBigrams('哈哈哈哈')).toEqual(['哈哈']);
    expect(nameBigrams('欧阳娜娜')).toEqual(['欧阳', '阳娜', '娜娜']);
  });

  it('works on normalised text', () => {
    expect(nameBigrams('陳 大文')).toEqual(['陈大', '大文']);
    expect(nameBigrams('买买提·艾力')).toEqual(['买买', '买提', '提艾', '艾力']);
    expect(nameBigrams('ＡＢ')).toEqual(['ab']);
  });

  it('treats supplementary-plane chars as one char', () => {
    expect(nameBigrams('𠮷野')).toEqual(['𠮷野']);
  });

  it('every 2-char infix of the normalised name is a gram', () => {
    const name = '昆山市玉山镇某某贸易有限公司';
    const grams = new Set(nameBigrams(name));
    const chars = Array.from(normalizeText(name));
    for (let i = 0; i + 1 < chars.length; i++) expect(grams.has(`${chars[i]}${chars[i + 1]}`)).toBe(true);
  });
});

describe('highlightParts', () => {
  const join = (parts: HighlightPart[]) => parts.map((p) => p.text).join('');
  const matched = (parts: HighlightPart[]) => parts.filter((p) => p.match).map((p) => p.text);

  it('splits around a plain match', () => {
    expect(highlightParts('昆山市张三贸易有限公司', '张三')).toEqual([
      { text: '昆山市', match: false },
      { text: '张三', match: true },
      { text: '贸易有限公司', match: false },
    ]);
  });

  it('a query pasted with a soft hyphen or bidi control highlights like the clean one', () => {
    expect(highlightParts('张三丰', '张\u00AD三')).toEqual(highlightParts('张三丰', '张三'));
    expect(highlightParts('张三丰', '\u202E三丰')).toEqual([
      { text: '张', match: false },
      { text: '三丰', match: true },
    ]);
  });

  it('handles matches at the start, the end and the whole text', () => {
    expect(highlightParts('张三丰', '张')).toEqual([
      { text: '张', match: true },
      { text: '三丰', match: false },
    ]);
    expect(highlightParts('张三丰', '丰')).toEqual([
      { text: '张三', match: false },
      { text: '丰', match: true },
    ]);
    expect(highlightParts('张三丰', '张三丰')).toEqual([{ text: '张三丰', match: true }]);
  });

  it('marks every occurrence and merges adjacent ones', () => {
    expect(highlightParts('张三与张四', '张')).toEqual([
      { text: '张', match: true },
      { text: '三与', match: false },
      { text: '张', match: true },
      { text: '四', match: false },
    ]);
    expect(highlightParts('娜娜', '娜')).toEqual([{ text: '娜娜', match: true }]);
  });

  it('returns one non-match segment for an empty query or no match', () => {
    expect(highlightParts('张三', '')).toEqual([{ text: '张三', match: false }]);
    expect(highlightParts('张三', '   ')).toEqual([{ text: '张三', match: false }]);
    expect(highlightParts('张三', '李四')).toEqual([{ text: '张三', match: false }]);
    expect(highlightParts('张三', '张三丰')).toEqual([{ text: '张三', match: false }]);
  });

  it('returns no segment for empty text', () => {
    expect(highlightParts('', '张')).toEqual([]);
  });

  it('highlights full-width text for a half-width query (slices of the original)', () => {
    expect(highlightParts('昆山ＡＢＣ有限公司', 'abc')).toEqual([
      { text: '昆山', match: false },
      { text: 'ＡＢＣ', match: true },
      { text: '有限公司', match: false },
    ]);
    expect(highlightParts('（２０１７）苏0583执１２３４号', '1234')).toEqual([
      { text: '（２０１７）苏0583执', match: false },
      { text: '１２３４', match: true },
      { text: '号', match: false },
    ]);
  });

  it('highlights half-width text for a full-width query', () => {
    expect(matched(highlightParts('TCL科技集团', 'ｔｃｌ'))).toEqual(['TCL']);
  });

  it('is case-insensitive for Latin', () => {
    expect(highlightParts('TCL科技', 'tcl')).toEqual([
      { text: 'TCL', match: true },
      { text: '科技', match: false },
    ]);
    expect(matched(highlightParts('abc ABC aBc', 'ABC'))).toEqual(['abc', 'ABC', 'aBc']);
  });

  it('matches traditional text with a simplified query and vice versa', () => {
    expect(highlightParts('陳大文', '陈大')).toEqual([
      { text: '陳大', match: true },
      { text: '文', match: false },
    ]);
    expect(matched(highlightParts('中国农业发展银行昆山支行', '農業發展銀行'))).toEqual(['农业发展银行']);
  });

  it('spans removed spaces and dots inside a match but not at its edges', () => {
    expect(highlightParts('陈 大文', '陈大')).toEqual([
      { text: '陈 大', match: true },
      { text: '文', match: false },
    ]);
    expect(highlightParts('买买提·艾力', '提艾')).toEqual([
      { text: '买买', match: false },
      { text: '提·艾', match: true },
      { text: '力', match: false },
    ]);
    expect(highlightParts('张三 李四', '李')).toEqual([
      { text: '张三 ', match: false },
      { text: '李', match: true },
      { text: '四', match: false },
    ]);
  });

  it('highlights a whole expanded character', () => {
    // ㈱ (U+3231) becomes "(株)" under NFKC.
    expect(highlightParts('㈱昆山', '株')).toEqual([
      { text: '㈱', match: true },
      { text: '昆山', match: false },
    ]);
  });

  it('falls back to no highlight when the mapping cannot be established', () => {
    // A combining accent composes under whole-string NFKC (e + U+0301 → é) but
    // not char by char, so the per-char mapping disagrees with normalizeText.
    const text = 'Cafe\u0301 昆山';
    expect(normalizeText(text)).toBe('caf\u00e9昆山');
    expect(highlightParts(text, '昆山')).toEqual([{ text, match: false }]);
  });

  it('keeps surrogate pairs intact', () => {
    expect(highlightParts('𠮷野家', '野')).toEqual([
      { text: '𠮷', match: false },
      { text: '野', match: true },
      { text: '家', match: false },
    ]);
  });

  it('always reassembles to the original text', () => {
    const cases: Array<[string, string]> = [
      ['（２０１７）蘇0583執１２３４號', '苏0583'],
      ['陳 大 文', '大文'],
      ['  张三  ', '张三'],
      ['Co., Ltd. 昆山', 'ltd'],
      ['买买提．艾力', '买提艾'],
      ['㈱㈱', '株'],
    ];
    for (const [text, query] of cases) {
      const parts = highlightParts(text, query);
      expect(join(parts)).toBe(text);
      expect(parts.some((p) => p.match)).toBe(true);
      expect(parts.every((p) => p.text.length > 0)).toBe(true);
    }
  });
});
