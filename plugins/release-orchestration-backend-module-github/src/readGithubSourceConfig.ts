import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_ENVIRONMENT_LANES,
  readScmSourceSettings,
  ScmSourceSettings,
} from '@release-orchestration/plugin-release-orchestration-node';

/** The GitHub source's settings (`releaseOrchestration.github`). */
export type GithubSourceConfig = Pick<
  ScmSourceSettings,
  'backfillDays' | 'environments' | 'maxRateLimitWaitSeconds'
> &
  Partial<ScmSourceSettings> & {
    /** Record `deployment_status` and `workflow_run` events of the events backend; default true. */
    webhooks?: boolean;
  };

/** Lanes of common environment names (shared with the GitLab source); any other name maps to itself. */
export const DEFAULT_ENVIRONMENTS: Record<string, string> = {
  ...DEFAULT_ENVIRONMENT_LANES,
};

/**
 * Reads `releaseOrchestration.github`: the shared SCM source settings, with the configured
 * environment names on top of the default lanes.
 */
export function readGithubSourceConfig(
  config: RootConfigService,
): ScmSourceSettings & { webhooks: boolean } {
  const settings = readScmSourceSettings(config, 'github');
  return {
    ...settings,
    environments: { ...DEFAULT_ENVIRONMENTS, ...settings.environments },
    webhooks:
      config.getOptionalBoolean('releaseOrchestration.github.webhooks') ?? true,
  };
}
