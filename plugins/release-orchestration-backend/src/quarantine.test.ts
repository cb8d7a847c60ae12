import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  as,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(90_000);

const shop = 'system:default/shop';

describe('quarantine of releases', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const start = (config: Record<string, any> = promotionTestConfig) =>
      startPluginBackend({
        databases,
        databaseId,
        config,
        entities: promotionTestEntities(),
      });

    it('refuses every promotion of a quarantined release, withdraws its open requests, skips it as known-good, and audits quarantine and lift', async () => {
      const { server } = await start();
      const api = promotionApi(server);
      const [r1, r2, r3] = [
        await api.cutRelease('1.0.0'),
        await api.cutRelease('2.0.0'),
        await api.cutRelease('3.0.0'),
      ];
      for (const r of [r1, r2]) {
        await api.attachPassing(r.id, 'unit-tests');
        await api.promote(r.id, 'dev');
      }
      const staging = await api.request(r2.id, 'staging');
      expect(staging.body.state).toBe('approved');
      await api.promote(r3.id, 'dev');

      const tooShort = await api.post(
        `/releases/${r2.id}/quarantine`,
        { reason: 'bad' },
        as('rita'),
      );
      expect(tooShort.status).toBe(400);
      expect(tooShort.body.error.message).toContain('reason');

      const reason = 'Corrupts carts when the basket has 100 items';
      const quarantined = await api.post(
        `/releases/${r2.id}/quarantine`,
        { reason },
        as('rita'),
      );
      expect(quarantined.status).toBe(200);
      expect(quarantined.body).toMatchObject({
        id: r2.id,
        quarantine: {
          reason,
          quarantinedBy: 'user:default/rita',
          quarantinedAt: expect.any(String),
        },
      });
      expect(
        (
          await api.post(
            `/releases/${r2.id}/quarantine`,
            { reason },
            as('rita'),
          )
        ).status,
      ).toBe(409);

      const withdrawn = await api.get(`/promotions/${staging.body.id}`);
      expect(withdrawn.body.state).toBe('cancelled');

      for (const environment of ['staging', 'production', 'dev']) {
        const refused = await api.request(r2.id, environment);
        expect(refused.status).toBe(422);
        expect(refused.body.unmetConditions).toContainEqual({
          code: 'quarantined',
          message: expect.stringContaining(reason),
        });
      }
      const check = await api.get(
        `/releases/${r2.id}/promotions/check?environment=staging`,
        as('dev1'),
      );
      expect(check.body.outcome).toBe('refused');

      const list = await api.get(`/releases?system=${shop}`);
      expect(
        list.body.items.map((r: any) => [r.version, r.quarantine?.reason]),
      ).toEqual([
        ['3.0.0', undefined],
        ['2.0.0', reason],
        ['1.0.0', undefined],
      ]);

      // dev runs 3.0.0; without the quarantine the rollback would go to 2.0.0.
      const rollback = await api.post(
        '/systems/default/shop/rollback',
        { environment: 'dev' },
        as('dev1'),
      );
      expect(rollback.status).toBe(201);
      expect(rollback.body).toMatchObject({ releaseId: r1.id, rollback: true });
      const named = await api.post(
        '/systems/default/shop/rollback',
        { environment: 'dev', toRelease: r2.id },
        as('dev1'),
      );
      expect(named.status).toBe(422);
      expect(named.body.unmetConditions.map((c: any) => c.code)).toContain(
        'quarantined',
      );

      const lift = await api.post(
        `/releases/${r2.id}/quarantine/lift`,
        { reason: 'The failure was in the test data' },
        as('rita'),
      );
      expect(lift.status).toBe(200);
      expect(lift.body.quarantine).toBeUndefined();
      expect(
        (
          await api.post(
            `/releases/${r2.id}/quarantine/lift`,
            { reason: 'The failure was in the test data' },
            as('rita'),
          )
        ).status,
      ).toBe(409);
      expect((await api.request(r2.id, 'staging')).status).toBe(201);

      const audit = await api.get(
        `/audit?entity=${encodeURIComponent(shop)}&limit=100`,
      );
      const actions = audit.body.items
        .filter((e: any) => e.subjectId === r2.id)
        .map((e: any) => [e.action, e.actor]);
      expect(actions).toEqual([
        ['release.quarantine-lifted', 'user:default/rita'],
        ['release.quarantined', 'user:default/rita'],
        ['release.created', expect.any(String)],
      ]);
      const cancelled = audit.body.items.find(
        (e: any) =>
          e.subjectId === staging.body.id && e.action === 'promotion.cancelled',
      );
      expect(cancelled.summary).toContain(
        `the release was quarantined: ${reason}`,
      );
      expect((await api.get('/audit/verify')).body).toMatchObject({
        valid: true,
      });
    });

    it("replaces the approvers' notification of a pending promotion the quarantine withdrew", async () => {
      const { server, notifications } = await startPluginBackend({
        databases,
        databaseId,
        config: promotionTestConfig,
        entities: promotionTestEntities(),
      });
      const api = promotionApi(server);
      const r = await api.cutRelease('1.0.0');
      await api.attachPassing(r.id, 'unit-tests', 'security-scan');
      await api.promote(r.id, 'dev');
      await api.promote(r.id, 'staging');
      const pending = await api.request(r.id, 'production');
      expect(pending.body.state).toBe('pending_approval');
      expect(notifications.sent.at(-1)?.payload.title).toBe(
        'Approval needed: shop 1.0.0 to production',
      );

      const reason = 'Corrupts carts when the basket has 100 items';
      expect(
        (await api.post(`/releases/${r.id}/quarantine`, { reason }, as('rita')))
          .status,
      ).toBe(200);
      expect(notifications.sent.at(-1)).toMatchObject({
        recipients: {
          type: 'entity',
          entityRef: [
            'user:default/ravi',
            'user:default/rita',
            'user:default/sam',
          ],
        },
        payload: {
          title: 'Cancelled: shop 1.0.0 to production',
          description: `user:default/rita withdrew the request: the release was quarantined: ${reason}; no vote needed any more.`,
          scope: `release-orchestration:promotion:${pending.body.id}`,
        },
      });
    });

    /** A production deployment of a release, then an incident attributed to it. */
    async function productionIncident(onProductionIncident?: boolean) {
      const { server } = await start({
        releaseOrchestration: {
          environments: [{ name: 'dev' }, { name: 'production' }],
          ...(onProductionIncident === undefined
            ? {}
            : { quarantine: { onProductionIncident } }),
        },
      });
      const api = promotionApi(server);
      const r = await api.cutRelease('1.0.0');
      const deployment = await api.post('/deployments', {
        idempotencyKey: 'cd:1',
        environment: 'production',
        releaseId: r.id,
        status: 'succeeded',
        startedAt: '2026-11-03T09:50:00Z',
        finishedAt: '2026-11-03T10:00:00Z',
      });
      expect(deployment.status).toBe(201);
      const incident = await api.post('/incidents', {
        externalId: 'INC-1',
        system: shop,
        title: 'Checkout errors',
        openedAt: '2026-11-03T11:00:00Z',
      });
      expect(incident.body).toMatchObject({
        releaseId: r.id,
        deploymentId: deployment.body.id,
        attribution: 'automatic',
      });
      const environments = await api.get('/systems/default/shop/environments');
      return {
        release: (await api.get(`/releases/${r.id}`)).body,
        incident: incident.body,
        production: environments.body.environments.find(
          (e: any) => e.environment === 'production',
        ),
      };
    }

    it('quarantines the release of a production deployment an incident is attributed to, when configured', async () => {
      const { release, incident, production } = await productionIncident(true);
      expect(release.quarantine).toEqual({
        reason: expect.stringContaining(
          'incident INC-1 (api) in production is attributed to its deployment',
        ),
        quarantinedBy: 'service:release-orchestration',
        quarantinedAt: expect.any(String),
        incidentId: incident.id,
      });
      expect(production.currentRelease).toMatchObject({
        id: release.id,
        quarantineReason: release.quarantine.reason,
      });
      expect(production.knownGoodRelease).toBeUndefined();
    });

    it('leaves the release alone by default', async () => {
      const { release, production } = await productionIncident();
      expect(release.quarantine).toBeUndefined();
      expect(production.currentRelease.quarantineReason).toBeUndefined();
    });
  });
});
