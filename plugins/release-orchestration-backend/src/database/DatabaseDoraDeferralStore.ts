import { Knex } from 'knex';
import { rowsPerInsert } from './dialect';
import { insertRows } from './insertRows';
import { lockKey } from './lockKey';
import { toIso } from './timestamps';

/** A production deployment whose DORA roll-ups an import left to the catch-up. */
export interface DeferredDeployment {
  deploymentId: string;
  systemRef: string;
  /** When it finished (or started, when it has no finish time). */
  deployedAt: string;
}

/** How far the catch-up is behind. */
export interface DoraBacklog {
  /** Production deployments stored but not yet recorded in the DORA roll-ups. */
  deployments: number;
  /** When the oldest of them was deployed. */
  oldestDeployedAt?: string;
}

/**
 * The production deployments whose DORA roll-ups a history import deferred
 * (`dora_deferred_deployments`), for the catch-up to record oldest first.
 */
export interface DoraDeferralStore {
  /** Adds deployments to the backlog (a deployment already in it stays as it is). */
  defer(deployments: DeferredDeployment[], at: string): Promise<void>;
  /** Serialises catch-ups across replicas; call in the catch-up's transaction, before reading. */
  lockCatchUp(): Promise<void>;
  /** The ids of the oldest deferred deployments, by deployment time then id. */
  oldest(limit: number): Promise<string[]>;
  /** Takes deployments off the backlog. */
  remove(deploymentIds: string[]): Promise<void>;
  /** The backlog of one System, or of all. */
  backlog(systemRef?: string): Promise<DoraBacklog>;
}

/** Knex implementation of {@link DoraDeferralStore}. */
export class DatabaseDoraDeferralStore implements DoraDeferralStore {
  constructor(private readonly db: Knex) {}

  async defer(deployments: DeferredDeployment[], at: string) {
    const perInsert = rowsPerInsert(this.db);
    for (let i = 0; i < deployments.length; i += perInsert) {
      await insertRows(
        this.db,
        'dora_deferred_deployments',
        deployments.slice(i, i + perInsert).map(d => ({
          deployment_id: d.deploymentId,
          system_ref: d.systemRef,
          deployed_at: d.deployedAt,
          deferred_at: at,
        })),
        { ignoreConflictOn: ['deployment_id'] },
      );
    }
  }

  async lockCatchUp() {
    await lockKey(this.db, 'dora-deferred-catch-up');
  }

  async oldest(limit: number) {
    const rows = await this.db('dora_deferred_deployments')
      .orderBy([
        { column: 'deployed_at', order: 'asc' },
        { column: 'deployment_id', order: 'asc' },
      ])
      .limit(limit)
      .select('deployment_id');
    return rows.map(row => row.deployment_id as string);
  }

  async remove(deploymentIds: string[]) {
    for (let i = 0; i < deploymentIds.length; i += 500) {
      await this.db('dora_deferred_deployments')
        .whereIn('deployment_id', deploymentIds.slice(i, i + 500))
        .delete();
    }
  }

  async backlog(systemRef?: string): Promise<DoraBacklog> {
    const query = this.db('dora_deferred_deployments');
    if (systemRef !== undefined) {
      query.where('system_ref', systemRef);
    }
    const [row] = await query.select(
      this.db.raw('count(*) as deployments'),
      this.db.raw('min(deployed_at) as oldest_deployed_at'),
    );
    const deployments = Number(row?.deployments ?? 0);
    return {
      deployments,
      ...(row?.oldest_deployed_at
        ? { oldestDeployedAt: toIso(row.oldest_deployed_at) }
        : {}),
    };
  }
}
