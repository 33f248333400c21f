/**
 * Validation and classification of the identifiers that appear in the list of
 * dishonest judgment debtors:
 *
 * - PRC resident identity card numbers (GB 11643-1999, 18 chars, plus the
 *   legacy 15-digit form issued before 1999);
 * - unified social credit codes (统一社会信用代码, GB 32100-2015, 18 chars);
 * - organisation codes (组织机构代码, GB 11714, 8 chars + check char).
 *
 * All functions are pure. Validators accept lowercase letters (they are
 * uppercased before checking) but no surrounding whitespace or separators other
 * than the optional hyphen of an organisation code; use `classifyIdentifier` to
 * normalise free-form user input.
 */
import { removeFormatChars } from '@/lib/text/plain-text';
import { CST_OFFSET_MS } from '@/lib/cst';
import { isRealDate } from '@/lib/calendar';

// ---------------------------------------------------------------------------
// Resident identity card numbers (GB 11643-1999)
// ---------------------------------------------------------------------------

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK_MAP = '10X98765432';

/**
 * ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID.
 * @throws RangeError when `first17` is not exactly 17 ASCII digits.
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('residentIdCheckChar expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  }
  return RESIDENT_ID_CHECK_MAP.charAt(sum % 11);
}

/** Calendar date (year, month 1-12, day) in China Standard Time. */
function cstCalendarDate(at: Date): { y: number; m: number; d: number } {
  const shifted = new Date(at.getTime() + CST_OFFSET_MS);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() };
}

/** Compare two calendar dates: negative when a < b, 0 when equal, positive when a > b. */
function compareDates(a: { y: number; m: number; d: number }, b: { y: number; m: number; d: number }): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/**
 * Birth date encoded in an 18-char (YYYYMMDD at chars 7-14) or 15-digit
 * (YYMMDD at chars 7-12, century 19) resident ID, without validity checks.
 */
function rawBirthDate(id: string): { y: number; m: number; d: number } | null {
  if (id.length === 18) {
    return { y: Number(id.slice(6, 10)), m: Number(id.slice(10, 12)), d: Number(id.slice(12, 14)) };
  }
  if (id.length === 15) {
    return { y: 1900 + Number(id.slice(6, 8)), m: Number(id.slice(8, 10)), d: Number(id.slice(10, 12)) };
  }
  return null;
}

function isPlausibleBirthDate(date: { y: number; m: number; d: number }, now: Date): boolean {
  if (date.y < 1900) return false;
  if (!isRealDate(date.y, date.m, date.d)) return false;
  return compareDates(date, cstCalendarDate(now)) <= 0;
}

/**
 * True when an 18-char string of resident-ID shape (17 digits + digit/X)
 * carries a plausible birth date at chars 7-14 (real date, year >= 1900, not
 * in the future), regardless of its check char. Used to decide that a value
 * "looks like" a person's ID, e.g. for privacy-first masking of mistyped IDs.
 */
export function hasPlausibleResidentBirthDate(s: string, now: Date = new Date()): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const date = rawBirthDate(s);
  return date !== null && isPlausibleBirthDate(date, now);
}

/**
 * True for a legacy 15-digit resident ID (issued before GB 11643-1999): all
 * digits, with a real YYMMDD birth date at chars 7-12 interpreted as 19YY.
 * Legacy numbers carry no check digit.
 */
export function isLegacyResidentId(s: string): boolean {
  if (!/^\d{15}$/.test(s)) return false;
  const date = rawBirthDate(s);
  return date !== null && isRealDate(date.y, date.m, date.d);
}

/**
 * True for a valid 18-char resident ID (17 digits + check char per
 * ISO 7064 MOD 11-2, real birth date not in the future and year >= 1900; a
 * lowercase `x` check char is accepted) or a valid legacy 15-digit ID.
 *
 * @param now reference instant for the "not in the future" rule (defaults to
 *   the current time; "today" is evaluated in China Standard Time).
 */
export function isValidResidentId(s: string, now: Date = new Date()): boolean {
  if (isLegacyResidentId(s)) return true;
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const id = s.toUpperCase();
  if (residentIdCheckChar(id.slice(0, 17)) !== id.charAt(17)) return false;
  const date = rawBirthDate(id);
  return date !== null && isPlausibleBirthDate(date, now);
}

/**
 * Birth date of a valid resident ID (18-char or legacy 15-digit) as a Date at
 * UTC midnight of that calendar day, or null when the ID is not valid.
 */
export function birthDateFromResidentId(id: string): Date | null {
  if (!isValidResidentId(id)) return null;
  const date = rawBirthDate(id);
  if (date === null) return null;
  const dt = new Date(Date.UTC(2000, date.m - 1, date.d));
  dt.setUTCFullYear(date.y);
  return dt;
}

