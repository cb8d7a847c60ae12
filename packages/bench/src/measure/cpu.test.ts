import { machineCpuSeconds, processCpuSeconds, startCpuShare } from './cpu';

function spin(ms: number) {
  const until = Date.now() + ms;
  let x = 0;
  while (Date.now() < until) {
    x += Math.sqrt(x + 1);
  }
  return x;
}

describe('cpu accounting', () => {
  it('reads the machine and a process from /proc', () => {
    const machine = machineCpuSeconds();
    expect(machine.busy).toBeGreaterThan(0);
    expect(machine.total).toBeGreaterThanOrEqual(machine.busy);
    const before = processCpuSeconds(process.pid);
    spin(300);
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(before);
    expect(processCpuSeconds(999_999_999)).toBe(0);
  });

  it('tells where the CPU went while something ran', () => {
    const end = startCpuShare(process.pid, 2);
    spin(500);
    const share = end();
    expect(share.machineCores).toBe(2);
    // This process spun one core; the machine was at least that busy.
    expect(share.loadToolCores).toBeGreaterThan(0.5);
    expect(share.backendCores).toBeGreaterThan(0.5);
    expect(share.busyCores).toBeGreaterThan(0.5);
    expect(share.postgresCores).toBeGreaterThanOrEqual(0);
  });
});
