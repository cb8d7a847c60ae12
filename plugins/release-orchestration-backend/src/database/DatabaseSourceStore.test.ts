import { createTestDatabases } from '../__testUtils__/testStores';
import { applyMigrations, DatabaseStores } from './DatabaseStores';

jest.setTimeout(60_000);

describe('DatabaseSourceStore runs', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps one row per source and scope: the last run, its error, and the last success, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const { sources } = DatabaseStores.fromKnex(knex);
      await sources.recordRun({
        source: 'github',
        scope: '',
        at: '2026-12-01T10:00:00.000Z',
        counts: { created: 3 },
      });
      await sources.recordRun({
        source: 'argocd',
        scope: '',
        at: '2026-12-01T10:01:00.000Z',
        counts: { created: 0 },
      });
      await sources.recordRun({
        source: 'github',
        scope: '',
        at: '2026-12-01T10:05:00.000Z',
        error: 'Error: GitHub answered 502',
      });
      expect(await sources.listRuns()).toEqual([
        {
          source: 'argocd',
          scope: '',
          lastRunAt: '2026-12-01T10:01:00.000Z',
          lastSuccessAt: '2026-12-01T10:01:00.000Z',
          counts: { created: 0 },
        },
        {
          source: 'github',
          scope: '',
          lastRunAt: '2026-12-01T10:05:00.000Z',
          lastSuccessAt: '2026-12-01T10:00:00.000Z',
          lastError: 'Error: GitHub answered 502',
        },
      ]);
      await sources.recordRun({
        source: 'github',
        scope: '',
        at: '2026-12-01T10:10:00.000Z',
        counts: { created: 1 },
      });
      expect((await sources.listRuns())[1]).toEqual({
        source: 'github',
        scope: '',
        lastRunAt: '2026-12-01T10:10:00.000Z',
        lastSuccessAt: '2026-12-01T10:10:00.000Z',
        counts: { created: 1 },
      });
    },
  );
});
