import { buildInput } from './__testUtils__/fixtures';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  as,
  ci,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(120_000);

const check = '/systems/default/shop/rollback/check?environment=production';

describe('GET /systems/{namespace}/{name}/rollback/check', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('names the target, the rollback gate check and what it changes, or why there is none, changing nothing', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: promotionTestConfig,
        entities: promotionTestEntities(),
      });
      const api = promotionApi(server);
      const r1 = await api.cutRelease('1.0.0');
      await api
        .post(
          '/builds',
          buildInput('api', '1.1.0', {
            commits: [
              {
                sha: 'c'.repeat(40),
                time: '2026-11-02T10:00:00.000Z',
                message: 'Risky change (#7)',
                author: 'Ada',
              },
            ],
          }),
          ci,
        )
        .expect(201);
      const r2 = await api.cutRelease('2.0.0', '1.1.0');
      for (const r of [r1, r2]) {
        await api.attachPassing(r.id, 'unit-tests', 'security-scan');
        await api.promote(r.id, 'dev');
        await api.promote(r.id, 'staging');
      }

      // Nothing succeeded in production yet.
      const none = await api.get(check, as('dev1'));
      expect(none.status).toBe(200);
      expect(none.body).toEqual({
        environment: 'production',
        refusal: {
          code: 'not-known-good',
          message:
            'no earlier release of system:default/shop succeeded in production; there is nothing known to be good to roll back to',
        },
      });

      await api.promote(r1.id, 'production', ['rita', 'ravi']);
      await api.promote(r2.id, 'production', ['rita', 'ravi']);
      const before = (
        await api.get(
          '/promotions?system=system:default/shop&limit=100',
          as('dev1'),
        )
      ).body.items.length;

      const ready = await api.get(check, as('dev1'));
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        environment: 'production',
        target: { id: r1.id, version: '1.0.0' },
        current: { id: r2.id, version: '2.0.0' },
        check: {
          releaseId: r1.id,
          rollback: true,
          outcome: 'pending_approval',
          policy: { minApprovals: 1, requiredEvidence: [] },
          unmetConditions: [],
        },
      });
      const api1 = ready.body.changes.find(
        (c: any) => c.componentRef === 'component:default/api',
      );
      expect(api1).toMatchObject({
        change: 'changed',
        fromVersion: '1.1.0',
        toVersion: '1.0.0',
        commits: [],
      });
      expect(
        api1.revertedCommits.map((c: any) => [c.message, c.author]),
      ).toEqual([['Risky change (#7)', 'Ada']]);

      // A dry run: no promotion was asked for.
      expect(
        (
          await api.get(
            '/promotions?system=system:default/shop&limit=100',
            as('dev1'),
          )
        ).body.items,
      ).toHaveLength(before);

      const named = await api.get(`${check}&toRelease=${r2.id}`, as('dev1'));
      expect(named.body.refusal.message).toContain(
        'is what production was last deployed with',
      );
      expect(named.body.target).toBeUndefined();
      expect(
        (
          await api.get(
            '/systems/default/shop/rollback/check?environment=qa',
            as('dev1'),
          )
        ).status,
      ).toBe(400);
      expect(
        (await api.get('/systems/default/shop/rollback/check', as('dev1')))
          .status,
      ).toBe(400);
    });
  });
});
