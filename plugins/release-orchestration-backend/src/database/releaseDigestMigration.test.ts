import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testStores';
import { DatabaseStores } from './DatabaseStores';

const directory = resolvePackagePath(
  '@release-orchestration/plugin-release-orchestration-backend',
  'migrations',
);
const name = '20261206060000_release_digest.js';

jest.setTimeout(60_000);

describe('the release digest migration', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'backfills the digest the store computes at cut time, and goes down cleanly on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const stores = DatabaseStores.fromKnex(knex);
      const builds = [];
      for (const [component, digit] of [
        ['web', 'A'],
        ['api', '7'],
      ]) {
        const { build } = await stores.builds.insertIfAbsent({
          id: `00000000-0000-4000-8000-00000000000${builds.length + 1}`,
          componentRef: `component:default/${component}`,
          version: '1.0.0',
          artifactUri: `registry/${component}:1.0.0`,
          artifactDigest: `sha256:${digit.repeat(64)}`,
          commitSha: 'abcdef1',
          commitTime: '2026-11-01T09:00:00.000Z',
          commits: [],
          reportedBy: 'service:ci',
          createdAt: '2026-11-01T10:00:00.000Z',
        });
        builds.push(build);
      }
      for (const [i, members] of [builds, [builds[0]], []].entries()) {
        await stores.releases.insertIfAbsent({
          id: `10000000-0000-4000-8000-00000000000${i}`,
          systemRef: 'system:default/shop',
          version: `r${i}`,
          riskClass: 'low',
          createdBy: 'user:default/alice',
          createdAt: `2026-11-0${i + 2}T00:00:00.000Z`,
          components: members.map(b => ({
            componentRef: b.componentRef,
            buildId: b.id,
          })),
        });
      }
      const atCut = await knex('releases')
        .orderBy('id')
        .select('id', 'manifest_digest');
      expect(new Set(atCut.map(r => r.manifest_digest)).size).toBe(3);
      expect(atCut[2].manifest_digest).toBe(
        'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      );

      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasColumn('releases', 'manifest_digest')).toBe(
        false,
      );
      expect(await knex('releases').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);

      await knex.migrate.latest({ directory });
      expect(
        await knex('releases').orderBy('id').select('id', 'manifest_digest'),
      ).toEqual(atCut);
    },
  );
});
