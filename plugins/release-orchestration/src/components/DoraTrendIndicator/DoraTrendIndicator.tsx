import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import TrendingFlat from '@material-ui/icons/TrendingFlat';
import {
  DoraMetric,
  DoraTrend,
  DoraWindowMetrics,
} from '@release-orchestration/plugin-release-orchestration-common';
import { doraMetricView, formatMetricValue } from '../../lib/doraMetrics';

const useStyles = makeStyles(theme => ({
  icon: { verticalAlign: 'middle', fontSize: '1.25rem' },
  improved: { color: theme.palette.success.main },
  worsened: { color: theme.palette.error.main },
  unchanged: { color: theme.palette.text.secondary },
}));

/**
 * Properties of {@link DoraTrendIndicator}.
 */
export interface DoraTrendIndicatorProps {
  metric: DoraMetric;
  trend: DoraTrend;
  previous: DoraWindowMetrics;
}

/**
 * An arrow for how a metric moved against the previous window: pointing the
 * way the number went, green when that is better for the metric and red when
 * worse. Nothing when there is no previous value to compare with, or the
 * previous window had no production deployment at all.
 */
export function DoraTrendIndicator(props: DoraTrendIndicatorProps) {
  const { metric, trend, previous } = props;
  const classes = useStyles();
  // A previous window without a single production deployment is no earlier
  // data (e.g. before the System reported anything), not "up from none".
  const previousDeployments =
    previous.deploymentFrequency.deployments +
    previous.deploymentFrequency.rollbacks +
    previous.changeFailureRate.deployments;
  if (trend === 'unknown' || previousDeployments === 0) {
    return null;
  }
  const view = doraMetricView(metric);
  const before = formatMetricValue(view, previous);
  const days = Math.round(previous.window.days);
  let direction: 'up' | 'down' | 'flat' = 'flat';
  if (trend !== 'unchanged') {
    const wentUp = (trend === 'improved') === (view.betterWhen === 'higher');
    direction = wentUp ? 'up' : 'down';
  }
  const label =
    trend === 'unchanged'
      ? `unchanged from the previous ${days} days (${before})`
      : `${direction} from ${before} in the previous ${days} days: ${
          trend === 'improved' ? 'better' : 'worse'
        }`;
  const Icon = { up: ArrowUpward, down: ArrowDownward, flat: TrendingFlat }[
    direction
  ];
  return (
    <Tooltip title={label}>
      <Icon
        role="img"
        aria-label={label}
        aria-hidden={false}
        className={`${classes.icon} ${classes[trend]}`}
      />
    </Tooltip>
  );
}
