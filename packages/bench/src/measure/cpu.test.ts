import {
  cpuGrowth,
  machineCpuSeconds,
  processCpuSeconds,
  startCpuShare,
} from './cpu';

/** Burns `ms` of this process's CPU time (not wall time, so a busy machine only makes it longer). */
function burn(ms: number) {
  const start = process.cpuUsage();
  let x = 0;
  while (
    (process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 <
    ms
  ) {
    for (let i = 0; i < 10_000; i++) {
      x += Math.sqrt(x + i);
    }
  }
  return x;
}

describe('cpu accounting', () => {
  it('reads the machine and a process from /proc', () => {
    const machine = machineCpuSeconds();
    expect(machine.busy).toBeGreaterThan(0);
    expect(machine.total).toBeGreaterThanOrEqual(machine.busy);
    const before = processCpuSeconds(process.pid);
    burn(300);
    // /proc counts in 10 ms ticks.
    expect(processCpuSeconds(process.pid) - before).toBeGreaterThan(0.25);
    expect(processCpuSeconds(999_999_999)).toBe(0);
  });

  it('tells where the CPU went while something ran', () => {
    const end = startCpuShare(process.pid, 2);
    burn(400);
    const share = end();
    expect(share.machineCores).toBe(2);
    // This process is both the "backend" and the "load tool" here: /proc and process.cpuUsage
    // agree about it, and the machine was at least that busy.
    expect(share.loadToolCores).toBeGreaterThan(0);
    expect(Math.abs(share.backendCores - share.loadToolCores)).toBeLessThan(
      0.1,
    );
    expect(share.busyCores).toBeGreaterThanOrEqual(share.loadToolCores - 0.1);
    expect(share.postgresCores).toBeGreaterThanOrEqual(0);
  });

  it('counts what processes used in between, leaving out those that ended instead of subtracting them', () => {
    const before = new Map([
      ['10', 5],
      ['11', 7.5],
      ['12', 3],
    ]);
    // 11 ended (its 7.5 s are gone from /proc), 13 started and used 0.25 s.
    const after = new Map([
      ['10', 6],
      ['12', 3.5],
      ['13', 0.25],
    ]);
    expect(cpuGrowth(before, after)).toBeCloseTo(1.75);
    expect(cpuGrowth(before, new Map())).toBe(0);
  });
});
