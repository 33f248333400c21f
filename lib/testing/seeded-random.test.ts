import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TEST_SEED, mulberry32, seededRandom, testFile, testSeed } from './seeded-random';

describe('seeded test randomness', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('TEST_SEED, else the fixed default; anything but an integer is refused', () => {
    vi.stubEnv('TEST_SEED', '');
    expect(testSeed()).toBe(DEFAULT_TEST_SEED);
    vi.stubEnv('TEST_SEED', '42');
    expect(testSeed()).toBe(42);
    vi.stubEnv('TEST_SEED', '-7');
    expect(testSeed()).toBe(-7);
    vi.stubEnv('TEST_SEED', 'abc');
    expect(() => testSeed()).toThrow(/TEST_SEED/);
  });

  it('mulberry32 repeats itself for one seed and differs for another', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('one stream per label; helpers stay in range', () => {
    const draw = (label: string) => {
      const r = seededRandom(label, 7);
      return [r.int(1000), r.digits(6), r.hex(8), r.pick(['甲', '乙', '丙'])];
    };
    expect(draw('factory:a')).toEqual(draw('factory:a'));
    expect(draw('factory:a')).not.toEqual(draw('factory:b'));
    const r = seededRandom('range', 7);
    for (let i = 0; i < 1000; i++) expect(r.int(3)).toBeLessThan(3);
    expect(r.digits(6)).toMatch(/^\d{6}$/);
    expect(r.hex(10)).toMatch(/^[0-9a-f]{10}$/);
    expect(() => r.pick([])).toThrow();
  });

  it('the setup file names the running test file', () => {
    expect(testFile()).toBe('lib/testing/seeded-random.test.ts');
  });
});
