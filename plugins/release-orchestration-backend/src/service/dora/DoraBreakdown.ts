import { DoraWindowMetrics } from '@release-orchestration/plugin-release-orchestration-common';
import { DoraRows, DoraSettings, windowInputs } from './collectDoraRows';
import { computeDoraWindow } from './computeDoraWindow';
import { TimeRange } from './doraCalendar';
import { WindowedLeadTimes } from './leadTimeSources';

type Days = DoraRows['days'];

function groupBy<T>(
  items: T[],
  key: (item: T) => string | undefined,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item) ?? '';
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The roll-ups of many Systems read once (per System, both windows), from which the metrics of
 * any set of them (a System, a team) are computed exactly as `GET /dora` computes that entity's:
 * the same inputs, filtered to the set, through the same functions.
 */
export class DoraBreakdown {
  private readonly days: Map<string, Days>;
  private readonly recoveries: Map<string, DoraRows['recoveries']>;
  private readonly incidents: Map<string, DoraRows['incidents']>;
  private readonly leadTimes: WindowedLeadTimes;
  private readonly rated: [Set<string>, Set<string>];

  /** `leadTimes`: each System's lead times in the current and in the previous window. */
  constructor(
    private readonly rows: DoraRows,
    private readonly leadTimeMaps: [
      Map<string, Float64Array>,
      Map<string, Float64Array>,
    ],
    private readonly ranges: [TimeRange, TimeRange],
    private readonly settings: DoraSettings,
  ) {
    const leadTimes = leadTimeMaps;
    this.days = groupBy(rows.days, d => d.systemRef);
    this.recoveries = groupBy(rows.recoveries, r => r.systemRef);
    this.incidents = groupBy(rows.incidents, i => i.systemRef);
    this.leadTimes = WindowedLeadTimes.of(ranges, leadTimes);
    this.rated = [new Set(rows.rated[0]), new Set(rows.rated[1])];
  }

  /** The same roll-ups with other lead times for the previous window (read for fewer Systems). */
  withPreviousLeadTimes(previous: Map<string, Float64Array>): DoraBreakdown {
    return new DoraBreakdown(
      this.rows,
      [this.leadTimeMaps[0], previous],
      this.ranges,
      this.settings,
    );
  }

  /** Both windows' metrics of a set of Systems. */
  async metricsOf(
    systems: string[],
  ): Promise<{ current: DoraWindowMetrics; previous: DoraWindowMetrics }> {
    const [current, previous] = await Promise.all([
      this.windowOf(0, systems),
      this.windowOf(1, systems),
    ]);
    return { current, previous };
  }

  /** One window's metrics (0 current, 1 previous) of a set of Systems. */
  async windowOf(index: 0 | 1, systems: string[]): Promise<DoraWindowMetrics> {
    const pick = <T>(map: Map<string, T[]>) =>
      systems.flatMap(ref => map.get(ref) ?? []);
    const rows: DoraRows = {
      days: pick(this.days).filter(d => d.range === index),
      rated: [
        index === 0 ? systems.filter(ref => this.rated[0].has(ref)) : [],
        index === 1 ? systems.filter(ref => this.rated[1].has(ref)) : [],
      ],
      perSystem: this.rows.perSystem,
      recoveries: pick(this.recoveries),
      incidents: pick(this.incidents),
      systems,
    };
    return computeDoraWindow(
      await windowInputs(
        rows,
        index,
        this.ranges[index],
        this.leadTimes.of(systems),
        this.settings,
      ),
    );
  }
}
