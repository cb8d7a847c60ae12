import { useState } from 'react';
import Box from '@material-ui/core/Box';
import MuiLink from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { warningTextColor } from '../../lib/warningTextColor';
import WarningIcon from '@material-ui/icons/ReportProblemOutlined';
import {
  DoraLevelTable,
  DoraTrend,
  DoraWindowMetrics,
} from '@release-orchestration/plugin-release-orchestration-common';
import { formatFrequencyPair } from '../../lib/doraFormat';
import { DoraMetricView } from '../../lib/doraMetrics';
import { DoraFactsDialog } from '../DoraFactsDialog';
import { DoraLevelChip } from '../DoraLevelChip';
import { DoraTrendIndicator } from '../DoraTrendIndicator';

const useStyles = makeStyles(theme => ({
  tile: {
    padding: theme.spacing(1.5, 2),
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  title: { cursor: 'help', alignSelf: 'flex-start' },
  value: {
    fontWeight: theme.typography.fontWeightBold as number,
    fontSize: '1.35rem',
  },
  empty: { color: theme.palette.text.secondary, fontSize: '1.35rem' },
  small: {
    display: 'inline-flex',
    alignItems: 'center',
    alignSelf: 'flex-start',
    gap: 2,
    color: warningTextColor(theme),
    cursor: 'help',
  },
  smallIcon: { fontSize: '1rem' },
}));

/**
 * Properties of {@link DoraMetricTile}.
 */
export interface DoraMetricTileProps {
  view: DoraMetricView;
  current: DoraWindowMetrics;
  previous: DoraWindowMetrics;
  trend: DoraTrend;
  /** The level table of the report, for the level's tooltip. */
  levels?: DoraLevelTable;
  /** The entity and window the tile shows: the sample opens the rows behind it. */
  facts?: { entity: string; from: string; to: string };
}

/** For a Group or the org the level is rated on the median System, not on the total. */
function ratedOnMedian(view: DoraMetricView, current: DoraWindowMetrics) {
  const frequency = current.deploymentFrequency;
  if (
    view.metric !== 'deploymentFrequency' ||
    frequency.ratedSystems < 2 ||
    frequency.ratedPerDay === undefined
  ) {
    return undefined;
  }
  // Both figures in one unit, side by side in one sentence, so the total
  // and the level's basis are not read as a contradiction.
  const [total, median] = formatFrequencyPair(
    frequency.perDay,
    frequency.ratedPerDay,
  );
  const level = view.level(current);
  return `${total} is all ${
    frequency.ratedSystems
  } Systems together; the level rated on the median System, which deploys ${median}${
    level ? `, is ${level[0].toUpperCase()}${level.slice(1)}` : ''
  }.`;
}

/**
 * One DORA metric: value in human units, performance level, trend against the
 * previous window and the sample it was computed from.
 */
export function DoraMetricTile(props: DoraMetricTileProps) {
  const { view, current, previous, trend, levels, facts } = props;
  const [drilling, setDrilling] = useState(false);
  const classes = useStyles();
  const value = view.value(current);
  const sample = view.sample(current);
  const coverage = view.coverage?.(current);
  const days = Math.round(current.window.days);
  const median = ratedOnMedian(view, current);
  return (
    <Paper
      variant="outlined"
      className={classes.tile}
      role="group"
      aria-label={view.title}
    >
      <Tooltip title={view.description}>
        <Typography variant="subtitle2" className={classes.title}>
          {view.title}
        </Typography>
      </Tooltip>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <Typography
          variant="h5"
          component="span"
          className={value === undefined ? classes.empty : classes.value}
        >
          {value === undefined ? view.emptyText(current) : view.format(value)}
        </Typography>
        {value !== undefined && (
          <DoraTrendIndicator
            metric={view.metric}
            trend={trend}
            previous={previous}
          />
        )}
      </Box>
      <Box>
        <DoraLevelChip
          metric={view.metric}
          level={view.level(current)}
          levels={levels}
        />
      </Box>
      <Typography variant="caption" color="textSecondary">
        {sample.count > 0 && facts ? (
          <MuiLink
            component="button"
            variant="caption"
            onClick={() => setDrilling(true)}
            aria-label={`${view.title}: show the rows, ${sample.text}`}
          >
            {sample.text}
          </MuiLink>
        ) : null}
        {sample.count > 0 && !facts ? sample.text : null}
        {sample.count === 0 ? `${sample.none} in the last ${days} days` : null}
      </Typography>
      {drilling && facts && (
        <DoraFactsDialog
          entity={facts.entity}
          from={facts.from}
          to={facts.to}
          metric={view.metric}
          title={view.title}
          onClose={() => setDrilling(false)}
        />
      )}
      {sample.small && (
        <Tooltip
          title={`Only ${sample.text.replace(
            /^from /,
            '',
          )} in this window: treat the value and its level as indicative.`}
        >
          <Typography variant="caption" className={classes.small}>
            <WarningIcon className={classes.smallIcon} aria-hidden />
            small sample
          </Typography>
        </Tooltip>
      )}
      {coverage?.low && (
        <Tooltip
          title={`Only ${coverage.text}: the value may miss much of what happened. Report builds with their commits, and attribute incidents, to raise it.`}
        >
          <Typography variant="caption" className={classes.small}>
            <WarningIcon className={classes.smallIcon} aria-hidden />
            low coverage ({coverage.text})
          </Typography>
        </Tooltip>
      )}
      {median && (
        <Typography variant="caption" color="textSecondary">
          {median}
        </Typography>
      )}
    </Paper>
  );
}
