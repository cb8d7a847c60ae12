import { DeployedRelease } from '@release-orchestration/plugin-release-orchestration-common';
import { ReleaseDeploymentRecord } from '../database/deploymentStoreTypes';
import { pickKnownGood } from './knownGood';

function toDeployedRelease(record: ReleaseDeploymentRecord): DeployedRelease {
  return {
    id: record.releaseId,
    version: record.releaseVersion,
    deploymentId: record.deploymentId,
    deployedAt: record.finishedAt,
    deployer: record.deployer,
    rollback: record.rollback,
  };
}

/** The release of the newest succeeded release deployment: the expected manifest of a lane. */
export function currentRelease(
  history: ReleaseDeploymentRecord[],
): DeployedRelease | undefined {
  return history.length > 0 ? toDeployedRelease(history[0]) : undefined;
}

/**
 * The known-good release of one lane from its release deployments (see `pickKnownGood`): only a
 * deployment of a whole manifest counts.
 *
 * @param history - the lane's succeeded release deployments, newest first
 * @param openIncidentReleases - releases with an unresolved incident in the lane
 * @param quarantinedReleases - releases under quarantine
 */
export function knownGoodRelease(
  history: ReleaseDeploymentRecord[],
  openIncidentReleases: ReadonlySet<string> = new Set(),
  quarantinedReleases: ReadonlySet<string> = new Set(),
): DeployedRelease | undefined {
  const good = pickKnownGood(history, {
    openIncidentReleases,
    quarantinedReleases,
    eligible: d => d.whole,
  });
  return good ? toDeployedRelease(good) : undefined;
}
