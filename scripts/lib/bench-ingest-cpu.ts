/**
 * Where the CPU went during a pass of the ingest benchmark (Linux /proc; elsewhere null):
 * the whole machine (busy, iowait, idle), this process, the `next start` child, and the
 * embedded Postgres (postmaster and its children).
 */
import fs from 'node:fs';

const HZ = 100; // USER_HZ: /proc times are in 1/100 s on Linux

type Sys = { total: number; idle: number; iowait: number };

function systemTicks(): Sys | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const f = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
    return { total: f.reduce((a, b) => a + b, 0), idle: f[3]! + f[4]!, iowait: f[4]! };
  } catch {
    return null;
  }
}

function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' '); // from field 3 (state)
    return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

/** The postmaster whose command line names `dataDir`, or null. */
export function findPostmaster(dataDir: string): number | null {
  try {
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
        if (cmd[0]?.endsWith('/postgres') && cmd.includes(dataDir)) return Number(name);
      } catch {
        // gone
      }
    }
  } catch {
    // no /proc
  }
  return null;
}

/** Ticks of `root` plus all its direct children (Postgres backends and workers), by pid. */
function treeTicks(root: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const pid = Number(name);
      const st = procStat(pid);
      if (st && (pid === root || st.ppid === root)) out.set(pid, st.ticks);
    }
  } catch {
    // no /proc
  }
  return out;
}

export type CpuReport = {
  wallS: number;
  cpus: number;
  busyPct: number; // of all CPUs
  iowaitPct: number;
  benchCpuS: number; // this process
  serverCpuS: number | null; // next start child
  postgresCpuS: number | null;
};

export function cpuMeter(opts: { cpus: number; serverPid?: number; postmasterPid?: number | null }) {
  const sys0 = systemTicks();
  const self0 = process.cpuUsage();
  const server0 = opts.serverPid ? procStat(opts.serverPid)?.ticks : undefined;
  const pg0 = opts.postmasterPid ? treeTicks(opts.postmasterPid) : undefined;
  const t0 = performance.now();
  return (): CpuReport => {
    const wallS = (performance.now() - t0) / 1000;
    const sys1 = systemTicks();
    const self1 = process.cpuUsage(self0);
    let serverCpuS: number | null = null;
    if (opts.serverPid && server0 !== undefined) {
      const t = procStat(opts.serverPid)?.ticks;
      if (t !== undefined) serverCpuS = (t - server0) / HZ;
    }
    let postgresCpuS: number | null = null;
    if (opts.postmasterPid && pg0) {
      const pg1 = treeTicks(opts.postmasterPid);
      let ticks = 0;
      for (const [pid, t] of pg1) ticks += t - (pg0.get(pid) ?? 0);
      postgresCpuS = ticks / HZ;
    }
    const dTotal = sys0 && sys1 ? sys1.total - sys0.total : 0;
    return {
      wallS,
      cpus: opts.cpus,
      busyPct: dTotal > 0 ? (100 * (dTotal - (sys1!.idle - sys0!.idle))) / dTotal : NaN,
      iowaitPct: dTotal > 0 ? (100 * (sys1!.iowait - sys0!.iowait)) / dTotal : NaN,
      benchCpuS: (self1.user + self1.system) / 1e6,
      serverCpuS,
      postgresCpuS,
    };
  };
}

export function formatCpu(r: CpuReport): string {
  const s = (v: number | null) => (v == null ? 'n/a' : `${v.toFixed(1)} s`);
  return (
    `machine ${r.busyPct.toFixed(0)}% busy of ${r.cpus} CPUs (iowait ${r.iowaitPct.toFixed(1)}%) over ` +
    `${r.wallS.toFixed(1)} s · ` +
    `CPU time: bench process ${s(r.benchCpuS)}` +
    (r.serverCpuS != null ? `, next start ${s(r.serverCpuS)}` : '') +
    `, postgres ${s(r.postgresCpuS)}`
  );
}
