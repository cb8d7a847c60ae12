import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  DefaultGitlabCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { releaseOrchestrationDeploymentSourcesExtensionPoint } from '@release-orchestration/plugin-release-orchestration-node';
import { catalogProjects } from './catalogProjects';
import { GitlabClient } from './GitlabClient';
import { GitlabDeploymentSource } from './GitlabDeploymentSource';
import { readGitlabSourceConfig } from './readGitlabSourceConfig';

/**
 * The events backend topics of GitLab webhooks the module reads (deployment events).
 *
 * @public
 */
export const GITLAB_WEBHOOK_TOPICS = ['gitlab', 'gitlab.deployment'];

/**
 * Reads GitLab Deployments of the catalog's components (`gitlab.com/project-slug`) and the
 * commits of each deployed revision with the credentials of `integrations.gitlab`, and reports
 * them to Release Orchestration, every 5 minutes by default, after a backfill of
 * `releaseOrchestration.gitlab.backfillDays` (90). Runs only when `releaseOrchestration.gitlab`
 * is configured (and `enabled` is not false), so a backend can carry it without a token.
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
        events: eventsServiceRef,
        sources: releaseOrchestrationDeploymentSourcesExtensionPoint,
      },
      async init({ config, logger, auth, catalog, events, sources }) {
        const settings = readGitlabSourceConfig(config);
        if (!settings.enabled) {
          logger.info(
            'GitLab source disabled: configure releaseOrchestration.gitlab to read GitLab deployments',
          );
          return;
        }
        const integrations = ScmIntegrations.fromConfig(config);
        const credentials =
          DefaultGitlabCredentialsProvider.fromIntegrations(integrations);
        const source = new GitlabDeploymentSource({
          projects: () => catalogProjects({ catalog, auth, integrations }),
          client: new GitlabClient({
            headers: async url =>
              (await credentials.getCredentials({ url })).headers ?? {},
            maxWaitMs: settings.maxRateLimitWaitSeconds * 1000,
          }),
          config: settings,
          logger,
          schedule: settings.schedule,
        });
        sources.addDeploymentSource(source);
        if (
          config.getOptionalBoolean('releaseOrchestration.gitlab.webhooks') ??
          true
        ) {
          // Backstage's GitLab event router re-publishes by `event_name`, which deployment
          // events lack: they stay on the `gitlab` topic.
          await events.subscribe({
            id: 'release-orchestration-gitlab',
            topics: GITLAB_WEBHOOK_TOPICS,
            async onEvent(params) {
              try {
                await source.onWebhook(params.eventPayload);
              } catch (error) {
                // The poll reads it again; a webhook never fails the events backend.
                logger.warn(
                  `GitLab webhook on ${params.topic} not recorded: ${error}`,
                );
              }
            },
          });
        }
      },
    });
  },
});
