import { Knex } from 'knex';
import {
  Incident,
  IncidentAttribution,
} from '@release-orchestration/plugin-release-orchestration-common';
import { rawRows, valuesList } from './dialect';
import { toIso } from './timestamps';
import {
  AttributableDeployment,
  externalKey,
  IncidentChanges,
  IncidentStore,
  NewIncident,
} from './incidentStoreTypes';
import { ListCursor } from './types';
import { pageNewestFirst } from './whereBeforeCursor';

type IncidentRow = {
  id: string;
  source: string;
  external_id: string;
  system_ref: string;
  environment: string;
  title: string;
  url: string | null;
  opened_at: Date | string;
  resolved_at: Date | string | null;
  deployment_id: string | null;
  release_id: string | null;
  attribution: IncidentAttribution;
  fixed_by_deployment_id: string | null;
  reported_by: string;
  created_at: Date | string;
  updated_at: Date | string;
};

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    source: row.source,
    externalId: row.external_id,
    systemRef: row.system_ref,
    environment: row.environment,
    title: row.title,
    ...(row.url ? { url: row.url } : {}),
    openedAt: toIso(row.opened_at),
    ...(row.resolved_at ? { resolvedAt: toIso(row.resolved_at) } : {}),
    ...(row.deployment_id ? { deploymentId: row.deployment_id } : {}),
    ...(row.release_id ? { releaseId: row.release_id } : {}),
    attribution: row.attribution,
    ...(row.fixed_by_deployment_id
      ? { fixedByDeploymentId: row.fixed_by_deployment_id }
      : {}),
    reportedBy: row.reported_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The deployment columns an incident is attributed from (DEPLOYMENT_COLUMNS of `deployments`). */
type AttributableDeploymentRow = {
  id: string;
  system_ref: string;
  environment: string;
  release_id: string | null;
  status: AttributableDeployment['status'];
  finished_at: Date | string | null;
};

/** An incident joined with the finish time of the deployment it is attributed to. */
type IncidentWithDeploymentRow = IncidentRow & {
  deployment_finished_at: Date | string | null;
};

function toDeployment(row: AttributableDeploymentRow): AttributableDeployment {
  return {
    id: row.id,
    systemRef: row.system_ref,
    environment: row.environment,
    ...(row.release_id ? { releaseId: row.release_id } : {}),
    status: row.status,
    ...(row.finished_at ? { finishedAt: toIso(row.finished_at) } : {}),
  };
}

const DEPLOYMENT_COLUMNS = [
  'id',
  'system_ref',
  'environment',
  'release_id',
  'status',
  'finished_at',
];

function toRow(incident: NewIncident) {
  return {
    id: incident.id,
    source: incident.source,
    external_id: incident.externalId,
    system_ref: incident.systemRef,
    environment: incident.environment,
    title: incident.title,
    url: incident.url ?? null,
    opened_at: incident.openedAt,
    resolved_at: incident.resolvedAt ?? null,
    deployment_id: incident.deploymentId ?? null,
    release_id: incident.releaseId ?? null,
    attribution: incident.attribution,
    reported_by: incident.reportedBy,
    created_at: incident.createdAt,
    updated_at: incident.createdAt,
  };
}

/** Knex implementation of {@link IncidentStore}. */
export class DatabaseIncidentStore implements IncidentStore {
  constructor(private readonly db: Knex) {}

  async insertIfAbsent(incident: NewIncident) {
    await this.db<IncidentRow>('incidents')
      .insert(toRow(incident))
      .onConflict(['source', 'external_id'])
      .ignore();
    const stored = (await this.getByExternalId(
      incident.source,
      incident.externalId,
    ))!;
    return { incident: stored, inserted: stored.id === incident.id };
  }

  async insertManyIfAbsent(incidents: NewIncident[]) {
    const inserted = new Map<string, Incident>();
    // SQLite compiles a multi-row insert to a compound SELECT of at most 500 terms.
    for (let i = 0; i < incidents.length; i += 100) {
      const rows: IncidentRow[] = await this.db<IncidentRow>('incidents')
        .insert(incidents.slice(i, i + 100).map(toRow))
        .onConflict(['source', 'external_id'])
        .ignore()
        .returning('*');
      for (const row of rows) {
        inserted.set(row.id, toIncident(row));
      }
    }
    const theirs = await this.getByExternalIds(
      incidents.filter(incident => !inserted.has(incident.id)),
    );
    return incidents.map(incident => {
      const ours = inserted.get(incident.id);
      return ours
        ? { incident: ours, inserted: true }
        : {
            incident: theirs.get(
              externalKey(incident.source, incident.externalId),
            )!,
            inserted: false,
          };
    });
  }