/**
 * Age in completed years at instant `at` (calendar date taken in China
 * Standard Time) of the holder of a valid resident ID; null when the ID is
 * not valid or `at` is before the birth date. A person born on 29 February
 * completes a year on 1 March in non-leap years.
 */
export function ageAt(id: string, at: Date): number | null {
  if (Number.isNaN(at.getTime())) return null;
  if (!isValidResidentId(id)) return null;
  const birth = rawBirthDate(id);
  if (birth === null) return null;
  const today = cstCalendarDate(at);
  if (compareDates(today, birth) < 0) return null;
  let age = today.y - birth.y;
  if (today.m < birth.m || (today.m === birth.m && today.d < birth.d)) age -= 1;
  return age;
}

/**
 * The holder's sex by a resident ID's sequence digit (the 17th of 18, the 15th of a legacy number): odd 男,
 * even 女 (GB 11643). Null when the string has neither shape.
 */
export function residentIdGender(id: string): '男' | '女' | null {
  const digit = /^\d{17}[\dXx]$/.test(id) ? id.charAt(16) : /^\d{15}$/.test(id) ? id.charAt(14) : null;
  return digit === null ? null : Number(digit) % 2 === 1 ? '男' : '女';
}

// ---------------------------------------------------------------------------
// Unified social credit codes (GB 32100-2015)
// ---------------------------------------------------------------------------

/** The 31 characters allowed in a USCC (no I, O, Z, S, V). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_RE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;

/**
 * Check character of a unified social credit code, given its first 17 chars.
 * @throws RangeError when `first17` is not 17 chars of the USCC charset.
 */
export function usccCheckChar(first17: string): string {
  const code = first17.toUpperCase();
  if (!/^[0-9ABCDEFGHJKLMNPQRTUWXY]{17}$/.test(code)) {
    throw new RangeError('usccCheckChar expects 17 characters from the USCC charset');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += USCC_CHARSET.indexOf(code.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** True for a valid 18-char unified social credit code (lowercase accepted). */
export function isValidUscc(s: string): boolean {
  const code = s.toUpperCase();
  if (!USCC_RE.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}

// ---------------------------------------------------------------------------
// Organisation codes (GB 11714)
// ---------------------------------------------------------------------------

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Value of an org-code body char: digits 0-9, letters A=10 .. Z=35. */
function orgCharValue(ch: string): number {
  const c = ch.charCodeAt(0);
  return c <= 57 ? c - 48 : c - 55;
}

/**
 * Check character of an organisation code, given its 8-char body.
 * @throws RangeError when `first8` is not 8 chars of [0-9A-Z].
 */
export function orgCodeCheckChar(first8: string): string {
  const body = first8.toUpperCase();
  if (!/^[0-9A-Z]{8}$/.test(body)) {
    throw new RangeError('orgCodeCheckChar expects 8 characters from [0-9A-Z]');
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += orgCharValue(body.charAt(i)) * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  if (c === 10) return 'X';
  if (c === 11) return '0';
  return String(c);
}

/**
 * True for a valid organisation code, written either as 9 chars
 * ("123456789") or with a hyphen before the check char ("12345678-9");
 * lowercase accepted.
 */
export function isValidOrgCode(s: string): boolean {
  const m = /^([0-9A-Z]{8})-?([0-9X])$/.exec(s.toUpperCase());
  if (!m) return false;
  const [, body, check] = m;
  if (body === undefined || check === undefined) return false;
  return orgCodeCheckChar(body) === check;
}

// ---------------------------------------------------------------------------
// Free-form input
// ---------------------------------------------------------------------------

/**
 * Normalises free-form identifier input: invisible format characters removed
 * (lib/text/plain-text.ts), NFKC (full-width → half-width), uppercase, and removal of
 * all whitespace and hyphen/dash variants.
 */
export function normalizeIdentifierInput(input: string): string {
  return removeFormatChars(input)
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '');
}

/**
 * Every valid 18-character resident ID number readable in `text` (half- or full-width, at any
 * offset of a longer digit run). The tests' and the log scan's detector: what must never
 * leave the public boundary or reach a log.
 */
export function residentIdsIn(text: string): string[] {
  const found = new Set<string>();
  for (const run of text
    .normalize('NFKC')
    .toUpperCase()
    .match(/[\dX]{18,}/g) ?? []) {
    for (let i = 0; i + 18 <= run.length; i++) {
      const candidate = run.slice(i, i + 18);
      if (isValidResidentId(candidate)) found.add(candidate);
    }
  }
  return [...found];
}
