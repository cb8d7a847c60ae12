import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { warningTextColor } from '../../lib/warningTextColor';
import WarningIcon from '@material-ui/icons/Warning';
import {
  DoraOutlier,
  DoraTrend,
  DoraWindowMetrics,
} from '@release-orchestration/plugin-release-orchestration-common';
import { describeOutlier } from '../../lib/describeOutlier';
import { DoraMetricView } from '../../lib/doraMetrics';
import { DoraLevelChip } from '../DoraLevelChip';
import { DoraTrendIndicator } from '../DoraTrendIndicator';

// Plain elements with static classes, not Box: each Box instance attaches a style sheet of its
// own, which for a table of every team (4 cells a row) cost seconds in the browser.
const useStyles = makeStyles(theme => ({
  cell: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: 4,
  },
  line: { display: 'flex', alignItems: 'center', gap: 4 },
  value: { whiteSpace: 'nowrap' },
  empty: { color: theme.palette.text.secondary, whiteSpace: 'nowrap' },
  outlier: {
    color: theme.palette.warning.main,
    fontSize: '1.1rem',
    cursor: 'help',
  },
  small: { color: warningTextColor(theme) },
}));

/**
 * Properties of {@link DoraMetricCell}.
 */
export interface DoraMetricCellProps {
  view: DoraMetricView;
  current: DoraWindowMetrics;
  previous: DoraWindowMetrics;
  trend: DoraTrend;
  /** This metric's outliers for the row. */
  outliers?: DoraOutlier[];
}

/**
 * One metric in a table cell: value with trend arrow, level chip, and a
 * warning when the row stands out on it or the sample is small.
 */
export function DoraMetricCell(props: DoraMetricCellProps) {
  const { view, current, previous, trend, outliers } = props;
  const classes = useStyles();
  const value = view.value(current);
  const sample = view.sample(current);
  const outlierText = outliers?.map(describeOutlier).join('. ');
  return (
    <div className={classes.cell}>
      <div className={classes.line}>
        <Tooltip
          title={
            sample.count > 0 ? sample.text : `${sample.none} in this window`
          }
        >
          <Typography
            variant="body2"
            component="span"
            className={value === undefined ? classes.empty : classes.value}
          >
            {value === undefined ? view.emptyText(current) : view.format(value)}
          </Typography>
        </Tooltip>
        {value !== undefined && (
          <DoraTrendIndicator
            metric={view.metric}
            trend={trend}
            previous={previous}
          />
        )}
        {outlierText && (
          <Tooltip title={outlierText}>
            <WarningIcon
              className={classes.outlier}
              role="img"
              aria-hidden={false}
              aria-label={`Outlier: ${outlierText}`}
            />
          </Tooltip>
        )}
      </div>
      <DoraLevelChip
        metric={view.metric}
        level={view.level(current)}
        showNotRated={false}
      />
      {sample.small && (
        <Typography variant="caption" className={classes.small}>
          small sample ({sample.text.replace(/^from /, '')})
        </Typography>
      )}
    </div>
  );
}
