import {
  DoraLevel,
  DoraOutlier,
} from '@release-orchestration/plugin-release-orchestration-common';
import { formatDurationPair, formatFrequencyPair } from './doraFormat';
import { doraMetricView } from './doraMetrics';

const LEVEL_NAMES: Record<DoraLevel, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

function factor(previous: number, current: number): string {
  const ratio = current / previous;
  return ratio >= 1 ? `×${ratio.toFixed(1)}` : `÷${(1 / ratio).toFixed(1)}`;
}

/** Both values in one unit, so "2 per day to 3 per week" reads as "14 per week to 3 per week". */
function pairInOneUnit(
  metric: DoraOutlier['metric'],
  previous: number,
  current: number,
): [string, string] {
  if (metric === 'deploymentFrequency') {
    return formatFrequencyPair(previous, current);
  }
  if (
    metric === 'changeLeadTime' ||
    metric === 'failedDeploymentRecoveryTime'
  ) {
    return formatDurationPair(previous, current);
  }
  const view = doraMetricView(metric);
  return [view.format(previous), view.format(current)];
}

/** One sentence on how a System stands out: "Change lead time went from 1.5 days to 4 days (×2.7)". */
export function describeOutlier(outlier: DoraOutlier): string {
  const view = doraMetricView(outlier.metric);
  const { previous, current } = outlier;
  if (outlier.kind === 'levelDropped') {
    const from = outlier.previousLevel
      ? LEVEL_NAMES[outlier.previousLevel]
      : '?';
    const to = outlier.currentLevel ? LEVEL_NAMES[outlier.currentLevel] : '?';
    return `${view.title} dropped from ${from} to ${to}`;
  }
  if (previous === undefined || current === undefined) {
    return `${view.title} changed markedly`;
  }
  const [before, after] = pairInOneUnit(outlier.metric, previous, current);
  const move = `from ${before} to ${after}`;
  switch (outlier.kind) {
    case 'doubled':
      return `${view.title} more than doubled, ${move} (${factor(
        previous,
        current,
      )})`;
    case 'halved':
      return `${view.title} halved or worse, ${move}`;
    default:
      return `${view.title} rose ${move} (+${Math.round(
        (current - previous) * 100,
      )} points)`;
  }
}
