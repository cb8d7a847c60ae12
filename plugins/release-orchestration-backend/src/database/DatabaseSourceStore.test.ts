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

  it.each(databases.eachSupportedId())(
    'keeps per-scope cursors across runs: a failed scope keeps its cursor, the first success is the backfill, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const { sources } = DatabaseStores.fromKnex(knex);
      expect(await sources.loadScopes('github')).toEqual(new Map());
      await sources.saveScopes('github', '2026-12-01T10:00:00.000Z', [
        {
          scope: 'github.com/acme/api',
          cursor: { since: '2026-11-20T14:00:00Z', built: ['a1b2'] },
          counts: { read: 3, backfill: 1 },
        },
        {
          scope: 'github.com/acme/gone',
          error: 'ScmHttpError: GitHub answered 404',
        },
      ]);
      await sources.saveScopes('github', '2026-12-01T10:05:00.000Z', [
        {
          scope: 'github.com/acme/api',
          error: 'ScmRateLimitError: GitHub rate limit',
        },
        {
          scope: 'github.com/acme/gone',
          cursor: { since: '2026-08-25T00:00:00.000Z' },
          counts: { read: 0, backfill: 1 },
        },
      ]);
      await sources.saveScopes('gitlab', '2026-12-01T10:06:00.000Z', [
        { scope: 'gitlab.com/acme/api', cursor: { updatedAfter: 'x' } },
      ]);
      expect(await sources.loadScopes('github')).toEqual(
        new Map([
          [
            'github.com/acme/api',
            {
              cursor: { since: '2026-11-20T14:00:00Z', built: ['a1b2'] },
              backfilledAt: '2026-12-01T10:00:00.000Z',
            },
          ],
          [
            'github.com/acme/gone',
            {
              cursor: { since: '2026-08-25T00:00:00.000Z' },
              backfilledAt: '2026-12-01T10:05:00.000Z',
            },
          ],
        ]),
      );
      const runs = (await sources.listRuns()).filter(
        r => r.source === 'github',
      );
      expect(runs).toEqual([
        {
          source: 'github',
          scope: 'github.com/acme/api',
          lastRunAt: '2026-12-01T10:05:00.000Z',
          lastSuccessAt: '2026-12-01T10:00:00.000Z',
          lastError: 'ScmRateLimitError: GitHub rate limit',
          counts: { read: 3, backfill: 1 },
          backfilledAt: '2026-12-01T10:00:00.000Z',
        },
        {
          source: 'github',
          scope: 'github.com/acme/gone',
          lastRunAt: '2026-12-01T10:05:00.000Z',
          lastSuccessAt: '2026-12-01T10:05:00.000Z',
          counts: { read: 0, backfill: 1 },
          backfilledAt: '2026-12-01T10:05:00.000Z',
        },
      ]);
    },
  );
});
