/**
 * Vitest setup file (every project): tells the seeded generators which test file runs, and
 * prints the seed beside every failed test so the run can be repeated exactly.
 */
import path from 'node:path';
import { beforeEach, expect } from 'vitest';
import { setTestFile, testSeed } from './seeded-random';

const file = path.relative(process.cwd(), expect.getState().testPath ?? '');
setTestFile(file);

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(`test data seed: repeat with TEST_SEED=${testSeed()} npx vitest run ${file}`));
});
