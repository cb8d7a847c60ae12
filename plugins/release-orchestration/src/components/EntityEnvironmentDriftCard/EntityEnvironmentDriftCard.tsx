import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import {
  EntityRefLink,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EnvironmentState } from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import { useReleaseViewLink } from '../../hooks/useReleaseViewLink';
import { useSystemEnvironments } from '../../hooks/useSystemEnvironments';
import { entityRefOf } from '../../lib/entityRef';
import {
  componentLaneCell,
  nothingDeployed,
} from '../../lib/environmentMatrix';
import { errorMessage } from '../../lib/errorMessage';
import { RELEASES_TAB_PATH } from '../../lib/paths';
import { systemOfEntity } from '../../lib/systemOfEntity';
import { DriftDetailsDialog } from '../DriftDetailsDialog';
import { ComponentDriftTable } from './ComponentDriftTable';
import { SystemDriftTable } from './SystemDriftTable';

/** One sentence on the whole picture, for a System or one of its components. */
function summary(lanes: EnvironmentState[], componentRef?: string): string {
  if (nothingDeployed(lanes)) {
    return 'Nothing has been deployed to any environment yet.';
  }
  const drifted = lanes
    .filter(lane =>
      componentRef
        ? componentLaneCell(lane, componentRef).drift
        : lane.drift.state === 'drifted',
    )
    .map(lane => lane.title);
  if (drifted.length > 0) {
    return `Drifted in ${drifted.join(', ')}.`;
  }
  const unknown = lanes.filter(lane => lane.drift.state === 'unknown');
  return unknown.length > 0
    ? `In sync where deployed; nothing reported for ${unknown
        .map(l => l.title)
        .join(', ')}.`
    : 'In sync in every environment.';
}

/**
 * Drift at a glance on a System's overview page (each lane's release and
 * drift), or on a Component's (its version in each lane of its System and
 * whether it differs from the lane's release), with a link to the Releases tab.
 * @public
 */
export function EntityEnvironmentDriftCard() {
  const { entity } = useEntity();
  const isComponent = entity.kind.toLocaleLowerCase('en-US') === 'component';
  const systemRef = systemOfEntity(entity);
  const environments = useSystemEnvironments(systemRef);
  const entityLink = useEntityRefLink();
  const releaseViewLink = useReleaseViewLink();
  const [openLane, setOpenLane] = useState<string>();
  const lanes = environments.value?.environments;
  const componentRef = isComponent ? entityRefOf(entity) : undefined;
  const releaseLink = (releaseId: string) =>
    releaseViewLink(systemRef!, releaseId);

  let content;
  if (!systemRef) {
    content = (
      <Typography color="textSecondary">
        Environments and drift are tracked per System, and this component is not
        part of one. Set <code>spec.system</code> in its catalog entry.
      </Typography>
    );
  } else if (environments.loading) {
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
        No environments are configured.
      </Typography>
    );
  } else {
    content = (
      <>
        <Box mb={1}>
          <Typography variant="body2">
            {summary(lanes, componentRef)}
          </Typography>
        </Box>
        {componentRef ? (
          <ComponentDriftTable componentRef={componentRef} lanes={lanes} />
        ) : (
          <SystemDriftTable
            lanes={lanes}
            releaseLink={releaseLink}
            onShowDrift={setOpenLane}
          />
        )}
        <DriftDetailsDialog
          lane={lanes.find(lane => lane.environment === openLane)}
          onClose={() => setOpenLane(undefined)}
          releaseLink={releaseLink}
        />
      </>
    );
  }

  return (
    <InfoCard
      title="Environment drift"
      subheader={
        isComponent && systemRef ? (
          <>
            Lanes of its System,{' '}
            <EntityRefLink entityRef={systemRef} defaultKind="system" />
          </>
        ) : undefined
      }
      deepLink={
        systemRef
          ? {
              title: 'Environments and releases',
              link: `${entityLink(systemRef)}/${RELEASES_TAB_PATH}`,
            }
          : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
