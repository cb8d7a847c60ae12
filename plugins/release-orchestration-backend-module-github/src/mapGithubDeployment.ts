import {
  laneForEnvironment,
  ObservedDeployment,
  versionFromRef,
} from '@release-orchestration/plugin-release-orchestration-node';
import {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubRepository,
  GithubWorkflowRun,
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

const RUN_FINAL: Record<string, ObservedDeployment['status']> = {
  success: 'succeeded',
  failure: 'failed',
  timed_out: 'failed',
  startup_failure: 'failed',
};
const RUN_RUNNING = new Set([
  'queued',
  'in_progress',
  'waiting',
  'requested',
  'pending',
]);

/**
 * Maps a run of a deployment workflow (a repository without Deployments) to an observation, or
 * says why it is skipped: a completed run that did not deploy (`cancelled`, `skipped`,
 * `neutral`, `action_required`, `stale`). Each attempt of a run is its own deployment (a
 * re-run after a failure is a new attempt). The version is the tag it ran on, else the SHA's
 * first 12 characters.
 */
export function mapGithubWorkflowRun(
  repository: GithubRepository,
  run: GithubWorkflowRun,
  lane: string,
): { deployment: ObservedDeployment } | { skipped: string } {
  const completed = run.status === 'completed';
  const final = completed ? RUN_FINAL[run.conclusion ?? ''] : undefined;
  if (completed ? !final : !RUN_RUNNING.has(run.status ?? '')) {
    return {
      skipped: `${repository.slug} workflow run ${run.id}: ${run.status} ${
        run.conclusion ?? ''
      }`.trim(),
    };
  }
  return {
    deployment: {
      key: `${repository.host}/${repository.slug}/actions/runs/${
        run.id
      }/attempts/${run.run_attempt ?? 1}`,
      environment: lane,
      component: repository.componentRef,
      version: versionFromRef(run.head_branch ?? run.head_sha, run.head_sha),
      status: final ?? 'started',
      startedAt: run.run_started_at ?? run.created_at,
      ...(final ? { finishedAt: run.updated_at } : {}),
      ...(run.actor?.login ? { deployer: `github:${run.actor.login}` } : {}),
    },
  };
}
