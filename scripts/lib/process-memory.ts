/**
 * Memory of the servers a benchmark talks to, read from /proc (Linux, local processes only):
 * Postgres as the PSS (proportional set size: shared buffers counted once across its
 * processes) of the postmaster and its children, Meilisearch as the RSS and peak RSS of the
 * process listening on MEILI_URL's port.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

function readProc(pid: number, file: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

function pids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

function parentPid(pid: number): number | null {
  const stat = readProc(pid, 'stat');
  // Fields after the command name (in parentheses, which may hold spaces): state, ppid, …
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields ? Number(fields[1]) : null;
}

/** A `kB` line of /proc/<pid>/status or smaps_rollup, in bytes. */
function kbLine(text: string | null, key: string): number {
  const m = text?.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** The PSS of the Postgres server the application's pool is connected to, or null when it is not on this machine. */
export async function postgresMemory(): Promise<{ pss: number; processes: number } | null> {
  const [row] = await getDb().execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
  const postmaster = row ? parentPid(Number(row.pid)) : null;
  if (!postmaster || !readProc(postmaster, 'cmdline')?.includes('postgres')) return null;
  const members = [postmaster, ...pids().filter((pid) => parentPid(pid) === postmaster)];
  const pss = members.reduce((sum, pid) => sum + kbLine(readProc(pid, 'smaps_rollup'), 'Pss'), 0);
  return { pss, processes: members.length };
}

export async function databaseSize(): Promise<number> {
  const [row] = await getDb().execute<{ bytes: number }>(
    sql`SELECT pg_database_size(current_database())::float8 AS bytes`,
  );
  return Number(row?.bytes ?? 0);
}

/** The local process whose command name is `name` and whose command line mentions `port`, if any. */
export function localProcess(name: string, port: string): number | null {
  for (const pid of pids()) {
    if (readProc(pid, 'comm')?.trim() !== name) continue;
    const argv = (readProc(pid, 'cmdline') ?? '').split('\0').join(' ');
    if (argv.includes(`:${port}`)) return pid;
  }
  return null;
}

/** RSS now and at its peak (VmHWM) of a local process, in bytes. */
export function residentMemory(pid: number): { rss: number; peak: number } | null {
  const status = readProc(pid, 'status');
  return status ? { rss: kbLine(status, 'VmRSS'), peak: kbLine(status, 'VmHWM') } : null;
}
