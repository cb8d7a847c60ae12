/**
 * A DORA performance level, best first.
 * @public
 */
export type DoraLevel = 'elite' | 'high' | 'medium' | 'low';

/**
 * The five DORA software delivery performance metrics (dora.dev/guides/dora-metrics).
 * @public
 */
export type DoraMetric =
  | 'deploymentFrequency'
  | 'changeLeadTime'
  | 'changeFailureRate'
  | 'failedDeploymentRecoveryTime'
  | 'reworkRate';

/**
 * One level of one metric: the report's wording, and the test a measured value must pass.
 * Bands are checked in order (elite first); the first whose test passes is the level.
 * @public
 */
export interface DoraLevelBand {
  level: DoraLevel;
  /** How the 2024 report states this level for the metric. */
  reported: string;
  /** The value qualifies when `value <op> bound`. */
  op: '<' | '<=' | '>' | '>=';
  bound: number;
}

/**
 * The levels of one metric, in the unit the API reports it in.
 * @public
 */
export interface DoraMetricLevels {
  metric: DoraMetric;
  /** `perDay`: successful deployments per day; `seconds`: a duration; `ratio`: 0..1. */
  unit: 'perDay' | 'seconds' | 'ratio';
  betterWhen: 'higher' | 'lower';
  /** Absent when DORA publishes no levels for the metric. */
  bands?: DoraLevelBand[];
  /** How the published table was turned into these tests. */
  note: string;
}

/**
 * The levels of every metric: the 2024 default, or an adopter's from app-config.
 * @public
 */
export type DoraLevelTable = Record<DoraMetric, DoraMetricLevels>;

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** A month of 730 hours, the convention of DORA's own Four Keys project (METRICS.md). */
const MONTH = 730 * HOUR;

/**
 * Where the levels come from.
 * @public
 */
export const doraLevelsSource = {
  title:
    'Accelerate State of DevOps Report 2024, "Software delivery performance levels"',
  publisher: 'DORA (DevOps Research and Assessment), Google Cloud',
  url: 'https://dora.dev/research/2024/dora-report/',
  definitions: 'https://dora.dev/guides/dora-metrics/',
} as const;

/**
 * The DORA performance levels per metric: the one table the backend and the UI rate with.
 *
 * Source: {@link doraLevelsSource}. The 2024 report is the latest DORA report that publishes
 * elite/high/medium/low levels; the 2025 report replaced them with per-metric distributions, and
 * no report publishes levels for rework rate.
 * @public
 */
export const doraPerformanceLevels: Record<DoraMetric, DoraMetricLevels> = {
  deploymentFrequency: {
    metric: 'deploymentFrequency',
    unit: 'perDay',
    betterWhen: 'higher',
    bands: [
      {
        level: 'elite',
        reported: 'On demand (multiple deploys per day)',
        op: '>',
        bound: 1,
      },
      {
        level: 'high',
        reported: 'Between once per day and once per week',
        op: '>=',
        bound: DAY / WEEK,
      },
      {
        level: 'medium',
        reported: 'Between once per week and once per month',
        op: '>=',
        bound: DAY / MONTH,
      },
      {
        level: 'low',
        reported: 'Between once per month and once every six months',
        op: '>=',
        bound: 0,
      },
    ],
    note:
      'Average successful production deployments per day over the window; more than one a day is elite. ' +
      'Less often than once every six months is also rated low.',
  },
  changeLeadTime: {
    metric: 'changeLeadTime',
    unit: 'seconds',
    betterWhen: 'lower',
    bands: [
      { level: 'elite', reported: 'Less than one day', op: '<', bound: DAY },
      {
        level: 'high',
        reported: 'Between one day and one week',
        op: '<',
        bound: WEEK,
      },
      {
        level: 'medium',
        reported: 'Between one week and one month',
        op: '<',
        bound: MONTH,
      },
      {
        level: 'low',
        reported: 'Between one month and six months',
        op: '>=',
        bound: 0,
      },
    ],
    note: 'Rated on the median. More than six months is also rated low.',
  },
  changeFailureRate: {
    metric: 'changeFailureRate',
    unit: 'ratio',
    betterWhen: 'lower',
    bands: [
      { level: 'elite', reported: '5%', op: '<=', bound: 0.05 },
      { level: 'high', reported: '20%', op: '<=', bound: 0.1 },
      { level: 'medium', reported: '10%', op: '<=', bound: 0.2 },
      { level: 'low', reported: '40%', op: '>=', bound: 0 },
    ],
    note:
      'The report gives one typical rate per cluster, and they are not ordered (High 20%, Medium 10%): ' +
      'clusters are formed on all four metrics together. A lower failure rate must never rate worse, ' +
      'so the published rates are used, sorted, as upper bounds: at most 5% elite, 10% high, 20% medium, above low.',
  },
  failedDeploymentRecoveryTime: {
    metric: 'failedDeploymentRecoveryTime',
    unit: 'seconds',
    betterWhen: 'lower',
    bands: [
      { level: 'elite', reported: 'Less than one hour', op: '<', bound: HOUR },
      { level: 'high', reported: 'Less than one day', op: '<', bound: DAY },
      { level: 'medium', reported: 'Less than one day', op: '<', bound: WEEK },
      {
        level: 'low',
        reported: 'Between one week and one month',
        op: '>=',
        bound: 0,
      },
    ],
    note:
      'Rated on the median. The report gives "less than one day" for both High and Medium and no cluster ' +
      'between one day and one week; that range is rated medium, one week or more low.',
  },
  reworkRate: {
    metric: 'reworkRate',
    unit: 'ratio',
    betterWhen: 'lower',
    note:
      'DORA added rework rate in 2024 without performance levels, and the 2025 report publishes ' +
      'distributions instead of levels, so it is reported without a level.',
  },
};

function passes(value: number, band: DoraLevelBand): boolean {
  switch (band.op) {
    case '<':
      return value < band.bound;
    case '<=':
      return value <= band.bound;
    case '>':
      return value > band.bound;
    default:
      return value >= band.bound;
  }
}

/**
 * The performance level of a measured value in a level table (the 2024 default unless another is
 * given), or undefined without a value or without levels.
 * @public
 */
export function doraLevelOf(
  metric: DoraMetric,
  value: number | undefined,
  table: DoraLevelTable = doraPerformanceLevels,
): DoraLevel | undefined {
  const bands = table[metric].bands;
  if (value === undefined || !Number.isFinite(value) || !bands) {
    return undefined;
  }
  return bands.find(band => passes(value, band))?.level;
}
