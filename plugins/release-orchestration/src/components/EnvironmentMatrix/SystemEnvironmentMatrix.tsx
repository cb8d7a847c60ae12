import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useSystemEnvironments } from '../../hooks/useSystemEnvironments';
import { nothingDeployed } from '../../lib/environmentMatrix';
import { errorMessage } from '../../lib/errorMessage';
import { EnvironmentMatrix } from './EnvironmentMatrix';

/** Links from within the Releases tab are relative to it, wherever it is mounted. */
const relativeReleaseLink = (releaseId: string) =>
  encodeURIComponent(releaseId);

/**
 * The environment matrix of a System in a card, as on the System's Releases
 * tab: loads the System's lanes and shows loading, error and empty states.
 */
export function SystemEnvironmentMatrix(props: {
  systemRef: string;
  releaseLink?: (releaseId: string) => string;
}) {
  const { systemRef, releaseLink = relativeReleaseLink } = props;
  const environments = useSystemEnvironments(systemRef);
  const lanes = environments.value?.environments;

  let content;
  if (environments.loading && !lanes) {
    content = <Progress />;
  } else if (environments.error) {
    content = (
      <WarningPanel
        severity="error"
        title="Could not load the environments"
        message={errorMessage(environments.error)}
        defaultExpanded
      />
    );
  } else if (!lanes || lanes.length === 0) {
    content = (
      <Typography color="textSecondary">
        No environments are configured. List them under{' '}
        <code>releaseOrchestration.environments</code> in app-config.
      </Typography>
    );
  } else {
    content = (
      <>
        {nothingDeployed(lanes) && (
          <Typography variant="body2" color="textSecondary" paragraph>
            Nothing has been deployed to any environment yet. CD reports
            deployments with{' '}
            <code>release-orchestration report-deployment</code> or{' '}
            <code>POST /deployments</code> (see the README).
          </Typography>
        )}
        <EnvironmentMatrix
          lanes={lanes}
          releaseLink={releaseLink}
          systemRef={systemRef}
          onChanged={environments.retry}
        />
      </>
    );
  }

  return (
    <InfoCard
      title="Environments"
      subheader="What runs where, against the release each lane last deployed"
      action={
        <Tooltip title="Reload">
          <IconButton
            aria-label="Reload environments"
            onClick={environments.retry}
          >
            <RefreshIcon />
          </IconButton>
        </Tooltip>
      }
    >
      {content}
    </InfoCard>
  );
}
