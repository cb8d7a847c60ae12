import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ServerPermissionClient } from '@backstage/plugin-permission-node';
import { GrantCheckingPermissionsService } from './GrantCheckingPermissionsService';
import { readAccessGrants } from './readAccessGrants';

/**
 * Replaces the default permissions service with one that also holds service
 * principals to the `service` grants in `releaseOrchestrationAccess.grants`.
 *
 * @public
 */
export const permissionsServiceFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {
    auth: coreServices.auth,
    config: coreServices.rootConfig,
    discovery: coreServices.discovery,
  },
  async factory({ auth, config, discovery }) {
    return new GrantCheckingPermissionsService(
      ServerPermissionClient.fromConfig(config, { auth, discovery }),
      auth,
      readAccessGrants(config),
    );
  },
});
