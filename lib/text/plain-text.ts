/**
 * Names and file names are plain text: no invisible format characters, i.e. Unicode general
 * category Cf — bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C),
 * zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), U+180E, the soft hyphen
 * U+00AD and the like. They cannot be seen, so a name holding one looks like another name
 * (张\u00AD三 is shown as 张三) and bidi controls reorder the text displayed around them.
 * (Variation selectors, which rare name characters may need, are not Cf.)
 *
 * The one rule, used everywhere: a stored name or file name containing one is rejected at
 * input validation with FORMAT_CHARS_MESSAGE; normalizeText (lib/normalize.ts) removes them
 * from queries, so a name pasted with one still matches.
 */

const FORMAT_CHARS = /\p{Cf}/gu;

export const FORMAT_CHARS_MESSAGE = '不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）';

export function hasFormatChars(s: string): boolean {
  // search() ignores the global regex's lastIndex, unlike test().
  return s.search(FORMAT_CHARS) !== -1;
}

export function removeFormatChars(s: string): string {
  return s.replace(FORMAT_CHARS, '');
}
