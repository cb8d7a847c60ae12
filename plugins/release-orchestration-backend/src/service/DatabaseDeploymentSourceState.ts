import {
  DeploymentSourceState,
  ScopeProgress,
} from '@release-orchestration/plugin-release-orchestration-node';
import {
  SavedScope,
  ScopeOutcome,
  SourceStore,
} from '../database/sourceStoreTypes';

/**
 * The state of one run of a scheduled source, kept in the `source_state` table: the cursors
 * saved by earlier runs (on any replica) are read once at the start; what the run sets is
 * saved in one transaction by {@link DatabaseDeploymentSourceState.save}, which the scheduler
 * calls only after the run's observations were recorded, so a run that fails half-way is read
 * again rather than skipped. The scheduler runs a source on one replica at a time, so two runs
 * never write the same rows at once.
 */
export class DatabaseDeploymentSourceState implements DeploymentSourceState {
  private readonly outcomes = new Map<string, ScopeOutcome>();

  private constructor(
    private readonly source: string,
    private readonly saved: Map<string, SavedScope>,
    private readonly store: Pick<SourceStore, 'saveScopes'>,
  ) {}

  static async load(
    source: string,
    store: Pick<SourceStore, 'loadScopes' | 'saveScopes'>,
  ) {
    return new DatabaseDeploymentSourceState(
      source,
      await store.loadScopes(source),
      store,
    );
  }

  async get(scope: string) {
    return this.saved.get(scope)?.cursor;
  }

  set(scope: string, cursor: unknown, progress: ScopeProgress) {
    this.outcomes.set(scope, {
      scope,
      cursor,
      counts: { read: progress.read, backfill: progress.backfill ? 1 : 0 },
    });
  }

  fail(scope: string, error: string) {
    this.outcomes.set(scope, { scope, error });
  }

  /** Progress over every scope known after this run: how many finished their backfill. */
  progress() {
    const scopes = new Set([...this.saved.keys(), ...this.outcomes.keys()]);
    scopes.delete('');
    let backfilled = 0;
    let failed = 0;
    for (const scope of scopes) {
      const outcome = this.outcomes.get(scope);
      if (
        this.saved.get(scope)?.backfilledAt ||
        (outcome && outcome.error === undefined)
      ) {
        backfilled += 1;
      }
      if (outcome?.error !== undefined) {
        failed += 1;
      }
    }
    return { scopes: scopes.size, backfilled, failed };
  }

  /** Saves this run's cursors, errors and counts (one transaction). */
  async save(at: string) {
    await this.store.saveScopes(this.source, at, [...this.outcomes.values()]);
  }
}
