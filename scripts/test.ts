/**
 * `npm test`: every test against real services.
 * 0. the static checks, one test each: ESLint (Next's and typescript-eslint's recommended
 *    rules, no warning allowed) and Prettier (`--check`);
 * 1. one embedded Postgres (or TEST_SERVER_URL's server) for everything;
 * 2. vitest — unit tests, then integration tests on a scratch database;
 * 3. Playwright — the production build (`npm start`) on another scratch database with the
 *    demo data, in Debian's Chromium;
 * 4. a scan of the servers' logs for full ID numbers (counted as one test);
 * then prints one line: `N passed, N failed`, summed from both runners' JSON reports.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { testPostgresServer } from '@/db/embedded-postgres';
import { recreateDatabase } from '@/db/setup';
import { residentIdsIn } from '@/lib/identifiers';

type Tally = { passed: number; failed: number };

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function vitestTally(): Tally | null {
  const r = readJson('reports/vitest.json') as { numPassedTests: number; numFailedTests: number } | null;
  return r && { passed: r.numPassedTests, failed: r.numFailedTests };
}

function playwrightTally(): Tally | null {
  const r = readJson('reports/playwright.json') as {
    stats: { expected: number; unexpected: number; flaky: number };
  } | null;
  return r && { passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky };
}

/**
 * The suite's server log (scripts/start.ts copies it), the attack server's (e2e/attacks.spec.ts) and the two instances'
 * (e2e/two-instances.spec.ts).
 */
const SERVER_LOGS = [
  'reports/server.log',
  'reports/attack-server.log',
  'reports/instance-a-server.log',
  'reports/instance-b-server.log',
] as const;

/** One more test: the servers' logs after the browser suite hold no valid full resident ID number. */
function scanServerLogs(): Tally {
  const missing = SERVER_LOGS.filter((f) => !fs.existsSync(f));
  const lines = SERVER_LOGS.filter((f) => fs.existsSync(f)).flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'));
  const leaking = lines.filter((line) => residentIdsIn(line).length > 0);
  console.log(
    `server logs: ${lines.length} lines scanned, ${leaking.length} with a full ID ` +
      `number${missing.length ? `; missing: ${missing.join(', ')}` : ''}`,
  );
  for (const line of leaking.slice(0, 5))
    console.error(`  ${line.replace(/\d{6}(?=\d{8}[\dX])/gi, '******').slice(0, 200)}`);
  return leaking.length === 0 && missing.length === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

/** ESLint and Prettier over the whole repository, each counted as one test. */
function staticChecks(): { name: string; tally: Tally; exit: number }[] {
  const checks: [string, string[]][] = [
    ['eslint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']],
    ['prettier', ['node_modules/prettier/bin/prettier.cjs', '--check', '.']],
  ];
  return checks.map(([name, args]) => {
    const passed = run(args, {}) === 0;
    return { name, tally: { passed: passed ? 1 : 0, failed: passed ? 0 : 1 }, exit: 0 };
  });
}

async function main() {
  fs.rmSync('reports', { recursive: true, force: true });
  fs.mkdirSync('reports');

  const tallies: { name: string; tally: Tally | null; exit: number | null }[] = staticChecks();
  const { serverUrl, stop } = await testPostgresServer();
  try {
    const vitestExit = run(
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--reporter=default',
        '--reporter=json',
        '--outputFile.json=reports/vitest.json',
      ],
      { TEST_SERVER_URL: serverUrl },
    );
    tallies.push({ name: 'vitest', tally: vitestTally(), exit: vitestExit });

    const e2eUrl = await recreateDatabase(serverUrl, 'chengxin_e2e');
    const playwrightExit = run(['node_modules/@playwright/test/cli.js', 'test'], {
      DATABASE_URL: e2eUrl,
      DEMO_DATA: 'on',
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      SERVER_LOG_FILE: SERVER_LOGS[0],
    });
    tallies.push({ name: 'playwright', tally: playwrightTally(), exit: playwrightExit });
    tallies.push({ name: 'server logs', tally: scanServerLogs(), exit: 0 });
  } finally {
    await stop();
  }

  let passed = 0;
  let failed = 0;
  for (const { name, tally, exit } of tallies) {
    if (!tally) {
      console.error(`${name} produced no report (exit ${exit}); counting it as one failure`);
      failed += 1;
      continue;
    }
    passed += tally.passed;
    failed += tally.failed;
    if (exit !== 0 && tally.failed === 0) {
      console.error(`${name} exited with ${exit} without a failed test; counting it as one failure`);
      failed += 1;
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
