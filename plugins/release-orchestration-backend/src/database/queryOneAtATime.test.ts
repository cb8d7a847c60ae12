import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { queryOneAtATime } from './queryOneAtATime';

jest.setTimeout(60_000);

type PgClient = { _activeQuery: unknown; _queryQueue: unknown[] };

/** Counts the queries a pg client is asked to send while it still runs or queues another. */
function watchPgClients() {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const pg = require('pg');
  const send = pg.Client.prototype.query;
  const overlapping: string[] = [];
  const spy = jest
    .spyOn(pg.Client.prototype, 'query')
    .mockImplementation(function query(this: PgClient, ...args: any[]) {
      if (this._activeQuery || this._queryQueue.length > 0) {
        overlapping.push(String(args[0]?.text ?? args[0]));
      }
      return send.apply(this, args);
    });
  return { overlapping, restore: () => spy.mockRestore() };
}

describe('queryOneAtATime', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("sends a transaction's reads one at a time when a service starts them together, with the same answers", async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const watch = watchPgClients();
      try {
        const answers = await stores.transaction(tx =>
          Promise.all([
            tx.builds.hasAny(),
            tx.builds.get('missing'),
            tx.builds.getByVersion('component:default/api', '1.0.0'),
            tx.builds.latestForComponents(['component:default/api']),
          ]),
        );
        expect(answers).toEqual([false, undefined, undefined, new Map()]);
        expect(watch.overlapping).toEqual([]);
      } finally {
        watch.restore();
      }
    });

    it('sends the next query after one fails, and leaves the pool alone', async () => {
      const { knex } = await createTestStores(databases, databaseId);
      const watch = watchPgClients();
      try {
        const settled = await knex.transaction(async trx => {
          queryOneAtATime(trx);
          return Promise.allSettled([
            trx.raw('select no_such_column from builds'),
            trx.raw('select 1 as one'),
          ]);
        });
        // The second is sent, not failed with the first's error: SQLite answers it, PostgreSQL
        // refuses it because the failure aborted the transaction.
        expect(settled.map(s => s.status)).toEqual([
          'rejected',
          databaseId.startsWith('POSTGRES') ? 'rejected' : 'fulfilled',
        ]);
        // Outside a transaction, queries started together go to connections of their own.
        await Promise.all([
          knex.raw('select 1 as one'),
          knex.raw('select 2 as two'),
        ]);
        expect(watch.overlapping).toEqual([]);
      } finally {
        watch.restore();
      }
    });
  });
});
