import {
  DoraLevel,
  DoraOutlier,
} from '@release-orchestration/plugin-release-orchestration-common';
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
  const move = `from ${view.format(previous)} to ${view.format(current)}`;
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
