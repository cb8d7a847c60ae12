import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testStores';
import { buildInput } from '../__testUtils__/fixtures';
import { DatabaseStores } from './DatabaseStores';

const directory = resolvePackagePath(
  '@release-orchestration/plugin-release-orchestration-backend',
  'migrations',
);
const name = '20261206050000_sources.js';

jest.setTimeout(60_000);

describe('the sources migration', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'tags old rows api, and goes down without losing any on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const stores = DatabaseStores.fromKnex(knex);
      const b = buildInput('api', '1.0.0');
      await stores.builds.insertIfAbsent({
        id: '00000000-0000-4000-8000-000000000001',
        componentRef: b.component,
        version: b.version,
        artifactUri: b.artifactUri,
        artifactDigest: b.artifactDigest,
        commitSha: b.commitSha,
        commitTime: b.commitTime,
        commits: [{ sha: b.commitSha, time: b.commitTime }],
        reportedBy: 'service:ci',
        createdAt: '2026-11-01T10:00:00.000Z',
        source: 'github',
      });
      await stores.deployments.insertIfAbsent({
        id: '00000000-0000-4000-8000-000000000002',
        idempotencyKey: 'k1',
        systemRef: 'system:default/shop',
        environment: 'dev',
        status: 'succeeded',
        rollback: false,
        hotfix: false,
        startedAt: '2026-11-01T10:00:00.000Z',
        finishedAt: '2026-11-01T10:01:00.000Z',
        deployer: 'service:ci',
        createdAt: '2026-11-01T10:01:00.000Z',
        components: [{ componentRef: b.component, version: b.version }],
      });
      expect(await knex('builds').select('source')).toEqual([
        { source: 'github' },
      ]);
      expect(await knex('deployments').select('source')).toEqual([
        { source: 'api' },
      ]);

      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasColumn('builds', 'source')).toBe(false);
      expect(await knex.schema.hasColumn('deployments', 'source')).toBe(false);
      expect(await knex.schema.hasTable('source_state')).toBe(false);
      expect(Number((await knex('build_commits').count({ n: '*' }))[0].n)).toBe(
        1,
      );
      expect(
        Number((await knex('deployment_components').count({ n: '*' }))[0].n),
      ).toBe(1);

      await knex.migrate.latest({ directory });
      expect(await knex('builds').select('source')).toEqual([
        { source: 'api' },
      ]);
    },
  );
});
