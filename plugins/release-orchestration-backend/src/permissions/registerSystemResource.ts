import {
  AuthService,
  PermissionsRegistryService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { releaseOrchestrationPermissions } from '@release-orchestration/plugin-release-orchestration-common';
import { systemPermissionRules, systemResourceRef } from './systemResource';

/**
 * Registers the plugin's permissions, its `release-orchestration-system` resource type and the
 * rules policies can use on it. The permission backend resolves a conditional decision by asking
 * this plugin, which loads the System's catalog entity with its own credentials (policy
 * resolution, not a read on a user's behalf).
 */
export function registerSystemResource(options: {
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { permissionsRegistry, catalog, auth } = options;
  permissionsRegistry.addPermissions(releaseOrchestrationPermissions);
  permissionsRegistry.addResourceType({
    resourceRef: systemResourceRef,
    rules: Object.values(systemPermissionRules),
    async getResources(resourceRefs) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: resourceRefs },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return items.map(item => item ?? undefined);
    },
  });
}
