import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ObservedDeployment,
  releaseOrchestrationDeploymentSourcesExtensionPoint,
} from '@release-orchestration/plugin-release-orchestration-node';
import request from 'supertest';
import { buildInput } from './__testUtils__/fixtures';
import {
  shopSources,
  shopSourcesAfterCatchUp,
} from './__testUtils__/shopSources';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';
import { deploymentSourceTaskId } from './service/scheduleDeploymentSources';

jest.setTimeout(60_000);

const base = '/api/release-orchestration';
const ci = mockCredentials.service.header();
const ciActor = `service:${mockCredentials.service().principal.subject}`;

/** Reports builds of api, web and worker and cuts release `version` of shop from them. */
async function cutRelease(server: any, version: string, apiVersion = '1.0.0') {
  for (const [component, v] of [
    ['api', apiVersion],
    ['web', '2.0.0'],
    ['worker', '0.9.0'],
  ]) {
    await request(server)
      .post(`${base}/builds`)
      .set('Authorization', ci)
      .send(buildInput(component, v));
  }
  const res = await request(server)
    .post(`${base}/releases`)
    .send({ system: 'system:default/shop', version });
  expect(res.status).toBe(201);
  return res.body;
}

describe('deployments', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('records a release deployment once per key, finishes it once, and refuses conflicting repeats', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const r1 = await cutRelease(server, 'r1');
      const post = (body: object) =>
        request(server)
          .post(`${base}/deployments`)
          .set('Authorization', ci)
          .send(body);
      const report = {
        idempotencyKey: 'gha:run-1:dev',
        environment: 'dev',
        releaseId: r1.id,
        status: 'started',
        startedAt: '2026-11-20T10:00:00Z',
      };

      const started = await post(report);
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({
        idempotencyKey: 'gha:run-1:dev',
        systemRef: 'system:default/shop',
        environment: 'dev',
        releaseId: r1.id,
        releaseVersion: 'r1',
        status: 'started',
        rollback: false,
        hotfix: false,
        startedAt: '2026-11-20T10:00:00.000Z',
        deployer: ciActor,
      });
      expect(started.body.finishedAt).toBeUndefined();
      expect(started.body.components).toEqual([
        { componentRef: 'component:default/api', version: '1.0.0' },
        { componentRef: 'component:default/web', version: '2.0.0' },
        { componentRef: 'component:default/worker', version: '0.9.0' },
      ]);

      const repeat = await post(report);
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual(started.body);

      const finished = await post({
        ...report,
        status: 'succeeded',
        finishedAt: '2026-11-20T10:05:00Z',
      });
      expect(finished.status).toBe(200);
      expect(finished.body).toMatchObject({
        id: started.body.id,
        status: 'succeeded',
        finishedAt: '2026-11-20T10:05:00.000Z',
      });

      for (const late of [{ ...report, status: 'succeeded' }, report]) {
        const res = await post(late);
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('succeeded');
        expect(res.body.finishedAt).toBe('2026-11-20T10:05:00.000Z');
      }
      const flip = await post({ ...report, status: 'failed' });
      expect(flip.status).toBe(409);
      expect(flip.body.error.message).toContain('already succeeded');

      const otherLane = await post({ ...report, environment: 'production' });
      expect(otherLane.status).toBe(409);
      expect(otherLane.body.error.message).toContain(
        'environment: stored dev, sent production',
      );
      const otherVersion = await post({
        idempotencyKey: 'gha:run-1:dev',
        environment: 'dev',
        component: 'component:default/api',
        version: '9.9.9',
        status: 'succeeded',
      });
      expect(otherVersion.status).toBe(409);
      expect(otherVersion.body.error.message).toContain('components: stored');

      const audit = await request(server).get(
        `${base}/audit?entity=system:default/shop`,
      );
      expect(audit.body.items.map((e: any) => e.action)).toEqual([
        'deployment.succeeded',
        'deployment.started',
        'release.created',
      ]);
      expect(audit.body.items[0].summary).toBe(
        'Deployment of release r1 to dev succeeded',
      );
      expect(
        (await request(server).get(`${base}/audit/verify`)).body.valid,
      ).toBe(true);
    });

    it('moves the promotion a deployment carries out, in the same transaction', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const r1 = await cutRelease(server, 'r1');
      const post = (body: object) =>
        request(server)
          .post(`${base}/deployments`)
          .set('Authorization', ci)
          .send(body);
      const promotion = await request(server)
        .post(`${base}/releases/${r1.id}/promotions`)
        .send({ environment: 'dev' });
      expect(promotion.status).toBe(201);
      expect(promotion.body.state).toBe('approved');

      const wrongLane = await post({
        idempotencyKey: 'p1',
        environment: 'production',
        promotionId: promotion.body.id,
        status: 'started',
      });
      expect(wrongLane.status).toBe(400);
      expect(wrongLane.body.error.message).toContain(
        `environment: promotion ${promotion.body.id} is into dev, not production`,
      );

      const started = await post({
        idempotencyKey: 'p1',
        environment: 'dev',
        promotionId: promotion.body.id,
        status: 'started',
      });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({
        releaseId: r1.id,
        promotionId: promotion.body.id,
        status: 'started',
      });
      expect(started.body.components).toHaveLength(3);
      expect(
        (await request(server).get(`${base}/promotions/${promotion.body.id}`))
          .body.state,
      ).toBe('deploying');
      await post({
        idempotencyKey: 'p1',
        environment: 'dev',
        promotionId: promotion.body.id,
        status: 'succeeded',
      }).expect(200);
      expect(
        (await request(server).get(`${base}/promotions/${promotion.body.id}`))
          .body.state,
      ).toBe('succeeded');

      const r2 = await cutRelease(server, 'r2', '1.1.0');
      const withdrawn = await request(server)
        .post(`${base}/releases/${r2.id}/promotions`)
        .send({ environment: 'dev' });
      await request(server)
        .post(`${base}/promotions/${withdrawn.body.id}/cancel`)
        .send({})
        .expect(200);
      const refused = await post({
        idempotencyKey: 'p2',
        environment: 'dev',
        promotionId: withdrawn.body.id,
        status: 'succeeded',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain(
        'the promotion is cancelled',
      );
      const list = await request(server).get(
        `${base}/deployments?system=system:default/shop`,
      );
      expect(list.body.items.map((d: any) => d.idempotencyKey)).toEqual(['p1']);
      expect(
        (await request(server).get(`${base}/audit/verify`)).body.valid,
      ).toBe(true);
    });

    it('lets concurrent repeats of one report create exactly one deployment', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      await cutRelease(server, 'r1');
      const body = {
        idempotencyKey: 'argo:42',
        environment: 'production',
        component: 'component:default/api',
        version: '1.0.0',
        status: 'succeeded',
      };
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          request(server)
            .post(`${base}/deployments`)
            .set('Authorization', ci)
            .send(body),
        ),
      );
      expect(results.map(r => r.status).sort()).toEqual([
        200, 200, 200, 200, 200, 201,
      ]);
      expect(new Set(results.map(r => r.body.id)).size).toBe(1);
      const list = await request(server).get(
        `${base}/deployments?system=system:default/shop`,
      );
      expect(list.body.items).toHaveLength(1);
      const audit = await request(server).get(
        `${base}/audit?entity=system:default/shop`,
      );
      expect(
        audit.body.items.filter((e: any) => e.subjectType === 'deployment'),
      ).toHaveLength(1);
    });

    it('derives the System of a component deployment from the catalog and lists deployments newest first', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const post = (body: object) =>
        request(server)
          .post(`${base}/deployments`)
          .set('Authorization', ci)
          .send(body);
      const one = await post({
        idempotencyKey: 'k1',
        environment: 'dev',
        component: 'component:default/api',
        version: '1.2.3',
        status: 'failed',
        deployer: 'jenkins',
        hotfix: true,
      });
      expect(one.status).toBe(201);
      // The caller's principal is the deployer; what it says is kept beside it as a claim.
      expect(one.body).toMatchObject({
        systemRef: 'system:default/shop',
        deployer: ciActor,
        deployerClaim: 'jenkins',
        hotfix: true,
        status: 'failed',
        components: [
          { componentRef: 'component:default/api', version: '1.2.3' },
        ],
      });
      expect(one.body.finishedAt).toBe(one.body.startedAt);
      // A component the catalog does not know is refused, even with a System named.
      const outside = await post({
        idempotencyKey: 'k2',
        environment: 'dev',
        component: 'component:default/legacy',
        version: '1',
        status: 'succeeded',
        system: 'system:default/bank',
      });
      expect(outside.status).toBe(400);
      expect(outside.body.error.message).toBe(
        'component: component:default/legacy is not in the catalog; register the Component before reporting its deployments',
      );
      await post({
        idempotencyKey: 'k3',
        environment: 'production',
        component: 'component:default/web',
        version: '2.0.0',
        status: 'succeeded',
        rollback: true,
      });

      const page1 = await request(server).get(
        `${base}/deployments?system=system:default/shop&limit=1`,
      );
      expect(page1.body.items.map((d: any) => d.idempotencyKey)).toEqual([
        'k3',
      ]);
      const page2 = await request(server).get(
        `${base}/deployments?system=system:default/shop&limit=1&cursor=${page1.body.nextCursor}`,
      );
      expect(page2.body.items.map((d: any) => d.idempotencyKey)).toEqual([
        'k1',
      ]);
      expect(page2.body.nextCursor).toBeUndefined();
      const prod = await request(server).get(
        `${base}/deployments?system=system:default/shop&environment=production`,
      );
      expect(
        prod.body.items.map((d: any) => [d.idempotencyKey, d.rollback]),
      ).toEqual([['k3', true]]);
      const byId = await request(server).get(
        `${base}/deployments/${one.body.id}`,
      );
      expect(byId.body).toEqual(one.body);
    });

    it('answers bad deployment reports with 4xx messages that name the field', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const r1 = await cutRelease(server, 'r1');
      const ok = {
        idempotencyKey: 'k',
        environment: 'dev',
        status: 'succeeded',
      };
      const cases: Array<[unknown, number, string]> = [
        [
          { ...ok, environment: 'qa', releaseId: r1.id },
          400,
          "environment: 'qa' is not a configured environment; the lanes are dev, production",
        ],
        [
          { environment: 'dev', status: 'started', releaseId: r1.id },
          400,
          'idempotencyKey: Required',
        ],
        [
          { ...ok, idempotencyKey: 'has space', releaseId: r1.id },
          400,
          'idempotencyKey: may contain only printable ASCII',
        ],
        [
          ok,
          400,
          'component: give component and version, releaseId, or promotionId',
        ],
        [
          { ...ok, component: 'component:default/api' },
          400,
          'version: Required with component',
        ],
        [
          { ...ok, releaseId: r1.id, status: 'done' },
          400,
          'status: Invalid enum value',
        ],
        [
          {
            ...ok,
            releaseId: r1.id,
            status: 'started',
            finishedAt: '2026-11-20T10:00:00Z',
          },
          400,
          'finishedAt: must be absent while status is started',
        ],
        [
          {
            ...ok,
            releaseId: r1.id,
            startedAt: '2026-11-20T10:00:00Z',
            finishedAt: '2026-11-20T09:00:00Z',
          },
          400,
          'finishedAt: must not be before startedAt',
        ],
        [
          { ...ok, releaseId: r1.id, startedAt: '2999-01-01T00:00:00Z' },
          400,
          'finishedAt: must not be before startedAt',
        ],
        [
          { ...ok, releaseId: '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b' },
          404,
          'releaseId: no release with id',
        ],
        [
          { ...ok, releaseId: r1.id, system: 'system:default/bank' },
          400,
          'system: release r1 belongs to system:default/shop, not system:default/bank',
        ],
        [
          { ...ok, releaseId: r1.id, component: 'component:default/ledger' },
          400,
          'component: component:default/ledger is not in release r1',
        ],
        [
          {
            ...ok,
            releaseId: r1.id,
            component: 'component:default/api',
            version: '7.0.0',
          },
          400,
          'version: release r1 ships component:default/api at 1.0.0, not 7.0.0',
        ],
        [
          { ...ok, component: 'component:default/nope', version: '1.0.0' },
          400,
          'component: component:default/nope is not in the catalog',
        ],
        [
          {
            ...ok,
            component: 'component:default/api',
            version: '1.0.0',
            system: 'system:default/bank',
          },
          400,
          'system: component:default/api is part of system:default/shop in the catalog, not system:default/bank',
        ],
        [
          { ...ok, releaseId: r1.id, rollback: 'yes' },
          400,
          'rollback: Expected boolean',
        ],
      ];
      for (const [body, status, message] of cases) {
        const res = await request(server)
          .post(`${base}/deployments`)
          .set('Authorization', ci)
          .send(body as object);
        expect({
          body,
          status: res.status,
          message: res.body?.error?.message,
        }).toEqual({ body, status, message: expect.stringContaining(message) });
      }
      const reads: Array<[string, number, string]> = [
        ['/deployments', 400, 'system: Required'],
        ['/deployments/nope', 400, 'id: must be a deployment id'],
        [
          '/deployments/3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
          404,
          'No deployment with id',
        ],
        [
          '/systems/default/nope/environments',
          404,
          'system:default/nope is not in the catalog',
        ],
      ];
      for (const [path, status, message] of reads) {
        const res = await request(server).get(`${base}${path}`);
        expect({
          path,
          status: res.status,
          message: res.body?.error?.message,
        }).toEqual({ path, status, message: expect.stringContaining(message) });
      }
      const list = await request(server).get(
        `${base}/deployments?system=system:default/shop`,
      );
      expect(list.body.items).toEqual([]);
    });

    it('needs release-orchestration.deployment.report to report, and writes nothing when denied', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        permissions: {
          authorize: async requests =>
            requests.map(r => ({
              result:
                r.permission.name === 'release-orchestration.deployment.report'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        },
      });
      const res = await request(server)
        .post(`${base}/deployments`)
        .set('Authorization', ci)
        .send({
          idempotencyKey: 'k',
          environment: 'dev',
          component: 'component:default/api',
          version: '1.0.0',
          status: 'succeeded',
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'release-orchestration.deployment.report',
      );
      expect(
        (
          await request(server).get(
            `${base}/deployments?system=system:default/shop`,
          )
        ).body.items,
      ).toEqual([]);
      expect((await request(server).get(`${base}/audit`)).body.items).toEqual(
        [],
      );
    });

    it('answers the environments of a System in one request', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const r1 = await cutRelease(server, 'r1');
      await request(server)
        .post(`${base}/deployments`)
        .set('Authorization', ci)
        .send({
          idempotencyKey: 'd1',
          environment: 'dev',
          releaseId: r1.id,
          status: 'succeeded',
        })
        .expect(201);
      const res = await request(server).get(
        `${base}/systems/default/Shop/environments`,
      );
      expect(res.status).toBe(200);
      expect(res.body.systemRef).toBe('system:default/shop');
      expect(
        res.body.environments.map((e: any) => [
          e.environment,
          e.currentRelease?.version,
          e.knownGoodRelease?.version,
          e.drift.state,
        ]),
      ).toEqual([
        ['dev', 'r1', 'r1', 'in_sync'],
        ['production', undefined, undefined, 'unknown'],
      ]);
      expect(
        res.body.environments[1].incoming.changes.map((c: any) => c.change),
      ).toEqual(['added', 'added', 'added']);
    });

    /** The plugin with a deployment source `fake` that observes `observations`, run on demand. */
    async function startWithFakeSource(
      observations: ObservedDeployment[],
      config?: Record<string, unknown>,
    ) {
      const source = createBackendModule({
        pluginId: 'release-orchestration',
        moduleId: 'test-source',
        register(env) {
          env.registerInit({
            deps: {
              sources: releaseOrchestrationDeploymentSourcesExtensionPoint,
            },
            async init({ sources }) {
              sources.addDeploymentSource({
                id: 'fake',
                readDeployments: async () => [...observations],
              });
            },
          });
        },
      });
      let scheduler: SchedulerService | undefined;
      const grabScheduler = createBackendModule({
        pluginId: 'release-orchestration',
        moduleId: 'test-scheduler',
        register(env) {
          env.registerInit({
            deps: { scheduler: coreServices.scheduler },
            async init(deps) {
              scheduler = deps.scheduler;
            },
          });
        },
      });
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        ...(config ? { config } : {}),
        features: [
          source,
          grabScheduler,
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        ],
      });
      return {
        server,
        runSource: () => scheduler!.triggerTask(deploymentSourceTaskId('fake')),
      };
    }

    it('records what deployment sources observe, on their schedule, through the same rules', async () => {
      const observations: ObservedDeployment[] = [];
      const { server, runSource } = await startWithFakeSource(observations);
      const rollout: ObservedDeployment = {
        key: 'prod/api@abc123',
        environment: 'production',
        component: 'component:default/api',
        version: '1.4.0',
        status: 'started',
        startedAt: '2026-11-20T10:00:00Z',
        deployer: 'argocd:automated',
      };
      observations.push(rollout, {
        ...rollout,
        key: 'qa/api@abc123',
        environment: 'qa',
      });
      await runSource();
      observations[0] = {
        ...rollout,
        status: 'succeeded',
        finishedAt: '2026-11-20T10:03:00Z',
      };
      await runSource();
      await runSource();

      const list = await request(server).get(
        `${base}/deployments?system=system:default/shop`,
      );
      expect(list.body.items).toEqual([
        expect.objectContaining({
          idempotencyKey: 'fake:prod/api@abc123',
          environment: 'production',
          status: 'succeeded',
          deployer: 'service:deployment-source:fake',
          deployerClaim: 'argocd:automated',
          finishedAt: '2026-11-20T10:03:00.000Z',
          components: [
            { componentRef: 'component:default/api', version: '1.4.0' },
          ],
        }),
      ]);
      const audit = await request(server).get(
        `${base}/audit?entity=system:default/shop`,
      );
      expect(audit.body.items.map((e: any) => [e.action, e.actor])).toEqual([
        ['deployment.succeeded', 'service:deployment-source:fake'],
        ['deployment.started', 'service:deployment-source:fake'],
      ]);
    });

    it('leaves the DORA roll-ups of what a scheduled read observed to the catch-up, as an import does', async () => {
      const observations: ObservedDeployment[] = [
        {
          key: 'prod/api@1.5.0',
          environment: 'production',
          component: 'component:default/api',
          version: '1.5.0',
          status: 'succeeded',
          startedAt: '2026-11-21T10:00:00Z',
          finishedAt: '2026-11-21T10:04:00Z',
        },
        // A read is in the source's order, not time order: the older deployment comes second.
        {
          key: 'prod/api@1.4.0',
          environment: 'production',
          component: 'component:default/api',
          version: '1.4.0',
          status: 'succeeded',
          startedAt: '2026-11-20T10:00:00Z',
          finishedAt: '2026-11-20T10:03:00Z',
        },
      ];
      const { server, runSource } = await startWithFakeSource(observations, {
        releaseOrchestration: { dora: { importCatchUpDelaySeconds: 0.2 } },
      });
      await runSource();
      // Read right after the run, before the catch-up's delay has passed.
      expect((await shopSources(server)).doraBacklog).toEqual({
        deployments: 2,
        oldestDeployedAt: '2026-11-20T10:03:00.000Z',
      });
      expect(
        (await shopSourcesAfterCatchUp(server)).doraBacklog,
      ).toBeUndefined();
      const facts = await request(server).get(
        `${base}/dora/facts?entity=system:default/shop&metric=deploymentFrequency&from=2026-11-01T00:00:00.000Z&to=2026-12-01T00:00:00.000Z`,
      );
      expect(facts.status).toBe(200);
      expect(facts.body.items.map((f: any) => f.deployedAt).sort()).toEqual([
        '2026-11-20T10:03:00.000Z',
        '2026-11-21T10:04:00.000Z',
      ]);
    });
  });
});
