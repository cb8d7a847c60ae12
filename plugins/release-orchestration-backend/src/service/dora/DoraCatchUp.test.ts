import {
  generatedImport,
  importer,
  comparableState,
} from '../../__testUtils__/ingestHarness';
import { createTestDatabases } from '../../__testUtils__/testStores';
import { DoraCatchUp } from './DoraCatchUp';
import { syncDoraFacts } from './syncDoraFacts';

jest.setTimeout(180_000);

const context = { actor: 'service:importer', source: 'import' };
const deferred = { ...context, deferDora: true };

describe('DoraCatchUp', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it.each([1, 2, 3])(
      'records what an import deferred as the same history reported in time order would (seed %p)',
      async seed => {
        const { inTimeOrder, asImported } = generatedImport(seed);
        const imported = await importer(databases, databaseId);
        const answers = await imported.ingest.ingest(asImported, deferred);
        expect(answers.filter(a => a.outcome === 'rejected')).toEqual([]);

        // Stored and answered, with the roll-ups left to the catch-up.
        const production = await imported
          .knex('deployments')
          .where({ environment: 'production' })
          .count({ n: '*' });
        const backlog = await imported.stores.doraDeferred.backlog();
        expect(backlog.deployments).toBe(Number(production[0].n));
        expect(backlog.deployments).toBeGreaterThan(10);
        const times = asImported
          .flatMap(r =>
            r.kind === 'deployment' && r.report.environment === 'production'
              ? [r.report.finishedAt!]
              : [],
          )
          .sort();
        expect(backlog.oldestDeployedAt).toBe(times[0]);
        expect(await imported.knex('dora_deployment_facts')).toEqual([]);

        expect(await imported.catchUp.run()).toBe(backlog.deployments);
        expect((await imported.stores.doraDeferred.backlog()).deployments).toBe(
          0,
        );
        expect(await imported.catchUp.run()).toBe(0);

        const reference = await importer(databases, databaseId);
        await reference.ingest.ingest(inTimeOrder, context);
        const state = await comparableState(imported.knex);
        expect(state).toEqual(await comparableState(reference.knex));
        expect(state.facts.length).toBe(backlog.deployments);
        expect(state.leadTimes.length).toBeGreaterThan(20);
        expect(
          state.facts.filter(f => f.failure_started_at).length,
        ).toBeGreaterThan(0);
      },
    );

    it('records each deferred deployment once when two replicas catch up at once', async () => {
      const { inTimeOrder, asImported } = generatedImport(4);
      const imported = await importer(databases, databaseId);
      await imported.ingest.ingest(asImported, deferred);
      const { deployments } = await imported.stores.doraDeferred.backlog();
      const replica = new DoraCatchUp({
        stores: imported.stores,
        recorder: imported.recorder,
        logger: { info() {}, warn() {} } as any,
      });
      const counts = await Promise.all([imported.catchUp.run(), replica.run()]);
      expect(counts[0] + counts[1]).toBe(deployments);
      const reference = await importer(databases, databaseId);
      await reference.ingest.ingest(inTimeOrder, context);
      expect(await comparableState(imported.knex)).toEqual(
        await comparableState(reference.knex),
      );
    });

    it('leaves deferred deployments to the catch-up in the scheduled sync, which runs it first', async () => {
      const { asImported } = generatedImport(5);
      const imported = await importer(databases, databaseId);
      await imported.ingest.ingest(asImported, deferred);
      const { deployments } = await imported.stores.doraDeferred.backlog();
      expect(
        await imported.stores.doraFacts.pendingDeployments('production', 500),
      ).toEqual([]);
      expect(
        await syncDoraFacts({
          stores: imported.stores,
          recorder: imported.recorder,
          catchUp: imported.catchUp,
        }),
      ).toBe(deployments);
      expect((await imported.stores.doraDeferred.backlog()).deployments).toBe(
        0,
      );
    });
  });
});
