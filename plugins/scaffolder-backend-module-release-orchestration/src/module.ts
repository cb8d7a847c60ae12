import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { ReleaseOrchestrationApiCaller } from './apiCaller';
import { createReleaseOrchestrationActions } from './actions';

/**
 * The scaffolder actions of Release Orchestration: `release-orchestration:release:cut`,
 * `:promotion:request`, `:deployment:report` and `:evidence:attach`.
 * @public
 */
export const scaffolderModuleReleaseOrchestration = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'release-orchestration',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, discovery, auth, config }) {
        const api = new ReleaseOrchestrationApiCaller({
          discovery,
          auth,
          allowPluginCredentials:
            config.getOptionalBoolean(
              'releaseOrchestration.scaffolder.allowPluginCredentials',
            ) ?? false,
        });
        scaffolder.addActions(...createReleaseOrchestrationActions(api));
      },
    });
  },
});
