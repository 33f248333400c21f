/**
 * The real HTTP server for the ingest benchmark: `next start` on the existing production
 * build (.next), in a child process, against the benchmark database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type NextServer = { url: string; pid: number; stop: () => Promise<void>; log: () => string };

/** The production build's id and age, or null when there is no build. */
export function nextBuildInfo(cwd = process.cwd()): { id: string; builtAt: Date } | null {
  const file = path.join(cwd, '.next', 'BUILD_ID');
  if (!fs.existsSync(file)) return null;
  return { id: fs.readFileSync(file, 'utf8').trim(), builtAt: fs.statSync(file).mtime };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `next start` with DATABASE_URL = `databaseUrl` (and no Meilisearch settings: the
 * in-process sync worker then consumes outbox rows with no external index, as a site
 * without MEILI_URL does). Resolves once the batch route answers.
 */
export async function startNextServer(opts: {
  databaseUrl: string;
  port: number;
  poolSize?: number;
}): Promise<NextServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: opts.databaseUrl,
    PORT: String(opts.port),
  };
  for (const k of Object.keys(env)) if (k.startsWith('MEILI_')) delete env[k];
  if (opts.poolSize) env.DATABASE_POOL_SIZE = String(opts.poolSize);
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(opts.port), '-H', '127.0.0.1'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${opts.port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  process.once('exit', () => child.kill('SIGKILL'));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output.slice(-3000)}`);
    try {
      // No key: a 401 from the route itself means the server is up and the route loaded.
      const res = await fetch(`${url}/api/v1/court/entries/batch`, { method: 'POST' });
      await res.arrayBuffer();
      if (res.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, stop, log: () => output };
}
