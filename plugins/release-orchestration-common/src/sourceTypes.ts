/**
 * What one source reported for a System: builds (of its components), deployments per lane, or
 * incidents per lane.
 * @public
 */
export interface SourceActivity {
  /** `api`, `import`, `cdevents`, a module id such as `github`, or an incident tool. */
  source: string;
  kind: 'build' | 'deployment' | 'incident';
  environment?: string;
  count: number;
  /** When the newest of them was recorded. */
  lastAt: string;
}

/**
 * How the last run of a scheduled source (a module such as `github` or `argocd`) ended.
 * @public
 */
export interface SourceRunStatus {
  source: string;
  scope: string;
  lastRunAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  /**
   * Counts of the last run. A whole source's row (`scope` empty) of a source with scopes also
   * has `scopes`, `backfilled` (scopes whose history backfill has finished) and `failed`.
   */
  counts?: Record<string, number>;
  /** When the scope's first run (its history backfill) finished; absent while it has not. */
  backfilledAt?: string;
}

/**
 * `GET /systems/{namespace}/{name}/sources`: which sources report for a System, the last event
 * per source and lane, coverage of its production data, and the scheduled sources' last runs.
 * @public
 */
export interface SystemSources {
  system: string;
  productionEnvironment: string;
  activity: SourceActivity[];
  coverage: {
    productionDeployments: number;
    /** Production deployments whose every component version has a reported build (commit data). */
    productionDeploymentsWithBuilds: number;
    productionIncidents: number;
    productionIncidentsAttributed: number;
  };
  runs: SourceRunStatus[];
  /**
   * Production deployments of the System that an import stored and the DORA catch-up has not yet
   * added to the roll-ups (absent when none): its DORA figures leave them out until then.
   */
  doraBacklog?: { deployments: number; oldestDeployedAt: string };
}
