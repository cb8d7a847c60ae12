import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ReleaseOrchestrationPolicy } from './ReleaseOrchestrationPolicy';

/**
 * Installs {@link ReleaseOrchestrationPolicy} as the permission backend's
 * policy, configured by `releaseOrchestrationAccess.grants`.
 *
 * @public
 */
export const permissionModuleReleaseOrchestrationPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'release-orchestration-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        policy.setPolicy(
          ReleaseOrchestrationPolicy.fromConfig(config, { userInfo }),
        );
      },
    });
  },
});
