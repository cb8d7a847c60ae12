import { Knex } from 'knex';
import request from 'supertest';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import { base, ci, promotionApi } from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(90_000);

const hour = 3600_000;

/** Lanes dev -> staging; staging needs a 2h soak in dev and no approvals. */
const soakConfig = {
  releaseOrchestration: {
    environments: [
      { name: 'dev' },
      { name: 'staging', minSoak: '2h', rollback: { minApprovals: 0 } },
    ],
  },
};

/** Moves the release's success in a lane into the past, as if time had passed. */
async function succeededAgo(
  knex: Knex,
  releaseId: string,
  environment: string,
  ms: number,
) {
  await knex('promotions')
    .where({ release_id: releaseId, environment, state: 'succeeded' })
    .update({ updated_at: new Date(Date.now() - ms).toISOString() });
}

describe('soak time', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('says how long remains, blocks an early request with the reason, and releases it when the soak is over', async () => {
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
        config: soakConfig,
        entities: promotionTestEntities(),
      });
      const api = promotionApi(server);
      const r = await api.cutRelease('1.0.0');
      await api.promote(r.id, 'dev');
      await succeededAgo(knex, r.id, 'dev', 30 * 60_000);

      const envs = await api.get('/environments');
      expect(
        envs.body.items.find((e: any) => e.name === 'staging'),
      ).toMatchObject({ minSoakSeconds: 7200 });
      expect(
        envs.body.items.find((e: any) => e.name === 'staging').rollback
          .minSoakSeconds,
      ).toBeUndefined();

      const check = await api.get(
        `/releases/${r.id}/promotions/check?environment=staging`,
      );
      expect(check.body).toMatchObject({
        outcome: 'blocked',
        policy: { minSoakSeconds: 7200 },
      });
      expect(check.body.unmetConditions).toEqual([
        {
          code: 'soaking',
          message: expect.stringMatching(
            /^release 1\.0\.0 of system:default\/shop has soaked in dev for 30m of 2h; ready at \S+Z \(1h 30m to go\)$/,
          ),
        },
      ]);
      const readyAt = Date.parse(check.body.readyAt);
      expect(Math.abs(readyAt - (Date.now() + 1.5 * hour))).toBeLessThan(
        60_000,
      );

      const early = await api.request(r.id, 'staging');
      expect(early.status).toBe(201);
      expect(early.body).toMatchObject({
        state: 'blocked',
        blockedReason: expect.stringContaining('ready at'),
      });

      const queue = await api.get(
        '/promotions?state=blocked&system=system:default/shop',
      );
      expect(
        queue.body.items.map((i: any) => [i.promotion.id, i.readyAt]),
      ).toEqual([[early.body.id, check.body.readyAt]]);

      // The scheduled re-evaluation (also run when a freeze is deleted) leaves it while soaking ...
      const freeze = async () => {
        const f = await api.post('/freezes', {
          environment: 'dev',
          start: new Date(Date.now() + 10 * hour).toISOString(),
          end: new Date(Date.now() + 11 * hour).toISOString(),
          reason: 'unrelated window',
        });
        expect((await api.del(`/freezes/${f.body.id}`)).status).toBe(204);
      };
      await freeze();
      expect((await api.get(`/promotions/${early.body.id}`)).body.state).toBe(
        'blocked',
      );

      // ... and releases it once the soak is over.
      await succeededAgo(knex, r.id, 'dev', 3 * hour);
      await freeze();
      const released = (await api.get(`/promotions/${early.body.id}`)).body;
      expect(released.state).toBe('approved');
      expect(released.transitions.at(-1)).toMatchObject({
        from: 'blocked',
        to: 'approved',
        actor: 'service:release-orchestration',
        reason: 'the 2h soak in dev is over',
      });
    });

    it('holds the soak while an incident is open in the previous lane and counts again from its resolution', async () => {
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
        config: soakConfig,
        entities: promotionTestEntities(),
      });
      const api = promotionApi(server);
      const patch = (path: string, body: object) =>
        request(server)
          .patch(`${base}${path}`)
          .set('Authorization', ci)
          .send(body);
      const r = await api.cutRelease('2.0.0');
      await api.promote(r.id, 'dev');
      await succeededAgo(knex, r.id, 'dev', 5 * hour);
      const incident = await api.post('/incidents', {
        externalId: 'INC-7',
        system: 'system:default/shop',
        environment: 'dev',
        releaseId: r.id,
        title: 'Errors in dev',
        openedAt: new Date(Date.now() - 4 * hour).toISOString(),
      });
      expect(incident.status).toBe(201);

      const held = await api.get(
        `/releases/${r.id}/promotions/check?environment=staging`,
      );
      expect(held.body.outcome).toBe('blocked');
      expect(held.body.readyAt).toBeUndefined();
      expect(held.body.unmetConditions[0].message).toContain(
        'has an open incident in dev',
      );

      await patch(`/incidents/${incident.body.id}`, {
        resolvedAt: new Date(Date.now() - hour).toISOString(),
      }).expect(200);
      const after = await api.get(
        `/releases/${r.id}/promotions/check?environment=staging`,
      );
      expect(after.body.unmetConditions[0].message).toContain(
        'has soaked in dev for 1h of 2h',
      );

      await patch(`/incidents/${incident.body.id}`, {
        resolvedAt: new Date(Date.now() - 3 * hour).toISOString(),
      }).expect(200);
      const done = await api.get(
        `/releases/${r.id}/promotions/check?environment=staging`,
      );
      expect(done.body).toMatchObject({
        outcome: 'approved',
        unmetConditions: [],
      });
    });

    it('refuses a release that never succeeded in the previous lane, naming the soak', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: {
          releaseOrchestration: {
            environments: [
              { name: 'dev' },
              {
                name: 'staging',
                minSoak: '90m',
                requirePreviousEnvironment: false,
              },
            ],
          },
        },
        entities: promotionTestEntities(),
      });
      const api = promotionApi(server);
      const r = await api.cutRelease('3.0.0');
      const refused = await api.request(r.id, 'staging');
      expect(refused.status).toBe(422);
      expect(refused.body.unmetConditions).toEqual([
        {
          code: 'previous-environment',
          message: expect.stringContaining(
            'staging needs it to run there for 1h 30m first',
          ),
        },
      ]);
    });
  });
});
