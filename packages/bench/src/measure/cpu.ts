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

/** CPU seconds used so far by every process whose command name is `name` (e.g. the PostgreSQL server's). */
export function commandCpuSeconds(name: string): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) {
      continue;
    }
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) {
        total += processCpuSeconds(pid);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
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
  const postgres = commandCpuSeconds('postgres');
  const wall = Date.now();
  const machine = machineCpuSeconds();
  const self = process.cpuUsage();
  const backend = processCpuSeconds(backendPid);
  return () => {
    const own = process.cpuUsage(self);
    const backendNow = processCpuSeconds(backendPid);
    const m = machineCpuSeconds();
    const seconds = (Date.now() - wall) / 1000;
    const postgresNow = commandCpuSeconds('postgres');
    const round = (n: number) => Math.round((n / seconds) * 100) / 100;
    return {
      machineCores: cores,
      busyCores: round(m.busy - machine.busy),
      backendCores: round(backendNow - backend),
      postgresCores: round(postgresNow - postgres),
      loadToolCores: round((own.user + own.system) / 1e6),
    };
  };
}
