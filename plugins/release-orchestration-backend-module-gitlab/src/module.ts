import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  DefaultGitlabCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { releaseOrchestrationDeploymentSourcesExtensionPoint } from '@release-orchestration/plugin-release-orchestration-node';
import { catalogProjects } from './catalogProjects';
import { GitlabClient } from './GitlabClient';
import { GitlabDeploymentSource } from './GitlabDeploymentSource';
import { readGitlabSourceConfig } from './readGitlabSourceConfig';

/**
 * Reads GitLab Deployments of the catalog's components (`gitlab.com/project-slug`) and the
 * commits of each deployed revision with the credentials of `integrations.gitlab`, and reports
 * them to Release Orchestration, every 5 minutes by default, after a backfill of
 * `releaseOrchestration.gitlab.backfillDays` (90).
 *
 * @public
 */
export const releaseOrchestrationModuleGitlab = createBackendModule({
  pluginId: 'release-orchestration',
  moduleId: 'gitlab',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        sources: releaseOrchestrationDeploymentSourcesExtensionPoint,
      },
      async init({ config, logger, auth, catalog, sources }) {
        const settings = readGitlabSourceConfig(config);
        const integrations = ScmIntegrations.fromConfig(config);
        const credentials =
          DefaultGitlabCredentialsProvider.fromIntegrations(integrations);
        const scheduleConfig = config.getOptionalConfig(
          'releaseOrchestration.gitlab.schedule',
        );
        sources.addDeploymentSource(
          new GitlabDeploymentSource({
            projects: () => catalogProjects({ catalog, auth, integrations }),
            client: new GitlabClient({
              headers: async url =>
                (await credentials.getCredentials({ url })).headers ?? {},
              maxWaitMs: settings.maxRateLimitWaitSeconds * 1000,
            }),
            config: settings,
            logger,
            schedule: scheduleConfig
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  scheduleConfig,
                )
              : {
                  frequency: { minutes: 5 },
                  timeout: { minutes: 30 },
                  initialDelay: { seconds: 30 },
                },
          }),
        );
      },
    });
  },
});
