import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  readScmSourceSettings,
  ScmSourceSettings,
} from '@release-orchestration/plugin-release-orchestration-node';

/**
 * The GitLab source's settings (`releaseOrchestration.gitlab`): the shared SCM source settings;
 * `environments` holds only the configured names (tiers and the shared defaults apply after).
 */
export type GitlabSourceConfig = Pick<
  ScmSourceSettings,
  'backfillDays' | 'environments' | 'maxRateLimitWaitSeconds'
> &
  Partial<ScmSourceSettings>;

/** Reads `releaseOrchestration.gitlab`; every setting has a default. */
export function readGitlabSourceConfig(
  config: RootConfigService,
): ScmSourceSettings {
  return readScmSourceSettings(config, 'gitlab');
}
