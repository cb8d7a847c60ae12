import {
  DEFAULT_ENVIRONMENT_LANES,
  laneForEnvironment,
  ObservedDeployment,
  versionFromRef,
} from '@release-orchestration/plugin-release-orchestration-node';
import { GitlabDeployment, GitlabProject } from './gitlabTypes';

const FINAL: Record<string, ObservedDeployment['status']> = {
  success: 'succeeded',
  failed: 'failed',
};

/** Lanes of GitLab's environment tiers (`other` has none). */
export const TIER_LANES: Record<string, string> = {
  production: 'production',
  staging: 'staging',
  testing: 'test',
  development: 'dev',
};

/**
 * The lane of a GitLab environment: its configured lane, else its tier's, else the shared
 * defaults of environment names (the same as the GitHub source's).
 */
export function gitlabLane(
  name: string,
  tier: string | null | undefined,
  configured: Record<string, string>,
): string {
  const key = name.toLowerCase();
  if (configured[key]) {
    return configured[key];
  }
  if (tier && TIER_LANES[tier]) {
    return TIER_LANES[tier];
  }
  return laneForEnvironment(name, DEFAULT_ENVIRONMENT_LANES);
}

/**
 * Maps a GitLab deployment to an observation, or says why it is skipped: `created` and `blocked`
 * (waiting for a runner or an approval) are not running yet and are read again once they change;
 * `canceled` and `skipped` never deployed anything.
 */
export function mapGitlabDeployment(
  project: GitlabProject,
  deployment: GitlabDeployment,
  lane: string,
): { deployment: ObservedDeployment } | { skipped: string } {
  const final = FINAL[deployment.status];
  if (!final && deployment.status !== 'running') {
    return {
      skipped: `${project.slug} deployment ${deployment.id}: ${deployment.status}`,
    };
  }
  const finishedAt =
    deployment.finished_at ??
    deployment.deployable?.finished_at ??
    deployment.updated_at;
  return {
    deployment: {
      key: `${project.host}/${project.slug}/deployments/${deployment.id}`,
      environment: lane,
      component: project.componentRef,
      version: versionFromRef(deployment.ref, deployment.sha),
      status: final ?? 'started',
      startedAt: deployment.created_at,
      ...(final ? { finishedAt } : {}),
      ...(deployment.user?.username
        ? { deployer: `gitlab:${deployment.user.username}` }
        : {}),
    },
  };
}
