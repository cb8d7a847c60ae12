import { createTestDatabases } from '../__testUtils__/testStores';
import { isPostgres, rawRows, valuesList } from './dialect';

jest.setTimeout(60_000);

describe('valuesList', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'joins keys of text, integer and time columns as a VALUES list, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('stamps', table => {
        table.integer('n').notNullable();
        table.text('name').notNullable();
        table.timestamp('at', { useTz: true }).notNullable();
      });
      await knex('stamps').insert([
        { n: 1, name: 'a', at: '2026-12-01T10:00:00.000Z' },
        { n: 2, name: 'b', at: '2026-12-02T10:00:00.000Z' },
        { n: 3, name: 'c', at: '2026-12-03T10:00:00.000Z' },
      ]);
      const v = valuesList(
        knex,
        ['integer', 'text', 'timestamptz'],
        [
          [2, 'b', '2026-12-01T00:00:00.000Z'],
          [3, 'c', '2026-12-04T00:00:00.000Z'],
          [9, 'a', '2026-12-01T00:00:00.000Z'],
        ],
      );
      expect(v.bindings).toEqual([
        2,
        'b',
        '2026-12-01T00:00:00.000Z',
        3,
        'c',
        '2026-12-04T00:00:00.000Z',
        9,
        'a',
        '2026-12-01T00:00:00.000Z',
      ]);
      // Only the keys whose row exists and is later than the key's time.
      const rows = rawRows<{ n: number | string; name: string }>(
        knex,
        await knex.raw(
          `with v (n, name, since) as (values ${v.sql})
           select s.n, s.name from v join stamps s
             on s.n = v.n and s.name = v.name and s.at >= v.since
           order by s.n`,
          v.bindings,
        ),
      );
      expect(rows.map(r => [Number(r.n), r.name])).toEqual([[2, 'b']]);
      expect(v.sql).toBe(
        isPostgres(knex)
          ? '(cast(? as integer), ?, cast(? as timestamptz)), (cast(? as integer), ?, cast(? as timestamptz)), (cast(? as integer), ?, cast(? as timestamptz))'
          : '(?, ?, ?), (?, ?, ?), (?, ?, ?)',
      );
    },
  );
});
