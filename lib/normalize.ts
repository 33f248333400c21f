/**
 * Search-text normalisation. The SAME functions must be applied to stored
 * data (when building search columns) and to user queries, otherwise matches
 * are missed.
 *
 * `normalizeText` pipeline, in order:
 * 0. Invisible format characters (Unicode Cf: bidi controls, zero-width characters,
 *    soft hyphen, BOM; lib/text/plain-text.ts) removed first, so that 张\u00AD三 and
 *    農\u200B業 compose, convert and match exactly like 张三 and 農業. Stored names never
 *    hold them (input validation rejects them); a pasted query may.
 * 1. Unicode NFKC: full-width letters, digits and brackets become half-width
 *    (`ＡＢＣ１２３（）` → `ABC123()`), compatibility forms are unfolded.
 * 2. Traditional → simplified Chinese with OpenCC, locale `hk` → `cn`
 *    (陳/張/銀行/農業/發展 → 陈/张/银行/农业/发展). `hk` was chosen over `t` and
 *    `tw` after comparing all three on every CJK code point: `hk` also folds
 *    Hong Kong variants (衞 → 卫, 敍 → 叙, 粧 → 妆, 枱 → 台), while `tw`
 *    rewrites characters that are already valid simplified Chinese (么 → 幺,
 *    著 → 着), which would corrupt simplified input. The conversion is
 *    repeated until stable so the function is idempotent (OpenCC maps a few
 *    chars in two steps, e.g. 薴 → 苧 → 苎).
 * 3. Latin lowercased.
 * 4. All whitespace (including U+3000 ideographic space and NBSP) removed.
 * 5. Middle dots used in minority / transliterated names removed:
 *    U+00B7 `·`, U+2022 `•`, U+2027 `‧`, U+2219 `∙`, U+22C5 `⋅`, U+30FB `・`
 *    (U+FF65 and U+0387 become one of these under NFKC). A full stop `.` is
 *    removed only when it sits between two Han characters — that is how a
 *    full-width `．` (U+FF0E, NFKC → `.`) typed as a name separator appears
 *    (买买提．艾力) — so `.` in Latin names, decimals and "Co., Ltd." is kept.
 */

import { Converter } from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import { removeFormatChars } from '@/lib/text/plain-text';

/** Built once: loading the dictionaries is the expensive part. */
const traditionalToSimplified = Converter({ from: 'hk', to: 'cn' });

const WHITESPACE_RE = /\s/u;
const NAME_DOT_RE = /[\u00B7\u2022\u2027\u2219\u22C5\u30FB]/u;
const HAN_RE = /\p{Script=Han}/u;

