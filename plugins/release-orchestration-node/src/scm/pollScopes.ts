import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DeploymentSourceState,
  ObservedDeployment,
  ScopeProgress,
} from '../deploymentSources';

/**
 * A {@link DeploymentSourceState} in memory, for sources run without the backend's (tests, a
 * source used on its own). Cursors are kept at once.
 *
 * @public
 */
export class InMemoryDeploymentSourceState implements DeploymentSourceState {
  readonly cursors = new Map<string, unknown>();
  readonly progress = new Map<string, ScopeProgress>();
  readonly errors = new Map<string, string>();

  async get(scope: string) {
    return this.cursors.get(scope);
  }

  set(scope: string, cursor: unknown, progress: ScopeProgress) {
    // A copy, as a database would keep it.
    this.cursors.set(scope, JSON.parse(JSON.stringify(cursor)));
    this.progress.set(scope, progress);
    this.errors.delete(scope);
  }

  fail(scope: string, error: string) {
    this.errors.set(scope, error);
  }
}

/**
 * The polling loop of an SCM source: reads each scope (repository, project) from where it
 * stopped, or from its initial cursor on its first run (the backfill), logs progress, and keeps
 * going past a scope that fails (it is read again on the next run from its old cursor). Stops
 * early when the run is aborted. Returns every observation, oldest first.
 *
 * @public
 */
export async function pollScopes<S, C>(options: {
  /** For messages, e.g. `GitHub`. */
  name: string;
  scopes: S[];
  /** The scope's key in the state, e.g. `github.com/acme/api`. */
  scopeKey: (scope: S) => string;
  state: DeploymentSourceState;
  logger: LoggerService;
  /** The cursor of a first run, e.g. the start of the backfill window. */
  initialCursor: () => C;
  read: (
    scope: S,
    cursor: C,
    context: { backfill: boolean },
  ) => Promise<{ observed: ObservedDeployment[]; cursor: C }>;
  signal?: AbortSignal;
}): Promise<ObservedDeployment[]> {
  const { name, scopes, state, logger } = options;
  const observed: ObservedDeployment[] = [];
  let failed = 0;
  for (const [i, scope] of scopes.entries()) {
    if (options.signal?.aborted) {
      logger.warn(
        `${name}: run aborted after ${i} of ${scopes.length}; the rest is read next run`,
      );
      break;
    }
    const key = options.scopeKey(scope);
    try {
      const saved = (await state.get(key)) as C | undefined;
      const backfill = saved === undefined;
      const found = await options.read(
        scope,
        saved ?? options.initialCursor(),
        { backfill },
      );
      observed.push(...found.observed);
      state.set(key, found.cursor, { read: found.observed.length, backfill });
      logger.info(
        `${name} ${key}: ${found.observed.length} deployment(s)${
          backfill ? ' (backfill)' : ''
        }; ${i + 1} of ${scopes.length} read`,
      );
    } catch (error) {
      failed += 1;
      state.fail(key, String(error).slice(0, 2000));
      logger.error(`${name} ${key}: not read this run: ${error}`);
    }
  }
  if (failed > 0) {
    logger.warn(
      `${name}: ${failed} of ${scopes.length} not read this run; read again next run`,
    );
  }
  return observed.sort((a, b) =>
    (a.startedAt ?? '').localeCompare(b.startedAt ?? ''),
  );
}
