import {
  DoraLevel,
  DoraMetric,
  doraPerformanceLevels,
  DoraWindowMetrics,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  formatDuration,
  formatFrequency,
  formatPercent,
  plural,
} from './doraFormat';

/** How many measurements a metric is computed from in one window. */
export interface DoraSample {
  count: number;
  /** "from 14 deployments". */
  text: string;
  /** What an empty sample is called: "no deployments". */
  none: string;
  /** Too few measurements for the value (and its level) to mean much. */
  small: boolean;
}

/** How the UI shows one DORA metric: its names, value, level and sample size. */
export interface DoraMetricView {
  metric: DoraMetric;
  title: string;
  /** What the number means, for tooltips. */
  description: string;
  betterWhen: 'higher' | 'lower';
  /** The measured value in the API's unit, or undefined when there is nothing to show. */
  value(metrics: DoraWindowMetrics): number | undefined;
  format(value: number): string;
  /** The text shown instead of a value: "No data", or "No failures" when that is the good news. */
  emptyText(metrics: DoraWindowMetrics): string;
  level(metrics: DoraWindowMetrics): DoraLevel | undefined;
  sample(metrics: DoraWindowMetrics): DoraSample;
  /** How much of reality the value sees, when that can be short (commit data, incident attribution). */
  coverage?(metrics: DoraWindowMetrics): DoraCoverageView | undefined;
}

/** A coverage share shown next to a value. */
export interface DoraCoverageView {
  share: number;
  /** "commit data for 40% of deployments". */
  text: string;
  /** Below {@link LOW_COVERAGE}: the value may miss much of what happened. */
  low: boolean;
}

/** Coverage under this share is flagged, like a small sample. */
export const LOW_COVERAGE = 0.8;

function coverageView(
  share: number | undefined,
  text: (percent: string) => string,
): DoraCoverageView | undefined {
  return share === undefined
    ? undefined
    : { share, text: text(formatPercent(share)), low: share < LOW_COVERAGE };
}

const incidentCoverage = (m: DoraWindowMetrics) =>
  coverageView(
    m.coverage.incidentAttribution.share,
    p => `${p} of incidents attributed to a deployment`,
  );

/** Medians and rates from fewer measurements than this are flagged as indicative. */
export const SMALL_SAMPLE = 10;
/** Recoveries are rarer by nature (a good thing), so fewer make a usable median. */
export const SMALL_RECOVERY_SAMPLE = 5;

const NO_DATA = 'No data';

function sample(
  count: number,
  noun: string,
  smallBelow?: number,
  nouns?: string,
): DoraSample {
  return {
    count,
    text: `from ${plural(count, noun, nouns)}`,
    none: `no ${nouns ?? `${noun}s`}`,
    small: smallBelow !== undefined && count > 0 && count < smallBelow,
  };
}

const deploymentFrequency: DoraMetricView = {
  metric: 'deploymentFrequency',
  title: 'Deployment frequency',
  description:
    'How often changes reach production: successful production deployments, rollbacks not counted.',
  betterWhen: 'higher',
  // A window without deployments has no frequency to show, only the absence of data.
  value: m =>
    m.deploymentFrequency.deployments > 0
      ? m.deploymentFrequency.perDay
      : undefined,
  format: formatFrequency,
  emptyText: () => NO_DATA,
  level: m => m.deploymentFrequency.level,
  // A count, not a statistic: a low count is the finding, not an uncertainty.
  sample: m => sample(m.deploymentFrequency.deployments, 'deployment'),
};

const changeLeadTime: DoraMetricView = {
  metric: 'changeLeadTime',
  title: 'Change lead time',
  description:
    'Median time from a commit to its first successful production deployment.',
  betterWhen: 'lower',
  value: m => m.changeLeadTime.medianSeconds,
  format: formatDuration,
  emptyText: () => NO_DATA,
  level: m => m.changeLeadTime.level,
  sample: m => sample(m.changeLeadTime.commits, 'commit', SMALL_SAMPLE),
  coverage: m =>
    coverageView(
      m.coverage.leadTime.share,
      p => `commit data for ${p} of deployments`,
    ),
};

const changeFailureRate: DoraMetricView = {
  metric: 'changeFailureRate',
  title: 'Change failure rate',
  description:
    'Share of production deployments that failed, were rolled back or caused an incident.',
  betterWhen: 'lower',
  value: m => m.changeFailureRate.rate,
  format: formatPercent,
  emptyText: () => NO_DATA,
  level: m => m.changeFailureRate.level,
  sample: m =>
    sample(m.changeFailureRate.deployments, 'deployment', SMALL_SAMPLE),
  coverage: incidentCoverage,
};

const failedDeploymentRecoveryTime: DoraMetricView = {
  metric: 'failedDeploymentRecoveryTime',
  title: 'Failed deployment recovery time',
  description:
    'Median over failed deployments (failed, rolled back, or with incidents) of the time from the failure to restored service.',
  betterWhen: 'lower',
  value: m => m.failedDeploymentRecoveryTime.medianSeconds,
  format: formatDuration,
  emptyText: m => {
    const recovery = m.failedDeploymentRecoveryTime;
    if (recovery.failures > 0) {
      return 'Not recovered yet';
    }
    return m.changeFailureRate.deployments > 0 ? 'No failures' : NO_DATA;
  },
  level: m => m.failedDeploymentRecoveryTime.level,
  coverage: incidentCoverage,
  sample: m => {
    const { failures, recovered } = m.failedDeploymentRecoveryTime;
    const base = sample(
      recovered,
      'recovery',
      SMALL_RECOVERY_SAMPLE,
      'recoveries',
    );
    if (failures === 0) {
      return { ...base, none: 'no failures' };
    }
    return failures > recovered
      ? { ...base, text: `${base.text} (${failures - recovered} still open)` }
      : base;
  },
};

const reworkRate: DoraMetricView = {
  metric: 'reworkRate',
  title: 'Rework rate',
  description:
    'Share of production deployments that were unplanned: hotfixes, rollbacks, and deployments that restored service.',
  betterWhen: 'lower',
  value: m => m.reworkRate.rate,
  format: formatPercent,
  emptyText: () => NO_DATA,
  level: m => m.reworkRate.level,
  sample: m => sample(m.reworkRate.deployments, 'deployment', SMALL_SAMPLE),
};

/** The five metrics in the order DORA lists them. */
export const doraMetricViews: DoraMetricView[] = [
  deploymentFrequency,
  changeLeadTime,
  changeFailureRate,
  failedDeploymentRecoveryTime,
  reworkRate,
];

/** The view of one metric. */
export function doraMetricView(metric: DoraMetric): DoraMetricView {
  return doraMetricViews.find(view => view.metric === metric)!;
}

/** Whether DORA publishes performance levels for the metric. */
export function hasDoraLevels(metric: DoraMetric): boolean {
  return Boolean(doraPerformanceLevels[metric].bands);
}

/** The value text of a metric: the formatted value or why there is none. */
export function formatMetricValue(
  view: DoraMetricView,
  metrics: DoraWindowMetrics,
): string {
  const value = view.value(metrics);
  return value === undefined ? view.emptyText(metrics) : view.format(value);
}