/** Traditional → simplified, repeated until a fixed point (at most 4 passes). */
function toSimplified(s: string): string {
  let current = s;
  for (let i = 0; i < 4; i++) {
    const next = traditionalToSimplified(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * Indices (into `chars`) of the characters removed by steps 4-5 of the
 * pipeline. Works on code-point arrays so the mapping in `highlightParts`
 * can reuse it.
 */
function removedIndices(chars: readonly string[]): Set<number> {
  const removed = new Set<number>();
  const kept: number[] = [];
  chars.forEach((ch, i) => {
    if (WHITESPACE_RE.test(ch) || NAME_DOT_RE.test(ch)) removed.add(i);
    else kept.push(i);
  });
  // A run of '.' between two Han characters (ignoring already removed chars).
  for (let k = 0; k < kept.length; k++) {
    const idx = kept[k];
    if (idx === undefined || chars[idx] !== '.') continue;
    let end = k;
    while (end < kept.length && chars[kept[end] ?? -1] === '.') end++;
    const before = kept[k - 1];
    const after = kept[end];
    if (
      before !== undefined &&
      after !== undefined &&
      HAN_RE.test(chars[before] ?? '') &&
      HAN_RE.test(chars[after] ?? '')
    ) {
      for (let j = k; j < end; j++) {
        const r = kept[j];
        if (r !== undefined) removed.add(r);
      }
    }
    k = end - 1;
  }
  return removed;
}

/** Normalises text for search; see the module comment for the pipeline. */
export function normalizeText(s: string): string {
  const chars = Array.from(toSimplified(removeFormatChars(s).normalize('NFKC')).toLowerCase());
  const removed = removedIndices(chars);
  return chars.filter((_, i) => !removed.has(i)).join('');
}

// ---------------------------------------------------------------------------
// Case numbers (案号)
// ---------------------------------------------------------------------------

/** Opening / closing bracket variants left after NFKC (（）［］｛｝ are already ASCII then). */
const OPEN_BRACKETS_RE = /[([{\u3014\u3010\u3016\u3018\u301A\u2985\uFF5F]/g;
const CLOSE_BRACKETS_RE = /[)\]}\u3015\u3011\u3017\u3019\u301B\u2986\uFF60]/g;

/**
 * Normalises a case number: `normalizeText` plus every bracket variant
 * (（）()〔〕[]【】［］｛｝{}〖〗…) mapped to ASCII `(` / `)`.
 * `（２０１７）苏0583执１２３４号`, `〔2017〕苏0583执1234号` → `(2017)苏0583执1234号`.
 */
export function normalizeCaseNo(s: string): string {
  return normalizeText(s).replace(OPEN_BRACKETS_RE, '(').replace(CLOSE_BRACKETS_RE, ')');
}

// ---------------------------------------------------------------------------
// Pinyin
// ---------------------------------------------------------------------------

/**
 * Full pinyin and initials of a name, lowercase, without tones or spaces:
 * 张伟 → { full: 'zhangwei', initials: 'zw' }.
 *
 * - The name goes through `normalizeText` first (so traditional and
 *   full-width input give the same result as simplified / half-width).
 * - Surname mode (`surname: 'head'`) is on by default, so the first char is
 *   read as a surname (单 → shan, 曾 → zeng, 解 → xie); pass
 *   `{ surname: false }` for organisation names.
 * - ü is written `v` (吕 → lv), as typed on a keyboard.
 * - Latin letters and digits are kept (lowercased) in both `full` and
 *   `initials` as whole runs (TCL科技 → 'tclkeji' / 'tclkj'); punctuation and
 *   Han characters unknown to the dictionary are dropped.
 */
export function namePinyin(name: string, opts: { surname?: boolean } = {}): { full: string; initials: string } {
  const text = normalizeText(name);
  if (text === '') return { full: '', initials: '' };
  const items = pinyin(text, {
    toneType: 'none',
    type: 'all',
    v: true,
    surname: opts.surname === false ? 'off' : 'head',
  });
  let full = '';
  let initials = '';
  for (const item of items) {
    if (item.isZh && item.pinyin !== '') {
      const syllable = item.pinyin.toLowerCase().replace(/[^a-z]/g, '');
      full += syllable;
      initials += syllable.charAt(0);
    } else {
      const kept = item.origin.toLowerCase().replace(/[^a-z0-9]/g, '');
      full += kept;
      initials += kept;
    }
  }
  return { full, initials };
}

// ---------------------------------------------------------------------------
// N-grams
// ---------------------------------------------------------------------------

/**
 * Distinct 2-character grams (by code point) of `normalizeText(name)`, in order of first
 * appearance: '张三丰' → ['张三', '三丰']. Stored names and queries both go through this,
 * so a GIN index on the stored grams serves any infix of two or more characters.
 */
export function nameBigrams(name: string): string[] {
  const chars = Array.from(normalizeText(name));
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return [...grams];
}

// ---------------------------------------------------------------------------
// Highlighting
// ---------------------------------------------------------------------------

export type HighlightPart = { text: string; match: boolean };

/**
 * Normalises `text` like `normalizeText` while recording, for every code
 * point of the result, the index of the ORIGINAL code point it came from.
 * Returns null when the mapping cannot be established (the traditional →
 * simplified step changed the number of code points, or the per-character
 * pipeline disagrees with `normalizeText`).
 */
function normalizeWithOwners(original: readonly string[]): { normalized: string[]; owners: number[] } | null {
  // 0-1. Format characters dropped, NFKC per original code point (may expand, e.g. ㈱ → (株)).
  const nfkc: string[] = [];
  const nfkcOwners: number[] = [];
  original.forEach((ch, i) => {
    for (const c of removeFormatChars(ch).normalize('NFKC')) {
      nfkc.push(c);
      nfkcOwners.push(i);
    }
  });
  // 2. Traditional → simplified on the whole string; must keep code point count.
  const simplified = Array.from(toSimplified(nfkc.join('')));
  if (simplified.length !== nfkc.length) return null;
  // 3. Lowercase per code point (may expand).
  const lower: string[] = [];
  const lowerOwners: number[] = [];
  simplified.forEach((ch, i) => {
    for (const c of ch.toLowerCase()) {
      lower.push(c);
      lowerOwners.push(nfkcOwners[i] ?? 0);
    }
  });
  // 4-5. Removal of whitespace and name dots.
  const removed = removedIndices(lower);
  const normalized: string[] = [];
  const owners: number[] = [];
  lower.forEach((ch, i) => {
    if (removed.has(i)) return;
    normalized.push(ch);
    owners.push(lowerOwners[i] ?? 0);
  });
  if (normalized.join('') !== normalizeText(original.join(''))) return null;
  return { normalized, owners };
}

/**
 * Splits display `text` into segments, marking where the query occurs.
 * Matching is done on normalised forms (`normalizeText` of both, so it is
 * case-insensitive, width-insensitive, traditional/simplified-insensitive and
 * ignores spaces and name dots), but every segment is a slice of the ORIGINAL
 * text; concatenating the segments gives back `text` exactly. A match that
 * covers only part of an expanded character (㈱ for 株) highlights the whole
 * original character. Adjacent or overlapping matches are merged.
 *
 * Empty text → []. Query empty after normalisation, no occurrence, or a text
 * whose normalisation cannot be mapped back onto it → one non-match segment.
 */
export function highlightParts(text: string, query: string): HighlightPart[] {
  if (text === '') return [];
  const whole: HighlightPart[] = [{ text, match: false }];
  const q = Array.from(normalizeText(query));
  if (q.length === 0) return whole;

  const original = Array.from(text);
  const mapped = normalizeWithOwners(original);
  if (mapped === null) return whole;
  const { normalized, owners } = mapped;

  // Non-overlapping occurrences, left to right, as original index ranges.
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i + q.length <= normalized.length;) {
    let hit = true;
    for (let j = 0; j < q.length; j++) {
      if (normalized[i + j] !== q[j]) {
        hit = false;
        break;
      }
    }
    if (!hit) {
      i++;
      continue;
    }
    const start = owners[i] ?? 0;
    const end = owners[i + q.length - 1] ?? start;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
    i += q.length;
  }
  if (ranges.length === 0) return whole;

  const parts: HighlightPart[] = [];
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (start > cursor) parts.push({ text: original.slice(cursor, start).join(''), match: false });
    parts.push({ text: original.slice(start, end + 1).join(''), match: true });
    cursor = end + 1;
  }
  if (cursor < original.length) {
    parts.push({ text: original.slice(cursor).join(''), match: false });
  }
  return parts;
}
