import request from 'supertest';
import { buildInput } from './__testUtils__/fixtures';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import { as, base, promotionApi } from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(90_000);

/**
 * dev -> staging, then two production lanes after staging (EU needs one release manager's
 * approval, US none), and `audit`, which comes after both production lanes.
 */
const fanOutConfig = {
  releaseOrchestration: {
    environments: [
      { name: 'dev' },
      { name: 'staging' },
      {
        name: 'production-eu',
        title: 'Production EU',
        after: ['staging'],
        approvers: ['group:default/release-managers'],
      },
      { name: 'production-us', title: 'Production US', after: ['staging'] },
      { name: 'audit', after: ['production-eu', 'production-us'] },
    ],
  },
};

describe('parallel lanes and fan-out', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function start() {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: fanOutConfig,
        entities: promotionTestEntities(),
      });
      return { server, api: promotionApi(server) };
    }

    it('lists the lanes in graph order with what each comes after', async () => {
      const { api } = await start();
      const envs = await api.get('/environments');
      expect(envs.status).toBe(200);
      expect(
        envs.body.items.map((e: any) => [
          e.name,
          e.after,
          e.requirePreviousEnvironment,
        ]),
      ).toEqual([
        ['dev', [], false],
        ['staging', ['dev'], true],
        ['production-eu', ['staging'], true],
        ['production-us', ['staging'], true],
        ['audit', ['production-eu', 'production-us'], true],
      ]);
      // The same with the System's effective policies (what the release page reads).
      const forShop = await api.get('/environments?system=system:default/shop');
      expect(forShop.status).toBe(200);
      expect(forShop.body.items.map((e: any) => [e.name, e.after])).toEqual([
        ['dev', []],
        ['staging', ['dev']],
        ['production-eu', ['staging']],
        ['production-us', ['staging']],
        ['audit', ['production-eu', 'production-us']],
      ]);
    });

    it('promotes one release into both production lanes at once, each with its own policy, all or none', async () => {
      const { server, api } = await start();
      const r = await api.cutRelease('1.0.0');
      await api.promote(r.id, 'dev');

      // Neither production lane takes it before staging: the whole request is refused, per lane.
      const early = await api.post(
        '/promotions',
        { releaseId: r.id, environments: ['production-eu', 'production-us'] },
        as('dev1'),
      );
      expect(early.status).toBe(422);
      expect(
        early.body.unmetConditions.map((c: any) => c.message.split(':')[0]),
      ).toEqual(['production-eu', 'production-us']);
      expect(early.body.unmetConditions[0]).toMatchObject({
        code: 'previous-environment',
        message: expect.stringContaining(
          'has not succeeded in Staging (staging) yet',
        ),
      });
      expect((await api.get(`/releases/${r.id}`)).status).toBe(200);
      const none = await api.get(
        '/promotions?system=system:default/shop&state=pending_approval',
      );
      expect(none.body.items).toEqual([]);

      await api.promote(r.id, 'staging');
      const fan = await request(server)
        .post(`${base}/promotions`)
        .set('Authorization', as('dev1'))
        .set('Idempotency-Key', 'fan-out-1')
        .send({
          releaseId: r.id,
          environments: ['production-us', 'production-eu'],
          justification: 'EU and US together',
        });
      expect(fan.status).toBe(201);
      // In graph order, each lane under its own policy.
      expect(
        fan.body.items.map((p: any) => [
          p.environment,
          p.state,
          p.policy.minApprovals,
          p.requestedBy,
          p.justification,
        ]),
      ).toEqual([
        [
          'production-eu',
          'pending_approval',
          1,
          'user:default/dev1',
          'EU and US together',
        ],
        [
          'production-us',
          'approved',
          0,
          'user:default/dev1',
          'EU and US together',
        ],
      ]);
      const [eu, us] = fan.body.items;
      expect(eu.id).not.toBe(us.id);

      // A retry with the same key gets the same two promotions, and makes no third.
      const retry = await request(server)
        .post(`${base}/promotions`)
        .set('Authorization', as('dev1'))
        .set('Idempotency-Key', 'fan-out-1')
        .send({
          releaseId: r.id,
          environments: ['production-us', 'production-eu'],
          justification: 'EU and US together',
        });
      expect(retry.status).toBe(201);
      expect(retry.body.items.map((p: any) => p.id)).toEqual([eu.id, us.id]);

      // Without a key, a repeat is refused (409): both lanes already have an open promotion.
      const again = await api.post(
        '/promotions',
        { releaseId: r.id, environments: ['production-eu', 'production-us'] },
        as('dev1'),
      );
      expect(again.status).toBe(409);
      expect(again.body.unmetConditions.map((c: any) => c.code)).toEqual([
        'open-promotion',
        'open-promotion',
      ]);

      // Each lane moves on its own: US deploys now, EU waits for its approval.
      await api.deploy(us.id);
      const audit = await api.get(
        `/releases/${r.id}/promotions/check?environment=audit`,
      );
      expect(audit.body.outcome).toBe('refused');
      expect(audit.body.unmetConditions).toEqual([
        {
          code: 'previous-environment',
          message:
            'release 1.0.0 of system:default/shop has not succeeded in Production EU (production-eu) yet; promote it there first, audit only takes a release that succeeded in every environment before it (production-eu, production-us)',
        },
      ]);
      expect((await api.vote(eu.id, 'rita')).status).toBe(201);
      await api.deploy(eu.id);
      const ready = await api.get(
        `/releases/${r.id}/promotions/check?environment=audit`,
      );
      expect(ready.body).toMatchObject({
        outcome: 'approved',
        unmetConditions: [],
      });
    });

    it('stores no lane when one lane is refused or unknown', async () => {
      const { api } = await start();
      const r = await api.cutRelease('1.0.0');
      await api.promote(r.id, 'dev');
      await api.promote(r.id, 'staging');
      // An open promotion into US: the fan-out into EU and US stores nothing.
      const us = await api.request(r.id, 'production-us');
      expect(us.status).toBe(201);
      const fan = await api.post(
        '/promotions',
        { releaseId: r.id, environments: ['production-eu', 'production-us'] },
        as('dev1'),
      );
      expect(fan.status).toBe(409);
      expect(fan.body.unmetConditions).toEqual([
        {
          code: 'open-promotion',
          message: expect.stringMatching(
            /^production-us: release 1\.0\.0 of system:default\/shop already has an open promotion into production-us/,
          ),
        },
      ]);
      const promotions = await api.get(`/releases/${r.id}`);
      expect(
        promotions.body.promotions
          .filter((p: any) => p.environment.startsWith('production'))
          .map((p: any) => p.environment),
      ).toEqual(['production-us']);

      const unknown = await api.post(
        '/promotions',
        { releaseId: r.id, environments: ['production-eu', 'production-mars'] },
        as('dev1'),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain(
        "environments[1]: 'production-mars' is not a configured environment",
      );
      const twice = await api.post(
        '/promotions',
        { releaseId: r.id, environments: ['audit', 'audit'] },
        as('dev1'),
      );
      expect(twice.status).toBe(400);
      expect(twice.body.error.message).toContain("'audit' is listed twice");
      const empty = await api.post(
        '/promotions',
        { releaseId: r.id, environments: [] },
        as('dev1'),
      );
      expect(empty.status).toBe(400);
      const missing = await api.post(
        '/promotions',
        {
          releaseId: '00000000-0000-4000-8000-000000000000',
          environments: ['dev'],
        },
        as('dev1'),
      );
      expect(missing.status).toBe(404);
    });

    it('counts both production lanes of a fan-out for DORA (production = a set of lanes)', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        // No `audit` lane: the lanes at the end are production-eu and production-us.
        config: {
          releaseOrchestration: {
            environments: fanOutConfig.releaseOrchestration.environments.slice(
              0,
              4,
            ),
          },
        },
        entities: promotionTestEntities(),
      });
      const api = promotionApi(server);
      await api
        .post(
          '/builds',
          buildInput('api', '1.0.0', { commitTime: '2026-11-03T08:00:00Z' }),
        )
        .expect(201);
      const deploy = (environment: string, finishedAt: string) =>
        api.post('/deployments', {
          idempotencyKey: `cd:${environment}`,
          environment,
          component: 'component:default/api',
          version: '1.0.0',
          status: 'succeeded',
          startedAt: '2026-11-03T09:00:00Z',
          finishedAt,
        });
      expect((await deploy('staging', '2026-11-03T09:10:00Z')).status).toBe(
        201,
      );
      const eu = await deploy('production-eu', '2026-11-03T10:00:00Z');
      expect(eu.status).toBe(201);
      const us = await deploy('production-us', '2026-11-04T10:00:00Z');
      expect(us.status).toBe(201);

      const incident = (externalId: string, environment?: string) =>
        api.post('/incidents', {
          externalId,
          system: 'system:default/shop',
          title: 'Checkout errors',
          openedAt: '2026-11-04T11:00:00Z',
          ...(environment ? { environment } : {}),
        });
      const inUs = await incident('INC-US', 'production-us');
      expect(inUs.body).toMatchObject({
        environment: 'production-us',
        deploymentId: us.body.id,
      });
      await incident('INC-STAGING', 'staging');
      // Without a lane an incident is reported in the first production lane.
      expect((await incident('INC-DEFAULT')).body).toMatchObject({
        environment: 'production-eu',
        deploymentId: eu.body.id,
      });

      const dora = await api.get(
        '/dora?entity=system:default/shop&from=2026-11-02T00:00:00Z&to=2026-11-09T00:00:00Z',
      );
      expect(dora.status).toBe(200);
      expect(dora.body.productionEnvironment).toBe(
        'production-eu, production-us',
      );
      expect(dora.body.current).toMatchObject({
        deploymentFrequency: { deployments: 2, daysWithDeployment: 2 },
        // Each production lane's deployment failed (an incident attributed to it); staging's
        // deployment and incident do not count.
        changeFailureRate: { deployments: 2, failedChanges: 2 },
        incidents: { opened: 2 },
      });
    });
  });
});
