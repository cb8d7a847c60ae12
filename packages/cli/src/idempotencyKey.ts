/**
 * A default idempotency key from the CI run, so `started` and the later `succeeded`/`failed`
 * reports of one deployment job share a key while a re-run gets a new one. Undefined outside
 * GitHub Actions and GitLab CI.
 */
export function ciIdempotencyKey(
  env: Record<string, string | undefined>,
  target: { environment: string; subject: string },
): string | undefined {
  let run: string | undefined;
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_RUN_ID) {
    run = `github:${env.GITHUB_REPOSITORY}:${env.GITHUB_RUN_ID}:${env.GITHUB_RUN_ATTEMPT ?? '1'}:${env.GITHUB_JOB ?? 'job'}`;
  } else if (env.GITLAB_CI === 'true' && env.CI_JOB_ID) {
    run = `gitlab:${env.CI_PROJECT_PATH}:${env.CI_JOB_ID}`;
  }
  if (!run) {
    return undefined;
  }
  return `${run}:${target.environment}:${target.subject}`.replace(/\s+/g, '-').slice(0, 255);
}
