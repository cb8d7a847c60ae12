import { Knex } from 'knex';
import { DAY_MS, startOfUtcDay, utcDay } from '../service/dora/doraCalendar';
import { DeploymentDayCounts } from '../service/dora/doraInputs';
import { DatabaseDoraFactsReader } from './DatabaseDoraFactsReader';
import {
  DeploymentLeadTimes,
  DoraFactsReader,
  DoraMetricsStore,
  DoraScope,
  IsoRange,
} from './doraStoreTypes';
import { BucketSlice } from '../service/dora/percentile';
import { isPostgres } from './dialect';
import { epochMs, toIso } from './timestamps';
import {
  DeploymentDaySumsRow,
  DeploymentLeadTimesRow,
  DoraLeadTimeRow,
  DoraSystemRow,
  FailureTimesRow,
  IncidentTimesRow,
  LeadTimeBucketRow,
  SystemDeploymentsRow,
} from './doraRows';

const CHUNK = 500;

/** Runs `query` once per chunk of the scope's Systems (once for every System) and concatenates. */
async function perChunk<T>(
  scope: DoraScope,
  query: (systems?: string[]) => Promise<T[]>,
): Promise<T[]> {
  if (!scope.systems) {
    return query(undefined);
  }
  const results: T[] = [];
  for (let i = 0; i < scope.systems.length; i += CHUNK) {
    results.push(...(await query(scope.systems.slice(i, i + CHUNK))));
  }
  return results;
}

function inScope(
  query: Knex.QueryBuilder,
  systems: string[] | undefined,
  column = 'system_ref',
) {
  if (systems) {
    query.whereIn(column, systems);
  }
  return query;
}

function inRange(query: Knex.QueryBuilder, column: string, range: IsoRange) {
  return query.where(column, '>=', range.from).where(column, '<', range.to);
}

const n = (value: unknown) => Number(value ?? 0);

/** Parses a comma-separated list of whole numbers into `values` from `at`; returns the next free index. */
function parseInto(text: string, values: Float64Array, at: number): number {
  let filled = at;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      values[filled++] = value;
      value = 0;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  values[filled++] = value;
  return filled;
}

/** The numbers of a comma-separated list of whole numbers. */
function parseList(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      values.push(value);
      value = 0;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  values.push(value);
  return values;
}

/**
 * Knex implementation of {@link DoraMetricsStore}: every read is an index range scan of a roll-up
 * (see the comments in migrations/20261123030000_incidents.js), aggregated in SQL where the
 * result would otherwise be large.
 */
export class DatabaseDoraMetricsStore implements DoraMetricsStore {
  readonly facts: DoraFactsReader;

  constructor(private readonly db: Knex) {
    this.facts = new DatabaseDoraFactsReader(db);
  }

  async deploymentDays(
    scope: DoraScope,
    ranges: IsoRange[],
    options: { bySystem?: boolean; excludeFailedToDeploy?: boolean } = {},
  ) {
    // Which deployments change failure rate counts: all finished, or only those that deployed.
    const counted = options.excludeFailedToDeploy ? 'succeeded' : '1 = 1';
    const count = (condition: string, alias: string) =>
      this.db.raw(`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS ${alias}`);
    // Per System: its totals and the list of its days with a deployment, instead of a row per
    // System and day (every System's rows for GET /dora/teams and /dora/systems).
    const deployedDays = isPostgres(this.db)
      ? `string_agg(CASE WHEN succeeded AND NOT "rollback" THEN day END, ',')`
      : `group_concat(CASE WHEN succeeded AND NOT "rollback" THEN day END, ',')`;
    // One statement per range, run side by side, each grouped by a plain column (a hash
    // aggregate, where a computed range column made PostgreSQL sort every row).
    const perRange = await Promise.all(
      ranges.map(range =>
        perChunk<DeploymentDaySumsRow>(scope, systems =>
          inScope(
            inRange(this.db('dora_deployment_facts'), 'deployed_at', range),
            systems,
          )
            .select(
              count('succeeded AND NOT "rollback"', 'deployments'),
              count('succeeded AND "rollback"', 'rollbacks'),
              this.db.raw('COUNT(*) AS finished'),
              count(counted, 'changes'),
              count(
                `${counted} AND (NOT succeeded OR rolled_back_by IS NOT NULL OR incident_count > 0)`,
                'failed_changes',
              ),
              count(`${counted} AND NOT succeeded`, 'failed_to_deploy'),
              count(`${counted} AND rolled_back_by IS NOT NULL`, 'rolled_back'),
              count(`${counted} AND incident_count > 0`, 'with_incident'),
              count('hotfix OR "rollback" OR restores_service', 'reworked'),
              count('hotfix', 'hotfixes'),
              count('"rollback"', 'rework_rollbacks'),
              count('restores_service', 'restoring'),
              count('succeeded', 'succeeded'),
              count('succeeded AND commit_data', 'with_commit_data'),
            )
            .modify(query => {
              if (options.bySystem) {
                query
                  .select(
                    'system_ref',
                    this.db.raw(`${deployedDays} AS deployed_days`),
                  )
                  .groupBy('system_ref');
              } else {
                query.select('day').groupBy('day');
              }
            }),
        ),
      ),
    );
    return perRange.flatMap((rows, range) =>
      rows.map(
        (
          row: DeploymentDaySumsRow,
        ): DeploymentDayCounts & {
          range: number;
          systemRef?: string;
          deployedDays?: string[];
        } => ({
          range,
          ...(options.bySystem
            ? {
                systemRef: row.system_ref as string,
                deployedDays: row.deployed_days
                  ? String(row.deployed_days).split(',')
                  : [],
              }
            : {}),
          day: options.bySystem ? '' : row.day ?? '',
          deployments: n(row.deployments),
          rollbacks: n(row.rollbacks),
          finished: n(row.finished),
          changes: n(row.changes),
          failedChanges: n(row.failed_changes),
          failedToDeploy: n(row.failed_to_deploy),
          rolledBack: n(row.rolled_back),
          withIncident: n(row.with_incident),
          reworked: n(row.reworked),
          hotfixes: n(row.hotfixes),
          reworkRollbacks: n(row.rework_rollbacks),
          restoring: n(row.restoring),
          succeeded: n(row.succeeded),
          withCommitData: n(row.with_commit_data),
        }),
      ),
    );
  }