  async getByExternalIds(keys: Array<{ source: string; externalId: string }>) {
    const result = new Map<string, Incident>();
    for (let i = 0; i < keys.length; i += 250) {
      const rows: IncidentRow[] = await this.db<IncidentRow>(
        'incidents',
      ).whereIn(
        ['source', 'external_id'],
        keys.slice(i, i + 250).map(k => [k.source, k.externalId]),
      );
      for (const row of rows) {
        result.set(externalKey(row.source, row.external_id), toIncident(row));
      }
    }
    return result;
  }

  async get(id: string) {
    const row = await this.db<IncidentRow>('incidents').where({ id }).first();
    return row ? toIncident(row) : undefined;
  }

  async hasAny() {
    return (await this.db('incidents').first('id')) !== undefined;
  }

  async getByExternalId(source: string, externalId: string) {
    const row = await this.db<IncidentRow>('incidents')
      .where({ source, external_id: externalId })
      .first();
    return row ? toIncident(row) : undefined;
  }

  async update(id: string, changes: IncidentChanges) {
    const columns: Partial<IncidentRow> = { updated_at: changes.updatedAt };
    const map: Array<[keyof IncidentChanges, keyof IncidentRow]> = [
      ['title', 'title'],
      ['url', 'url'],
      ['openedAt', 'opened_at'],
      ['resolvedAt', 'resolved_at'],
      ['deploymentId', 'deployment_id'],
      ['releaseId', 'release_id'],
      ['attribution', 'attribution'],
      ['fixedByDeploymentId', 'fixed_by_deployment_id'],
    ];
    const set = columns as Record<keyof IncidentRow, unknown>;
    for (const [key, column] of map) {
      if (changes[key] !== undefined) {
        set[column] = changes[key];
      }
    }
    await this.db<IncidentRow>('incidents').where({ id }).update(columns);
    return (await this.get(id))!;
  }

  async list(options: {
    systemRef: string;
    environment?: string;
    limit: number;
    cursor?: ListCursor;
  }) {
    const query = pageNewestFirst(
      this.db<IncidentRow>('incidents').where('system_ref', options.systemRef),
      options,
    );
    if (options.environment) {
      query.where('environment', options.environment);
    }
    return (await query).map(toIncident);
  }

  async getDeployment(id: string) {
    const row = await this.db('deployments')
      .where({ id })
      .first(DEPLOYMENT_COLUMNS);
    return row ? toDeployment(row) : undefined;
  }

