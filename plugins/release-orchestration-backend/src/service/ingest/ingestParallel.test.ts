import {
  generatedImport,
  importer,
  comparableState,
} from '../../__testUtils__/ingestHarness';
import { createTestDatabases } from '../../__testUtils__/testStores';

jest.setTimeout(180_000);

const context = { actor: 'service:importer', source: 'import' };

describe('IngestService over independent groups', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("records each System's history in its own transactions, at once where the database can, as one transaction after another would", async () => {
      // 400 records of the shop and the bank, in batches of 50: two groups of about 200.
      const { inTimeOrder, asImported } = generatedImport(7, 400);
      const parallel = await importer(databases, databaseId, {
        batchSize: 50,
        parallelism: 2,
      });
      const concurrent = parallel.stores.concurrentWriters;
      expect(concurrent).toBe(databaseId.startsWith('POSTGRES'));
      // Which transaction each statement ran in, in the order they were sent.
      const transactions: string[] = [];
      parallel.knex.on('query', (q: { __knexTxId?: string }) => {
        if (q.__knexTxId) {
          transactions.push(q.__knexTxId);
        }
      });

      const answers = await parallel.ingest.ingest(asImported, {
        ...context,
        deferDora: true,
      });
      expect(answers.filter(a => a.outcome === 'rejected')).toEqual([]);
      expect(answers.filter(a => a.outcome === 'created')).toHaveLength(400);
      await parallel.catchUp.run();

      // Two transactions were open at once where writers can be: their statements interleave.
      let switches = 0;
      for (let i = 1; i < transactions.length; i++) {
        if (transactions[i] !== transactions[i - 1]) {
          switches += 1;
        }
      }
      const batches = new Set(transactions).size;
      expect(batches).toBeGreaterThanOrEqual(8);
      // One transaction after another switches batches - 1 times (SQLite: one writer); any
      // interleaving switches more often.
      expect(switches).toBeGreaterThanOrEqual(batches - 1);
      expect(switches > batches - 1).toBe(concurrent);

      // One transaction at a time, the history in time order, roll-ups inline: the same records.
      const reference = await importer(databases, databaseId, {
        batchSize: 50,
      });
      await reference.ingest.ingest(inTimeOrder, context);
      const state = await comparableState(parallel.knex);
      expect(state).toEqual(await comparableState(reference.knex));
      expect(state.facts.length).toBeGreaterThan(50);
      expect(state.leadTimes.length).toBeGreaterThan(100);
      expect(new Set(state.deployments.map(d => d.system_ref))).toEqual(
        new Set(['system:default/shop', 'system:default/bank']),
      );
    });
  });
});
