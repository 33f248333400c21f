/**
 * No line of code over 120 characters (Prettier's printWidth; what Prettier cannot break —
 * comments, strings, SQL, JSX text — is wrapped by hand). Data files are left out: the seed's
 * tables, the committed migrations and the import samples.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const MAX = 120;
const CODE = /\.(ts|tsx|mjs|cjs|js|css)$/;
const DATA = /^(db\/migrations|db\/seed-data|lib\/import\/samples)\//;

describe('source lines', () => {
  it(`are at most ${MAX} characters`, () => {
    const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => CODE.test(f) && !DATA.test(f));
    expect(files.length).toBeGreaterThan(300); // the tree was really read
    const long = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => ([...line].length > MAX ? [`${f}:${i + 1} (${[...line].length})`] : [])),
    );
    expect(long).toEqual([]);
  });
});
