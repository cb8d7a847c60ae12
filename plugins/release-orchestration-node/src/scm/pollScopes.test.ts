import { mockServices } from '@backstage/backend-test-utils';
import { ObservedDeployment } from '../deploymentSources';
import { InMemoryDeploymentSourceState, pollScopes } from './pollScopes';

function deployment(key: string, startedAt: string): ObservedDeployment {
  return {
    key,
    environment: 'production',
    component: 'component:default/api',
    version: '1.0.0',
    status: 'succeeded',
    startedAt,
    finishedAt: startedAt,
  };
}

describe('pollScopes', () => {
  it('backfills a scope from its initial cursor, resumes from the saved one, and keeps going past a failing scope', async () => {
    const state = new InMemoryDeploymentSourceState();
    const logger = mockServices.logger.mock();
    const seen: string[] = [];
    const run = () =>
      pollScopes({
        name: 'GitHub',
        scopes: ['acme/gone', 'acme/api'],
        scopeKey: s => `github.com/${s}`,
        state,
        logger,
        initialCursor: () => ({ since: '2026-08-25' }),
        read: async (scope, cursor, { backfill }) => {
          seen.push(`${scope} ${cursor.since} ${backfill}`);
          if (scope === 'acme/gone') {
            throw new Error('GitHub answered 404');
          }
          return {
            observed: [
              deployment('b', '2026-11-20T00:00:00Z'),
              deployment('a', '2026-11-10T00:00:00Z'),
            ],
            cursor: { since: '2026-11-20' },
          };
        },
      });
    const first = await run();
    expect(first.map(d => d.key)).toEqual(['a', 'b']);
    await run();
    expect(seen).toEqual([
      'acme/gone 2026-08-25 true',
      'acme/api 2026-08-25 true',
      'acme/gone 2026-08-25 true',
      'acme/api 2026-11-20 false',
    ]);
    expect(state.progress.get('github.com/acme/api')).toEqual({
      read: 2,
      backfill: false,
    });
    expect(state.errors.get('github.com/acme/gone')).toBe(
      'Error: GitHub answered 404',
    );
    expect(state.cursors.has('github.com/acme/gone')).toBe(false);
    expect(logger.info).toHaveBeenCalledWith(
      'GitHub github.com/acme/api: 2 deployment(s) (backfill); 2 of 2 read',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'GitHub: 1 of 2 not read this run; read again next run',
    );
  });

  it('stops reading scopes once the run is aborted', async () => {
    const controller = new AbortController();
    const read: string[] = [];
    await pollScopes({
      name: 'GitLab',
      scopes: ['a', 'b', 'c'],
      scopeKey: s => s,
      state: new InMemoryDeploymentSourceState(),
      logger: mockServices.logger.mock(),
      initialCursor: () => ({}),
      read: async scope => {
        read.push(scope);
        controller.abort();
        return { observed: [], cursor: {} };
      },
      signal: controller.signal,
    });
    expect(read).toEqual(['a']);
  });
});
