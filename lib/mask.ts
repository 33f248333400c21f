/**
 * Masking of personal data before public display.
 *
 * Policy:
 * - Resident IDs show everything except the birth month and day, in the style
 *   of the national disclosure site: `320583198001011234` → `3205831980****1234`.
 * - Any other person's document (passport, permit, garbage) keeps only its
 *   first 2 and last 2 characters (fewer for short strings), so the full value
 *   is never returned.
 * - Organisation identifiers (USCC, organisation codes) are public and are
 *   shown whole by `maskIdentifierForPublic`.
 */

import { hasPlausibleResidentBirthDate, isValidUscc } from '@/lib/identifiers';

/** Separators kept visible in masked names (middle dots of minority names, spaces of Latin names). */
const NAME_SEPARATOR_RE = /^[\s\u00B7\u0387\u2022\u2027\u2219\u22C5\u30FB\uFF65\uFF0E.]$/u;

function stars(n: number): string {
  return '*'.repeat(Math.max(1, n));
}

/** Keeps `keep` code points at each end and stars the middle; short strings are starred more aggressively. */
function maskConservatively(chars: string[]): string {
  const n = chars.length;
  if (n === 0) return '';
  if (n <= 2) return stars(n);
  const keep = n >= 5 ? 2 : 1;
  return chars.slice(0, keep).join('') + stars(n - 2 * keep) + chars.slice(n - keep).join('');
}

/**
 * Masks a person's identity document number for public display.
 *
 * - 18-char resident-ID shape (17 digits + digit/X): chars 11-14 (birth MMDD)
 *   become `****`. Applied on shape (plus a plausible birth date, see the
 *   USCC rule below), so a mistyped ID with a wrong check char is masked too.
 * - 15-digit legacy ID: chars 9-12 (birth MMDD) become `****`.
 * - A value that is a valid USCC is returned whole (it is a public
 *   organisation identifier), unless it has resident-ID shape and a
 *   plausible birth date at chars 7-14 (then it is masked as a resident ID).
 *   Organisation codes are deliberately NOT exempted: a 9-char passport
 *   number such as `E12345678` passes the GB 11714 check with probability
 *   1/11 and would otherwise leak in full.
 * - Anything else: first 2 and last 2 chars kept, the rest starred (at least
 *   one star); strings of 3-4 chars keep 1 char at each end, of 1-2 chars are
 *   fully starred.
 *
 * Input is NFKC-normalised and stripped of whitespace first; resident IDs and
 * USCCs are returned uppercased, other values keep their case.
 */
export function maskIdNumber(id: string): string {
  const compact = id.normalize('NFKC').replace(/\s/g, '');
  const s = compact.toUpperCase();
  if (/^\d{17}[\dX]$/.test(s)) {
    // Privacy first: anything carrying a plausible birth date is treated as a
    // (possibly mistyped) resident ID; only an all-digit value that does not
    // look like one and passes the USCC check is shown whole.
    if (!hasPlausibleResidentBirthDate(s) && isValidUscc(s)) return s;
    return `${s.slice(0, 10)}****${s.slice(14)}`;
  }
  if (/^\d{15}$/.test(s)) {
    return `${s.slice(0, 8)}****${s.slice(12)}`;
  }
  if (isValidUscc(s)) return s;
  return maskConservatively(Array.from(compact));
}

/**
 * Masks a person's name: the first character stays, every other character
 * becomes `*` (张三 → 张*, 欧阳娜娜 → 欧***). A one-character name gets one
 * star appended (张 → 张*) so its length is not revealed as 1.
 *
 * Names with separators (middle dots `·` `•` `・` `‧` `．` of minority or
 * transliterated names, spaces of Latin names): the separators are kept in
 * place and every non-separator character after the first is starred,
 * e.g. 买买提·艾力 → 买**·**. Runs of whitespace collapse to one space.
 * Characters are counted by code point, so supplementary-plane characters
 * count as one.
 */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim().replace(/\s+/g, ' '));
  let seenFirst = false;
  let visible = 0;
  const out: string[] = [];
  for (const ch of chars) {
    if (NAME_SEPARATOR_RE.test(ch)) {
      out.push(ch);
      continue;
    }
    visible++;
    if (!seenFirst) {
      seenFirst = true;
      out.push(ch);
    } else {
      out.push('*');
    }
  }
  if (visible === 0) return '';
  if (visible === 1) {
    // Append the star right after the single visible char.
    const idx = out.findIndex((c) => !NAME_SEPARATOR_RE.test(c));
    out.splice(idx + 1, 0, '*');
  }
  return out.join('');
}

/**
 * Identifier as it may be shown publicly: persons' document numbers are
 * masked with `maskIdNumber`; organisations' USCC / organisation codes are
 * public and shown whole (trimmed). Null, empty or blank input → null.
 */
export function maskIdentifierForPublic(subjectType: 'person' | 'organization', id: string | null): string | null {
  if (id === null) return null;
  const trimmed = id.trim();
  if (trimmed === '') return null;
  return subjectType === 'person' ? maskIdNumber(trimmed) : trimmed;
}
