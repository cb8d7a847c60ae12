import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { releaseOrchestrationDeploymentSourcesExtensionPoint } from '@release-orchestration/plugin-release-orchestration-node';
import { ArgoCdDeploymentSource } from './ArgoCdDeploymentSource';
import { readArgoCdConfig } from './readArgoCdConfig';

/**
 * Observes what Argo CD deployed where (`releaseOrchestration.argocd`) and reports it to
 * Release Orchestration as deployments, every 2 minutes by default.
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
      },
      async init({ config, logger, sources }) {
        const instances = readArgoCdConfig(config);
        if (instances.length === 0) {
          logger.warn('releaseOrchestration.argocd.instances is empty; the Argo CD deployment source is off');
          return;
        }
        const scheduleConfig = config.getOptionalConfig('releaseOrchestration.argocd.schedule');
        sources.addDeploymentSource(
          new ArgoCdDeploymentSource(
            instances,
            logger,
            scheduleConfig
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
              : { frequency: { minutes: 2 }, timeout: { minutes: 1 }, initialDelay: { seconds: 20 } },
          ),
        );
      },
    });
  },
});
