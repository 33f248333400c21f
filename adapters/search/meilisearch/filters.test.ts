import { describe, expect, it } from 'vitest';
import {
  andFilters,
  buildFilter,
  contains,
  cstDayStartMs,
  eq,
  exactFilter,
  orFilters,
  quoteFilterValue,
  startsWith,
} from '@/adapters/search/meilisearch/filters';

/**
 * Reads back a double-quoted filter value the way Meilisearch's filter parser does
 * (crates/filter-parser/src/value.rs: `quoted_by('"')` ends the value at the first `"` not
 * preceded by `\` and replaces `\"` by `"`; `unescaper::unescape` then turns `\\` into `\`).
 * Returns the value and what follows it.
 */
function parseQuoted(input: string): { value: string; rest: string } {
  if (!input.startsWith('"')) throw new Error('not quoted');
  let i = 1;
  let escapedQuote = false;
  for (; i < input.length; i++) {
    const c = input[i];
    if (c === '"') break;
    if (c === '\\') {
      i++;
      if (i >= input.length) throw new Error('malformed value');
      if (input[i] === '"') escapedQuote = true;
    }
  }
  if (i >= input.length) throw new Error('missing closing delimiter');
  let raw = input.slice(1, i);
  if (escapedQuote) raw = raw.split('\\"').join('"');
  // unescaper: `\\` → `\` (the only other escape our values can contain).
  let value = '';
  for (let j = 0; j < raw.length; j++) {
    if (raw[j] === '\\') {
      const next = raw[j + 1];
      if (next === '\\') {
        value += '\\';
        j++;
        continue;
      }
      if (next === '"') {
        // A `\"` that survived because it was preceded by `\\`: unescaper reads `\"` as `"`.
        value += '"';
        j++;
        continue;
      }
      throw new Error(`unexpected escape \\${next}`);
    }
    value += raw[j];
  }
  return { value, rest: input.slice(i + 1) };
}

describe('quoteFilterValue', () => {
  it('double-quotes plain values', () => {
    expect(quoteFilterValue('昆山市人民法院')).toBe('"昆山市人民法院"');
    expect(quoteFilterValue('person')).toBe('"person"');
  });

  it('escapes double quotes and backslashes (backslash first)', () => {
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('a\\b')).toBe('"a\\\\b"');
    expect(quoteFilterValue('a\\"b')).toBe('"a\\\\\\"b"');
    expect(quoteFilterValue('end\\')).toBe('"end\\\\"');
  });

  it('round-trips through the parser rules for awkward values', () => {
    const values = [
      '昆山市"人民"法院',
      '法院\\分院',
      '\\"',
      '"',
      '\\',
      'x\\',
      'AND',
      'a OR b',
      '(2023)苏0583执1234号',
      "it's",
      '= != >= ( ) [ ]',
      '',
    ];
    for (const v of values) {
      const { value, rest } = parseQuoted(`${quoteFilterValue(v)} AND x = 1`);
      expect(value).toBe(v);
      expect(rest).toBe(' AND x = 1');
    }
  });
});

describe('eq / andFilters / orFilters', () => {
  it('writes attribute = "value"', () => {
    expect(eq('court', '某"院')).toBe('court = "某\\"院"');
  });

  it('joins with AND, parenthesising OR groups', () => {
    expect(andFilters()).toBeUndefined();
    expect(andFilters(undefined, '')).toBeUndefined();
    expect(andFilters('a = "1"')).toBe('a = "1"');
    expect(andFilters('a = "1"', undefined, 'b = "2"')).toBe('a = "1" AND b = "2"');
    expect(andFilters('a = "1" OR b = "2"', 'c = "3"')).toBe('(a = "1" OR b = "2") AND c = "3"');
    expect(andFilters('(a = "1" OR b = "2")', 'c = "3"')).toBe('(a = "1" OR b = "2") AND c = "3"');
    expect(andFilters('(a = "1") OR (b = "2")', 'c = "3"')).toBe('((a = "1") OR (b = "2")) AND c = "3"');
  });

  it('joins with OR, parenthesising AND groups', () => {
    expect(orFilters()).toBeUndefined();
    expect(orFilters('a = "1"', undefined)).toBe('a = "1"');
    expect(orFilters('a = "1"', 'b = "2"')).toBe('a = "1" OR b = "2"');
    expect(orFilters('a = "1" AND b = "2"', 'c = "3"')).toBe('(a = "1" AND b = "2") OR c = "3"');
  });
});

