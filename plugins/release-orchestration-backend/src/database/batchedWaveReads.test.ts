import { createTestDatabases } from '../__testUtils__/testStores';
import { applyMigrations, DatabaseStores } from './DatabaseStores';
import { lockKeys } from './lockKey';

jest.setTimeout(60_000);

/** The reads a bulk import's DORA wave makes in one statement answer as the one-by-one reads. */
describe('batched wave reads', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'listOpenedSinceMany answers each query as listOpenedSince, and lockKeys takes locks in one statement, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const { incidents } = DatabaseStores.fromKnex(knex);
      const opened = [
        ['a', 'system:default/shop', 'production', '2026-11-01T10:00:00.000Z'],
        ['b', 'system:default/shop', 'production', '2026-11-02T10:00:00.000Z'],
        ['c', 'system:default/shop', 'staging', '2026-11-02T11:00:00.000Z'],
        ['d', 'system:default/bank', 'production', '2026-11-01T09:00:00.000Z'],
        ['e', 'system:default/bank', 'production', '2026-11-03T09:00:00.000Z'],
      ];
      for (const [externalId, systemRef, environment, openedAt] of opened) {
        await incidents.insertIfAbsent({
          id: `00000000-0000-4000-8000-00000000000${
            externalId.charCodeAt(0) - 96
          }`,
          source: 'pagerduty',
          externalId,
          systemRef,
          environment,
          title: `Incident ${externalId}`,
          openedAt,
          attribution: 'automatic',
          reportedBy: 'user:default/ops',
          createdAt: openedAt,
        });
      }
      const queries = [
        {
          systemRef: 'system:default/shop',
          environment: 'production',
          since: '2026-11-01T10:00:00.000Z',
        },
        {
          systemRef: 'system:default/bank',
          environment: 'production',
          since: '2026-11-02T00:00:00.000Z',
        },
        {
          systemRef: 'system:default/none',
          environment: 'production',
          since: '2026-11-01T00:00:00.000Z',
        },
      ];
      const many = await incidents.listOpenedSinceMany(queries);
      const one = await Promise.all(
        queries.map(q => incidents.listOpenedSince(q)),
      );
      expect(many).toEqual(one);
      expect(many.map(list => list.map(i => i.externalId))).toEqual([
        ['a', 'b'],
        ['e'],
        [],
      ]);
      const held = await knex.transaction(async tx => {
        await lockKeys(tx, ['dora:b', 'dora:a', 'dora:b']);
        // SQLite has one writer and takes no advisory locks.
        return databaseId === 'POSTGRES_15'
          ? Number(
              (
                await tx.raw(
                  `select count(*) as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`,
                )
              ).rows[0].n,
            )
          : 0;
      });
      expect(held).toBe(databaseId === 'POSTGRES_15' ? 2 : 0);
    },
  );

  it.each(databases.eachSupportedId())(
    'listOpenedSinceMany with movableOnly reads only the incidents a deployment at that time could take over, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const { incidents, deployments } = DatabaseStores.fromKnex(knex);
      const systemRef = 'system:default/shop';
      const deployment = async (id: string, finishedAt: string) =>
        (
          await deployments.insertIfAbsent({
            id,
            idempotencyKey: id,
            systemRef,
            environment: 'production',
            status: 'succeeded',
            rollback: false,
            hotfix: false,
            startedAt: finishedAt,
            finishedAt,
            deployer: 'service:cd',
            createdAt: finishedAt,
            components: [
              { componentRef: 'component:default/web', version: id },
            ],
          })
        ).deployment.id;
      const earlier = await deployment(
        '00000000-0000-4000-8000-0000000000d1',
        '2026-11-01T08:00:00.000Z',
      );
      const later = await deployment(
        '00000000-0000-4000-8000-0000000000d2',
        '2026-11-03T08:00:00.000Z',
      );
      // [externalId, attribution, deploymentId]
      const opened: Array<[string, 'automatic' | 'explicit', string?]> = [
        ['unattributed', 'automatic'],
        ['on-earlier', 'automatic', earlier],
        ['on-later', 'automatic', later],
        ['named-deployment', 'explicit', earlier],
        ['named-nothing', 'explicit'],
      ];
      for (const [
        i,
        [externalId, attribution, deploymentId],
      ] of opened.entries()) {
        await incidents.insertIfAbsent({
          id: `00000000-0000-4000-8000-00000000001${i}`,
          source: 'pagerduty',
          externalId,
          systemRef,
          environment: 'production',
          title: externalId,
          openedAt: `2026-11-04T0${i}:00:00.000Z`,
          attribution,
          deploymentId,
          reportedBy: 'user:default/ops',
          createdAt: '2026-11-04T10:00:00.000Z',
        });
      }
      const since = '2026-11-02T00:00:00.000Z';
      const [all] = await incidents.listOpenedSinceMany([
        { systemRef, environment: 'production', since },
      ]);
      const [movable] = await incidents.listOpenedSinceMany(
        [{ systemRef, environment: 'production', since }],
        { movableOnly: true },
      );
      expect(all.map(i => i.externalId)).toEqual(opened.map(([id]) => id));
      // A deployment finished at `since` takes automatic incidents of no deployment or an older one.
      expect(movable.map(i => i.externalId)).toEqual([
        'unattributed',
        'on-earlier',
      ]);
    },
  );
});
