/** How a scheduled source's last run ended. */
export interface SourceRun {
  source: string;
  /** What within the source (e.g. a repository); empty for the whole source. */
  scope: string;
  lastRunAt?: string;
  lastSuccessAt?: string;
  /** The error of the last run; absent when it succeeded. */
  lastError?: string;
  counts?: Record<string, number>;
  /** When the scope's first run (the history backfill) ended; absent while it has not. */
  backfilledAt?: string;
}

/** Where a scope of a scheduled source stopped, as it saved it. */
export interface SavedScope {
  /** The source's cursor, as it gave it (JSON). */
  cursor?: unknown;
  backfilledAt?: string;
}

/** How one scope's run ended, to save at the end of the run. */
export interface ScopeOutcome {
  scope: string;
  /** The new cursor; absent when the scope failed (its cursor stays). */
  cursor?: unknown;
  error?: string;
  counts?: Record<string, number>;
}

/** Per source, what it reported for one System. */
export interface SystemSourceActivity {
  source: string;
  kind: 'build' | 'deployment' | 'incident';
  environment?: string;
  count: number;
  lastAt: string;
}

/** Coverage figures of one System's production data. */
export interface SystemCoverage {
  productionDeployments: number;
  /** Production deployments every component version of which has a reported build (commit data). */
  productionDeploymentsWithBuilds: number;
  productionIncidents: number;
  /** Production incidents attributed to a deployment. */
  productionIncidentsAttributed: number;
}

/** Where data came from: per System activity by source, and the runs of scheduled sources. */
export interface SourceStore {
  /** Records how a run of a scheduled source ended (one row per source and scope). */
  recordRun(run: {
    source: string;
    scope: string;
    at: string;
    error?: string;
    counts?: Record<string, number>;
  }): Promise<void>;
  listRuns(): Promise<SourceRun[]>;
  /** The saved cursors of a source's scopes (one query), by scope. */
  loadScopes(source: string): Promise<Map<string, SavedScope>>;
  /**
   * Saves how a run's scopes ended in one transaction: cursor, last run, error, counts; the
   * first successful run of a scope sets its `backfilledAt`.
   */
  saveScopes(
    source: string,
    at: string,
    outcomes: ScopeOutcome[],
  ): Promise<void>;
  /** Builds (of the components), deployments and incidents of a System, by source (and lane). */
  activity(
    systemRef: string,
    componentRefs: string[],
  ): Promise<SystemSourceActivity[]>;
  coverage(
    systemRef: string,
    productionEnvironment: string,
  ): Promise<SystemCoverage>;
}
