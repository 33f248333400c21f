/** Verification codes of stored checks (no server imports: forms show the example). */
import { normalizeIdentifierInput } from '@/lib/identifiers';

/** Crockford's base32 (no I, L, O, U): 32 symbols, so a byte modulo 32 is uniform. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** How a code looks, for hints. */
export const CODE_EXAMPLE = 'HC-7K2M-9XQ4-T3VB';
export const CODE_RE = /^HC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** What a visitor typed, in the form a code is written: uppercase, half-width, O/I/L read as 0/1/1. */
export function normalizeVerificationCode(input: string): string {
  const raw = normalizeIdentifierInput(input).replace(/^HC/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return raw.length === 12 ? `HC-${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}` : raw;
}
