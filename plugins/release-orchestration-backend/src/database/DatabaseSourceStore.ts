import { Knex } from 'knex';
import {
  SavedScope,
  ScopeOutcome,
  SourceRun,
  SourceStore,
  SystemCoverage,
  SystemSourceActivity,
} from './sourceStoreTypes';
import { toIso } from './timestamps';

type RunRow = {
  source: string;
  scope: string;
  last_run_at: Date | string | null;
  last_success_at: Date | string | null;
  last_error: string | null;
  counts: string | null;
  backfilled_at: Date | string | null;
};

/** `count()` is a string on PostgreSQL and a number on SQLite. */
const num = (value: unknown) => Number(value ?? 0);

/** Knex implementation of {@link SourceStore}. */
export class DatabaseSourceStore implements SourceStore {
  constructor(private readonly db: Knex) {}

  async recordRun(run: {
    source: string;
    scope: string;
    at: string;
    error?: string;
    counts?: Record<string, number>;
  }) {
    const row = {
      source: run.source,
      scope: run.scope,
      last_run_at: run.at,
      last_error: run.error ?? null,
      counts: run.counts ? JSON.stringify(run.counts) : null,
      updated_at: run.at,
      ...(run.error ? {} : { last_success_at: run.at }),
    };
    await this.db('source_state')
      .insert(row)
      .onConflict(['source', 'scope'])
      .merge();
  }

  async listRuns(): Promise<SourceRun[]> {
    const rows: RunRow[] = await this.db('source_state').orderBy([
      'source',
      'scope',
    ]);
    return rows.map(row => ({
      source: row.source,
      scope: row.scope,
      ...(row.last_run_at ? { lastRunAt: toIso(row.last_run_at) } : {}),
      ...(row.last_success_at
        ? { lastSuccessAt: toIso(row.last_success_at) }
        : {}),
      ...(row.last_error ? { lastError: row.last_error } : {}),
      ...(row.counts ? { counts: JSON.parse(row.counts) } : {}),
      ...(row.backfilled_at ? { backfilledAt: toIso(row.backfilled_at) } : {}),
    }));
  }

  async loadScopes(source: string): Promise<Map<string, SavedScope>> {
    const rows: Array<{
      scope: string;
      cursor: string | null;
      backfilled_at: Date | string | null;
    }> = await this.db('source_state')
      .where({ source })
      .select('scope', 'cursor', 'backfilled_at');
    return new Map(
      rows.map(row => [
        row.scope,
        {
          ...(row.cursor !== null ? { cursor: JSON.parse(row.cursor) } : {}),
          ...(row.backfilled_at
            ? { backfilledAt: toIso(row.backfilled_at) }
            : {}),
        },
      ]),
    );
  }

  async saveScopes(source: string, at: string, outcomes: ScopeOutcome[]) {
    if (outcomes.length === 0) {
      return;
    }
    await this.db.transaction(async tx => {
      for (const outcome of outcomes) {
        const failed = outcome.error !== undefined;
        const row = {
          source,
          scope: outcome.scope,
          last_run_at: at,
          updated_at: at,
          last_error: failed ? outcome.error!.slice(0, 2000) : null,
          ...(outcome.counts ? { counts: JSON.stringify(outcome.counts) } : {}),
          ...(failed
            ? {}
            : {
                last_success_at: at,
                cursor: JSON.stringify(outcome.cursor ?? null),
              }),
        };
        await tx('source_state')
          .insert({ ...row, ...(failed ? {} : { backfilled_at: at }) })
          .onConflict(['source', 'scope'])
          .merge(Object.keys(row).filter(k => k !== 'source' && k !== 'scope'));
        if (!failed) {
          // The first successful run is the backfill; later ones keep its time.
          await tx('source_state')
            .where({ source, scope: outcome.scope })
            .whereNull('backfilled_at')
            .update({ backfilled_at: at });
        }
      }
    });
  }

  async activity(
    systemRef: string,
    componentRefs: string[],
  ): Promise<SystemSourceActivity[]> {
    const deployments = await this.db('deployments')
      .where({ system_ref: systemRef })
      .groupBy('source', 'environment')
      .select('source', 'environment')
      .count({ n: '*' })
      .max({ last: 'created_at' });
    const incidents = await this.db('incidents')
      .where({ system_ref: systemRef })
      .groupBy('source', 'environment')
      .select('source', 'environment')
      .count({ n: '*' })
      .max({ last: 'created_at' });
    const builds =
      componentRefs.length === 0
        ? []
        : await this.db('builds')
            .whereIn('component_ref', componentRefs)
            .groupBy('source')
            .select('source')
            .count({ n: '*' })
            .max({ last: 'created_at' });
    /** A `GROUP BY source[, environment]` row with its count and newest time. */
    type ActivityRow = {
      source: string;
      environment?: string | null;
      n: number | string;
      last: Date | string | number;
    };
    const rows = (kind: SystemSourceActivity['kind'], list: unknown[]) =>
      (list as ActivityRow[]).map(r => ({
        source: r.source,
        kind,
        ...(r.environment ? { environment: r.environment } : {}),
        count: num(r.n),
        lastAt: toIso(r.last),
      }));
    return [
      ...rows('build', builds),
      ...rows('deployment', deployments),
      ...rows('incident', incidents),
    ].sort(
      (a, b) =>
        a.source.localeCompare(b.source) ||
        a.kind.localeCompare(b.kind) ||
        (a.environment ?? '').localeCompare(b.environment ?? ''),
    );
  }

  async coverage(
    systemRef: string,
    productionEnvironment: string,
  ): Promise<SystemCoverage> {
    const production = this.db('deployments').where({
      system_ref: systemRef,
      environment: productionEnvironment,
    });
    const [all] = await production.clone().count({ n: '*' });
    const [withBuilds] = await production
      .clone()
      .whereNotExists(
        this.db('deployment_components as dc')
          .select(this.db.raw('1'))
          .whereRaw('dc.deployment_id = deployments.id')
          .whereNotExists(
            this.db('builds as b')
              .select(this.db.raw('1'))
              .whereRaw(
                'b.component_ref = dc.component_ref and b.version = dc.version',
              ),
          ),
      )
      .count({ n: '*' });
    const incidents = this.db('incidents').where({
      system_ref: systemRef,
      environment: productionEnvironment,
    });
    const [incidentCount] = await incidents.clone().count({ n: '*' });
    const [attributed] = await incidents
      .clone()
      .whereNotNull('deployment_id')
      .count({ n: '*' });
    return {
      productionDeployments: num(all.n),
      productionDeploymentsWithBuilds: num(withBuilds.n),
      productionIncidents: num(incidentCount.n),
      productionIncidentsAttributed: num(attributed.n),
    };
  }
}