describe('cstDayStartMs', () => {
  it('is 00:00 China Standard Time (UTC+8) of that day', () => {
    expect(cstDayStartMs('2024-03-02')).toBe(Date.parse('2024-03-01T16:00:00Z'));
    expect(cstDayStartMs('1970-01-01')).toBe(-8 * 3600_000);
  });

  it('rolls over months, leap days and years', () => {
    expect(cstDayStartMs('2024-03-01') - cstDayStartMs('2024-02-29')).toBe(86400_000);
    expect(cstDayStartMs('2024-01-01') - cstDayStartMs('2023-12-31')).toBe(86400_000);
  });

  it('refuses malformed and impossible dates', () => {
    for (const bad of ['2024-2-1', '2024-02-30', '2023-02-29', '2024-13-01', '20240101', '', 'x']) {
      expect(() => cstDayStartMs(bad)).toThrow(RangeError);
    }
  });
});

describe('buildFilter', () => {
  it('is undefined without filters', () => {
    expect(buildFilter({})).toBeUndefined();
  });

  it('filters the subject type', () => {
    expect(buildFilter({ subjectType: 'person' })).toBe('subjectType = "person"');
    expect(buildFilter({ subjectType: 'organization' })).toBe('subjectType = "organization"');
  });

  it('filters the court, quoting and escaping its name', () => {
    expect(buildFilter({ court: '昆山市人民法院' })).toBe('court = "昆山市人民法院"');
    expect(buildFilter({ court: '某"特别"法院\\分庭' })).toBe('court = "某\\"特别\\"法院\\\\分庭"');
  });

  it('turns publishedFrom/publishedTo into CST-day bounds on publishedAtMs, both days inclusive', () => {
    const from = Date.parse('2024-03-01T16:00:00Z'); // 2024-03-02 00:00 CST
    const toExclusive = Date.parse('2024-03-04T16:00:00Z'); // 2024-03-05 00:00 CST
    expect(buildFilter({ publishedFrom: '2024-03-02' })).toBe(`publishedAtMs >= ${from}`);
    expect(buildFilter({ publishedTo: '2024-03-04' })).toBe(`publishedAtMs < ${toExclusive}`);
    expect(buildFilter({ publishedFrom: '2024-03-02', publishedTo: '2024-03-02' })).toBe(
      `publishedAtMs >= ${from} AND publishedAtMs < ${from + 86400_000}`,
    );
  });

  it('joins every filter with AND', () => {
    expect(
      buildFilter({
        subjectType: 'person',
        court: '昆山市人民法院',
        publishedFrom: '2024-03-02',
        publishedTo: '2024-03-04',
      }),
    ).toBe(
      'subjectType = "person" AND court = "昆山市人民法院" AND publishedAtMs >= 1709308800000 AND ' +
        'publishedAtMs < 1709568000000',
    );
  });

  it('refuses an invalid date rather than filtering on nonsense', () => {
    expect(() => buildFilter({ publishedFrom: '2024-02-30' })).toThrow(RangeError);
  });
});

describe('startsWith and contains', () => {
  it('quote and escape the value like eq', () => {
    expect(startsWith('pinyin', 'zhang')).toBe('pinyin STARTS WITH "zhang"');
    expect(contains('name', '农业')).toBe('name CONTAINS "农业"');
    const f = contains('name', 'a"b\\c');
    expect(parseQuoted(f.slice('name CONTAINS '.length)).value).toBe('a"b\\c');
    // A value that looks like syntax stays one quoted value.
    expect(startsWith('name', 'x" OR court != "y')).toBe('name STARTS WITH "x\\" OR court != \\"y"');
  });
});

describe('exactFilter', () => {
  it('matches the identifier hash or the case number', () => {
    expect(exactFilter('ab12', '(2023)苏0583执1234号')).toBe(
      '((idHashes = "ab12" AND subjectType = "organization") OR caseNo = "(2023)苏0583执1234号")',
    );
  });

  it('leaves the case number out when it is null or empty', () => {
    expect(exactFilter('ab12', null)).toBe('(idHashes = "ab12" AND subjectType = "organization")');
    expect(exactFilter('ab12', '')).toBe('(idHashes = "ab12" AND subjectType = "organization")');
  });

  it('escapes a case number holding quotes or backslashes', () => {
    const f = exactFilter('ab12', 'x"y\\z');
    expect(f).toBe('((idHashes = "ab12" AND subjectType = "organization") OR caseNo = "x\\"y\\\\z")');
    expect(parseQuoted(f.slice(f.indexOf('caseNo = ') + 'caseNo = '.length)).value).toBe('x"y\\z');
  });

  it('stays one group when combined with user filters', () => {
    expect(andFilters(exactFilter('h', 'c'), buildFilter({ subjectType: 'person' }))).toBe(
      '((idHashes = "h" AND subjectType = "organization") OR caseNo = "c") AND subjectType = "person"',
    );
  });
});
