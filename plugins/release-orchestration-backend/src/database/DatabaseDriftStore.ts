import { Knex } from 'knex';
import { DeploymentRow, toDeploymentSummary } from './deploymentRows';
import {
  DriftStore,
  ReleaseDeploymentRecord,
  RunningComponentRecord,
} from './deploymentStoreTypes';
import { readManifests } from './readManifests';
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

const NEWEST_FIRST = 'd.finished_at desc, d.id desc';
const LANE_NEWEST_FIRST = 'environment, finished_at desc, id desc';

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
 * Knex implementation of {@link DriftStore}. Every read is one statement of a few rows per lane:
 * per lane, an index range read in drift order with LIMIT (`deployments_drift_idx`,
 * `deployments_lane_started_idx`), joined as UNION ALL; what runs is the `running_components`
 * table the deployment store keeps. None of them grows with the deployment history.
 */
export class DatabaseDriftStore implements DriftStore {
  constructor(private readonly db: Knex) {}

  /**
   * One statement: `build(lane)` for each lane, each limited to `limit` rows in its own order,
   * concatenated with UNION ALL and ordered by `orderBy` (SQLite allows neither parentheses
   * around compound members nor ORDER BY inside them, hence the derived tables).
   */
  private async perLane<Row>(
    environments: string[],
    limit: number,
    build: (environment: string) => Knex.QueryBuilder,
    orderBy: string,
  ): Promise<Row[]> {
    if (environments.length === 0) {
      return [];
    }
    const lanes = environments.map((environment, i) =>
      this.db.select('*').from(build(environment).limit(limit).as(`lane${i}`)),
    );
    const [first, ...rest] = lanes;
    const union = rest.length > 0 ? first.unionAll(rest) : first;
    return (await this.db
      .select('*')
      .from(union.as('lanes'))
      .orderByRaw(orderBy)) as Row[];
  }

  /** Succeeded deployments of one lane that carried a release, newest first, with their coverage. */
  private releaseDeployments(systemRef: string, environment: string) {
    return this.db('deployments as d')
      .join('releases as r', 'r.id', 'd.release_id')
      .where('d.system_ref', systemRef)
      .where('d.environment', environment)
      .where('d.status', 'succeeded')
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
      )
      .orderByRaw(NEWEST_FIRST);
  }

  async succeededReleaseDeployments(
    systemRef: string,
    environments: string[],
    perEnvironment: number,
  ) {
    const rows = await this.perLane<ReleaseDeploymentRow>(
      environments,
      perEnvironment,
      lane => this.releaseDeployments(systemRef, lane),
      LANE_NEWEST_FIRST,
    );
    return rows.map(toRecord);
  }

  async latestWholeReleaseDeployments(
    systemRef: string,
    environments: string[],
  ) {
    const rows = await this.perLane<ReleaseDeploymentRow>(
      environments,
      1,
      lane =>
        this.releaseDeployments(systemRef, lane).whereRaw(
          'r.component_count = (select count(*) from deployment_components dc2 where dc2.deployment_id = d.id)',
        ),
      LANE_NEWEST_FIRST,
    );
    return rows.map(toRecord);
  }

  async runningComponents(systemRef: string, environments: string[]) {
    const rows = await this.db('running_components')
      .where('system_ref', systemRef)
      .whereIn('environment', environments)
      .orderBy(['component_ref', 'environment'])
      .select(
        'environment',
        'component_ref',
        'version',
        'deployment_id',
        'finished_at',
        'release_id',
      );
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
    const rows = await this.perLane<
      DeploymentRow & { release_version: string | null }
    >(
      environments,
      1,
      lane =>
        this.db('deployments as d')
          .leftJoin('releases as r', 'r.id', 'd.release_id')
          .where('d.system_ref', systemRef)
          .where('d.environment', lane)
          .select('d.*', 'r.version as release_version')
          .orderByRaw('d.started_at desc, d.created_at desc, d.id desc'),
      'environment',
    );
    return rows.map(row =>
      toDeploymentSummary(row, row.release_version ?? undefined),
    );
  }

  manifests(releaseIds: string[]) {
    return readManifests(this.db, releaseIds);
  }
}
