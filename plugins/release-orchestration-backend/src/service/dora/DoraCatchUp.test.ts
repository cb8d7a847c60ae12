import {
  generatedImport,
  importer,
  comparableState,
} from '../../__testUtils__/ingestHarness';
import { createTestDatabases } from '../../__testUtils__/testStores';
import { DoraCatchUp } from './DoraCatchUp';
import { syncDoraFacts } from './syncDoraFacts';

jest.setTimeout(180_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean>, ms = 30_000) {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) {
      throw new Error(`condition not met within ${ms} ms`);
    }
    await sleep(10);
  }
}

const context = { actor: 'service:importer', source: 'import' };
const deferred = { ...context, deferDora: true };

describe('DoraCatchUp', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    /** A generated history imported with its roll-ups deferred, and the backlog it left. */
    const deferredImport = async (seed: number) => {
      const { inTimeOrder, asImported } = generatedImport(seed);
      const imported = await importer(databases, databaseId);
      await imported.ingest.ingest(asImported, deferred);
      const { deployments } = await imported.stores.doraDeferred.backlog();
      return { imported, deployments, inTimeOrder };
    };
    /** The stored state, roll-ups included, of the same history reported in time order. */
    const inTimeOrderState = async (
      inTimeOrder: ReturnType<typeof generatedImport>['inTimeOrder'],
    ) => {
      const reference = await importer(databases, databaseId);
      await reference.ingest.ingest(inTimeOrder, context);
      return comparableState(reference.knex);
    };

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

        const state = await comparableState(imported.knex);
        expect(state).toEqual(await inTimeOrderState(inTimeOrder));
        expect(state.facts.length).toBe(backlog.deployments);
        expect(state.leadTimes.length).toBeGreaterThan(20);
        expect(
          state.facts.filter(f => f.failure_started_at).length,
        ).toBeGreaterThan(0);
      },
    );

    it('records each deferred deployment once when two replicas catch up at once', async () => {
      const { imported, deployments, inTimeOrder } = await deferredImport(4);
      const replica = new DoraCatchUp({
        stores: imported.stores,
        recorder: imported.recorder,
        logger: { info() {}, warn() {} } as any,
      });
      const counts = await Promise.all([imported.catchUp.run(), replica.run()]);
      expect(counts[0] + counts[1]).toBe(deployments);
      expect(await comparableState(imported.knex)).toEqual(
        await inTimeOrderState(inTimeOrder),
      );
    });

    it('waits while import requests are being written and starts once they pause', async () => {
      const { imported, deployments } = await deferredImport(6);
      const catchUp = new DoraCatchUp(
        {
          stores: imported.stores,
          recorder: imported.recorder,
          logger: { info() {}, warn() {} } as any,
        },
        { delayMs: 10 },
      );
      const backlog = async () =>
        (await imported.stores.doraDeferred.backlog()).deployments;

      // Two requests write at once; the first to finish does not start the catch-up.
      catchUp.importStarted();
      catchUp.importStarted();
      catchUp.importFinished(true);
      await sleep(200);
      expect(await backlog()).toBe(deployments);

      // A request that deferred nothing, alone, starts nothing either.
      catchUp.importFinished(false);
      await waitFor(async () => (await backlog()) === 0);
      catchUp.importStarted();
      catchUp.importFinished(false);
      await sleep(100);
      expect(await imported.stores.doraDeferred.backlog()).toEqual(
        expect.objectContaining({ deployments: 0 }),
      );
    });

    it('stops a catch-up the timer started when an import request starts, and finishes it after', async () => {
      const { imported, deployments, inTimeOrder } = await deferredImport(7);
      // The first batch is held until the test has started an import request.
      let release!: () => void;
      const released = new Promise<void>(resolve => {
        release = resolve;
      });
      let entered!: () => void;
      const enteredFirstBatch = new Promise<void>(resolve => {
        entered = resolve;
      });
      let calls = 0;
      const recorder = Object.create(imported.recorder);
      recorder.onDeploymentsRecorded = async (...args: any[]) => {
        calls += 1;
        if (calls === 1) {
          entered();
          await released;
        }
        return imported.recorder.onDeploymentsRecorded(
          ...(args as Parameters<
            typeof imported.recorder.onDeploymentsRecorded
          >),
        );
      };
      const catchUp = new DoraCatchUp(
        {
          stores: imported.stores,
          recorder,
          logger: { info() {}, warn() {} } as any,
        },
        { delayMs: 0, batchSize: 2 },
      );
      const backlog = async () =>
        (await imported.stores.doraDeferred.backlog()).deployments;

      catchUp.importStarted();
      catchUp.importFinished(true);
      await enteredFirstBatch;
      catchUp.importStarted();
      release();
      // The batch under way commits; the next one waits for the import.
      await waitFor(async () => (await backlog()) === deployments - 2);
      await sleep(200);
      expect(await backlog()).toBe(deployments - 2);
      expect(calls).toBe(1);

      catchUp.importFinished(false);
      await waitFor(async () => (await backlog()) === 0);
      expect(await comparableState(imported.knex)).toEqual(
        await inTimeOrderState(inTimeOrder),
      );
    });

    it('leaves deferred deployments to the catch-up in the scheduled sync, which runs it first', async () => {
      const { imported, deployments } = await deferredImport(5);
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
