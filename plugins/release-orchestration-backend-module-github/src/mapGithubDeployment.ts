import {
  laneForEnvironment,
  ObservedDeployment,
  versionFromRef,
} from '@release-orchestration/plugin-release-orchestration-node';
import {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubRepository,
} from './githubTypes';

const FINAL: Record<string, ObservedDeployment['status']> = {
  success: 'succeeded',
  failure: 'failed',
  error: 'failed',
};
const RUNNING = new Set(['in_progress', 'queued', 'pending']);
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/**
 * The version a GitHub deployment deployed: `payload.version` when the workflow sets it, the ref
 * when it is a tag-like version (`v1.4.0`, `1.4.0`), else the first 12 characters of the SHA.
 */
export function deployedVersion(deployment: GithubDeployment): string {
  const payloadVersion = (
    deployment.payload as { version?: unknown } | undefined
  )?.version;
  if (typeof payloadVersion === 'string' && VERSION.test(payloadVersion)) {
    return payloadVersion;
  }
  return versionFromRef(deployment.ref, deployment.sha);
}

/**
 * Maps a GitHub deployment and its statuses (newest first, as GitHub lists them) to an
 * observation, or says why it is skipped: an environment without a lane, or no status yet.
 * `inactive` (replaced by a later deployment) is passed over for the state before it.
 */
export function mapGithubDeployment(
  repository: GithubRepository,
  deployment: GithubDeployment,
  statuses: GithubDeploymentStatus[],
  lanes: Record<string, string>,
): { deployment: ObservedDeployment } | { skipped: string } {
  const environment = laneForEnvironment(deployment.environment, lanes);
  const latest = statuses.find(s => s.state !== 'inactive');
  if (!latest) {
    return {
      skipped: `${repository.slug} deployment ${deployment.id}: no status yet`,
    };
  }
  const final = FINAL[latest.state];
  if (!final && !RUNNING.has(latest.state)) {
    return {
      skipped: `${repository.slug} deployment ${deployment.id}: unknown state ${latest.state}`,
    };
  }
  return {
    deployment: {
      key: `${repository.host}/${repository.slug}/deployments/${deployment.id}`,
      environment,
      component: repository.componentRef,
      version: deployedVersion(deployment),
      status: final ?? 'started',
      startedAt: deployment.created_at,
      ...(final ? { finishedAt: latest.created_at } : {}),
      ...(deployment.creator?.login
        ? { deployer: `github:${deployment.creator.login}` }
        : {}),
    },
  };
}
