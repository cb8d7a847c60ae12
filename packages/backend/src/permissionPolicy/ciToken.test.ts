import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import releaseOrchestrationPlugin from '@release-orchestration/plugin-release-orchestration-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const TOKEN = 'ci-token-for-the-test-0123456789';

/**
 * The CI token exactly as app-config.yaml (and the README) declare it, with the
 * environment variable filled in.
 */
const appConfig = parse(
  fs
    .readFileSync(
      path.resolve(__dirname, '../../../../app-config.yaml'),
      'utf8',
    )
    .replace('${RELEASE_ORCHESTRATION_CI_TOKEN}', TOKEN),
);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'group:default/team-a' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'api', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/team-a', system: 'shop' },
    relations: [{ type: 'partOf', targetRef: 'system:default/shop' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'release-managers', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/rita' }],
  },
];

describe.each(databases.eachSupportedId())(
  "the CI token's access restrictions in app-config.yaml (%p)",
  databaseId => {
    it('let CI report and cut releases, and refuse freezes, approvals and overrides', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          releaseOrchestrationPlugin,
          // The real auth services, so the static token and its restrictions apply.
          authServiceFactory,
          httpAuthServiceFactory,
          permissionsServiceFactory,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              backend: {
                baseUrl: 'http://localhost:7007',
                auth: {
                  externalAccess: appConfig.backend.auth.externalAccess,
                },
              },
              permission: { enabled: true },
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
      const post = (url: string, body: object) =>
        request(server)
          .post(`/api/release-orchestration${url}`)
          .set('Authorization', `Bearer ${TOKEN}`)
          .send(body);

      const build = await post('/builds', {
        component: 'component:default/api',
        version: '1.0.0',
        artifactUri: 'registry.example/api:1.0.0',
        artifactDigest: `sha256:${'a'.repeat(64)}`,
        commitSha: 'a'.repeat(40),
        commitTime: '2026-11-01T10:00:00Z',
      });
      expect(build.status).toBe(201);
      const release = await post('/releases', {
        system: 'system:default/shop',
        version: 'v1',
      });
      expect(release.status).toBe(201);
      const promotion = await post(`/releases/${release.body.id}/promotions`, {
        environment: 'production',
      });
      expect(promotion.status).toBe(201);

      const refused = [
        await post('/freezes', {
          environment: 'production',
          start: '2030-01-01T00:00:00Z',
          end: '2030-01-02T00:00:00Z',
          reason: 'CI should not freeze',
        }),
        await post('/freezes', {
          environment: 'production',
          systems: ['system:default/shop'],
          start: '2030-01-01T00:00:00Z',
          end: '2030-01-02T00:00:00Z',
          reason: 'CI should not freeze',
        }),
        await post(`/promotions/${promotion.body.id}/approvals`, {
          decision: 'approve',
        }),
        await post(`/releases/${release.body.id}/promotions`, {
          environment: 'dev',
          emergencyOverride: { justification: 'CI should not override' },
        }),
      ];
      expect(refused.map(res => [res.status, res.body.error?.message])).toEqual(
        [
          [
            403,
            'You are not allowed to do this: release-orchestration.freeze.manage-all was denied',
          ],
          [
            403,
            'You are not allowed to do this: release-orchestration.freeze.manage was denied on system:default/shop',
          ],
          [
            403,
            'You are not allowed to do this: release-orchestration.promotion.approve was denied on system:default/shop',
          ],
          [
            403,
            'You are not allowed to do this: release-orchestration.freeze.override was denied on system:default/shop',
          ],
        ],
      );
      const freezes = await request(server)
        .get('/api/release-orchestration/freezes')
        .set('Authorization', `Bearer ${TOKEN}`);
      expect(freezes.status).toBe(200);
      expect(freezes.body.items).toEqual([]);
    });
  },
);
