import { MemorySample } from '../backend/startBenchBackend';

/** Memory of a process over a period, in MiB. */
export interface MemoryStats {
  samples: number;
  rssMeanMiB: number;
  rssPeakMiB: number;
  heapUsedMeanMiB: number;
  heapUsedPeakMiB: number;
  heapTotalPeakMiB: number;
}

const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/** The readings taken in [from, to), summarised; undefined when there are none. */
export function memoryBetween(
  samples: MemorySample[],
  from: number,
  to: number,
): MemoryStats | undefined {
  const within = samples.filter(s => s.at >= from && s.at < to);
  if (within.length === 0) {
    return undefined;
  }
  const mean = (f: (s: MemorySample) => number) =>
    within.reduce((a, s) => a + f(s), 0) / within.length;
  const peak = (f: (s: MemorySample) => number) => Math.max(...within.map(f));
  return {
    samples: within.length,
    rssMeanMiB: mib(mean(s => s.rss)),
    rssPeakMiB: mib(peak(s => s.rss)),
    heapUsedMeanMiB: mib(mean(s => s.heapUsed)),
    heapUsedPeakMiB: mib(peak(s => s.heapUsed)),
    heapTotalPeakMiB: mib(peak(s => s.heapTotal)),
  };
}
