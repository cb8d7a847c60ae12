import { promotionTestEntities } from './__testUtils__/orgFixtures';
import { as, promotionApi } from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(60_000);

/** Production takes its unit-tests and security-scan evidence only from CI. */
const config = {
  releaseOrchestration: {
    environments: [
      { name: 'dev' },
      {
        name: 'production',
        requiredEvidence: ['unit-tests', 'security-scan'],
        evidenceFrom: 'service',
        requirePreviousEnvironment: false,
      },
    ],
  },
};

describe('evidenceFrom: service', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('counts only evidence a service principal attached, says so in plain words, and keeps the rule with the promotion', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config,
        entities: promotionTestEntities(),
      });
      const api = promotionApi(server);
      const release = await api.cutRelease('1.0.0');
      const evidence = (type: string) => ({
        type,
        status: 'pass',
        url: `https://ci.example/${type}`,
        summary: `${type} passed`,
      });

      // A developer attaches a passing scan by hand: recorded, with who attached it, but it does not count.
      const byHand = await api.post(
        `/releases/${release.id}/evidence`,
        evidence('security-scan'),
        as('dev1'),
      );
      expect(byHand.status).toBe(201);
      expect(byHand.body.createdBy).toBe('user:default/dev1');
      await api.attachPassing(release.id, 'unit-tests');
      const check = await api.get(
        `/releases/${release.id}/promotions/check?environment=production`,
      );
      expect(check.body.unmetConditions).toEqual([
        {
          code: 'evidence-not-from-service',
          message: `The security-scan evidence of release ${release.version} of system:default/shop was attached by user:default/dev1, a person; production accepts security-scan evidence only from a service principal (CI), so attach it from the pipeline`,
        },
      ]);
      const refused = await api.request(release.id, 'production');
      expect(refused.status).toBe(422);

      // The same evidence from CI (a service principal) satisfies the gate.
      await api.attachPassing(release.id, 'security-scan');
      const promoted = await api.request(release.id, 'production');
      expect(promoted.status).toBe(201);
      expect(promoted.body.policy).toMatchObject({
        evidenceFrom: 'service',
        requiredEvidence: ['unit-tests', 'security-scan'],
      });
      expect(
        (await api.get(`/promotions/${promoted.body.id}`)).body.policy
          .evidenceFrom,
      ).toBe('service');
      // dev takes evidence from anyone.
      expect(
        (await api.get('/environments')).body.items.map((e: any) => [
          e.name,
          e.evidenceFrom,
        ]),
      ).toEqual([
        ['dev', undefined],
        ['production', 'service'],
      ]);
    });
  });
});
