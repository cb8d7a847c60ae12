import { Knex } from 'knex';
import {
  DeployedComponent,
  Deployment,
} from '@release-orchestration/plugin-release-orchestration-common';
import { compareCodePoints } from './compareCodePoints';
import { DeploymentRow, toDeploymentSummary } from './deploymentRows';
import { DeploymentStore, NewDeployment } from './deploymentStoreTypes';
import { ListCursor } from './types';
import { pageNewestFirst } from './whereBeforeCursor';

type ComponentRow = { deployment_id: string; component_ref: string; version: string };

/** Knex implementation of {@link DeploymentStore}. */
export class DatabaseDeploymentStore implements DeploymentStore {
  constructor(private readonly db: Knex) {}

  async insertIfAbsent(deployment: NewDeployment) {
    const row: DeploymentRow = {
      id: deployment.id,
      idempotency_key: deployment.idempotencyKey,
      system_ref: deployment.systemRef,
      environment: deployment.environment,
      release_id: deployment.releaseId ?? null,
      promotion_id: deployment.promotionId ?? null,
      status: deployment.status,
      rollback: deployment.rollback,
      hotfix: deployment.hotfix,
      started_at: deployment.startedAt,
      finished_at: deployment.finishedAt ?? null,
      deployer: deployment.deployer,
      deployer_claim: deployment.deployerClaim ?? null,
      created_at: deployment.createdAt,
      updated_at: deployment.createdAt,
      source: deployment.source ?? 'api',
    };
    // RETURNING (PostgreSQL, SQLite 3.35+) answers "was it ours?" without reading the row back.
    const inserted =
      (await this.db<DeploymentRow>('deployments').insert(row).onConflict(['idempotency_key']).ignore().returning('id'))
        .length === 1;
    if (!inserted) {
      const stored = await this.getByIdempotencyKey(deployment.idempotencyKey);
      if (!stored) {
        throw new Error(`deployment ${deployment.idempotencyKey} vanished`);
      }
      return { deployment: stored, inserted };
    }
    const rows: ComponentRow[] = deployment.components.map(c => ({
      deployment_id: deployment.id,
      component_ref: c.componentRef,
      version: c.version,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await this.db<ComponentRow>('deployment_components').insert(rows.slice(i, i + 200));
    }
    if (deployment.status === 'succeeded') {
      await this.recordRunning(deployment.id);
    }
    const components = [...deployment.components]
      .sort((a, b) => compareCodePoints(a.componentRef, b.componentRef))
      .map(c => ({ componentRef: c.componentRef, version: c.version }));
    let releaseVersion = deployment.releaseVersion;
    if (deployment.releaseId && releaseVersion === undefined) {
      releaseVersion = (await this.db('releases').where({ id: deployment.releaseId }).first('version'))?.version;
    }
    return {
      deployment: { ...toDeploymentSummary(row, releaseVersion), components },
      inserted,
    };
  }

  async get(id: string) {
    const row = await this.db<DeploymentRow>('deployments').where({ id }).first();
    return row ? (await this.hydrate([row]))[0] : undefined;
  }

  async getByIdempotencyKey(key: string) {
    const row = await this.db<DeploymentRow>('deployments').where({ idempotency_key: key }).first();
    return row ? (await this.hydrate([row]))[0] : undefined;
  }

  async finish(
    id: string,
    outcome: { status: 'succeeded' | 'failed'; finishedAt: string; updatedAt: string },
  ) {
    const updated = await this.db<DeploymentRow>('deployments')
      .where({ id, status: 'started' })
      .update({
        status: outcome.status,
        finished_at: outcome.finishedAt,
        updated_at: outcome.updatedAt,
      });
    if (updated === 1 && outcome.status === 'succeeded') {
      await this.recordRunning(id);
    }
    return updated === 1;
  }

  /**
   * Makes a succeeded deployment's component versions the running state of its lane, except where
   * a deployment that finished later (ties broken by id, as drift orders them) already runs: one
   * statement, safe when replicas record deployments of the same lane concurrently.
   */
  private async recordRunning(deploymentId: string) {
    await this.db.raw(
      `insert into running_components
         (system_ref, environment, component_ref, version, deployment_id, release_id, finished_at)
       select d.system_ref, d.environment, dc.component_ref, dc.version, d.id, d.release_id, d.finished_at
       from deployment_components dc
       join deployments d on d.id = dc.deployment_id
       where dc.deployment_id = ? and d.status = 'succeeded'
       on conflict (system_ref, environment, component_ref) do update set
         version = excluded.version,
         deployment_id = excluded.deployment_id,
         release_id = excluded.release_id,
         finished_at = excluded.finished_at
       where excluded.finished_at > running_components.finished_at
          or (excluded.finished_at = running_components.finished_at
              and excluded.deployment_id > running_components.deployment_id)`,
      [deploymentId],
    );
  }

  async list(options: {
    systemRef: string;
    environment?: string;
    limit: number;
    cursor?: ListCursor;
  }) {
    const query = pageNewestFirst(
      this.db<DeploymentRow>('deployments').where('system_ref', options.systemRef),
      options,
    );
    if (options.environment) {
      query.where('environment', options.environment);
    }
    return this.hydrate(await query);
  }

  async hasAny() {
    return (await this.db('deployments').first('id')) !== undefined;
  }

  /** Adds release versions and component lines: two queries for any number of rows. */
  private async hydrate(rows: DeploymentRow[]): Promise<Deployment[]> {
    if (rows.length === 0) {
      return [];
    }
    const releaseIds = [...new Set(rows.flatMap(r => (r.release_id ? [r.release_id] : [])))];
    const versions = new Map<string, string>();
    if (releaseIds.length > 0) {
      const releases = await this.db('releases').whereIn('id', releaseIds).select('id', 'version');
      for (const release of releases) {
        versions.set(release.id, release.version);
      }
    }
    const lines = await this.db<ComponentRow>('deployment_components')
      .whereIn('deployment_id', rows.map(r => r.id))
      .orderBy('component_ref');
    const components = new Map<string, DeployedComponent[]>();
    for (const line of lines) {
      const list = components.get(line.deployment_id) ?? [];
      list.push({ componentRef: line.component_ref, version: line.version });
      components.set(line.deployment_id, list);
    }
    return rows.map(row => ({
      ...toDeploymentSummary(row, row.release_id ? versions.get(row.release_id) : undefined),
      components: components.get(row.id) ?? [],
    }));
  }
}
