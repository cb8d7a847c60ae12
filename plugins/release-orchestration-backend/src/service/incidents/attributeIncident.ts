import { InputError, NotFoundError } from '@backstage/errors';
import { IncidentAttribution } from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../../database/types';

/** The deployment (and release) an incident is attributed to, and how. */
export interface Attribution {
  deploymentId?: string;
  releaseId?: string;
  attribution: IncidentAttribution;
}

/**
 * Attributes an incident: to the deployment or release the reporter named (`null` for "not
 * caused by a deployment"), or, when they named neither, to the newest successful deployment of
 * the System in the incident's environment that finished at or before it opened.
 */
export async function attributeIncident(
  tx: Stores,
  incident: {
    systemRef: string;
    environment: string;
    openedAt: string;
    deploymentId?: string | null;
    releaseId?: string | null;
  },
): Promise<Attribution> {
  const { systemRef, environment, openedAt } = incident;
  if (incident.deploymentId) {
    const deployment = await tx.incidents.getDeployment(incident.deploymentId);
    if (!deployment) {
      throw new NotFoundError(
        `deploymentId: no deployment with id ${incident.deploymentId}`,
      );
    }
    if (
      deployment.systemRef !== systemRef ||
      deployment.environment !== environment
    ) {
      throw new InputError(
        `deploymentId: deployment ${deployment.id} is of ${deployment.systemRef} in ${deployment.environment}, not of ${systemRef} in ${environment}`,
      );
    }
    return {
      deploymentId: deployment.id,
      releaseId: deployment.releaseId,
      attribution: 'explicit',
    };
  }
  if (incident.releaseId) {
    const release = await tx.releases.get(incident.releaseId);
    if (!release) {
      throw new NotFoundError(
        `releaseId: no release with id ${incident.releaseId}`,
      );
    }
    if (release.systemRef !== systemRef) {
      throw new InputError(
        `releaseId: release ${release.version} belongs to ${release.systemRef}, not ${systemRef}`,
      );
    }
    const deployment = await tx.incidents.newestSucceededDeployment({
      systemRef,
      environment,
      atOrBefore: openedAt,
      releaseId: release.id,
    });
    return {
      deploymentId: deployment?.id,
      releaseId: release.id,
      attribution: 'explicit',
    };
  }
  if (incident.deploymentId === null || incident.releaseId === null) {
    return { attribution: 'explicit' };
  }
  const deployment = await tx.incidents.newestSucceededDeployment({
    systemRef,
    environment,
    atOrBefore: openedAt,
  });
  return {
    deploymentId: deployment?.id,
    releaseId: deployment?.releaseId,
    attribution: 'automatic',
  };
}
