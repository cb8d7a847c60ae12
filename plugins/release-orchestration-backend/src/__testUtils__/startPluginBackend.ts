import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackendFeature, PermissionsService } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { releaseOrchestrationPlugin } from '../plugin';
import { testEntities } from './fixtures';

/** Starts a backend with only this plugin, the fake catalog and the given database and permissions. */
export async function startPluginBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  permissions?: Partial<PermissionsService>;
  config?: Record<string, unknown>;
  features?: BackendFeature[];
}) {
  const knex = await options.databases.init(options.databaseId);
  const { server } = await startTestBackend({
    features: [
      releaseOrchestrationPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: testEntities }),
      mockServices.rootConfig.factory({
        data: {
          releaseOrchestration: {
            environments: [
              { name: 'dev' },
              { name: 'production', approvers: ['group:default/release-managers'], requiredEvidence: ['unit-tests'] },
            ],
          },
          ...options.config,
        },
      }),
      ...(options.permissions ? [mockServices.permissions.mock(options.permissions).factory] : []),
      ...(options.features ?? []),
    ],
  });
  return { server, knex };
}