  async newestSucceededDeployment(options: {
    systemRef: string;
    environment: string;
    atOrBefore: string;
    releaseId?: string;
  }) {
    // deployments_drift_idx (system_ref, environment, status, finished_at) answers this.
    const query = this.db('deployments')
      .where({
        system_ref: options.systemRef,
        environment: options.environment,
        status: 'succeeded',
      })
      .where('finished_at', '<=', options.atOrBefore)
      .orderBy([
        { column: 'finished_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first(DEPLOYMENT_COLUMNS);
    if (options.releaseId) {
      query.where('release_id', options.releaseId);
    }
    const row = await query;
    return row ? toDeployment(row) : undefined;
  }

  /**
   * Per-lane queries as a VALUES list `(k, system_ref, environment, time)`, `k` a query's index in
   * the whole list (this part starts at `start`), so that answers find their query.
   */
  private laneValues<Q extends { systemRef: string; environment: string }>(
    part: Q[],
    start: number,
    time: (query: Q) => string,
  ) {
    return valuesList(
      this.db,
      ['integer', 'text', 'text', 'timestamptz'],
      part.map((query, i) => [
        start + i,
        query.systemRef,
        query.environment,
        time(query),
      ]),
    );
  }

  async newestSucceededDeployments(
    queries: Array<{
      systemRef: string;
      environment: string;
      atOrBefore: string;
    }>,
  ) {
    const result: Array<AttributableDeployment | undefined> = queries.map(
      () => undefined,
    );
    for (let start = 0; start < queries.length; start += 200) {
      const part = queries.slice(start, start + 200);
      const q = this.laneValues(part, start, query => query.atOrBefore);
      // Per incident, what newestSucceededDeployment reads (deployments_drift_idx), in one statement.
      const answer = await this.db.raw(
        `with q (k, system_ref, environment, at) as (values ${q.sql})
         select q.k, d.id, d.system_ref, d.environment, d.release_id, d.status, d.finished_at
         from q join deployments d on d.id = (
           select n.id from deployments n
           where n.system_ref = q.system_ref and n.environment = q.environment
             and n.status = 'succeeded' and n.finished_at <= q.at
           order by n.finished_at desc, n.id desc limit 1)`,
        q.bindings,
      );
      for (const row of rawRows<AttributableDeploymentRow & { k: number }>(
        this.db,
        answer,
      )) {
        result[Number(row.k)] = toDeployment(row);
      }
    }
    return result;
  }

  async findForFix(systemRef: string, environment: string, ref: string) {
    // An incident id, or an external id of the System's incidents (incidents_system_opened_idx).
    const query = this.db<IncidentRow>('incidents').where({
      system_ref: systemRef,
      environment,
    });
    if (
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(
        ref,
      )
    ) {
      query.where(q => q.where('id', ref).orWhere('external_id', ref));
    } else {
      query.where('external_id', ref);
    }
    return (await query.limit(2)).map(toIncident);
  }

  async listOpenedSince(options: {
    systemRef: string;
    environment: string;
    since: string;
  }) {
    const [incidents] = await this.listOpenedSinceMany([options]);
    return incidents;
  }

  async listOpenedSinceMany(
    queries: Array<{ systemRef: string; environment: string; since: string }>,
    options: { movableOnly?: boolean } = {},
  ) {
    const result = queries.map(
      () => [] as Array<Incident & { deploymentFinishedAt?: string }>,
    );
    // History imported into a portal that has later history would otherwise read every later
    // incident of the System, each attributed to a later deployment.
    const movable = options.movableOnly
      ? `where (i.attribution = 'automatic'
           and (i.deployment_id is null or d.finished_at < q.since))
         or (i.attribution = 'explicit' and i.deployment_id is null
           and i.release_id is not null)`
      : '';
    for (let start = 0; start < queries.length; start += 200) {
      const part = queries.slice(start, start + 200);
      const q = this.laneValues(part, start, query => query.since);
      // One statement for many Systems, the queries as a VALUES list (incidents_system_opened_idx
      // per query): as an OR of 200 branches, planning alone took 38 ms (6 December).
      const answer = await this.db.raw(
        `with q (k, system_ref, environment, since) as (values ${q.sql})
         select q.k, i.*, d.finished_at as deployment_finished_at
         from q join incidents i on i.system_ref = q.system_ref
           and i.environment = q.environment and i.opened_at >= q.since
         left join deployments d on d.id = i.deployment_id
         ${movable}
         order by i.opened_at, i.id`,
        q.bindings,
      );
      for (const row of rawRows<IncidentWithDeploymentRow & { k: number }>(
        this.db,
        answer,
      )) {
        result[Number(row.k)].push({
          ...toIncident(row),
          ...(row.deployment_finished_at
            ? { deploymentFinishedAt: toIso(row.deployment_finished_at) }
            : {}),
        });
      }
    }
    return result;
  }

  async openIncidentReleases(systemRef: string, environments: string[]) {
    if (environments.length === 0) {
      return [];
    }
    // incidents_system_opened_idx narrows to the System; open incidents are few.
    const rows = await this.db('incidents')
      .where('system_ref', systemRef)
      .whereIn('environment', environments)
      .whereNull('resolved_at')
      .whereNotNull('release_id')
      .distinct('environment', 'release_id');
    return rows.map((row: { environment: string; release_id: string }) => ({
      environment: row.environment,
      releaseId: row.release_id,
    }));
  }

  async incidentWindowsOf(releaseId: string, environment: string) {
    const rows = await this.db('incidents')
      .where({ release_id: releaseId, environment })
      .select('opened_at', 'resolved_at');
    return rows.map((row: Pick<IncidentRow, 'opened_at' | 'resolved_at'>) => ({
      openedAt: toIso(row.opened_at),
      ...(row.resolved_at ? { resolvedAt: toIso(row.resolved_at) } : {}),
    }));
  }
}
