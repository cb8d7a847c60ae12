import { percentile } from '../measure/percentiles';

/** The first fifth of a soak is warm-up (JIT, pools, V8 sizing its heap): not judged. */
export const WARMUP_FRACTION = 0.2;

/**
 * Memory is flat when its least-squares slope after warm-up is at most 0.5 MiB per minute
 * (30 MiB per hour). Why this number: the growth the issue reported was about 50 MiB per
 * 30-second load, hundreds of MiB per hour, which this catches many times over; and it is what
 * a 30-minute run can resolve: the per-minute mean RSS and heap floor move by a few MiB from
 * minute to minute with GC and V8's heap sizing, so over the 24 judged minutes a true slope under
 * 0.5 MiB/min (12 MiB in all) cannot be told from that noise. A longer soak (`--soak 6h`)
 * resolves smaller leaks with the same rule.
 */
export const MEMORY_SLOPE_LIMIT_MIB_PER_MINUTE = 0.5;

/** At least this many judged readings for a memory verdict. */
export const MIN_MEMORY_POINTS = 3;

/**
 * Latency is flat when the typical p99 of a minute in the last third of the run is at most
 * 1.25 x that of the middle third plus 5 ms. "Typical" is the median over the minutes of the
 * third of each minute's p99: on this shared machine other people's work stalls every process
 * at once for some seconds now and then (both replicas' p99 jumps 3-10 x in the same 10
 * seconds, with their event loop delay, while their CPU use stays at a few %), and one such
 * minute must not decide; a route that gets slower as a table or a cache grows does so in every
 * minute and moves the median. 25 % is the spread of that median between thirds of a steady
 * load here, 5 ms absorbs one scheduler pause on a route whose p99 is a few milliseconds.
 */
export const LATENCY_RATIO_LIMIT = 1.25;
export const LATENCY_SLACK_MS = 5;

/** At least this many judged minutes in each third, and requests in a minute for its p99 to count. */
export const MIN_LATENCY_MINUTES = 3;
export const MIN_MINUTE_SAMPLES = 10;

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

/** The latency verdict of one series of requests: the middle and the last third of the run. */
export interface LatencyVerdict {
  verdict: Verdict;
  /** Median over the third's minutes of each minute's p99. */
  middleP99Ms?: number;
  lastP99Ms?: number;
  limitMs?: number;
  /** Minutes judged in each third, and requests in them. */
  middleMinutes: number;
  lastMinutes: number;
  middleSamples: number;
  lastSamples: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Judges request latencies `{ at, ms }` of a run from `start` lasting `durationMs`: the median
 * minute p99 of the last third against that of the middle third (a minute belongs to the third
 * it starts in).
 */
export function latencyVerdict(
  samples: Array<{ at: number; ms: number }>,
  start: number,
  durationMs: number,
): LatencyVerdict {
  const minutes = new Map<number, number[]>();
  for (const s of samples) {
    const m = Math.floor((s.at - start) / 60_000);
    if (s.at >= start && s.at <= start + durationMs) {
      (minutes.get(m) ?? minutes.set(m, []).get(m)!).push(s.ms);
    }
  }
  const third = durationMs / 3;
  const p99s = (from: number, to: number) => {
    const judged = [...minutes].filter(
      ([m, ms]) =>
        m * 60_000 >= from &&
        m * 60_000 < to &&
        ms.length >= MIN_MINUTE_SAMPLES,
    );
    return {
      p99: judged.map(([, ms]) =>
        percentile(
          [...ms].sort((a, b) => a - b),
          0.99,
        ),
      ),
      samples: judged.reduce((a, [, ms]) => a + ms.length, 0),
    };
  };
  const middle = p99s(third, 2 * third);
  const last = p99s(2 * third, durationMs);
  const counts = {
    middleMinutes: middle.p99.length,
    lastMinutes: last.p99.length,
    middleSamples: middle.samples,
    lastSamples: last.samples,
  };
  if (
    middle.p99.length < MIN_LATENCY_MINUTES ||
    last.p99.length < MIN_LATENCY_MINUTES
  ) {
    return { verdict: 'n/a', ...counts };
  }
  const middleP99Ms = round(median(middle.p99), 1);
  const lastP99Ms = round(median(last.p99), 1);
  const limitMs = round(
    middleP99Ms * LATENCY_RATIO_LIMIT + LATENCY_SLACK_MS,
    1,
  );
  return {
    verdict: lastP99Ms <= limitMs ? 'flat' : 'growing',
    middleP99Ms,
    lastP99Ms,
    limitMs,
    ...counts,
  };
}
