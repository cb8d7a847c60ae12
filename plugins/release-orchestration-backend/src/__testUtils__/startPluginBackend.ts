import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { RecordingNotifications } from './RecordingNotifications';
import { releaseOrchestrationPlugin } from '../plugin';
import { testEntities } from './fixtures';

/**
 * A partial permissions mock that only says how it authorizes also answers conditional queries
 * (asked for reads that belong to no single System) the same way.
 */
function withConditional(
  permissions: Partial<PermissionsService>,
): Partial<PermissionsService> {
  const { authorize } = permissions;
  if (!authorize || permissions.authorizeConditional) {
    return permissions;
  }
  return {
    ...permissions,
    authorizeConditional: async (queries, options) =>
      (
        await authorize(
          queries.map(q => ({ permission: q.permission })) as any,
          options,
        )
      ).map(d => ({ result: d.result })) as any,
  };
}

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
  const knex =
    options.knex ?? (await options.databases.init(options.databaseId));
  const notifications = options.notifications ?? new RecordingNotifications();
  const { server } = await startTestBackend({
    features: [
      releaseOrchestrationPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: options.entities ?? testEntities,
      }),
      notifications.factory(),
      mockServices.rootConfig.factory({
        data: {
          releaseOrchestration: {
            environments: [
              { name: 'dev' },
              {
                name: 'production',
                approvers: ['group:default/release-managers'],
                requiredEvidence: ['unit-tests'],
              },
            ],
          },
          ...options.config,
        },
      }),
      ...(options.permissions
        ? [
            mockServices.permissions.mock(withConditional(options.permissions))
              .factory,
          ]
        : []),
      ...(options.features ?? []),
    ],
  });
  return { server, knex, notifications };
}
