import { randomUUID } from 'node:crypto';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { NewBuild } from './types';

jest.setTimeout(60_000);

function newBuild(
  component: string,
  version: string,
  createdAt: string,
  extra: Partial<NewBuild> = {},
): NewBuild {
  return {
    id: randomUUID(),
    componentRef: `component:default/${component}`,
    version,
    artifactUri: `registry/${component}:${version}`,
    artifactDigest: `sha256:${'a'.repeat(64)}`,
    commitSha: 'abcdef1',
    commitTime: '2026-10-01T00:00:00.000Z',
    commits: [],
    reportedBy: 'service:external:ci',
    createdAt,
    ...extra,
  };
}

describe('DatabaseBuildStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores a build once and returns the first one when the version comes again', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const first = newBuild('api', '1.0.0', '2026-10-02T00:00:00.000Z', {
        commits: [
          { sha: 'aaaaaaa', time: '2026-09-30T00:00:00.000Z', message: 'one' },
          { sha: 'bbbbbbb', time: '2026-10-01T00:00:00.000Z' },
        ],
        buildUrl: 'https://ci/1',
      });
      const a = await stores.builds.insertIfAbsent(first);
      expect(a.inserted).toBe(true);
      expect(a.build).toEqual({
        id: first.id,
        componentRef: 'component:default/api',
        version: '1.0.0',
        artifactUri: 'registry/api:1.0.0',
        artifactDigest: first.artifactDigest,
        buildUrl: 'https://ci/1',
        commitSha: 'abcdef1',
        commitTime: '2026-10-01T00:00:00.000Z',
        commits: [
          { sha: 'aaaaaaa', time: '2026-09-30T00:00:00.000Z', message: 'one' },
          { sha: 'bbbbbbb', time: '2026-10-01T00:00:00.000Z' },
        ],
        reportedBy: 'service:external:ci',
        createdAt: '2026-10-02T00:00:00.000Z',
      });

      const again = await stores.builds.insertIfAbsent(
        newBuild('api', '1.0.0', '2026-10-03T00:00:00.000Z'),
      );
      expect(again.inserted).toBe(false);
      expect(again.build.id).toBe(first.id);
      expect(await stores.builds.hasAny()).toBe(true);
    });

    it('stores a batch larger than one multi-row insert, each build and commit once, on a retry too', async () => {
      const { stores, knex } = await createTestStores(databases, databaseId);
      // 1,001 builds and 2,002 commits cross the statement size on both databases (100 rows a
      // statement on SQLite, 1,000 on PostgreSQL).
      const builds = Array.from({ length: 1001 }, (_, i) =>
        newBuild(`c${i % 7}`, `1.0.${i}`, '2026-10-02T00:00:00.000Z', {
          commits: [
            { sha: `a${i}`, time: '2026-10-01T00:00:00.000Z' },
            { sha: `b${i}`, time: '2026-10-01T00:00:00.000Z' },
          ],
        }),
      );
      const statements: string[] = [];
      const onQuery = (q: { sql: string }) => statements.push(q.sql);
      knex.on('query', onQuery);
      await stores.builds.insertManyIfAbsent(builds);
      knex.off('query', onQuery);
      const perInsert = knex.client.config.client === 'pg' ? 1000 : 100;
      expect(
        statements.filter(sql =>
          /^insert into [`"]build_commits[`"]/i.test(sql),
        ),
      ).toHaveLength(Math.ceil(2002 / perInsert));
      const [{ n: buildCount }] = await knex('builds').count({ n: '*' });
      const [{ n: commitCount }] = await knex('build_commits').count({
        n: '*',
      });
      expect(Number(buildCount)).toBe(1001);
      expect(Number(commitCount)).toBe(2002);
      // The same batch again (a retried import): nothing new.
      await stores.builds.insertManyIfAbsent(
        builds.map(b => ({ ...b, id: randomUUID() })),
      );
      const [{ n: again }] = await knex('builds').count({ n: '*' });
      expect(Number(again)).toBe(1001);
    });

    it('finds the newest build of each component and pages through a component newest first', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      for (const [component, version, day] of [
        ['api', '1.0.0', '01'],
        ['api', '1.1.0', '03'],
        ['api', '1.0.1', '02'],
        ['web', '2.0.0', '01'],
      ]) {
        await stores.builds.insertIfAbsent(
          newBuild(component, version, `2026-10-${day}T00:00:00.000Z`),
        );
      }
      const latest = await stores.builds.latestForComponents([
        'component:default/api',
        'component:default/web',
        'component:default/none',
      ]);
      expect(
        [...latest.entries()].map(([ref, b]) => [ref, b.version]).sort(),
      ).toEqual([
        ['component:default/api', '1.1.0'],
        ['component:default/web', '2.0.0'],
      ]);

      const page1 = await stores.builds.list({
        componentRef: 'component:default/api',
        limit: 2,
      });
      expect(page1.map(b => b.version)).toEqual(['1.1.0', '1.0.1']);
      const page2 = await stores.builds.list({
        componentRef: 'component:default/api',
        limit: 2,
        cursor: { createdAt: page1[1].createdAt, id: page1[1].id },
      });
      expect(page2.map(b => b.version)).toEqual(['1.0.0']);

      const pairs = await stores.builds.getByVersions([
        { componentRef: 'component:default/api', version: '1.0.1' },
        { componentRef: 'component:default/web', version: '2.0.0' },
        { componentRef: 'component:default/web', version: '9.9.9' },
      ]);
      expect(pairs.map(b => `${b.componentRef}@${b.version}`).sort()).toEqual([
        'component:default/api@1.0.1',
        'component:default/web@2.0.0',
      ]);
    });
  });
});