  async deploymentsPerSystem(scope: DoraScope, ranges: IsoRange[]) {
    // One statement per range, side by side, as for the day counts.
    return Promise.all(
      ranges.map(async range => {
        const rows = await perChunk(scope, systems =>
          inScope(
            inRange(this.db('dora_deployment_facts'), 'deployed_at', range),
            systems,
          )
            .select(
              'system_ref',
              this.db.raw(
                'SUM(CASE WHEN succeeded AND NOT "rollback" THEN 1 ELSE 0 END) AS deployments',
              ),
            )
            .groupBy('system_ref'),
        );
        return new Map(
          (rows as SystemDeploymentsRow[]).map(row => [
            row.system_ref as string,
            n(row.deployments),
          ]),
        );
      }),
    );
  }

  async deployedSystems(scope: DoraScope) {
    const rows = await perChunk<DoraSystemRow>(scope, systems =>
      inScope(this.db('dora_systems'), systems).select(
        'system_ref',
        'first_deployed_at',
      ),
    );
    return rows
      .map((row: DoraSystemRow) => ({
        systemRef: row.system_ref,
        firstDeployedAt: toIso(row.first_deployed_at),
      }))
      .sort((a, b) => a.systemRef.localeCompare(b.systemRef));
  }

  async leadTimes(
    scope: DoraScope,
    range: IsoRange,
  ): Promise<DeploymentLeadTimes[]> {
    // One row per deployment with its commits' lead times as a list (dora_deployment_lead_times,
    // the copy of dora_lead_times): every team's commits over two windows would otherwise be read
    // one index entry and heap row per commit.
    const rows = await perChunk(scope, systems =>
      inScope(
        inRange(this.db('dora_deployment_lead_times'), 'deployed_at', range),
        systems,
      ).select(
        'system_ref',
        epochMs(this.db, 'deployed_at', 'deployedAt'),
        'lead_seconds',
      ),
    );
    return (rows as DeploymentLeadTimesRow[]).map(row => ({
      systemRef: row.system_ref,
      deployedAt: n(row.deployedAt),
      leadSeconds: parseList(row.lead_seconds),
    }));
  }

  async leadTimesPerSystem(scope: DoraScope, range: IsoRange) {
    // A row per deployment, not aggregated in SQL (PostgreSQL would sort every list by System,
    // on disk); the lists are parsed straight into one typed array per System.
    const rows = (await perChunk(scope, systems =>
      inScope(
        inRange(this.db('dora_deployment_lead_times'), 'deployed_at', range),
        systems,
      ).select('system_ref', 'lead_seconds'),
    )) as Array<{ system_ref: string; lead_seconds: string }>;
    // One pass: each System's values go into a buffer that doubles when a list may not fit
    // (a list of n characters holds at most n / 2 + 1 numbers).
    const buffers = new Map<string, { values: Float64Array; length: number }>();
    for (const row of rows) {
      const text = row.lead_seconds;
      let buffer = buffers.get(row.system_ref);
      if (!buffer) {
        buffer = { values: new Float64Array(0), length: 0 };
        buffers.set(row.system_ref, buffer);
      }
      const needed = buffer.length + (text.length >> 1) + 1;
      if (needed > buffer.values.length) {
        const grown = new Float64Array(
          Math.max(needed, buffer.values.length * 2),
        );
        grown.set(buffer.values.subarray(0, buffer.length));
        buffer.values = grown;
      }
      buffer.length = parseInto(text, buffer.values, buffer.length);
    }
    const result = new Map<string, Float64Array>();
    for (const [systemRef, { values, length }] of buffers) {
      result.set(systemRef, values.subarray(0, length));
    }
    return result;
  }

