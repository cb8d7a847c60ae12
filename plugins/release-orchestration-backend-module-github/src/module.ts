import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { releaseOrchestrationDeploymentSourcesExtensionPoint } from '@release-orchestration/plugin-release-orchestration-node';
import { catalogRepositories } from './catalogRepositories';
import { GithubClient } from './GithubClient';
import { GithubDeploymentSource } from './GithubDeploymentSource';
import { readGithubSourceConfig } from './readGithubSourceConfig';

/**
 * The events backend topics of GitHub webhooks the module records (`github.<x-github-event>`).
 *
 * @public
 */
export const GITHUB_WEBHOOK_TOPICS = [
  'github.deployment_status',
  'github.workflow_run',
];

/**
 * Reads GitHub Deployments (or deployment workflow runs) of the catalog's components
 * (`github.com/project-slug`) and the commits of each deployed revision with the credentials of
 * `integrations.github`, and reports them to Release Orchestration, every 5 minutes by default,
 * after a backfill of `releaseOrchestration.github.backfillDays` (90); records
 * `deployment_status` and `workflow_run` webhooks of the events backend at once. Runs only when
 * `releaseOrchestration.github` is configured (and `enabled` is not false).
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
        events: eventsServiceRef,
        sources: releaseOrchestrationDeploymentSourcesExtensionPoint,
      },
      async init({ config, logger, auth, catalog, events, sources }) {
        const settings = readGithubSourceConfig(config);
        if (!settings.enabled) {
          logger.info(
            'GitHub source disabled: configure releaseOrchestration.github to read GitHub deployments',
          );
          return;
        }
        const integrations = ScmIntegrations.fromConfig(config);
        const credentials =
          DefaultGithubCredentialsProvider.fromIntegrations(integrations);
        const source = new GithubDeploymentSource({
          repositories: () =>
            catalogRepositories({
              catalog,
              auth,
              integrations,
              lanes: settings.environments,
            }),
          client: new GithubClient({
            headers: async url =>
              (await credentials.getCredentials({ url })).headers ?? {},
            maxWaitMs: settings.maxRateLimitWaitSeconds * 1000,
          }),
          config: settings,
          logger,
          schedule: settings.schedule,
        });
        sources.addDeploymentSource(source);
        if (settings.webhooks) {
          await events.subscribe({
            id: 'release-orchestration-github',
            topics: GITHUB_WEBHOOK_TOPICS,
            async onEvent(params) {
              try {
                await source.onWebhook(params.topic, params.eventPayload);
              } catch (error) {
                // The poll reads it again; a webhook never fails the events backend.
                logger.warn(
                  `GitHub webhook on ${params.topic} not recorded: ${error}`,
                );
              }
            },
          });
        }
      },
    });
  },
});
