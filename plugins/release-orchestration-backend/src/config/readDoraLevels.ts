import { Config } from '@backstage/config';
import {
  DoraLevelTable,
  DoraMetric,
  DoraMetricLevels,
  doraPerformanceLevels,
} from '@release-orchestration/plugin-release-orchestration-common';

const HOUR = 3600;
const DAY = 24 * HOUR;
/** A month of 730 hours, as in the default table. */
const MONTH_HOURS = 730;

/** Each metric's units: how many of the API's unit one configured unit is. */
const UNITS: Record<DoraMetricLevels['unit'], Record<string, number>> = {
  seconds: { seconds: 1, minutes: 60, hours: HOUR, days: DAY, weeks: 7 * DAY },
  perDay: { perDay: 1, perWeek: 1 / 7, perMonth: 24 / MONTH_HOURS },
  ratio: { ratio: 1, percent: 0.01 },
};

const LEVELS = ['elite', 'high', 'medium'] as const;

/**
 * Reads `releaseOrchestration.dora.levels`: per metric, the unit and the bound of each of elite,
 * high and medium (anything else is low). For a metric where lower is better a value qualifies
 * when it is at most the bound; where higher is better (deployment frequency), when it is at
 * least the bound. Metrics not configured keep the 2024 table. A unit that does not fit the
 * metric, a missing bound, or bounds out of order stop the backend at start-up with the key named.
 */
export function readDoraLevels(config: Config): DoraLevelTable {
  const table: DoraLevelTable = { ...doraPerformanceLevels };
  const root = 'releaseOrchestration.dora.levels';
  const levels = config.getOptionalConfig(root);
  if (!levels) {
    return table;
  }
  for (const metric of levels.keys()) {
    const key = `${root}.${metric}`;
    if (!(metric in doraPerformanceLevels)) {
      throw new Error(
        `${key}: unknown metric; the metrics are ${Object.keys(
          doraPerformanceLevels,
        ).join(', ')}`,
      );
    }
    table[metric as DoraMetric] = readMetric(
      levels.getConfig(metric),
      doraPerformanceLevels[metric as DoraMetric],
      key,
    );
  }
  return table;
}

function readMetric(
  config: Config,
  defaults: DoraMetricLevels,
  key: string,
): DoraMetricLevels {
  const unit = config.getString('unit');
  const factor = UNITS[defaults.unit][unit];
  if (factor === undefined) {
    throw new Error(
      `${key}.unit: '${unit}' does not fit this metric; use one of ${Object.keys(
        UNITS[defaults.unit],
      ).join(', ')}`,
    );
  }
  const lowerIsBetter = defaults.betterWhen === 'lower';
  const bounds = LEVELS.map(level => {
    const value = config.getNumber(level);
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(
        `${key}.${level}: must be a number of ${unit}, at least 0`,
      );
    }
    return value;
  });
  for (let i = 1; i < bounds.length; i++) {
    const ordered = lowerIsBetter
      ? bounds[i] > bounds[i - 1]
      : bounds[i] < bounds[i - 1];
    if (!ordered) {
      throw new Error(
        `${key}.${LEVELS[i]}: must be ${
          lowerIsBetter ? 'greater' : 'less'
        } than ${LEVELS[i - 1]} (${bounds[i - 1]} ${unit}): ` +
          `${
            lowerIsBetter ? 'lower' : 'higher'
          } is better for this metric, so each level's bound must be worse than the one before`,
      );
    }
  }
  const op = lowerIsBetter ? '<=' : '>=';
  const words = lowerIsBetter ? 'at most' : 'at least';
  return {
    ...defaults,
    bands: [
      ...LEVELS.map(
        (level, i) =>
          ({
            level,
            reported: `${words} ${bounds[i]} ${unit}`,
            op,
            bound: bounds[i] * factor,
          } as const),
      ),
      { level: 'low', reported: 'otherwise', op: '>=', bound: 0 },
    ],
    note: `Configured in app-config (${key}), in ${unit}.`,
  };
}
