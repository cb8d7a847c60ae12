import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackendFeature, PermissionsService } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { RecordingNotifications } from './RecordingNotifications';
import { releaseOrchestrationPlugin } from '../plugin';
import { testEntities } from './fixtures';

/** Starts a backend with only this plugin, the fake catalog and the given database and permissions. */
export async function startPluginBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  permissions?: Partial<PermissionsService>;
  config?: Record<string, unknown>;
  features?: BackendFeature[];
  /** Share an already created database (several backend instances on one database). */
  knex?: Knex;
  /** The catalog's entities; defaults to the test Systems and Components. */
  entities?: Entity[];
  /** Receives the notifications the plugin sends; a new recorder by default. */
  notifications?: RecordingNotifications;
}) {
  const knex = options.knex ?? (await options.databases.init(options.databaseId));
  const notifications = options.notifications ?? new RecordingNotifications();
  const { server } = await startTestBackend({
    features: [
      releaseOrchestrationPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: options.entities ?? testEntities }),
      notifications.factory(),
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
  return { server, knex, notifications };
}
