import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { releaseOrchestrationEventsExtensionPoint } from '@release-orchestration/plugin-release-orchestration-node';
import { buildInput } from './__testUtils__/fixtures';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(60_000);

const base = '/api/release-orchestration';
const ci = mockCredentials.service.header();
const ciActor = `service:${mockCredentials.service().principal.subject}`;

describe('release-orchestration backend plugin', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reports builds idempotently, cuts releases, diffs them and records the audit trail', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });

      const api1 = await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(
          buildInput('api', '1.0.0', {
            commits: [
              {
                sha: 'abcdef0123',
                time: '2026-10-31T09:00:00Z',
                message: 'Add things',
              },
            ],
          }),
        );
      expect(api1.status).toBe(201);
      expect(api1.body).toMatchObject({
        componentRef: 'component:default/api',
        version: '1.0.0',
        reportedBy: ciActor,
      });
      expect(api1.body.commits).toEqual([
        {
          sha: 'abcdef0123',
          time: '2026-10-31T09:00:00.000Z',
          message: 'Add things',
        },
      ]);

      const again = await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '1.0.0'));
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(api1.body.id);

      const clash = await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(
          buildInput('api', '1.0.0', {
            artifactDigest: `sha256:${'f'.repeat(64)}`,
          }),
        );
      expect(clash.status).toBe(409);
      expect(clash.body.error.message).toContain(
        'already reported with digest',
      );

      for (const [component, version] of [
        ['web', '2.0.0'],
        ['worker', '0.9.0'],
      ]) {
        await request(server)
          .post(`${base}/builds`)
          .set('Authorization', ci)
          .send(buildInput(component, version))
          .expect(201);
      }

      const r1 = await request(server)
        .post(`${base}/releases`)
        .send({ system: 'system:default/shop', version: '2026.11.1' });
      expect(r1.status).toBe(201);
      expect(r1.body).toMatchObject({
        systemRef: 'system:default/shop',
        version: '2026.11.1',
        riskClass: 'medium',
        createdBy: mockCredentials.user().principal.userEntityRef,
        componentCount: 3,
        manifestDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      });
      expect(
        r1.body.components.map((c: any) => `${c.componentRef}@${c.version}`),
      ).toEqual([
        'component:default/api@1.0.0',
        'component:default/web@2.0.0',
        'component:default/worker@0.9.0',
      ]);

      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '1.1.0'))
        .expect(201);
      const r2 = await request(server)
        .post(`${base}/releases`)
        .send({
          system: 'System:default/Shop',
          version: '2026.11.2',
          riskClass: 'high',
          notes: 'api only',
          components: [
            { component: 'component:default/api', version: '1.1.0' },
            { component: 'component:default/web', version: '2.0.0' },
          ],
        });
      expect(r2.status).toBe(201);
      expect(r2.body.previousReleaseId).toBe(r1.body.id);

      const dup = await request(server)
        .post(`${base}/releases`)
        .send({ system: 'system:default/shop', version: '2026.11.2' });
      expect(dup.status).toBe(409);
      expect(dup.body.error.message).toContain(
        'already has a release named 2026.11.2',
      );

      const diff = await request(server).get(
        `${base}/releases/${r2.body.id}/diff`,
      );
      expect(diff.status).toBe(200);
      const api11 = await request(server).get(
        `${base}/builds?component=component:default/api`,
      );
      const api11Sha = api11.body.items.find(
        (b: any) => b.version === '1.1.0',
      ).commitSha;
      expect(diff.body).toEqual({
        release: { id: r2.body.id, version: '2026.11.2' },
        against: { id: r1.body.id, version: '2026.11.1' },
        changes: [
          {
            componentRef: 'component:default/api',
            change: 'changed',
            fromVersion: '1.0.0',
            toVersion: '1.1.0',
            // The commits 1.1.0 brings: its build's head commit (buildInput derives the SHA from the version).
            commits: [
              {
                sha: api11Sha,
                time: '2026-11-01T10:00:00.000Z',
                version: '1.1.0',
                references: [],
              },
            ],
          },
          {
            componentRef: 'component:default/worker',
            change: 'removed',
            fromVersion: '0.9.0',
          },
          {
            componentRef: 'component:default/web',
            change: 'unchanged',
            fromVersion: '2.0.0',
            toVersion: '2.0.0',
          },
        ],
      });
      const first = await request(server).get(
        `${base}/releases/${r1.body.id}/diff`,
      );
      expect(first.status).toBe(404);

      const list = await request(server).get(
        `${base}/releases?system=system:default/shop&limit=1`,
      );
      expect(list.body.items.map((r: any) => r.version)).toEqual(['2026.11.2']);
      const next = await request(server).get(
        `${base}/releases?system=system:default/shop&limit=1&cursor=${list.body.nextCursor}`,
      );
      expect(next.body.items.map((r: any) => r.version)).toEqual(['2026.11.1']);
      expect(next.body.nextCursor).toBeUndefined();

      const builds = await request(server).get(
        `${base}/builds?component=component:default/api`,
      );
      expect(
        builds.body.items.map((b: any) => [
          b.version,
          b.releases.map((r: any) => r.version),
        ]),
      ).toEqual([
        ['1.1.0', ['2026.11.2']],
        ['1.0.0', ['2026.11.1']],
      ]);

      const components = await request(server).get(
        `${base}/systems/default/shop/components`,
      );
      expect(
        components.body.items.map((c: any) => [
          c.componentRef,
          c.title,
          c.latestBuild?.version,
        ]),
      ).toEqual([
        ['component:default/api', 'API', '1.1.0'],
        ['component:default/web', 'WEB', '2.0.0'],
        ['component:default/worker', 'WORKER', '0.9.0'],
      ]);

      const audit = await request(server).get(
        `${base}/audit?entity=system:default/shop`,
      );
      expect(audit.body.items.map((e: any) => e.action)).toEqual([
        'release.created',
        'release.created',
      ]);
      const verify = await request(server).get(`${base}/audit/verify`);
      expect(verify.body).toMatchObject({
        valid: true,
        checkedEvents: 6,
        breakCount: 0,
      }); // 4 builds + 2 releases; repeats and refusals append nothing
    });

    it('answers bad input with 4xx messages that name the problem', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const cases: Array<[string, string, unknown, number, string]> = [
        [
          'post',
          '/builds',
          { ...buildInput('api', '1.0.0'), component: 'api' },
          400,
          'component: must be a full component entity ref',
        ],
        [
          'post',
          '/builds',
          { ...buildInput('api', '1.0.0'), commitTime: 'yesterday' },
          400,
          'commitTime: must be an ISO 8601 date-time',
        ],
        [
          'post',
          '/builds',
          { ...buildInput('api', '1.0.0'), artifactDigest: 'abc' },
          400,
          'artifactDigest',
        ],
        [
          'post',
          '/builds',
          { ...buildInput('api', '1.0.0'), extra: 1 },
          400,
          "Unrecognized key(s) in object: 'extra'",
        ],
        [
          'post',
          '/releases',
          { system: 'system:default/shop' },
          400,
          'version: Required',
        ],
        [
          'post',
          '/releases',
          { system: 'system:default/nope', version: 'x' },
          404,
          'system: system:default/nope is not in the catalog',
        ],
        [
          'post',
          '/releases',
          { system: 'system:default/shop', version: 'x' },
          400,
          'no build has been reported for component:default/api, component:default/web, component:default/worker',
        ],
        [
          'post',
          '/releases',
          { system: 'system:default/empty', version: 'x' },
          400,
          'has no components in the catalog',
        ],
        [
          'post',
          '/releases',
          {
            system: 'system:default/shop',
            version: 'x',
            components: [
              { component: 'component:default/ledger', version: '1' },
            ],
          },
          400,
          'not part of system:default/shop in the catalog: component:default/ledger',
        ],
        [
          'post',
          '/releases',
          {
            system: 'system:default/shop',
            version: 'x',
            components: [{ component: 'component:default/api', version: '9' }],
          },
          400,
          'no such build reported: component:default/api@9',
        ],
        [
          'post',
          '/releases',
          {
            system: 'system:default/shop',
            version: 'x',
            components: [
              { component: 'component:default/api', version: '9' },
              { component: 'component:default/api', version: '8' },
            ],
          },
          400,
          'listed more than once: component:default/api',
        ],
        [
          'get',
          '/releases?system=shop',
          undefined,
          400,
          'system: must be a full system entity ref',
        ],
        [
          'get',
          '/releases?system=system:default/shop&limit=0',
          undefined,
          400,
          'limit: must be at least 1',
        ],
        [
          'get',
          '/releases?system=system:default/shop&cursor=garbage',
          undefined,
          400,
          'cursor: is not a cursor this API returned',
        ],
        // Not a UUID: read as a version name, which needs the System (versions are unique per System).
        [
          'get',
          '/releases/not-a-uuid',
          undefined,
          400,
          'system: required to find a release by its version name',
        ],
        [
          'get',
          '/releases/3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
          undefined,
          404,
          'No release with id',
        ],
        ['get', '/builds', undefined, 400, 'component: Required'],
        [
          'get',
          '/audit?entity=nonsense',
          undefined,
          400,
          'entity: must be a full entity ref',
        ],
        [
          'get',
          '/systems/default/nope/components',
          undefined,
          404,
          'system:default/nope is not in the catalog',
        ],
      ];
      for (const [method, path, body, status, message] of cases) {
        const req =
          method === 'post'
            ? request(server)
                .post(`${base}${path}`)
                .set('Authorization', ci)
                .send(body as object)
            : request(server).get(`${base}${path}`);
        const res = await req;
        expect({
          path,
          status: res.status,
          message: res.body?.error?.message,
        }).toEqual({
          path,
          status,
          message: expect.stringContaining(message),
        });
      }
      const malformed = await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .set('Content-Type', 'application/json')
        .send('{"component":');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('not valid JSON');
    });

    it('checks permissions on every route and writes nothing when denied', async () => {
      const denied = new Set([
        'release-orchestration.build.report',
        'release-orchestration.release.create',
      ]);
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        permissions: {
          authorize: async requests =>
            requests.map(r => ({
              result: denied.has(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            })),
        },
      });
      const build = await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '1.0.0'));
      expect(build.status).toBe(403);
      expect(build.body.error.message).toContain(
        'release-orchestration.build.report',
      );
      const release = await request(server)
        .post(`${base}/releases`)
        .send({ system: 'system:default/shop', version: 'x' });
      expect(release.status).toBe(403);
      const builds = await request(server).get(
        `${base}/builds?component=component:default/api`,
      );
      expect(builds.body.items).toEqual([]);
      const audit = await request(server).get(`${base}/audit`);
      expect(audit.body.items).toEqual([]);
    });

    it('hands committed events to subscribers that modules register, and survives a failing one', async () => {
      const seen: string[] = [];
      const subscriberModule = createBackendModule({
        pluginId: 'release-orchestration',
        moduleId: 'test-subscriber',
        register(env) {
          env.registerInit({
            deps: { events: releaseOrchestrationEventsExtensionPoint },
            async init({ events }) {
              events.addSubscriber({
                name: 'broken',
                onEvent: async () => {
                  throw new Error('boom');
                },
              });
              events.addSubscriber({
                name: 'recorder',
                onEvent: async e => {
                  seen.push(`${e.action} ${e.entityRef}`);
                },
              });
            },
          });
        },
      });
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        features: [subscriberModule],
      });
      for (const c of ['api', 'web', 'worker']) {
        await request(server)
          .post(`${base}/builds`)
          .set('Authorization', ci)
          .send(buildInput(c, '1.0.0'))
          .expect(201);
      }
      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '1.0.0'))
        .expect(200);
      await request(server)
        .post(`${base}/releases`)
        .send({ system: 'system:default/shop', version: 'v1' })
        .expect(201);
      expect(seen).toEqual([
        'build.reported component:default/api',
        'build.reported component:default/web',
        'build.reported component:default/worker',
        'release.created system:default/shop',
      ]);
    });

    it('refuses unauthenticated callers except on /health', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const res = await request(server)
        .get(`${base}/environments`)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
      await request(server)
        .get(`${base}/health`)
        .set('Authorization', mockCredentials.none.header())
        .expect(200);
      const envs = await request(server).get(`${base}/environments`);
      expect(
        envs.body.items.map((e: any) => [
          e.name,
          e.minApprovals,
          e.requirePreviousEnvironment,
        ]),
      ).toEqual([
        ['dev', 0, false],
        ['production', 1, true],
      ]);
    });
  });
});
