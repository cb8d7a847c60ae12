import { playHistory } from '../__testUtils__/doraHistory';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { isPostgres } from './dialect';
import { epochMs, toIso } from './timestamps';

jest.setTimeout(60_000);

const H = 3600;

describe('DatabaseDoraMetricsStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reads timestamps as the epoch milliseconds of what toIso reads', async () => {
      const { knex } = await createTestStores(databases, databaseId);
      await knex.schema.createTable('epoch_probe', table => {
        table.integer('id').primary();
        table.timestamp('at', { useTz: true }).notNullable();
      });
      const written = [
        '2026-11-03T10:00:00.000Z',
        '2026-11-03T10:00:00.123Z',
        '2026-03-29T01:59:59.999Z',
        '1999-12-31T23:59:59.001Z',
        '2038-01-19T03:14:08.500Z',
      ];
      // PostgreSQL keeps microseconds, which its driver drops when it builds a Date; SQLite holds
      // the text the stores write, always with milliseconds.
      const microseconds = isPostgres(knex)
        ? ['2026-11-03T10:00:00.123999Z', '2026-11-03T10:00:00.000999Z']
        : [];
      await knex('epoch_probe').insert(
        [...written, ...microseconds].map((at, id) => ({ id, at })),
      );

      const rows = await knex('epoch_probe')
        .orderBy('id')
        .select('at', epochMs(knex, 'at', 'atMs'));

      expect(rows.map(row => typeof row.atMs)).toEqual(
        rows.map(() => 'number'),
      );
      expect(rows.map(row => row.atMs)).toEqual(
        rows.map(row => Date.parse(toIso(row.at))),
      );
      expect(rows.map(row => row.atMs)).toEqual(
        [...written, ...microseconds].map(at =>
          Date.parse(at.replace(/(\.\d{3})\d+Z$/, '$1Z')),
        ),
      );
    });

    it('reads lead times per deployment, with the deployment time as epoch milliseconds', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      await playHistory(stores, [
        {
          build: 'api@1',
          at: '2026-11-03T09:00:00Z',
          commits: ['2026-11-03T06:00:00Z', '2026-11-03T08:00:00Z'],
        },
        { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00.250Z' },
        {
          build: 'api@2',
          at: '2026-11-04T09:00:00Z',
          commits: ['2026-11-04T07:00:00Z'],
        },
        { deploy: 'd2', components: ['api@2'], at: '2026-11-04T10:00:00Z' },
        {
          build: 'ledger@1',
          at: '2026-11-04T09:00:00Z',
          commits: ['2026-11-04T08:00:00Z'],
        },
        {
          deploy: 'd3',
          system: 'bank',
          components: ['ledger@1'],
          at: '2026-11-04T10:00:00Z',
        },
        // outside the range read below
        {
          build: 'api@3',
          at: '2026-11-06T09:00:00Z',
          commits: ['2026-11-06T08:00:00Z'],
        },
        { deploy: 'd4', components: ['api@3'], at: '2026-11-06T10:00:00Z' },
      ]);
      const range = {
        from: '2026-11-03T00:00:00.000Z',
        to: '2026-11-05T00:00:00.000Z',
      };
      const sorted = (
        rows: Array<{
          systemRef: string;
          deployedAt: number;
          leadSeconds: number[];
        }>,
      ) =>
        rows
          .map(row => ({
            ...row,
            leadSeconds: [...row.leadSeconds].sort((a, b) => a - b),
          }))
          .sort(
            (a, b) =>
              a.deployedAt - b.deployedAt ||
              a.systemRef.localeCompare(b.systemRef),
          );

      expect(
        sorted(
          await stores.doraMetrics.leadTimes(
            { systems: ['system:default/shop'] },
            range,
          ),
        ),
      ).toEqual([
        // 4 h and 2 h: deployed a quarter of a second past the hour, lead times round to whole seconds
        {
          systemRef: 'system:default/shop',
          deployedAt: Date.parse('2026-11-03T10:00:00.250Z'),
          leadSeconds: [2 * H, 4 * H],
        },
        {
          systemRef: 'system:default/shop',
          deployedAt: Date.parse('2026-11-04T10:00:00.000Z'),
          leadSeconds: [3 * H],
        },
      ]);
      expect(sorted(await stores.doraMetrics.leadTimes({}, range))).toEqual([
        {
          systemRef: 'system:default/shop',
          deployedAt: Date.parse('2026-11-03T10:00:00.250Z'),
          leadSeconds: [2 * H, 4 * H],
        },
        {
          systemRef: 'system:default/bank',
          deployedAt: Date.parse('2026-11-04T10:00:00.000Z'),
          leadSeconds: [2 * H],
        },
        {
          systemRef: 'system:default/shop',
          deployedAt: Date.parse('2026-11-04T10:00:00.000Z'),
          leadSeconds: [3 * H],
        },
      ]);
    });
  });
});
