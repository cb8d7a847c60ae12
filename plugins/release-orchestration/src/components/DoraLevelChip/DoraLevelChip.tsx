import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  DoraLevel,
  DoraLevelBand,
  DoraLevelTable,
  DoraMetric,
  DoraMetricLevels,
  doraPerformanceLevels,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  formatDuration,
  formatFrequency,
  formatPercent,
} from '../../lib/doraFormat';

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

const OP_WORDS: Record<DoraLevelBand['op'], string> = {
  '<': 'under',
  '<=': 'at most',
  '>': 'more than',
  '>=': 'at least',
};

const FORMATS: Record<DoraMetricLevels['unit'], (value: number) => string> = {
  seconds: formatDuration,
  perDay: formatFrequency,
  ratio: formatPercent,
};

/** A band's edge in words and the metric's unit: "under 1 day", "at most 5%"; the last is "otherwise". */
export function describeBand(
  band: DoraLevelBand,
  unit: DoraMetricLevels['unit'],
): string {
  return band.op === '>=' && band.bound === 0
    ? 'otherwise'
    : `${OP_WORDS[band.op]} ${FORMATS[unit](band.bound)}`;
}

/**
 * The level and every band's edge, e.g. "Elite performer. Elite: under 1 day · High: under
 * 1 week · …", with the source's wording of this level.
 */
function levelDescription(
  table: DoraLevelTable,
  metric: DoraMetric,
  level: DoraLevel,
): string {
  const { bands = [], unit } = table[metric];
  const band = bands.find(b => b.level === level);
  const edges = bands
    .map(b => `${LEVEL_NAMES[b.level]}: ${describeBand(b, unit)}`)
    .join(' · ');
  const source =
    table[metric] === doraPerformanceLevels[metric]
      ? `DORA 2024: "${band?.reported}"`
      : 'levels configured for this portal';
  return `${LEVEL_NAMES[level]} performer (${source}). ${edges}.`;
}

/**
 * Properties of {@link DoraLevelChip}.
 */
export interface DoraLevelChipProps {
  metric: DoraMetric;
  level?: DoraLevel;
  /** Whether a metric without published levels says so (default) or shows nothing. */
  showNotRated?: boolean;
  /** The level table the report was rated with (`levels` of the report); the 2024 table by default. */
  levels?: DoraLevelTable;
}

/**
 * A DORA performance level as a coloured chip, with the report's wording of
 * the level in a tooltip. Metrics without published levels say so.
 */
export function DoraLevelChip(props: DoraLevelChipProps) {
  const {
    metric,
    level,
    showNotRated = true,
    levels = doraPerformanceLevels,
  } = props;
  const classes = useStyles();
  if (!level) {
    if (levels[metric].bands || !showNotRated) {
      return null;
    }
    return (
      <Tooltip title={levels[metric].note}>
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
    <Tooltip title={levelDescription(levels, metric, level)}>
      <Chip
        size="small"
        className={classes.chip}
        style={{ backgroundColor: LEVEL_COLOURS[level] }}
        label={LEVEL_NAMES[level]}
      />
    </Tooltip>
  );
}
