/**
 * Seeded randomness for tests, so a run can be repeated exactly and a correct change never
 * fails CI by chance. Every random draw of test data comes from one seed: `TEST_SEED` when
 * set, else DEFAULT_TEST_SEED.
 *
 * - fast-check: `fc.assert(property, { seed: testSeed() })`; on failure fast-check prints
 *   the seed and the counterexample's path.
 * - hand-written generators: `seededRandom(label)`, a mulberry32 stream per label (two
 *   labels, e.g. two test files sharing one database, draw different values).
 * - vitest prints the seed with every failed test (lib/testing/seed-setup.ts); the browser
 *   tests print it once per worker (e2e/fixtures.ts).
 *
 * Repeat a failure with `TEST_SEED=<seed> npx vitest run <file>`.
 */

import { mulberry32 } from '@/db/demo-data';

export const DEFAULT_TEST_SEED = 2017135;

/** TEST_SEED as a 32-bit integer (what fast-check and mulberry32 take), or the default. */
export function testSeed(): number {
  const raw = process.env.TEST_SEED?.trim();
  if (!raw) return DEFAULT_TEST_SEED;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`TEST_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return n | 0;
}

/**
 * mulberry32 (the demo data's generator): a tiny, fast 32-bit PRNG; floats in [0, 1). Plenty for test data, not for
 * secrets.
 */
export { mulberry32 };

/** FNV-1a over the label, to give each label its own stream from the one seed. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export type SeededRandom = {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [0, n). */
  int: (n: number) => number;
  pick: <T>(list: readonly T[]) => T;
  /** `n` decimal digits. */
  digits: (n: number) => string;
  /** `n` lowercase hex digits. */
  hex: (n: number) => string;
};

export function seededRandom(label: string, seed: number = testSeed()): SeededRandom {
  const next = mulberry32(seed ^ hash32(label));
  const int = (n: number) => Math.floor(next() * n);
  const chars = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  return {
    next,
    int,
    pick: (list) => {
      if (list.length === 0) throw new Error('pick from an empty list');
      return list[int(list.length)]!;
    },
    digits: (n) => chars('0123456789', n),
    hex: (n) => chars('0123456789abcdef', n),
  };
}

let currentTestFile = '';

/** The running test file, relative to the project (set by lib/testing/seed-setup.ts; '' outside vitest). */
export function testFile(): string {
  return currentTestFile;
}

export function setTestFile(file: string) {
  currentTestFile = file;
}
