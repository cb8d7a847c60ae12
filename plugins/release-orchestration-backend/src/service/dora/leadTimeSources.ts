import {
  DeploymentLeadTimes,
  DoraMetricsStore,
} from '../../database/doraStoreTypes';
import { inRange, TimeRange } from './doraCalendar';
import { LeadTimeStats } from './doraInputs';
import {
  percentilesFromBucketSlices,
  percentilesOfUnsorted,
} from './percentile';

/** Exact lead-time percentiles of the commits first deployed in a range. */
export interface LeadTimeSource {
  percentiles(
    range: TimeRange,
    ps: number[],
  ): Promise<{ count: number; values: Array<number | undefined> }>;
}

/** Median and p90 of a range. */
export async function leadTimeStats(
  source: LeadTimeSource,
  range: TimeRange,
  withP90 = true,
): Promise<LeadTimeStats> {
  const { count, values } = await source.percentiles(
    range,
    withP90 ? [0.5, 0.9] : [0.5],
  );
  return {
    commits: count,
    ...(values[0] !== undefined ? { medianSeconds: values[0] } : {}),
    ...(withP90 && values[1] !== undefined ? { p90Seconds: values[1] } : {}),
  };
}

/**
 * A System's or Group's lead times, fetched once for both windows and ranked here: a range's
 * values are gathered into a typed array and only the ranks the percentiles need are selected.
 */
export class RawLeadTimes implements LeadTimeSource {
  constructor(private readonly deployments: DeploymentLeadTimes[]) {}

  forSystem(systemRef: string): RawLeadTimes {
    return new RawLeadTimes(
      this.deployments.filter(d => d.systemRef === systemRef),
    );
  }

  async percentiles(range: TimeRange, ps: number[]) {
    let count = 0;
    for (const d of this.deployments) {
      if (inRange(d.deployedAt, range)) {
        count += d.leadSeconds.length;
      }
    }
    const values = new Float64Array(count);
    let filled = 0;
    for (const d of this.deployments) {
      if (inRange(d.deployedAt, range)) {
        for (const seconds of d.leadSeconds) {
          values[filled++] = seconds;
        }
      }
    }
    return { count, values: percentilesOfUnsorted(values, ps) };
  }
}

/**
 * Org-wide lead times: a histogram over the window from the daily roll-up, then the exact values
 * at the percentiles' ranks of only the buckets they fall in (one or two values of each, not the
 * bucket's thousands). Gives the same numbers as ranking every commit.
 */
export class HistogramLeadTimes implements LeadTimeSource {
  constructor(private readonly store: DoraMetricsStore) {}

  async percentiles(range: TimeRange, ps: number[]) {
    const iso = {
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
    };
    const histogram = await this.store.leadTimeHistogram(iso);
    return percentilesFromBucketSlices(histogram, ps, (bucket, from, to) =>
      this.store.leadTimesInBucket(iso, bucket, from, to),
    );
  }
}

/**
 * The lead times of a set of Systems in exactly two windows (`GET /dora/teams` and
 * `GET /dora/systems`), kept as one typed array per System and window: a set's values are
 * copied together and ranked, without a pass over every deployment of every System.
 */
export class WindowedLeadTimes implements LeadTimeSource {
  private constructor(
    private readonly ranges: TimeRange[],
    private readonly bySystem: Map<string, Float64Array[]>,
    private readonly systems: string[],
  ) {}

  /** `perWindow[i]`: each System's lead times in window `ranges[i]` (read for exactly that range). */
  static of(
    ranges: TimeRange[],
    perWindow: Array<Map<string, Float64Array>>,
  ): WindowedLeadTimes {
    const bySystem = new Map<string, Float64Array[]>();
    for (const [index, systems] of perWindow.entries()) {
      for (const [systemRef, values] of systems) {
        const arrays =
          bySystem.get(systemRef) ?? ranges.map(() => new Float64Array(0));
        arrays[index] = values;
        bySystem.set(systemRef, arrays);
      }
    }
    return new WindowedLeadTimes(ranges, bySystem, [...bySystem.keys()]);
  }

  /** The same lead times restricted to some Systems. */
  of(systems: string[]): WindowedLeadTimes {
    return new WindowedLeadTimes(this.ranges, this.bySystem, systems);
  }

  async percentiles(range: TimeRange, ps: number[]) {
    const index = this.ranges.findIndex(
      r => r.from === range.from && r.to === range.to,
    );
    if (index < 0) {
      throw new Error(
        `lead times were read for other windows than ${range.from}..${range.to}`,
      );
    }
    const parts = this.systems.flatMap(
      ref => this.bySystem.get(ref)?.[index] ?? [],
    );
    const values = new Float64Array(
      parts.reduce((n, part) => n + part.length, 0),
    );
    let filled = 0;
    for (const part of parts) {
      values.set(part, filled);
      filled += part.length;
    }
    return { count: values.length, values: percentilesOfUnsorted(values, ps) };
  }
}
