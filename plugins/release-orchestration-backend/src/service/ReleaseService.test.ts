import { buildInput } from '../__testUtils__/fixtures';
import { createDeploymentHarness } from '../__testUtils__/deploymentHarness';
import { createTestDatabases } from '../__testUtils__/testStores';

jest.setTimeout(60_000);

const commit = (sha: string, day: number, message?: string) => ({
  sha: sha.padEnd(7, '0'),
  time: `2026-10-${String(day).padStart(2, '0')}T12:00:00.000Z`,
  ...(message ? { message } : {}),
});

describe('ReleaseService.diff', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function history() {
      const h = await createDeploymentHarness(databases, databaseId);
      const report = (
        component: string,
        version: string,
        commits?: ReturnType<typeof commit>[],
      ) =>
        h.builds.report(
          buildInput(component, version, commits ? { commits } : {}),
          'service:ci',
        );
      await report('api', '1.0.0', [commit('a1', 1, 'first api commit')]);
      await report('web', '1.0.0', [commit('b1', 1, 'first web commit')]);
      await report('api', '1.1.0', [
        commit('a2', 2, 'fix rounding'),
        commit('a3', 3, 'add refunds'),
      ]);
      // A build that lists no commits contributes its head commit.
      await report('api', '1.2.0');
      const r1 = await h.release('r1', { api: '1.0.0', web: '1.0.0' });
      const r2 = await h.release('r2', { api: '1.2.0', web: '1.0.0' });
      return { h, r1, r2 };
    }

    it('lists per changed component the commits between the two builds, newest first', async () => {
      const { h, r1, r2 } = await history();
      const diff = await h.releases.diff(r2.id, { release: r1.id });
      expect(diff.against).toEqual({ id: r1.id, version: 'r1' });
      const head120 = buildInput('api', '1.2.0').commitSha;
      expect(diff.changes).toEqual([
        {
          componentRef: 'component:default/api',
          change: 'changed',
          fromVersion: '1.0.0',
          toVersion: '1.2.0',
          commits: [
            {
              sha: head120,
              time: '2026-11-01T10:00:00.000Z',
              version: '1.2.0',
              references: [],
            },
            {
              sha: 'a300000',
              time: '2026-10-03T12:00:00.000Z',
              message: 'add refunds',
              version: '1.1.0',
              references: [],
            },
            {
              sha: 'a200000',
              time: '2026-10-02T12:00:00.000Z',
              message: 'fix rounding',
              version: '1.1.0',
              references: [],
            },
          ],
        },
        {
          componentRef: 'component:default/web',
          change: 'unchanged',
          fromVersion: '1.0.0',
          toVersion: '1.0.0',
        },
      ]);
    });

    it('lists the commits a release to an older build takes out as reverted', async () => {
      const { h, r1, r2 } = await history();
      const diff = await h.releases.diff(r1.id, { release: r2.id });
      expect(diff.changes[0]).toMatchObject({
        change: 'changed',
        fromVersion: '1.2.0',
        toVersion: '1.0.0',
        commits: [],
      });
      expect(diff.changes[0].revertedCommits?.map(c => c.version)).toEqual([
        '1.2.0',
        '1.1.0',
        '1.1.0',
      ]);
    });

    it('compares with the release currently in a lane, or with nothing when the lane has none', async () => {
      const { h, r1, r2 } = await history();
      await h.deploy({ environment: 'production', releaseId: r1.id });

      const production = await h.releases.diff(r2.id, {
        environment: 'production',
      });
      expect(production).toMatchObject({
        environment: 'production',
        against: { id: r1.id, version: 'r1' },
      });
      expect(
        production.changes.map(c => [c.change, c.commits?.length]),
      ).toEqual([
        ['changed', 3],
        ['unchanged', undefined],
      ]);

      const staging = await h.releases.diff(r2.id, { environment: 'staging' });
      expect(staging.against).toBeUndefined();
      expect(
        staging.changes.map(c => [
          c.componentRef,
          c.change,
          c.commits?.map(x => x.message ?? x.version),
        ]),
      ).toEqual([
        [
          'component:default/api',
          'added',
          ['1.2.0', 'add refunds', 'fix rounding', 'first api commit'],
        ],
        ['component:default/web', 'added', ['first web commit']],
      ]);

      await h.deploy({ environment: 'production', releaseId: r2.id });
      const same = await h.releases.diff(r2.id, { environment: 'production' });
      expect(
        same.changes.every(
          c => c.change === 'unchanged' && c.commits === undefined,
        ),
      ).toBe(true);
    });

    it('refuses an unknown lane and both targets at once, naming the field', async () => {
      const { h, r1, r2 } = await history();
      await expect(
        h.releases.diff(r2.id, { environment: 'qa' }),
      ).rejects.toThrow(
        "environment: 'qa' is not a configured environment; the lanes are dev, staging, production",
      );
      await expect(
        h.releases.diff(r2.id, { environment: 'dev', release: r1.id }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('give one of them, not both'),
      });
    });

    it('keeps the newest commits and says so when a component has more than the limit', async () => {
      const h = await createDeploymentHarness(databases, databaseId);
      await h.builds.report(buildInput('api', '1.0.0'), 'service:ci');
      const many = Array.from({ length: 150 }, (_, i) => ({
        sha: i.toString(16).padStart(8, 'c'),
        time: new Date(
          Date.parse('2026-10-01T00:00:00Z') + i * 60_000,
        ).toISOString(),
      }));
      await h.builds.report(
        buildInput('api', '2.0.0', { commits: many }),
        'service:ci',
      );
      const from = await h.release('r1', { api: '1.0.0' });
      const to = await h.release('r2', { api: '2.0.0' });
      const [api] = (await h.releases.diff(to.id, { release: from.id }))
        .changes;
      expect(api.commitsTruncated).toBe(true);
      expect(api.commits).toHaveLength(100);
      expect(api.commits![0].sha).toBe((149).toString(16).padStart(8, 'c'));
    });
  });
});
