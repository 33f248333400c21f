/**
 * A second app server beside the suite's (playwright.config.ts webServer), for specs that need other settings: the
 * production defaults (attacks) or an unreachable Meilisearch (degraded). It runs the same HTTP front
 * (scripts/serve.ts) on the build the suite's server made.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export type SecondServer = { url: string; pid: number; stop: () => void };

export async function startSecondServer(opts: {
  port: number;
  /** The whole environment beyond PORT and HOST (callers decide what of the suite's to pass on). */
  env: NodeJS.ProcessEnv;
  /** Where its output goes (default: nowhere). */
  logFile?: string;
}): Promise<SecondServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  const out = opts.logFile ? fs.openSync(opts.logFile, 'w') : 'ignore';
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    // TSX_TSCONFIG_PATH: `server-only` is a no-op outside Next, as in scripts/start.ts.
    env: { ...opts.env, PORT: String(opts.port), HOST: '127.0.0.1', TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
    stdio: ['ignore', out, out],
  });
  const stop = () => void server.kill('SIGTERM');
  for (let waited = 0; waited <= 60_000; waited += 250) {
    const answered = await fetch(`${url}/api/health`).then(
      (r) => r.status > 0,
      () => false,
    );
    if (answered) return { url, pid: server.pid!, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`the server on port ${opts.port} did not start${opts.logFile ? `; see ${opts.logFile}` : ''}`);
}
