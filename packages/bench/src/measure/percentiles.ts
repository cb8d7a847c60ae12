/** Latency statistics of a set of samples, in milliseconds. */
export interface LatencySummary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The `p` (0..1] percentile of ascending samples by the nearest-rank method: the smallest sample
 * with at least p of the samples at or below it (what load tools report for latency).
 */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    throw new Error('percentile of no samples');
  }
  if (!(p > 0 && p <= 1)) {
    throw new Error(`percentile: p must be in (0, 1], got ${p}`);
  }
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** Summarises samples in any order. */
export function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: round(sorted[0]),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/**
 * Times `fn` sequentially: `warmup` calls that are not counted (caches, JIT, the database's
 * buffers), then `iterations` timed calls. The samples are wall-clock milliseconds.
 */
export async function timeIt(
  fn: (i: number) => Promise<unknown>,
  options: { warmup: number; iterations: number },
): Promise<LatencySummary> {
  for (let i = 0; i < options.warmup; i++) {
    await fn(i);
  }
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarize(samples);
}
