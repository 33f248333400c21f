/**
 * What may be learnt about a natural person, defined once (design rule 10).
 *
 * | caller | entries it reads | persons' ID numbers | may match on a person's ID |
 * | --- | --- | --- | --- |
 * | anyone (pages, public API, /check) | public (isPublic) | masked | no |
 * | enterprise key | public | masked | no |
 * | department key | shared (restricted ones too) | masked | no |
 * | department key granted full identifiers | shared | whole | yes |
 *
 * A lookup that can confirm a guessed ID number reveals it: a masked ID leaves about 33
 * candidates that pass the check character, and the name is public. So a caller matches on
 * a person's identifier only if it may read that identifier anyway. Everyone else finds
 * persons by name, and organisations by name or code (organisation codes are public).
 *
 * Every text leaving the public boundary also passes scrubText: an ID number typed into a
 * free-text field (a duty, a note, a legal representative's ID among an organisation's
 * other documents) is masked like the ID field itself.
 */
import { hasPlausibleResidentBirthDate, isValidUscc, normalizeIdentifierInput } from '@/lib/identifiers';
import { maskIdNumber } from '@/lib/mask';

export type Disclosure = {
  /** Which entries: what the public sees, or what departments share (restricted entries too). */
  audience: 'public' | 'department';
  /** Persons' ID numbers whole, and matching on them. */
  personIds: boolean;
};

export const PUBLIC_DISCLOSURE: Disclosure = { audience: 'public', personIds: false };

/** The disclosure of an API key's caller. */
export function disclosureForKey(key: { role: string; fullIdentifiers: boolean }): Disclosure {
  if (key.role !== 'department') return PUBLIC_DISCLOSURE;
  return { audience: 'department', personIds: key.fullIdentifiers };
}

/**
 * An 18-character value of resident-ID shape, treated as a person's ID number — the same
 * rule maskIdNumber applies: only an all-digit valid USCC without a plausible birth date
 * counts as an organisation's code.
 */
export function isPersonIdShaped(normalized: string): boolean {
  if (!/^\d{17}[\dX]$/.test(normalized)) return false;
  return hasPlausibleResidentBirthDate(normalized) || !isValidUscc(normalized);
}

/**
 * An identifier a visitor typed, as a public page (a /check report) may echo it back: an organisation's USCC is
 * public and is shown exactly as typed; anything that may be a person's document number is masked by maskIdNumber
 * (an organisation code too: a 9-character passport number can pass its check, see lib/mask.ts). Blank → null.
 */
export function echoTypedIdentifier(typed: string): string | null {
  const trimmed = typed.trim();
  const id = normalizeIdentifierInput(trimmed);
  if (!id) return null;
  return isValidUscc(id) && !isPersonIdShaped(id) ? trimmed : maskIdNumber(id);
}

/** Digits (half- and full-width) and the X check character, as runs of an ID number may be written. */
const ID_RUN = /[0-9０-９][0-9０-９XxＸｘ]{17,}/g;

/**
 * Masks every resident-ID-shaped substring: a run of exactly 18 such characters as the ID
 * field is masked (birth month and day); a longer run could hide an ID at any offset, so
 * everything but its first 10 and last 4 characters is starred. A valid USCC stays whole.
 */
export function scrubText(text: string): string {
  return text.replace(ID_RUN, (run) => {
    const chars = [...run];
    const normalized = run.normalize('NFKC').toUpperCase();
    if (chars.length === 18) return isPersonIdShaped(normalized) ? maskIdNumber(normalized) : run;
    return chars.map((c, i) => (i >= 10 && i < chars.length - 4 ? '*' : c)).join('');
  });
}

/** scrubText applied to every string inside a JSON-like value (objects, arrays), keys included. */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrubText(k), scrubDeep(v)])) as T;
  }
  return value;
}
