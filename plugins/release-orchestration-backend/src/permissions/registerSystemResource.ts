import {
  AuthService,
  PermissionsRegistryService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { releaseOrchestrationPermissions } from '@release-orchestration/plugin-release-orchestration-common';
import { DEFAULT_CATALOG_CACHE } from '../service/CatalogGateway';
import { TtlCache } from '../service/TtlCache';
import { systemPermissionRules, systemResourceRef } from './systemResource';

/**
 * Registers the plugin's permissions, its `release-orchestration-system` resource type and the
 * rules policies can use on it. The permission backend resolves a conditional decision by asking
 * this plugin, which loads the System's catalog entity with its own credentials (policy
 * resolution, not a read on a user's behalf). Those entities are cached with the bounds of the
 * catalog gateway's policy cache (size cap, 30 s TTL; "not found" is never kept): the permission
 * backend asks again for every request that a policy answers conditionally.
 */
export function registerSystemResource(options: {
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { permissionsRegistry, catalog, auth } = options;
  const cache = new TtlCache<Entity | undefined>(DEFAULT_CATALOG_CACHE.policy);
  permissionsRegistry.addPermissions(releaseOrchestrationPermissions);
  permissionsRegistry.addResourceType({
    resourceRef: systemResourceRef,
    rules: Object.values(systemPermissionRules),
    async getResources(resourceRefs) {
      const refs = resourceRefs.map(ref => ref.toLocaleLowerCase('en-US'));
      // The refs not cached are read in one batch; each cache entry waits for its part of it.
      let batch: Promise<Map<string, Entity | undefined>> | undefined;
      const missing: string[] = [];
      const loadBatch = () => {
        batch ??= (async () => {
          const { items } = await catalog.getEntitiesByRefs(
            { entityRefs: missing },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          return new Map(missing.map((ref, i) => [ref, items[i] ?? undefined]));
        })();
        return batch;
      };
      const answers = refs.map(ref =>
        cache.get(ref, () => {
          missing.push(ref);
          return Promise.resolve()
            .then(loadBatch)
            .then(found => found.get(ref));
        }),
      );
      return Promise.all(answers);
    },
  });
}
