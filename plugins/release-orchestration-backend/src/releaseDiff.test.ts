import { buildInput } from './__testUtils__/fixtures';
import {
  ci,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(60_000);

const config = {
  releaseOrchestration: {
    ...promotionTestConfig.releaseOrchestration,
    commitLinks: {
      commitUrl: 'https://git.example.com/acme/{component}/commit/{sha}',
      references: [
        {
          kind: 'pullRequest',
          pattern: '#(\\d+)',
          url: 'https://git.example.com/acme/{component}/pull/{1}',
        },
        {
          kind: 'ticket',
          pattern: '\\bPAY-\\d+\\b',
          url: 'https://jira.example.com/browse/{0}',
        },
      ],
    },
  },
};

describe('GET /releases/{id}/diff with commits', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('lists per component the commits with author, link and references, against a release or a lane', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config,
      });
      const api = promotionApi(server);
      const r1 = await api.cutRelease('1.0.0');
      await api
        .post('/deployments', {
          idempotencyKey: 'prod-1.0.0',
          environment: 'production',
          releaseId: r1.id,
          status: 'succeeded',
          startedAt: '2026-11-01T12:00:00Z',
          finishedAt: '2026-11-01T12:05:00Z',
        })
        .expect(201);
      await api
        .post(
          '/builds',
          buildInput('api', '1.1.0', {
            commits: [
              {
                sha: 'a'.repeat(40),
                time: '2026-11-02T10:00:00.000Z',
                message: 'PAY-42: faster refunds (#123)',
                author: 'Ada Lovelace',
              },
              {
                sha: 'b'.repeat(40),
                time: '2026-11-02T11:00:00.000Z',
                message: 'Tidy up ABC-9',
              },
            ],
          }),
          ci,
        )
        .expect(201);
      const r2 = await api.cutRelease('1.1.0');

      const vsProduction = await api.get(
        `/releases/${r2.id}/diff?against=production`,
      );
      expect(vsProduction.status).toBe(200);
      expect(vsProduction.body.against).toEqual({
        id: r1.id,
        version: '1.0.0',
      });
      expect(vsProduction.body.environment).toBe('production');
      const apiChange = vsProduction.body.changes.find(
        (c: any) => c.componentRef === 'component:default/api',
      );
      expect(apiChange).toMatchObject({
        change: 'changed',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
      });
      expect(apiChange.commits).toEqual([
        {
          sha: 'b'.repeat(40),
          time: '2026-11-02T11:00:00.000Z',
          message: 'Tidy up ABC-9',
          version: '1.1.0',
          url: `https://git.example.com/acme/api/commit/${'b'.repeat(40)}`,
          references: [],
        },
        {
          sha: 'a'.repeat(40),
          time: '2026-11-02T10:00:00.000Z',
          message: 'PAY-42: faster refunds (#123)',
          author: 'Ada Lovelace',
          version: '1.1.0',
          url: `https://git.example.com/acme/api/commit/${'a'.repeat(40)}`,
          references: [
            {
              kind: 'pullRequest',
              text: '#123',
              url: 'https://git.example.com/acme/api/pull/123',
            },
            {
              kind: 'ticket',
              text: 'PAY-42',
              url: 'https://jira.example.com/browse/PAY-42',
            },
          ],
        },
      ]);

      // The same against the release by id, and the notes name what the configured patterns find.
      const vsRelease = await api.get(
        `/releases/${r2.id}/diff?against=${r1.id}`,
      );
      expect(vsRelease.body.changes).toEqual(vsProduction.body.changes);
      const notes = await api.get(
        `/releases/${r2.id}/notes?against=production`,
      );
      expect(notes.body.pullRequests).toEqual(['#123']);
      expect(notes.body.tickets).toEqual(['PAY-42']);

      // Nothing released in staging yet: everything is new there.
      const vsStaging = await api.get(
        `/releases/${r2.id}/diff?against=staging`,
      );
      expect(vsStaging.body.against).toBeUndefined();
      expect(
        vsStaging.body.changes.every((c: any) => c.change === 'added'),
      ).toBe(true);

      const unknownLane = await api.get(
        `/releases/${r2.id}/diff?against=nowhere`,
      );
      expect(unknownLane.status).toBe(400);
      expect(unknownLane.body.error.message).toMatch(
        /^environment: 'nowhere' is not a configured environment/,
      );
      const badValue = await api.get(
        `/releases/${r2.id}/diff?against=Not_a_lane`,
      );
      expect(badValue.status).toBe(400);
      expect(badValue.body.error.message).toMatch(/against/);
      expect(
        (
          await api.get(
            `/releases/${r2.id}/diff?against=production&environment=dev`,
          )
        ).status,
      ).toBe(400);
    });
  });
});

describe('GET /releases/{idOrVersion}', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('finds a release by version name within its System, and still by id', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config,
      });
      const api = promotionApi(server);
      const r1 = await api.cutRelease('2026.12.06-1');

      const byVersion = await api.get(
        '/releases/2026.12.06-1?system=system:default/shop',
      );
      expect(byVersion.status).toBe(200);
      expect(byVersion.body).toMatchObject({
        id: r1.id,
        version: '2026.12.06-1',
      });
      expect((await api.get(`/releases/${r1.id}`)).body.version).toBe(
        '2026.12.06-1',
      );
      expect(
        (await api.get(`/releases/${r1.id}?system=system:default/shop`)).status,
      ).toBe(200);

      const withoutSystem = await api.get('/releases/2026.12.06-1');
      expect(withoutSystem.status).toBe(400);
      expect(withoutSystem.body.error.message).toMatch(/^system: required/);
      const unknown = await api.get(
        '/releases/2026.12.07-1?system=system:default/shop',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'system:default/shop has no release named 2026.12.07-1',
      );
      expect(
        (
          await api.get(
            '/releases/not%20a%20version?system=system:default/shop',
          )
        ).status,
      ).toBe(400);
    });
  });
});
