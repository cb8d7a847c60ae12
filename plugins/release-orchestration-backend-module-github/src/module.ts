import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { releaseOrchestrationDeploymentSourcesExtensionPoint } from '@release-orchestration/plugin-release-orchestration-node';
import { catalogRepositories } from './catalogRepositories';
import { GithubClient } from './GithubClient';
import { GithubDeploymentSource } from './GithubDeploymentSource';
import { readGithubSourceConfig } from './readGithubSourceConfig';

/**
 * Reads GitHub Deployments of the catalog's components (`github.com/project-slug`) with the
 * credentials of `integrations.github` and reports them to Release Orchestration, every 5
 * minutes by default, after a backfill of `releaseOrchestration.github.backfillDays` (90).
 *
 * @public
 */
export const releaseOrchestrationModuleGithub = createBackendModule({
  pluginId: 'release-orchestration',
  moduleId: 'github',
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
        const settings = readGithubSourceConfig(config);
        const integrations = ScmIntegrations.fromConfig(config);
        const credentials =
          DefaultGithubCredentialsProvider.fromIntegrations(integrations);
        const scheduleConfig = config.getOptionalConfig(
          'releaseOrchestration.github.schedule',
        );
        sources.addDeploymentSource(
          new GithubDeploymentSource({
            repositories: () =>
              catalogRepositories({ catalog, auth, integrations }),
            client: new GithubClient({
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
