import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { releaseOrchestrationDeploymentSourcesExtensionPoint } from '@release-orchestration/plugin-release-orchestration-node';
import { ArgoCdDeploymentSource } from './ArgoCdDeploymentSource';
import { readArgoCdInstances } from './readArgoCdConfig';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ArgoCdClient } from './ArgoCdClient';
import { catalogLocatorReader } from './catalogLocators';

/**
 * Observes what Argo CD deployed where and reports it to Release Orchestration as deployments,
 * every 2 minutes by default. Servers from `releaseOrchestration.argocd.instances` and the
 * community plugins' `argocd.appLocatorMethods`; applications found through the catalog
 * (`argocd/app-name`, `argocd/app-selector` on a Component), else their own
 * `release-orchestration.io/*` annotations or labels, else the instance config.
 *
 * @public
 */
export const releaseOrchestrationModuleArgoCd = createBackendModule({
  pluginId: 'release-orchestration',
  moduleId: 'argocd',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: releaseOrchestrationDeploymentSourcesExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ config, logger, sources, catalog, auth }) {
        const instances = readArgoCdInstances(config);
        if (instances.length === 0) {
          logger.warn(
            'Neither releaseOrchestration.argocd.instances nor argocd.appLocatorMethods names an Argo CD server; the Argo CD deployment source is off',
          );
          return;
        }
        const scheduleConfig = config.getOptionalConfig(
          'releaseOrchestration.argocd.schedule',
        );
        sources.addDeploymentSource(
          new ArgoCdDeploymentSource(
            instances,
            logger,
            scheduleConfig
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  scheduleConfig,
                )
              : {
                  frequency: { minutes: 2 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 20 },
                },
            new ArgoCdClient(),
            {
              readLocators: catalogLocatorReader(catalog, auth),
              environments: (
                config.getOptionalConfigArray(
                  'releaseOrchestration.environments',
                ) ?? []
              ).map(e => e.getString('name')),
            },
          ),
        );
      },
    });
  },
});
