import { Knex } from 'knex';
import { readManifests } from './readManifests';
import {
  ReleaseComponent,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { manifestDigest } from '../manifest/manifestDigest';
import { toIso } from './timestamps';
import { ListCursor, NewRelease, ReleaseStore } from './types';
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

/** Knex implementation of {@link ReleaseStore}. */
export class DatabaseReleaseStore implements ReleaseStore {
  constructor(private readonly db: Knex) {}

  async insertIfAbsent(release: NewRelease) {
    const artifacts = await this.artifactDigests(release.components.map(c => c.buildId));
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

  async get(id: string) {
    const row = await this.db<ReleaseRow>('releases').where({ id }).first();
    return row ? toSummary(row) : undefined;
  }

  async recordIds(id: string, limit: number) {
    const [deployments, incidents] = await Promise.all([
      this.db('deployments').where({ release_id: id }).orderBy('id').limit(limit).pluck('id'),
      this.db('incidents').where({ release_id: id }).orderBy('id').limit(limit).pluck('id'),
    ]);
    return { deploymentIds: deployments.map(String), incidentIds: incidents.map(String) };
  }

  async getManifest(id: string): Promise<ReleaseComponent[]> {
    return (await readManifests(this.db, [id])).get(id) ?? [];
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
    return row ? toSummary(row) : undefined;
  }

  async list(options: { systemRef: string; limit: number; cursor?: ListCursor }) {
    const query = pageNewestFirst(
      this.db<ReleaseRow>('releases').where('system_ref', options.systemRef),
      options,
    );
    return (await query).map(toSummary);
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
      list.push({ id: row.id, version: row.version, systemRef: row.system_ref });
      result.set(row.build_id, list);
    }
    return result;
  }
}
