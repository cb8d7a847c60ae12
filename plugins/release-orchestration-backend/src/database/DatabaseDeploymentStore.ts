import { Knex } from 'knex';
import {
  DeployedComponent,
  Deployment,
} from '@release-orchestration/plugin-release-orchestration-common';
import { compareCodePoints } from './compareCodePoints';
import { isPostgres, rowsPerInsert } from './dialect';
import { insertRows } from './insertRows';
import { DeploymentRow, toDeploymentSummary } from './deploymentRows';
import { DeploymentStore, NewDeployment } from './deploymentStoreTypes';
import { ListCursor } from './types';
import { pageNewestFirst } from './whereBeforeCursor';

type ComponentRow = {
  deployment_id: string;
  component_ref: string;
  version: string;
};

function toRow(deployment: NewDeployment): DeploymentRow {
  return {
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
}

function sortedComponents(deployment: NewDeployment): DeployedComponent[] {
  return [...deployment.components]
    .sort((a, b) => compareCodePoints(a.componentRef, b.componentRef))
    .map(c => ({ componentRef: c.componentRef, version: c.version }));
}

/** A newer deployment of a component replaces what runs; an older one never does. */
const RUNNING_UPSERT = `on conflict (system_ref, environment, component_ref) do update set
         version = excluded.version,
         deployment_id = excluded.deployment_id,
         release_id = excluded.release_id,
         finished_at = excluded.finished_at
       where excluded.finished_at > running_components.finished_at
          or (excluded.finished_at = running_components.finished_at
              and excluded.deployment_id > running_components.deployment_id)`;

/** Knex implementation of {@link DeploymentStore}. */
export class DatabaseDeploymentStore implements DeploymentStore {
  constructor(private readonly db: Knex) {}

  async insertIfAbsent(deployment: NewDeployment) {
    const row = toRow(deployment);
    // RETURNING (PostgreSQL, SQLite 3.35+) answers "was it ours?" without reading the row back.
    const insertDeployment = this.db<DeploymentRow>('deployments')
      .insert(row)
      .onConflict(['idempotency_key'])
      .ignore()
      .returning('id');
    const deployed = deployment.components;
    // PostgreSQL: the deployment and its components in one statement (one round trip per report
    // fewer); the components are inserted only when the deployment row was (a repeat inserts
    // nothing).
    const together =
      isPostgres(this.db) && deployed.length > 0 && deployed.length <= 200;
    // A succeeded deployment also becomes what runs, in the same statement (see recordRunning).
    const running =
      together && deployment.status === 'succeeded' && Boolean(row.finished_at);
    const values = `(VALUES ${deployed
      .map(() => '(?::text, ?::text)')
      .join(', ')}) AS v (component_ref, version)`;
    const valueBindings = deployed.flatMap(c => [c.componentRef, c.version]);
    const inserted =
      (together
        ? await this.db
            .with('d', insertDeployment)
            .with(
              'c',
              this.db.raw(
                `INSERT INTO deployment_components (deployment_id, component_ref, version)
                 SELECT d.id, v.component_ref, v.version FROM d CROSS JOIN ${values}`,
                valueBindings,
              ),
            )
            .modify(query => {
              if (running) {
                query.with(
                  'r',
                  this.db.raw(
                    `INSERT INTO running_components
                       (system_ref, environment, component_ref, version, deployment_id, release_id, finished_at)
                     SELECT ?::text, ?::text, v.component_ref, v.version, d.id, ?::text, ?::timestamptz
                     FROM d CROSS JOIN ${values}
                     ${RUNNING_UPSERT}`,
                    [
                      row.system_ref,
                      row.environment,
                      row.release_id,
                      row.finished_at,
                      ...valueBindings,
                    ],
                  ),
                );
              }
            })
            .select('id')
            .from('d')
        : await insertDeployment
      ).length === 1;
    if (!inserted) {
      const stored = await this.getByIdempotencyKey(deployment.idempotencyKey);
      if (!stored) {
        throw new Error(`deployment ${deployment.idempotencyKey} vanished`);
      }
      return { deployment: stored, inserted };
    }
    if (!together) {
      const rows: ComponentRow[] = deployed.map(c => ({
        deployment_id: deployment.id,
        component_ref: c.componentRef,
        version: c.version,
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await this.db<ComponentRow>('deployment_components').insert(
          rows.slice(i, i + 200),
        );
      }
    }
    if (deployment.status === 'succeeded' && !running) {
      await this.recordRunning([deployment.id]);
    }
    const components = sortedComponents(deployment);
    let releaseVersion = deployment.releaseVersion;
    if (deployment.releaseId && releaseVersion === undefined) {
      releaseVersion = (
        await this.db('releases')
          .where({ id: deployment.releaseId })
          .first('version')
      )?.version;
    }
    return {
      deployment: { ...toDeploymentSummary(row, releaseVersion), components },
      inserted,
    };
  }

  async insertManyIfAbsent(deployments: NewDeployment[]) {
    const first = new Map<string, NewDeployment>();
    for (const deployment of deployments) {
      if (!first.has(deployment.idempotencyKey)) {
        first.set(deployment.idempotencyKey, deployment);
      }
    }
    const candidates = [...first.values()];
    const inserted = new Set<string>();
    const perInsert = rowsPerInsert(this.db);
    for (let i = 0; i < candidates.length; i += perInsert) {
      const ids = await insertRows(
        this.db,
        'deployments',
        candidates.slice(i, i + perInsert).map(toRow),
        { ignoreConflictOn: ['idempotency_key'], returning: 'id' },
      );
      for (const { id } of ids) {
        inserted.add(id as string);
      }
    }
    const ours = candidates.filter(d => inserted.has(d.id));
    const componentRows: ComponentRow[] = ours.flatMap(d =>
      d.components.map(c => ({
        deployment_id: d.id,
        component_ref: c.componentRef,
        version: c.version,
      })),
    );
    for (let i = 0; i < componentRows.length; i += perInsert) {
      await insertRows(
        this.db,
        'deployment_components',
        componentRows.slice(i, i + perInsert),
      );
    }
    const succeeded = ours.filter(d => d.status === 'succeeded').map(d => d.id);
    for (let i = 0; i < succeeded.length; i += 500) {
      await this.recordRunning(succeeded.slice(i, i + 500));
    }
    const stored = new Map<string, Deployment>();
    const theirs = candidates
      .filter(d => !inserted.has(d.id))
      .map(d => d.idempotencyKey);
    for (let i = 0; i < theirs.length; i += 500) {
      const rows = await this.db<DeploymentRow>('deployments').whereIn(
        'idempotency_key',
        theirs.slice(i, i + 500),
      );
      for (const deployment of await this.hydrate(rows)) {
        stored.set(deployment.idempotencyKey, deployment);
      }
    }
    const releaseIds = [
      ...new Set(
        ours.flatMap(d =>
          d.releaseId && d.releaseVersion === undefined ? [d.releaseId] : [],
        ),
      ),
    ];
    const versions = new Map<string, string>();
    if (releaseIds.length > 0) {
      for (const release of await this.db('releases')
        .whereIn('id', releaseIds)
        .select('id', 'version')) {
        versions.set(release.id, release.version);
      }
    }
    for (const d of ours) {
      const releaseVersion =
        d.releaseVersion ??
        (d.releaseId ? versions.get(d.releaseId) : undefined);
      stored.set(d.idempotencyKey, {
        ...toDeploymentSummary(toRow(d), releaseVersion),
        components: sortedComponents(d),
      });
    }
    return deployments.map(deployment => {
      const answer = stored.get(deployment.idempotencyKey);
      if (!answer) {
        throw new Error(`deployment ${deployment.idempotencyKey} vanished`);
      }
      return {
        deployment: answer,
        inserted: answer.id === deployment.id && inserted.has(deployment.id),
      };
    });
  }

  async get(id: string) {
    const row = await this.db<DeploymentRow>('deployments')
      .where({ id })
      .first();
    return row ? (await this.hydrate([row]))[0] : undefined;
  }

  async getMany(ids: string[]) {
    const found = new Map<string, Deployment>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db<DeploymentRow>('deployments').whereIn(
        'id',
        ids.slice(i, i + 500),
      );
      for (const deployment of await this.hydrate(rows)) {
        found.set(deployment.id, deployment);
      }
    }
    return ids.flatMap(id => {
      const deployment = found.get(id);
      return deployment ? [deployment] : [];
    });
  }

  async getByIdempotencyKey(key: string) {
    const row = await this.db<DeploymentRow>('deployments')
      .where({ idempotency_key: key })
      .first();
    return row ? (await this.hydrate([row]))[0] : undefined;
  }

  async finish(
    id: string,
    outcome: {
      status: 'succeeded' | 'failed';
      finishedAt: string;
      updatedAt: string;
    },
  ) {
    const updated = await this.db<DeploymentRow>('deployments')
      .where({ id, status: 'started' })
      .update({
        status: outcome.status,
        finished_at: outcome.finishedAt,
        updated_at: outcome.updatedAt,
      });
    if (updated === 1 && outcome.status === 'succeeded') {
      await this.recordRunning([id]);
    }
    return updated === 1;
  }

  /**
   * Makes succeeded deployments' component versions the running state of their lanes, except where
   * a deployment that finished later (ties broken by id, as drift orders them) already runs: one
   * statement, safe when replicas record deployments of the same lane concurrently. Of several
   * given deployments of one lane's component only the newest is offered (an upsert may not touch
   * a row twice). The ids filter the deployments (primary key), so the plan stays an index look-up
   * into `deployment_components` even when PostgreSQL's statistics are stale, as they are while a
   * bulk import fills young tables (filtering on `dc.deployment_id` made it a nested loop of
   * sequential scans there: 670 ms a statement at 3,000 imported records, 0.9 ms this way).
   */
  private async recordRunning(deploymentIds: string[]) {
    await this.db.raw(
      `insert into running_components
         (system_ref, environment, component_ref, version, deployment_id, release_id, finished_at)
       select system_ref, environment, component_ref, version, deployment_id, release_id, finished_at
       from (
         select d.system_ref, d.environment, dc.component_ref, dc.version, d.id as deployment_id,
                d.release_id, d.finished_at,
                row_number() over (
                  partition by d.system_ref, d.environment, dc.component_ref
                  order by d.finished_at desc, d.id desc
                ) as newest
         from deployment_components dc
         join deployments d on d.id = dc.deployment_id
         where d.id in (${deploymentIds
           .map(() => '?')
           .join(', ')}) and d.status = 'succeeded'
       ) offered
       where newest = 1
       ${RUNNING_UPSERT}`,
      deploymentIds,
    );
  }

  async list(options: {
    systemRef: string;
    environment?: string;
    limit: number;
    cursor?: ListCursor;
  }) {
    const query = pageNewestFirst(
      this.db<DeploymentRow>('deployments').where(
        'system_ref',
        options.systemRef,
      ),
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
    const releaseIds = [
      ...new Set(rows.flatMap(r => (r.release_id ? [r.release_id] : []))),
    ];
    const versions = new Map<string, string>();
    if (releaseIds.length > 0) {
      const releases = await this.db('releases')
        .whereIn('id', releaseIds)
        .select('id', 'version');
      for (const release of releases) {
        versions.set(release.id, release.version);
      }
    }
    const lines = await this.db<ComponentRow>('deployment_components')
      .whereIn(
        'deployment_id',
        rows.map(r => r.id),
      )
      .orderBy('component_ref');
    const components = new Map<string, DeployedComponent[]>();
    for (const line of lines) {
      const list = components.get(line.deployment_id) ?? [];
      list.push({ componentRef: line.component_ref, version: line.version });
      components.set(line.deployment_id, list);
    }
    return rows.map(row => ({
      ...toDeploymentSummary(
        row,
        row.release_id ? versions.get(row.release_id) : undefined,
      ),
      components: components.get(row.id) ?? [],
    }));
  }
}
