import { Knex } from 'knex';
import {
  DoraCommitFact,
  DoraDeploymentFact,
  DoraFailureFact,
} from '@release-orchestration/plugin-release-orchestration-common';
import { DoraFactsReader, FactsPageQuery } from './doraStoreTypes';
import { toIso } from './timestamps';
import {
  DbTimestamp,
  DoraDeploymentFactRow,
  DoraIncidentRow,
  DoraLeadTimeRow,
} from './doraRows';

/** `(time, keys...) > (after.at, after.key...)` in the page order, portable to SQLite and PostgreSQL. */
function whereAfter(
  query: Knex.QueryBuilder,
  columns: string[],
  after?: string[],
) {
  if (!after) {
    return query;
  }
  return query.where(outer => {
    for (let i = 0; i < columns.length; i++) {
      outer.orWhere(q => {
        for (let j = 0; j < i; j++) {
          q.where(columns[j], after[j]);
        }
        q.where(columns[i], '>', after[i]);
      });
    }
  });
}

function page(
  query: Knex.QueryBuilder,
  options: FactsPageQuery,
  timeColumn: string,
  columns: string[],
) {
  if (options.systems) {
    query.whereIn('f.system_ref', options.systems);
  }
  query
    .where(timeColumn, '>=', options.range.from)
    .where(timeColumn, '<', options.range.to);
  return whereAfter(query, columns, options.after)
    .orderBy(columns.map(column => ({ column, order: 'asc' as const })))
    .limit(options.limit);
}

const truthy = (value: unknown) =>
  value === true || value === 1 || value === '1';

/**
 * Knex implementation of {@link DoraFactsReader}: pages of the roll-up rows behind a metric, read
 * by the same indexes as the metrics (time range per System or org-wide), in keyset order.
 */
export class DatabaseDoraFactsReader implements DoraFactsReader {
  constructor(private readonly db: Knex) {}

  async deployments(
    options: FactsPageQuery & {
      succeededOnly: boolean;
      excludeFailedToDeploy: boolean;
    },
  ) {
    const query = this.db('dora_deployment_facts as f')
      .leftJoin('releases as r', 'r.id', 'f.release_id')
      .select('f.*', 'r.version as release_version');
    if (options.succeededOnly) {
      query.whereRaw('f.succeeded AND NOT f."rollback"');
    } else if (options.excludeFailedToDeploy) {
      query.whereRaw('f.succeeded');
    }
    const rows = await page(query, options, 'f.deployed_at', [
      'f.deployed_at',
      'f.deployment_id',
    ]);
    return rows.map(
      (
        row: DoraDeploymentFactRow & { release_version: string | null },
      ): DoraDeploymentFact & { cursor: string[] } => {
        const succeeded = truthy(row.succeeded);
        const failure: DoraDeploymentFact['failure'] = [];
        if (!succeeded) failure.push('failedToDeploy');
        if (row.rolled_back_by) failure.push('rolledBack');
        if (Number(row.incident_count) > 0) failure.push('withIncident');
        const rework: DoraDeploymentFact['rework'] = [];
        if (truthy(row.hotfix)) rework.push('hotfix');
        if (truthy(row.rollback)) rework.push('rollback');
        if (truthy(row.restores_service)) rework.push('restoredService');
        const deployedAt = toIso(row.deployed_at);
        return {
          kind: 'deployment',
          deploymentId: row.deployment_id,
          systemRef: row.system_ref,
          ...(row.release_id ? { releaseId: row.release_id } : {}),
          ...(row.release_version
            ? { releaseVersion: row.release_version }
            : {}),
          deployedAt,
          status: succeeded ? 'succeeded' : 'failed',
          rollback: truthy(row.rollback),
          hotfix: truthy(row.hotfix),
          failure,
          rework,
          ...(row.rolled_back_by ? { rolledBackBy: row.rolled_back_by } : {}),
          incidentCount: Number(row.incident_count),
          commitData: truthy(row.commit_data),
          cursor: [deployedAt, row.deployment_id],
        };
      },
    );
  }

  async commits(options: FactsPageQuery) {
    const rows = await page(
      this.db('dora_lead_times as f').select('f.*'),
      options,
      'f.deployed_at',
      ['f.deployed_at', 'f.component_ref', 'f.sha'],
    );
    return rows.map(
      (row: DoraLeadTimeRow): DoraCommitFact & { cursor: string[] } => {
        const deployedAt = toIso(row.deployed_at);
        return {
          kind: 'commit',
          componentRef: row.component_ref,
          sha: row.sha,
          systemRef: row.system_ref,
          deploymentId: row.deployment_id,
          committedAt: toIso(row.committed_at),
          deployedAt,
          leadSeconds: Number(row.lead_seconds),
          cursor: [deployedAt, row.component_ref, row.sha],
        };
      },
    );
  }

  async failures(options: FactsPageQuery) {
    const rows = await page(
      this.db('dora_deployment_facts as f').select('f.*'),
      options,
      'f.failure_started_at',
      ['f.failure_started_at', 'f.deployment_id'],
    );
    const ids = rows.map((row: DoraDeploymentFactRow) => row.deployment_id);
    const incidents: DoraIncidentRow[] = ids.length
      ? await this.db('incidents')
          .whereIn('deployment_id', ids)
          .orderBy([{ column: 'opened_at' }, { column: 'id' }])
      : [];
    return rows.map(
      (
        row: DoraDeploymentFactRow & { failure_started_at: DbTimestamp },
      ): DoraFailureFact & { cursor: string[] } => {
        const startedAt = toIso(row.failure_started_at);
        const restoredAt = row.restored_at ? toIso(row.restored_at) : undefined;
        return {
          kind: 'failure',
          deploymentId: row.deployment_id,
          systemRef: row.system_ref,
          ...(row.release_id ? { releaseId: row.release_id } : {}),
          startedAt,
          ...(restoredAt
            ? {
                restoredAt,
                seconds:
                  (Date.parse(restoredAt) - Date.parse(startedAt)) / 1000,
              }
            : {}),
          ...(row.restored_by ? { restoredBy: row.restored_by } : {}),
          incidents: incidents
            .filter(i => i.deployment_id === row.deployment_id)
            .map(i => ({
              id: i.id,
              externalId: i.external_id,
              source: i.source,
              title: i.title,
              openedAt: toIso(i.opened_at),
              ...(i.resolved_at ? { resolvedAt: toIso(i.resolved_at) } : {}),
              ...(i.url ? { url: i.url } : {}),
            })),
          cursor: [startedAt, row.deployment_id],
        };
      },
    );
  }
}
