import ButtonBase from '@material-ui/core/ButtonBase';
import { alpha, makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { ComponentLaneCell } from '../../lib/environmentMatrix';

const useStyles = makeStyles(theme => ({
  version: {
    fontFamily: 'monospace',
    wordBreak: 'break-word',
    fontSize: theme.typography.body2.fontSize,
  },
  drifted: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.borderRadius,
    borderLeft: `3px solid ${theme.palette.warning.main}`,
    backgroundColor: alpha(theme.palette.warning.main, 0.15),
    '&:hover': { backgroundColor: alpha(theme.palette.warning.main, 0.3) },
  },
}));

/** Why a drifted cell is highlighted, in a few words. */
function driftNote(cell: ComponentLaneCell): string {
  switch (cell.drift?.reason) {
    case 'not-deployed':
      return `expected ${cell.drift.expectedVersion}, not running`;
    case 'not-in-release':
      return 'not in the release';
    default:
      return `expected ${cell.drift?.expectedVersion}`;
  }
}

/**
 * Properties of {@link ComponentVersionCell}.
 */
export interface ComponentVersionCellProps {
  cell: ComponentLaneCell;
  componentName: string;
  environmentTitle: string;
  onShowDrift(): void;
}

/**
 * The version of one component running in one lane; a drifted one is
 * highlighted with what was expected, and opens the lane's drift details.
 */
export function ComponentVersionCell(props: ComponentVersionCellProps) {
  const { cell, componentName, environmentTitle, onShowDrift } = props;
  const classes = useStyles();
  if (cell.drift) {
    const running = cell.running?.version ?? 'not running';
    return (
      <ButtonBase
        className={classes.drifted}
        onClick={onShowDrift}
        aria-label={`${componentName} in ${environmentTitle}: ${running}, ${driftNote(
          cell,
        )}. Show drift details`}
      >
        <Typography
          component="span"
          display="block"
          className={classes.version}
        >
          <strong>{running}</strong>
        </Typography>
        {/* A space between the lines, so the visible text reads as words (axe label-content-name-mismatch). */}{' '}
        <Typography
          variant="caption"
          color="textSecondary"
          component="span"
          display="block"
        >
          {driftNote(cell)}
        </Typography>
      </ButtonBase>
    );
  }
  if (!cell.running) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        title={cell.unknown ? 'Nothing deployed here yet' : 'Not deployed here'}
      >
        —
      </Typography>
    );
  }
  return (
    <Typography
      component="span"
      className={classes.version}
      title={`Deployed ${cell.running.deployedAt}`}
    >
      {cell.running.version}
    </Typography>
  );
}
