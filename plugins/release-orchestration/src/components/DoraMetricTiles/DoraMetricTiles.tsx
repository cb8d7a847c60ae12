import { makeStyles } from '@material-ui/core/styles';
import {
  DoraLevelTable,
  DoraMetric,
  DoraTrend,
  DoraWindowMetrics,
} from '@release-orchestration/plugin-release-orchestration-common';
import { doraMetricViews } from '../../lib/doraMetrics';
import { DoraMetricTile } from './DoraMetricTile';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gap: theme.spacing(1.5),
    // As many columns as fit, so the tiles suit a half-width card and a full page alike.
    gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
  },
}));

/**
 * Properties of {@link DoraMetricTiles}.
 */
export interface DoraMetricTilesProps {
  current: DoraWindowMetrics;
  previous: DoraWindowMetrics;
  trends: Record<DoraMetric, DoraTrend>;
  /** The level table of the report (`levels`), shown in the level tooltips. */
  levels?: DoraLevelTable;
  /** The entity and window: each sample opens the rows behind its number. */
  facts?: { entity: string; from: string; to: string };
}

/**
 * The five DORA metrics of one window as tiles.
 */
export function DoraMetricTiles(props: DoraMetricTilesProps) {
  const { current, previous, trends, levels, facts } = props;
  const classes = useStyles();
  return (
    <div className={classes.grid}>
      {doraMetricViews.map(view => (
        <DoraMetricTile
          key={view.metric}
          view={view}
          current={current}
          previous={previous}
          trend={trends[view.metric]}
          levels={levels}
          facts={facts}
        />
      ))}
    </div>
  );
}
