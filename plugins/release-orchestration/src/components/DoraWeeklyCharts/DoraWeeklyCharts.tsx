import { makeStyles } from '@material-ui/core/styles';
import { DoraWeek } from '@release-orchestration/plugin-release-orchestration-common';
import { formatDuration, formatPercent, plural } from '../../lib/doraFormat';
import { DoraWeeklyChart, DoraWeeklyChartProps } from './DoraWeeklyChart';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gap: theme.spacing(3),
    gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
  },
}));

type ChartSpec = Omit<DoraWeeklyChartProps, 'weeks'>;

const count = (n: number) => n.toLocaleString('en-US');

const charts: ChartSpec[] = [
  {
    title: 'Deployments',
    unitLabel: 'per week',
    kind: 'bar',
    unit: 'count',
    value: w => w.deployments,
    format: count,
    detail: w =>
      `${plural(w.deployments, 'deployment')}${
        w.rollbacks ? ` and ${plural(w.rollbacks, 'rollback')}` : ''
      }`,
  },
  {
    title: 'Change lead time',
    unitLabel: 'weekly median',
    kind: 'line',
    unit: 'seconds',
    value: w => w.leadTimeMedianSeconds,
    format: formatDuration,
    detail: w => `from ${plural(w.leadTimeCommits, 'commit')}`,
  },
  {
    title: 'Change failure rate',
    unitLabel: 'per week',
    kind: 'bar',
    unit: 'ratio',
    value: w => w.changeFailureRate,
    format: formatPercent,
    detail: w =>
      `${count(w.failedChanges)} of ${plural(
        w.finishedDeployments,
        'deployment',
      )} failed`,
  },
  {
    title: 'Failed deployment recovery time',
    unitLabel: 'weekly median',
    kind: 'line',
    unit: 'seconds',
    value: w => w.recoveryMedianSeconds,
    format: formatDuration,
    detail: w => `from ${plural(w.recoveries, 'recovery', 'recoveries')}`,
  },
  {
    title: 'Rework rate',
    unitLabel: 'per week',
    kind: 'bar',
    unit: 'ratio',
    value: w => w.reworkRate,
    format: formatPercent,
    detail: w =>
      `${plural(w.reworked, 'unplanned deployment')} of ${plural(
        w.finishedDeployments,
        'deployment',
      )}`,
  },
];

/**
 * Properties of {@link DoraWeeklyCharts}.
 */
export interface DoraWeeklyChartsProps {
  weeks: DoraWeek[];
}

/**
 * The five metrics week by week, as small charts.
 */
export function DoraWeeklyCharts(props: DoraWeeklyChartsProps) {
  const classes = useStyles();
  return (
    <div className={classes.grid}>
      {charts.map(chart => (
        <DoraWeeklyChart key={chart.title} weeks={props.weeks} {...chart} />
      ))}
    </div>
  );
}
