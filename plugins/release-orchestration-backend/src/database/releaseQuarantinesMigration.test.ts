import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testStores';
import { DatabaseStores } from './DatabaseStores';

const directory = resolvePackagePath(
  '@release-orchestration/plugin-release-orchestration-backend',
  'migrations',
);
const name = '20261206090000_release_quarantines.js';

jest.setTimeout(60_000);

async function seedRelease(
  stores: DatabaseStores,
  id: string,
  version: string,
) {
  const { build } = await stores.builds.insertIfAbsent({
    id: id.replace(/^1/, '0'),
    componentRef: 'component:default/api',
    version,
    artifactUri: `registry/api:${version}`,
    artifactDigest: `sha256:${'a'.repeat(64)}`,
    commitSha: 'abcdef1',
    commitTime: '2026-11-01T09:00:00.000Z',
    commits: [],
    reportedBy: 'service:ci',
    createdAt: '2026-11-01T10:00:00.000Z',
  });
  await stores.releases.insertIfAbsent({
    id,
    systemRef: 'system:default/shop',
    version,
    riskClass: 'low',
    createdBy: 'user:default/alice',
    createdAt: '2026-11-02T00:00:00.000Z',
    components: [{ componentRef: build.componentRef, buildId: build.id }],
  });
}

const quarantine = (id: string, releaseId: string, at: string) => ({
  id,
  releaseId,
  reason: 'Corrupts carts',
  quarantinedBy: 'user:default/rita',
  quarantinedAt: at,
});

describe('release quarantines', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'lets exactly one of two concurrent quarantines win, lifts, re-quarantines, and goes down without touching releases on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const stores = DatabaseStores.fromKnex(knex);
      const releaseId = '10000000-0000-4000-8000-000000000001';
      await seedRelease(stores, releaseId, '1.0.0');

      const outcomes = await Promise.all(
        ['a', 'b'].map(n =>
          stores.transaction(tx =>
            tx.releases.quarantine(
              quarantine(`q-${n}`, releaseId, '2026-11-03T00:00:00.000Z'),
            ),
          ),
        ),
      );
      expect(outcomes.sort()).toEqual([false, true]);
      expect((await stores.releases.get(releaseId))?.quarantine).toEqual({
        reason: 'Corrupts carts',
        quarantinedBy: 'user:default/rita',
        quarantinedAt: '2026-11-03T00:00:00.000Z',
      });

      const lift = {
        releaseId,
        liftedBy: 'user:default/rita',
        liftedAt: '2026-11-04T00:00:00.000Z',
        reason: 'fixed',
      };
      expect(await stores.releases.liftQuarantine(lift)).toMatchObject({
        reason: 'Corrupts carts',
      });
      expect(await stores.releases.liftQuarantine(lift)).toBeUndefined();
      expect(
        (await stores.releases.get(releaseId))?.quarantine,
      ).toBeUndefined();
      expect(
        await stores.releases.quarantinesOfSystem('system:default/shop'),
      ).toEqual(new Map());

      expect(
        await stores.releases.quarantine(
          quarantine('q-c', releaseId, '2026-11-05T00:00:00.000Z'),
        ),
      ).toBe(true);
      expect([
        ...(
          await stores.releases.quarantinesOfSystem('system:default/shop')
        ).keys(),
      ]).toEqual([releaseId]);

      const before = await knex('release_components').select(
        'release_id',
        'build_id',
      );
      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasTable('release_quarantines')).toBe(false);
      expect(await knex('releases').pluck('id')).toEqual([releaseId]);
      expect(
        await knex('release_components').select('release_id', 'build_id'),
      ).toEqual(before);
      await knex.migrate.latest({ directory });
      expect(
        (await stores.releases.get(releaseId))?.quarantine,
      ).toBeUndefined();
    },
  );
});
