import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  DoraLevel,
  DoraMetric,
  doraPerformanceLevels,
} from '@release-orchestration/plugin-release-orchestration-common';

/** Filled colours with white text readable on both themes, best (green) to worst (red). */
const LEVEL_COLOURS: Record<DoraLevel, string> = {
  elite: '#1b7a36',
  high: '#00786b',
  medium: '#a35c00',
  low: '#c0272d',
};

const LEVEL_NAMES: Record<DoraLevel, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const useStyles = makeStyles(theme => ({
  chip: {
    color: '#fff',
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  },
  notRated: {
    margin: 0,
    color: theme.palette.text.secondary,
  },
}));

/** The published wording of a level, e.g. "Elite: less than one day". */
function levelDescription(metric: DoraMetric, level: DoraLevel): string {
  const band = doraPerformanceLevels[metric].bands?.find(
    b => b.level === level,
  );
  const name = `${LEVEL_NAMES[level]} performer`;
  return band ? `${name}. DORA 2024: ${band.reported}.` : name;
}

/**
 * Properties of {@link DoraLevelChip}.
 * @public
 */
export interface DoraLevelChipProps {
  metric: DoraMetric;
  level?: DoraLevel;
  /** Whether a metric without published levels says so (default) or shows nothing. */
  showNotRated?: boolean;
}

/**
 * A DORA performance level as a coloured chip, with the report's wording of
 * the level in a tooltip. Metrics without published levels say so.
 * @public
 */
export function DoraLevelChip(props: DoraLevelChipProps) {
  const { metric, level, showNotRated = true } = props;
  const classes = useStyles();
  if (!level) {
    if (doraPerformanceLevels[metric].bands || !showNotRated) {
      return null;
    }
    return (
      <Tooltip title={doraPerformanceLevels[metric].note}>
        <Chip
          size="small"
          variant="outlined"
          className={classes.notRated}
          label="No DORA level"
        />
      </Tooltip>
    );
  }
  return (
    <Tooltip title={levelDescription(metric, level)}>
      <Chip
        size="small"
        className={classes.chip}
        style={{ backgroundColor: LEVEL_COLOURS[level] }}
        label={LEVEL_NAMES[level]}
      />
    </Tooltip>
  );
}
