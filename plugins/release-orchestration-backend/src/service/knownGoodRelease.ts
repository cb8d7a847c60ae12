import { DeployedRelease } from '@release-orchestration/plugin-release-orchestration-common';
import { ReleaseDeploymentRecord } from '../database/deploymentStoreTypes';

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
export function currentRelease(history: ReleaseDeploymentRecord[]): DeployedRelease | undefined {
  return history.length > 0 ? toDeployedRelease(history[0]) : undefined;
}

/**
 * The known-good release of one lane: the release that most recently succeeded there as a whole
 * manifest, skipping releases that a later rollback deployment replaced (until they are deployed
 * again without a rollback) and releases `isExcluded` names (e.g. ones with open incidents).
 *
 * @param history - the lane's succeeded release deployments, newest first
 */
export function knownGoodRelease(
  history: ReleaseDeploymentRecord[],
  isExcluded: (releaseId: string) => boolean = () => false,
): DeployedRelease | undefined {
  const rolledBack = new Set<string>();
  let current: string | undefined;
  for (const deployment of [...history].reverse()) {
    if (deployment.rollback && current && current !== deployment.releaseId) {
      rolledBack.add(current);
    } else if (!deployment.rollback) {
      rolledBack.delete(deployment.releaseId);
    }
    current = deployment.releaseId;
  }
  const good = history.find(
    d => d.whole && !rolledBack.has(d.releaseId) && !isExcluded(d.releaseId),
  );
  return good ? toDeployedRelease(good) : undefined;
}
