import { Config } from '@backstage/config';
import { DEFAULT_ENVIRONMENT_LANES } from '@release-orchestration/plugin-release-orchestration-node';

/** The GitHub source's settings. */
export interface GithubSourceConfig {
  backfillDays: number;
  /** GitHub environment name (lower case) to lane. */
  environments: Record<string, string>;
  maxRateLimitWaitSeconds: number;
}

/** Lanes of common environment names (shared with the GitLab source); any other name maps to itself. */
export const DEFAULT_ENVIRONMENTS: Record<string, string> = {
  ...DEFAULT_ENVIRONMENT_LANES,
};

/** Reads `releaseOrchestration.github`; every setting has a default. */
export function readGithubSourceConfig(config: Config): GithubSourceConfig {
  const github = config.getOptionalConfig('releaseOrchestration.github');
  const backfillDays = github?.getOptionalNumber('backfillDays') ?? 90;
  if (
    !Number.isInteger(backfillDays) ||
    backfillDays < 0 ||
    backfillDays > 3650
  ) {
    throw new Error(
      `releaseOrchestration.github.backfillDays must be a whole number of days from 0 to 3650, got ${backfillDays}`,
    );
  }
  const environments = { ...DEFAULT_ENVIRONMENTS };
  const mapped = github?.getOptionalConfig('environments');
  for (const key of mapped?.keys() ?? []) {
    environments[key.toLowerCase()] = mapped!.getString(key);
  }
  return {
    backfillDays,
    environments,
    maxRateLimitWaitSeconds:
      github?.getOptionalNumber('maxRateLimitWaitSeconds') ?? 60,
  };
}
