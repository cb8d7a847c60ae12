import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import ShieldIcon from '@material-ui/icons/VerifiedUser';

const useStyles = makeStyles(theme => ({
  icon: {
    color: theme.palette.success.main,
    verticalAlign: 'text-bottom',
    marginLeft: theme.spacing(0.5),
  },
}));

/** What "known-good" means, for tooltips and the README alike. */
export const KNOWN_GOOD_EXPLANATION =
  'Known-good: the last release that succeeded here (what a rollback returns to)';

/**
 * A shield marking a release as the known-good release of a lane.
 */
export function KnownGoodMarker() {
  const classes = useStyles();
  return (
    <Tooltip title={KNOWN_GOOD_EXPLANATION}>
      <ShieldIcon
        className={classes.icon}
        fontSize="small"
        role="img"
        aria-label="known-good"
        aria-hidden={false}
      />
    </Tooltip>
  );
}
