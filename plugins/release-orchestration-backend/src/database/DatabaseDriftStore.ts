import { Knex } from 'knex';
import { ReleaseComponent } from '@release-orchestration/plugin-release-orchestration-common';
import { DeploymentRow, toDeploymentSummary } from './deploymentRows';
import {
  DriftStore,
  ReleaseDeploymentRecord,
  RunningComponentRecord,
} from './deploymentStoreTypes';
import { toIso } from './timestamps';

type ReleaseDeploymentRow = {
  id: string;
  environment: string;
  release_id: string;
  release_version: string;
  rollback: boolean | number;
  finished_at: Date | string;
  deployer: string;
  component_count: number | string;
  deployed_count: number | string;
};

const NEWEST_FIRST = 'order by d.finished_at desc, d.id desc';

function toRecord(row: ReleaseDeploymentRow): ReleaseDeploymentRecord {
  return {
    deploymentId: row.id,
    environment: row.environment,
    releaseId: row.release_id,
    releaseVersion: row.release_version,
    rollback: Boolean(row.rollback),
    finishedAt: toIso(row.finished_at),
    deployer: row.deployer,
    whole: Number(row.deployed_count) === Number(row.component_count),
  };
}

/**
 * Knex implementation of {@link DriftStore}. Each read is one statement using `row_number()`
 * window functions (SQLite 3.25+ and PostgreSQL), served by the `deployments_drift_idx` index.
 */
export class DatabaseDriftStore implements DriftStore {
  constructor(private readonly db: Knex) {}

  /** Succeeded deployments of the System that carried a release, with their manifest coverage. */
  private releaseDeployments(systemRef: string, environments: string[]) {
    return this.db('deployments as d')
      .join('releases as r', 'r.id', 'd.release_id')
      .where('d.system_ref', systemRef)
      .where('d.status', 'succeeded')
      .whereIn('d.environment', environments)
      .select(
        'd.id',
        'd.environment',
        'd.release_id',
        'r.version as release_version',
        'd.rollback',
        'd.finished_at',
        'd.deployer',
        'r.component_count',
        this.db('deployment_components as dc')
          .whereRaw('dc.deployment_id = d.id')
          .count('*')
          .as('deployed_count'),
      );
  }

  async succeededReleaseDeployments(
    systemRef: string,
    environments: string[],
    perEnvironment: number,
  ) {
    const ranked = this.releaseDeployments(systemRef, environments).select(
      this.db.raw(`row_number() over (partition by d.environment ${NEWEST_FIRST}) as rn`),
    );
    const rows: ReleaseDeploymentRow[] = await this.db
      .from(ranked.as('t'))
      .where('rn', '<=', perEnvironment)
      .orderBy([
        { column: 'environment' },
        { column: 'finished_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toRecord);
  }

  async latestWholeReleaseDeployments(systemRef: string, environments: string[]) {
    const whole = this.releaseDeployments(systemRef, environments)
      .whereRaw(
        'r.component_count = (select count(*) from deployment_components dc2 where dc2.deployment_id = d.id)',
      )
      .select(this.db.raw(`row_number() over (partition by d.environment ${NEWEST_FIRST}) as rn`));
    const rows: ReleaseDeploymentRow[] = await this.db.from(whole.as('t')).where('rn', 1);
    return rows.map(toRecord);
  }

  async runningComponents(systemRef: string, environments: string[]) {
    const ranked = this.db('deployment_components as dc')
      .join('deployments as d', 'd.id', 'dc.deployment_id')
      .where('d.system_ref', systemRef)
      .where('d.status', 'succeeded')
      .whereIn('d.environment', environments)
      .select(
        'd.environment',
        'dc.component_ref',
        'dc.version',
        'd.id as deployment_id',
        'd.finished_at',
        'd.release_id',
        this.db.raw(
          `row_number() over (partition by d.environment, dc.component_ref ${NEWEST_FIRST}) as rn`,
        ),
      );
    const rows = await this.db.from(ranked.as('t')).where('rn', 1).orderBy('component_ref');
    return rows.map(
      (row): RunningComponentRecord => ({
        environment: row.environment,
        componentRef: row.component_ref,
        version: row.version,
        deploymentId: row.deployment_id,
        deployedAt: toIso(row.finished_at),
        ...(row.release_id ? { releaseId: row.release_id } : {}),
      }),
    );
  }

  async latestDeployments(systemRef: string, environments: string[]) {
    const ranked = this.db('deployments as d')
      .leftJoin('releases as r', 'r.id', 'd.release_id')
      .where('d.system_ref', systemRef)
      .whereIn('d.environment', environments)
      .select(
        'd.*',
        'r.version as release_version',
        this.db.raw(
          'row_number() over (partition by d.environment order by d.started_at desc, d.created_at desc, d.id desc) as rn',
        ),
      );
    const rows: Array<DeploymentRow & { release_version: string | null }> = await this.db
      .from(ranked.as('t'))
      .where('rn', 1);
    return rows.map(row => toDeploymentSummary(row, row.release_version ?? undefined));
  }

  async manifests(releaseIds: string[]) {
    const result = new Map<string, ReleaseComponent[]>();
    if (releaseIds.length === 0) {
      return result;
    }
    const rows = await this.db('release_components as rc')
      .join('builds as b', 'b.id', 'rc.build_id')
      .whereIn('rc.release_id', releaseIds)
      .orderBy('rc.component_ref')
      .select(
        'rc.release_id',
        'rc.component_ref',
        'b.id as build_id',
        'b.version',
        'b.artifact_uri',
        'b.artifact_digest',
        'b.commit_sha',
        'b.build_url',
      );
    for (const r of rows) {
      const list = result.get(r.release_id) ?? [];
      list.push({
        componentRef: r.component_ref,
        version: r.version,
        buildId: r.build_id,
        artifactUri: r.artifact_uri,
        artifactDigest: r.artifact_digest,
        commitSha: r.commit_sha,
        ...(r.build_url ? { buildUrl: r.build_url } : {}),
      });
      result.set(r.release_id, list);
    }
    return result;
  }
}
