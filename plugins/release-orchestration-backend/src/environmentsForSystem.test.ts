import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(60_000);

describe('GET /environments?system=: the policy in force for one System', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const start = (annotations: Record<string, string> = {}) =>
      startPluginBackend({
        databases,
        databaseId,
        config: promotionTestConfig,
        entities: promotionTestEntities(annotations),
      });

    it('gives each lane the named policy the System selects, the same the gate check enforces', async () => {
      const { server } = await start({
        'release-orchestration.io/policy': 'regulated',
      });
      const api = promotionApi(server);

      const lanes = (await api.get('/environments?system=system:default/shop'))
        .body.items;
      expect(
        lanes.map((l: any) => [
          l.name,
          l.minApprovals,
          l.requiredEvidence,
          l.policyName,
        ]),
      ).toEqual([
        ['dev', 0, [], undefined],
        ['staging', 0, ['unit-tests'], undefined],
        [
          'production',
          3,
          ['unit-tests', 'security-scan', 'change-ticket'],
          'regulated',
        ],
      ]);
      // Rollbacks keep the lane's rollback block, then the named policy's fields win.
      expect(lanes[2].rollback).toMatchObject({
        minApprovals: 3,
        requirePreviousEnvironment: false,
      });

      const release = await api.cutRelease('1.0.0');
      const check = await api.get(
        `/releases/${release.id}/promotions/check?environment=production`,
      );
      expect(check.body.policy).toMatchObject({
        minApprovals: lanes[2].minApprovals,
        requiredEvidence: lanes[2].requiredEvidence,
      });

      // Without ?system= the lane defaults, as before.
      const defaults = (await api.get('/environments')).body.items;
      expect(defaults[2]).toMatchObject({
        minApprovals: 2,
        requiredEvidence: ['unit-tests', 'security-scan'],
      });
      expect(defaults[2].policyName).toBeUndefined();
    });

    it('gives the lane defaults to a System without a named policy, 404 for an unknown System, 400 for a bad ref', async () => {
      const { server } = await start();
      const api = promotionApi(server);

      const lanes = (await api.get('/environments?system=system:default/shop'))
        .body.items;
      expect(lanes[2]).toMatchObject({ name: 'production', minApprovals: 2 });
      expect(lanes.every((l: any) => l.policyName === undefined)).toBe(true);

      const unknown = await api.get('/environments?system=system:default/nope');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'No System system:default/nope in the catalog',
      );

      const bad = await api.get('/environments?system=shop');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(
        'system: must be a full system entity ref',
      );
      const extra = await api.get('/environments?team=x');
      expect(extra.status).toBe(400);
    });
  });
});
