import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import releaseOrchestrationPlugin from '@release-orchestration/plugin-release-orchestration-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { permissionModuleReleaseOrchestrationPolicy as policyModule } from './module';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

// The demo portal's grants, as app-config.yaml declares them.
const appConfig = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../app-config.yaml'),
    'utf8',
  ),
);

const base = '/api/release-orchestration';

function system(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

function component(name: string, systemName: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/team-a',
      system: systemName,
    },
    relations: [{ type: 'partOf', targetRef: `system:default/${systemName}` }],
  };
}

const entities = [
  system('shop', 'group:default/team-a'),
  component('api', 'shop'),
  system('bank', 'group:default/team-b'),
  component('ledger', 'bank'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'release-managers', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/rita' }],
  },
];

/** alice is in team-a (owns shop), bob in team-b (owns bank). */
const ownership: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/team-a'],
  'user:default/bob': ['user:default/bob', 'group:default/team-b'],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  async factory() {
    return {
      async getUserInfo(credentials) {
        const { userEntityRef } = credentials.principal as {
          userEntityRef: string;
        };
        return {
          userEntityRef,
          ownershipEntityRefs: ownership[userEntityRef] ?? [userEntityRef],
        };
      },
    };
  },
});

/**
 * The mock httpAuth, except that a plugin's request on behalf of a user keeps the
 * calling plugin as the actor, as Backstage's real tokens do: the permissions
 * registry only evaluates conditions for such requests (the permission backend
 * asking), never for a user directly. The mock auth service drops the actor.
 */
const httpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { pluginMetadata: coreServices.pluginMetadata },
  async factory({ pluginMetadata }) {
    const pluginId = pluginMetadata.getId();
    const inner = mockServices.httpAuth({ pluginId });
    const prefix = 'Bearer mock-service-token:';
    return {
      ...inner,
      async credentials(req: any, options?: any) {
        const header: string | undefined = req.headers.authorization;
        if (header?.startsWith(prefix)) {
          const { obo, target } = JSON.parse(header.slice(prefix.length));
          if (obo && target === pluginId) {
            return mockCredentials.user(obo, {
              actor: { subject: 'plugin:permission' },
            }) as any;
          }
        }
        return inner.credentials(req, options);
      },
    };
  },
});

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');
const ci = mockCredentials.service.header();

describe.each(databases.eachSupportedId())(
  "the demo policy's owner scope, resolved by the permission backend (%p)",
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          releaseOrchestrationPlugin,
          permissionPlugin,
          policyModule,
          permissionsServiceFactory,
          permissionsRegistryServiceFactory,
          userInfoFactory,
          httpAuthFactory,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              releaseOrchestrationAccess: appConfig.releaseOrchestrationAccess,
              releaseOrchestration: {
                environments: [
                  { name: 'dev' },
                  {
                    name: 'production',
                    approvers: ['group:default/release-managers'],
                    requirePreviousEnvironment: false,
                  },
                ],
              },
            },
          }),
        ],
      });
      const post = (url: string, auth: string, body: object) =>
        request(server)
          .post(`${base}${url}`)
          .set('Authorization', auth)
          .send(body);
      return { server, post };
    }

    /** CI reports a build of the component and cuts a release of its System. */
    async function releaseOf(
      post: Awaited<ReturnType<typeof start>>['post'],
      systemName: string,
      componentName: string,
    ) {
      const hex = `${componentName}`.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a');
      const build = await post('/builds', ci, {
        component: `component:default/${componentName}`,
        version: '1.0.0',
        artifactUri: `registry.example/${componentName}:1.0.0`,
        artifactDigest: `sha256:${hex}`,
        commitSha: hex.slice(0, 40),
        commitTime: '2026-11-01T10:00:00Z',
      });
      expect(build.status).toBe(201);
      const release = await post('/releases', ci, {
        system: `system:default/${systemName}`,
        version: 'v1',
      });
      expect(release.status).toBe(201);
      return release.body.id as string;
    }

    it('lets the owning team promote, cancel and attach evidence, and refuses another team', async () => {
      const { post } = await start();
      const shopRelease = await releaseOf(post, 'shop', 'api');

      const evidence = {
        type: 'unit-tests',
        status: 'pass',
        url: 'https://ci.example/t',
        summary: 'All green',
      };
      const byBob = await post(
        `/releases/${shopRelease}/evidence`,
        bob,
        evidence,
      );
      expect(byBob.status).toBe(403);
      expect(byBob.body.error.message).toBe(
        'You are not allowed to do this: release-orchestration.evidence.create was denied on system:default/shop',
      );
      expect(
        (await post(`/releases/${shopRelease}/evidence`, alice, evidence))
          .status,
      ).toBe(201);

      const denied = await post(`/releases/${shopRelease}/promotions`, bob, {
        environment: 'dev',
      });
      expect(denied.status).toBe(403);
      const promoted = await post(
        `/releases/${shopRelease}/promotions`,
        alice,
        { environment: 'dev' },
      );
      expect(promoted.status).toBe(201);

      // CI asked for this one: alice may cancel it as an owner, bob may not.
      const byCi = await post(`/releases/${shopRelease}/promotions`, ci, {
        environment: 'production',
      });
      expect(byCi.status).toBe(201);
      const bobCancels = await post(`/promotions/${byCi.body.id}/cancel`, bob, {
        reason: 'not mine',
      });
      expect(bobCancels.status).toBe(403);
      const aliceCancels = await post(
        `/promotions/${byCi.body.id}/cancel`,
        alice,
        { reason: 'superseded' },
      );
      expect(aliceCancels.status).toBe(200);
      expect(aliceCancels.body.state).toBe('cancelled');

      // And the other way round on bank.
      const bankRelease = await releaseOf(post, 'bank', 'ledger');
      expect(
        (
          await post(`/releases/${bankRelease}/promotions`, alice, {
            environment: 'dev',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await post(`/releases/${bankRelease}/promotions`, bob, {
            environment: 'dev',
          })
        ).status,
      ).toBe(201);
    });
  },
);
