import { Knex } from 'knex';
import { readManifests } from './readManifests';
import {
  ReleaseComponent,
  ReleaseQuarantine,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { manifestDigest } from '../manifest/manifestDigest';
import { isPostgres } from './dialect';
import { toIso } from './timestamps';
import {
  DeployableRelease,
  ListCursor,
  NewQuarantine,
  NewRelease,
  ReleaseStore,
} from './types';
import { pageNewestFirst, whereBeforeCursor } from './whereBeforeCursor';

type ReleaseRow = {
  id: string;
  system_ref: string;
  version: string;
  notes: string | null;
  risk_class: ReleaseSummary['riskClass'];
  component_count: number | string;
  manifest_digest: string;
  created_by: string;
  created_at: Date | string;
};

function toSummary(row: ReleaseRow): ReleaseSummary {
  return {
    id: row.id,
    systemRef: row.system_ref,
    version: row.version,
    ...(row.notes ? { notes: row.notes } : {}),
    riskClass: row.risk_class,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    componentCount: Number(row.component_count),
    manifestDigest: row.manifest_digest,
  };
}

type QuarantineRow = {
  release_id: string;
  id: string;
  reason: string;
  quarantined_by: string;
  quarantined_at: Date | string;
  incident_id: string | null;
  lifted_at: Date | string | null;
  lifted_by: string | null;
  lift_reason: string | null;
};

function toQuarantine(row: QuarantineRow): ReleaseQuarantine {
  return {
    reason: row.reason,
    quarantinedBy: row.quarantined_by,
    quarantinedAt: toIso(row.quarantined_at),
    ...(row.incident_id ? { incidentId: row.incident_id } : {}),
  };
}

/** Knex implementation of {@link ReleaseStore}. */
export class DatabaseReleaseStore implements ReleaseStore {
  constructor(private readonly db: Knex) {}

  async insertIfAbsent(release: NewRelease) {
    const artifacts = await this.artifactDigests(
      release.components.map(c => c.buildId),
    );
    const digest = manifestDigest(
      release.components.map(c => ({
        componentRef: c.componentRef,
        artifactDigest: artifacts.get(c.buildId) ?? '',
      })),
    );
    await this.db<ReleaseRow>('releases')
      .insert({
        id: release.id,
        system_ref: release.systemRef,
        version: release.version,
        notes: release.notes ?? null,
        risk_class: release.riskClass,
        component_count: release.components.length,
        manifest_digest: digest,
        created_by: release.createdBy,
        created_at: release.createdAt,
      })
      .onConflict(['system_ref', 'version'])
      .ignore();
    const stored = await this.db<ReleaseRow>('releases')
      .where({ system_ref: release.systemRef, version: release.version })
      .first('id');
    if (stored?.id !== release.id) {
      return { inserted: false };
    }
    const lines = release.components.map(c => ({
      release_id: release.id,
      component_ref: c.componentRef,
      build_id: c.buildId,
    }));
    for (let i = 0; i < lines.length; i += 200) {
      await this.db('release_components').insert(lines.slice(i, i + 200));
    }
    return { inserted: true };
  }

  private async artifactDigests(buildIds: string[]) {
    const result = new Map<string, string>();
    for (let i = 0; i < buildIds.length; i += 500) {
      const rows = await this.db('builds')
        .whereIn('id', buildIds.slice(i, i + 500))
        .select('id', 'artifact_digest');
      for (const row of rows) {
        result.set(row.id, row.artifact_digest);
      }
    }
    return result;
  }

  async idOfVersion(systemRef: string, version: string) {
    const row = await this.db<ReleaseRow>('releases')
      .where({ system_ref: systemRef, version })
      .first('id');
    return row?.id;
  }

  async get(id: string) {
    const row = await this.db<ReleaseRow>('releases').where({ id }).first();
    return row ? (await this.withQuarantines([toSummary(row)]))[0] : undefined;
  }

  async lock(id: string) {
    if (isPostgres(this.db)) {
      // The audit chain head first, the order every writer that locks rows here takes.
      await this.db('audit_head').where({ id: 1 }).forUpdate().select('id');
    }
    const row = await this.db<ReleaseRow>('releases')
      .where({ id })
      .forUpdate()
      .first();
    return row ? (await this.withQuarantines([toSummary(row)]))[0] : undefined;
  }

  /** The summaries with the quarantines in force on them. */
  private async withQuarantines(
    summaries: ReleaseSummary[],
  ): Promise<ReleaseSummary[]> {
    const quarantines = await this.quarantinesOf(summaries.map(r => r.id));
    return summaries.map(r => {
      const quarantine = quarantines.get(r.id);
      return quarantine ? { ...r, quarantine } : r;
    });
  }

  async quarantinesOf(releaseIds: string[]) {
    const result = new Map<string, ReleaseQuarantine>();
    for (let i = 0; i < releaseIds.length; i += 500) {
      const rows = await this.db<QuarantineRow>('release_quarantines')
        .whereIn('release_id', releaseIds.slice(i, i + 500))
        .whereNull('lifted_at');
      for (const row of rows) {
        result.set(row.release_id, toQuarantine(row));
      }
    }
    return result;
  }

  async quarantinesOfSystem(systemRef: string) {
    const rows: QuarantineRow[] = await this.db('release_quarantines as q')
      .join('releases as r', 'r.id', 'q.release_id')
      .where('r.system_ref', systemRef)
      .whereNull('q.lifted_at')
      .select('q.*');
    return new Map(rows.map(row => [row.release_id, toQuarantine(row)]));
  }

  async quarantine(input: NewQuarantine) {
    const fields = {
      id: input.id,
      reason: input.reason,
      quarantined_by: input.quarantinedBy,
      quarantined_at: input.quarantinedAt,
      incident_id: input.incidentId ?? null,
      lifted_at: null,
      lifted_by: null,
      lift_reason: null,
    };
    // Re-quarantine after a lift reuses the row; the WHERE makes a concurrent second call see
    // the quarantine in force (PostgreSQL re-checks it after waiting for the row lock).
    const reused = await this.db('release_quarantines')
      .where({ release_id: input.releaseId })
      .whereNotNull('lifted_at')
      .update(fields);
    if (reused === 0) {
      await this.db('release_quarantines')
        .insert({ release_id: input.releaseId, ...fields })
        .onConflict('release_id')
        .ignore();
    }
    const stored = await this.db<QuarantineRow>('release_quarantines')
      .where({ release_id: input.releaseId })
      .first('id');
    return stored?.id === input.id;
  }

  async liftQuarantine(input: {
    releaseId: string;
    liftedBy: string;
    liftedAt: string;
    reason: string;
  }) {
    const row = await this.db<QuarantineRow>('release_quarantines')
      .where({ release_id: input.releaseId })
      .whereNull('lifted_at')
      .first();
    if (!row) {
      return undefined;
    }
    const lifted = await this.db('release_quarantines')
      .where({ release_id: input.releaseId, id: row.id })
      .whereNull('lifted_at')
      .update({
        lifted_at: input.liftedAt,
        lifted_by: input.liftedBy,
        lift_reason: input.reason,
      });
    return lifted === 1 ? toQuarantine(row) : undefined;
  }

  async recordIds(id: string, limit: number) {
    const [deployments, incidents] = await Promise.all([
      this.db('deployments')
        .where({ release_id: id })
        .orderBy('id')
        .limit(limit)
        .pluck('id'),
      this.db('incidents')
        .where({ release_id: id })
        .orderBy('id')
        .limit(limit)
        .pluck('id'),
    ]);
    return {
      deploymentIds: deployments.map(String),
      incidentIds: incidents.map(String),
    };
  }

  async getManifest(id: string): Promise<ReleaseComponent[]> {
    return (await readManifests(this.db, [id])).get(id) ?? [];
  }

  async getDeployable(id: string): Promise<DeployableRelease | undefined> {
    const rows: Array<{
      system_ref: string;
      release_version: string;
      component_ref: string | null;
      component_version: string | null;
    }> = await this.db('releases as r')
      .leftJoin('release_components as rc', 'rc.release_id', 'r.id')
      .leftJoin('builds as b', 'b.id', 'rc.build_id')
      .where('r.id', id)
      .orderBy('rc.component_ref')
      .select(
        'r.system_ref',
        'r.version as release_version',
        'rc.component_ref',
        'b.version as component_version',
      );
    if (rows.length === 0) {
      return undefined;
    }
    return {
      id,
      systemRef: rows[0].system_ref,
      version: rows[0].release_version,
      components: rows.flatMap(r =>
        r.component_ref !== null && r.component_version !== null
          ? [{ componentRef: r.component_ref, version: r.component_version }]
          : [],
      ),
    };
  }

  async getPrevious(release: ReleaseSummary) {
    const query = this.db<ReleaseRow>('releases')
      .where('system_ref', release.systemRef)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    whereBeforeCursor(query, { createdAt: release.createdAt, id: release.id });
    const row = await query;
    return row ? (await this.withQuarantines([toSummary(row)]))[0] : undefined;
  }

  async list(options: {
    systemRef: string;
    limit: number;
    cursor?: ListCursor;
  }) {
    const query = pageNewestFirst(
      this.db<ReleaseRow>('releases').where('system_ref', options.systemRef),
      options,
    );
    return this.withQuarantines((await query).map(toSummary));
  }

  async listContainingBuilds(buildIds: string[]) {
    const result = new Map<
      string,
      Array<{ id: string; version: string; systemRef: string }>
    >();
    if (buildIds.length === 0) {
      return result;
    }
    const rows = await this.db('release_components as rc')
      .join('releases as r', 'r.id', 'rc.release_id')
      .whereIn('rc.build_id', buildIds)
      .orderBy('r.created_at', 'desc')
      .select('rc.build_id', 'r.id', 'r.version', 'r.system_ref');
    for (const row of rows) {
      const list = result.get(row.build_id) ?? [];
      list.push({
        id: row.id,
        version: row.version,
        systemRef: row.system_ref,
      });
      result.set(row.build_id, list);
    }
    return result;
  }
}
