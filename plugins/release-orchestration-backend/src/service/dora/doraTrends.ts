import {
  DoraLevel,
  DoraMetric,
  doraPerformanceLevels,
  DoraOutlier,
  DoraTrend,
  DoraWindowMetrics,
} from '@release-orchestration/plugin-release-orchestration-common';

const LEVEL_RANK: Record<DoraLevel, number> = {
  elite: 0,
  high: 1,
  medium: 2,
  low: 3,
};

/** The value each metric is compared on between windows (and Systems are sorted by). */
export function doraMetricValue(
  metrics: DoraWindowMetrics,
  metric: DoraMetric,
): number | undefined {
  switch (metric) {
    case 'deploymentFrequency':
      return metrics.deploymentFrequency.perDay;
    case 'changeLeadTime':
      return metrics.changeLeadTime.medianSeconds;
    case 'changeFailureRate':
      return metrics.changeFailureRate.rate;
    case 'failedDeploymentRecoveryTime':
      return metrics.failedDeploymentRecoveryTime.medianSeconds;
    default:
      return metrics.reworkRate.rate;
  }
}

function levelOf(
  metrics: DoraWindowMetrics,
  metric: DoraMetric,
): DoraLevel | undefined {
  return metrics[metric].level;
}

const METRICS = Object.keys(doraPerformanceLevels) as DoraMetric[];

/** Whether each metric got better or worse than in the previous window. */
export function doraTrends(
  current: DoraWindowMetrics,
  previous: DoraWindowMetrics,
): Record<DoraMetric, DoraTrend> {
  const trends = {} as Record<DoraMetric, DoraTrend>;
  for (const metric of METRICS) {
    const now = doraMetricValue(current, metric);
    const before = doraMetricValue(previous, metric);
    if (now === undefined || before === undefined) {
      trends[metric] = 'unknown';
    } else if (now === before) {
      trends[metric] = 'unchanged';
    } else {
      const higherIsBetter =
        doraPerformanceLevels[metric].betterWhen === 'higher';
      trends[metric] =
        now > before === higherIsBetter ? 'improved' : 'worsened';
    }
  }
  return trends;
}

/**
 * How a System stands out against its previous window: a time at least doubled, deployments per
 * day at most halved, a rate up by 10 percentage points or more, or a lower performance level.
 */
export function doraOutliers(
  current: DoraWindowMetrics,
  previous: DoraWindowMetrics,
): DoraOutlier[] {
  const outliers: DoraOutlier[] = [];
  for (const metric of METRICS) {
    const now = doraMetricValue(current, metric);
    const before = doraMetricValue(previous, metric);
    if (now !== undefined && before !== undefined) {
      const unit = doraPerformanceLevels[metric].unit;
      if (unit === 'seconds' && before > 0 && now >= 2 * before) {
        outliers.push({
          metric,
          kind: 'doubled',
          previous: before,
          current: now,
        });
      } else if (unit === 'perDay' && before > 0 && now <= before / 2) {
        outliers.push({
          metric,
          kind: 'halved',
          previous: before,
          current: now,
        });
      } else if (unit === 'ratio' && now - before >= 0.1 - 1e-9) {
        outliers.push({ metric, kind: 'rose', previous: before, current: now });
      }
    }
    const levelNow = levelOf(current, metric);
    const levelBefore = levelOf(previous, metric);
    if (
      levelNow &&
      levelBefore &&
      LEVEL_RANK[levelNow] > LEVEL_RANK[levelBefore]
    ) {
      outliers.push({
        metric,
        kind: 'levelDropped',
        previousLevel: levelBefore,
        currentLevel: levelNow,
      });
    }
  }
  return outliers;
}
