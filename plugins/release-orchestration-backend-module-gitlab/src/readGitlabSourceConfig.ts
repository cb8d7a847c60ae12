import { Config } from '@backstage/config';

/** The GitLab source's settings. */
export interface GitlabSourceConfig {
  backfillDays: number;
  /** GitLab environment name (lower case) to lane, as configured (no defaults). */
  environments: Record<string, string>;
  maxRateLimitWaitSeconds: number;
}

/** Reads `releaseOrchestration.gitlab`; every setting has a default. */
export function readGitlabSourceConfig(config: Config): GitlabSourceConfig {
  const gitlab = config.getOptionalConfig('releaseOrchestration.gitlab');
  const backfillDays = gitlab?.getOptionalNumber('backfillDays') ?? 90;
  if (
    !Number.isInteger(backfillDays) ||
    backfillDays < 0 ||
    backfillDays > 3650
  ) {
    throw new Error(
      `releaseOrchestration.gitlab.backfillDays must be a whole number of days from 0 to 3650, got ${backfillDays}`,
    );
  }
  const maxWait = gitlab?.getOptionalNumber('maxRateLimitWaitSeconds') ?? 60;
  if (!Number.isFinite(maxWait) || maxWait < 0) {
    throw new Error(
      `releaseOrchestration.gitlab.maxRateLimitWaitSeconds must be a number of seconds from 0, got ${maxWait}`,
    );
  }
  const environments: Record<string, string> = {};
  const mapped = gitlab?.getOptionalConfig('environments');
  for (const key of mapped?.keys() ?? []) {
    environments[key.toLowerCase()] = mapped!.getString(key);
  }
  return { backfillDays, environments, maxRateLimitWaitSeconds: maxWait };
}
