import { percentile } from '../measure/percentiles';

/** The first fifth of a soak is warm-up (JIT, pools, V8 sizing its heap): not judged. */
export const WARMUP_FRACTION = 0.2;

/**
 * Memory is flat when its least-squares slope after warm-up is at most 0.5 MiB per minute
 * (30 MiB per hour). Why this number: the growth the issue reported was about 50 MiB per
 * 30-second load, hundreds of MiB per hour, which this catches many times over; and it is what
 * a 30-minute run can resolve: the per-minute means of RSS and heap move by a few MiB from minute
 * to minute with GC and V8's heap sizing, so over the 24 judged minutes a true slope under
 * 0.5 MiB/min (12 MiB in all) cannot be told from that noise. A longer soak (`--soak 6h`)
 * resolves smaller leaks with the same rule.
 */
export const MEMORY_SLOPE_LIMIT_MIB_PER_MINUTE = 0.5;

/** At least this many judged readings for a memory verdict. */
export const MIN_MEMORY_POINTS = 3;

/**
 * Latency is flat when the p99 of the last third of the run is at most 1.25 x the p99 of the
 * middle third plus 5 ms: 25 % is the spread p99 shows between thirds of a steady load on this
 * shared machine (other work moves it), 5 ms absorbs one scheduler or GC pause on a route
 * whose p99 is a few milliseconds. A route slowing down as a table or cache grows fails it.
 */
export const LATENCY_RATIO_LIMIT = 1.25;
export const LATENCY_SLACK_MS = 5;

/** At least this many requests in each third for a latency verdict. */
export const MIN_LATENCY_SAMPLES = 20;

/** Least-squares line through the points. */
export function linearFit(points: Array<{ x: number; y: number }>): {
  slope: number;
  intercept: number;
} {
  if (points.length < 2) {
    throw new Error(`a line needs at least two points, got ${points.length}`);
  }
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  if (sxx === 0) {
    throw new Error('a line needs points at two different x');
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** A computed verdict: `flat`, `growing`, or `n/a` when there is not enough to judge. */
export type Verdict = 'flat' | 'growing' | 'n/a';

/** The memory verdict of one series (per-minute readings in MiB, minute = end of the minute from start). */
export interface MemoryVerdict {
  verdict: Verdict;
  /** MiB per minute after warm-up. */
  slopeMiBPerMinute?: number;
  /** Judged readings: minutes after warm-up. */
  points: number;
  fromMinute: number;
  firstMiB?: number;
  lastMiB?: number;
}

const round = (v: number, digits = 3) =>
  Math.round(v * 10 ** digits) / 10 ** digits;

/** Judges a memory series of a run of `durationMinutes`: slope after warm-up against the limit. */
export function memoryVerdict(
  series: Array<{ minute: number; mib: number }>,
  durationMinutes: number,
): MemoryVerdict {
  const fromMinute = durationMinutes * WARMUP_FRACTION;
  const judged = series.filter(
    p => p.minute > fromMinute && Number.isFinite(p.mib),
  );
  if (judged.length < MIN_MEMORY_POINTS) {
    return {
      verdict: 'n/a',
      points: judged.length,
      fromMinute: round(fromMinute, 1),
    };
  }
  const { slope } = linearFit(judged.map(p => ({ x: p.minute, y: p.mib })));
  return {
    verdict: slope <= MEMORY_SLOPE_LIMIT_MIB_PER_MINUTE ? 'flat' : 'growing',
    slopeMiBPerMinute: round(slope),
    points: judged.length,
    fromMinute: round(fromMinute, 1),
    firstMiB: round(judged[0].mib, 1),
    lastMiB: round(judged[judged.length - 1].mib, 1),
  };
}

/** The latency verdict of one route: p99 of the last third against the middle third. */
export interface LatencyVerdict {
  verdict: Verdict;
  middleP99Ms?: number;
  lastP99Ms?: number;
  limitMs?: number;
  middleSamples: number;
  lastSamples: number;
}

/**
 * Judges request latencies `{ at, ms }` of a run from `start` lasting `durationMs`: the p99 of
 * those that started in the last third against those of the middle third.
 */
export function latencyVerdict(
  samples: Array<{ at: number; ms: number }>,
  start: number,
  durationMs: number,
): LatencyVerdict {
  const third = durationMs / 3;
  const middle = samples
    .filter(s => s.at >= start + third && s.at < start + 2 * third)
    .map(s => s.ms);
  const last = samples
    .filter(s => s.at >= start + 2 * third && s.at <= start + durationMs)
    .map(s => s.ms);
  if (
    middle.length < MIN_LATENCY_SAMPLES ||
    last.length < MIN_LATENCY_SAMPLES
  ) {
    return {
      verdict: 'n/a',
      middleSamples: middle.length,
      lastSamples: last.length,
    };
  }
  const p99 = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      0.99,
    );
  const middleP99Ms = round(p99(middle), 1);
  const lastP99Ms = round(p99(last), 1);
  const limitMs = round(
    middleP99Ms * LATENCY_RATIO_LIMIT + LATENCY_SLACK_MS,
    1,
  );
  return {
    verdict: lastP99Ms <= limitMs ? 'flat' : 'growing',
    middleP99Ms,
    lastP99Ms,
    limitMs,
    middleSamples: middle.length,
    lastSamples: last.length,
  };
}