  async leadTimeHistogram(range: IsoRange) {
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    const firstWholeDay =
      startOfUtcDay(from) === from ? from : startOfUtcDay(from) + DAY_MS;
    const lastWholeDayEnd = startOfUtcDay(to);
    const histogram = new Map<number, number>();
    const add = (rows: LeadTimeBucketRow[]) => {
      for (const row of rows) {
        histogram.set(
          n(row.bucket),
          (histogram.get(n(row.bucket)) ?? 0) + n(row.commits),
        );
      }
    };
    const rawCounts = (part: IsoRange) =>
      inRange(this.db('dora_lead_times'), 'deployed_at', part)
        .groupBy('lead_bucket')
        .select('lead_bucket as bucket', this.db.raw('COUNT(*) AS commits'));
    if (firstWholeDay >= lastWholeDayEnd) {
      add(await rawCounts(range));
      return histogram;
    }
    // Whole UTC days from the daily roll-up; the parts of days at the window's edges from the rows.
    add(
      await this.db('dora_lead_time_histogram')
        .where('day', '>=', utcDay(firstWholeDay))
        .where('day', '<', utcDay(lastWholeDayEnd))
        .groupBy('bucket')
        .select('bucket', this.db.raw('SUM(commits) AS commits')),
    );
    if (from < firstWholeDay) {
      add(
        await rawCounts({
          from: range.from,
          to: new Date(firstWholeDay).toISOString(),
        }),
      );
    }
    if (lastWholeDayEnd < to) {
      add(
        await rawCounts({
          from: new Date(lastWholeDayEnd).toISOString(),
          to: range.to,
        }),
      );
    }
    return histogram;
  }

  async leadTimesInBucket(
    range: IsoRange,
    bucket: number,
    from: number,
    to: number,
  ): Promise<BucketSlice> {
    // Only the values at the ranks asked for (a percentile needs one or two of a bucket's
    // thousands), sorted in the database (a top-N sort of the bucket's index-only range).
    const rows: Array<Pick<DoraLeadTimeRow, 'lead_seconds'>> = await inRange(
      this.db('dora_lead_times').where('lead_bucket', bucket),
      'deployed_at',
      range,
    )
      .select('lead_seconds')
      .orderBy('lead_seconds')
      .offset(from)
      .limit(to - from + 1);
    return { values: rows.map(row => n(row.lead_seconds)) };
  }

  async failures(scope: DoraScope, range: IsoRange) {
    // dora_facts_system_failure_idx / dora_facts_failure_idx: only failed deployments are read.
    const rows = await perChunk<FailureTimesRow>(scope, systems =>
      inScope(
        inRange(this.db('dora_deployment_facts'), 'failure_started_at', range),
        systems,
      ).select(
        'system_ref',
        'deployment_id',
        epochMs(this.db, 'failure_started_at', 'started_ms'),
        epochMs(this.db, 'restored_at', 'restored_ms'),
        'incident_count',
      ),
    );
    return rows.map((row: FailureTimesRow) => ({
      systemRef: row.system_ref,
      deploymentId: row.deployment_id,
      startedAt: n(row.started_ms),
      ...(row.restored_ms !== null ? { restoredAt: n(row.restored_ms) } : {}),
      incidentCount: n(row.incident_count),
    }));
  }

  async incidents(
    scope: DoraScope,
    environment: string | string[],
    range: IsoRange,
  ) {
    const rows = await perChunk<IncidentTimesRow>(scope, systems =>
      inScope(
        inRange(
          this.db('incidents').whereIn('environment', [environment].flat()),
          'opened_at',
          range,
        ),
        systems,
      ).select(
        'system_ref',
        epochMs(this.db, 'opened_at', 'opened_ms'),
        epochMs(this.db, 'resolved_at', 'resolved_ms'),
        'attribution',
        'deployment_id',
      ),
    );
    return rows.map((row: IncidentTimesRow) => ({
      systemRef: row.system_ref,
      openedAt: n(row.opened_ms),
      ...(row.resolved_ms !== null ? { resolvedAt: n(row.resolved_ms) } : {}),
      attribution: row.attribution,
      ...(row.deployment_id ? { deploymentId: row.deployment_id } : {}),
    }));
  }
}
