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
});
