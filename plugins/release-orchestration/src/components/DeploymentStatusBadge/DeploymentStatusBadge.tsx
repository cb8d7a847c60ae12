import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import FailedIcon from '@material-ui/icons/Error';
import RunningIcon from '@material-ui/icons/Sync';
import { DeploymentSummary } from '@release-orchestration/plugin-release-orchestration-common';
import { formatAbsolute, formatRelative } from '../../lib/format';
import { useActorName } from '../../hooks/useActorDisplayName';

const coloured = (colour: string, theme: Theme) => ({
  backgroundColor: colour,
  color: theme.palette.getContrastText(colour),
});

// A class per state, not a style function of the props (a style sheet per badge).
const useStyles = makeStyles(theme => ({
  chip: {
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  },
  failed: coloured(theme.palette.error.main, theme),
  running: coloured(theme.palette.info.main, theme),
  icon: { color: 'inherit !important' },
}));

/** "release 2026.03.05-1", or "a deployment" when it carried single components. */
function subject(deployment: DeploymentSummary): string {
  return deployment.releaseVersion
    ? `release ${deployment.releaseVersion}`
    : 'a component deployment';
}

/**
 * A badge for a lane's newest deployment when it needs attention: one still
 * running, or one that failed. Renders nothing for a succeeded one.
 */
export function DeploymentStatusBadge(props: {
  deployment?: DeploymentSummary;
}) {
  const { deployment } = props;
  const actorName = useActorName();
  const failed = deployment?.status === 'failed';
  const classes = useStyles();
  if (!deployment || deployment.status === 'succeeded') {
    return null;
  }
  const at = deployment.finishedAt ?? deployment.startedAt;
  const tooltip = failed
    ? `Deploying ${subject(deployment)} failed ${formatRelative(
        at,
      )} (${formatAbsolute(at)}), by ${actorName(deployment.deployer)}`
    : `Deploying ${subject(deployment)} since ${formatRelative(
        at,
      )} (${formatAbsolute(at)}), by ${actorName(deployment.deployer)}`;
  return (
    <Tooltip title={tooltip}>
      <Chip
        size="small"
        className={`${classes.chip} ${
          failed ? classes.failed : classes.running
        }`}
        icon={
          failed ? (
            <FailedIcon className={classes.icon} fontSize="small" />
          ) : (
            <RunningIcon className={classes.icon} fontSize="small" />
          )
        }
        label={
          failed
            ? `Failed: ${deployment.releaseVersion ?? 'deployment'}`
            : `Deploying ${deployment.releaseVersion ?? ''}`.trim()
        }
      />
    </Tooltip>
  );
}
