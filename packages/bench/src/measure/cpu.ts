import fs from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; 0 when it is gone. */
export function processCpuSeconds(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by each process whose command name is `name` (e.g. the PostgreSQL server's), by pid. */
export function commandCpuByPid(name: string): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) {
      continue;
    }
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) {
        byPid.set(pid, processCpuSeconds(pid));
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return byPid;
}

/**
 * CPU seconds processes used between two readings by pid: each process alive at the end, less
 * what it had used at the start (nothing if it started since). A process that ended in between
 * is left out (what it used is gone from /proc), so the growth is never negative: subtracting
 * two sums made it so when connections closed during the measurement.
 */
export function cpuGrowth(
  before: Map<string, number>,
  after: Map<string, number>,
): number {
  let growth = 0;
  for (const [pid, seconds] of after) {
    growth += Math.max(0, seconds - (before.get(pid) ?? 0));
  }
  return growth;
}

/** Busy and total CPU seconds of the whole machine so far, summed over its cores, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return {
    busy: busy / TICKS_PER_SECOND,
    total: (busy + idle + iowait) / TICKS_PER_SECOND,
  };
}

/** Where the machine's CPU went while a load ran: per party, in cores (CPU seconds per second). */
export interface CpuShare {
  machineCores: number;
  busyCores: number;
  backendCores: number;
  postgresCores: number;
  loadToolCores: number;
}

/** Starts measuring; the returned function ends the measurement and tells the shares. */
export function startCpuShare(
  backendPid: number,
  cores: number,
): () => CpuShare {
  // The scan of /proc for postgres runs first at the start and last at the end, so that the
  // readings of this process and the backend are taken next to each other.
  const postgres = commandCpuByPid('postgres');
  const wall = Date.now();
  const machine = machineCpuSeconds();
  const self = process.cpuUsage();
  const backend = processCpuSeconds(backendPid);
  return () => {
    const own = process.cpuUsage(self);
    const backendNow = processCpuSeconds(backendPid);
    const m = machineCpuSeconds();
    const seconds = (Date.now() - wall) / 1000;
    const postgresNow = commandCpuByPid('postgres');
    const round = (n: number) => Math.round((n / seconds) * 100) / 100;
    return {
      machineCores: cores,
      busyCores: round(m.busy - machine.busy),
      backendCores: round(backendNow - backend),
      postgresCores: round(cpuGrowth(postgres, postgresNow)),
      loadToolCores: round((own.user + own.system) / 1e6),
    };
  };
}
