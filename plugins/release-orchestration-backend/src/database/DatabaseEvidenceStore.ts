import { Knex } from 'knex';
import { Evidence } from '@release-orchestration/plugin-release-orchestration-common';
import { toIso } from './timestamps';
import { EvidenceStore, NewEvidence } from './promotionStoreTypes';

type EvidenceRow = {
  id: string;
  release_id: string;
  type: string;
  status: Evidence['status'];
  url: string;
  summary: string;
  environment: string | null;
  content_digest: string | null;
  created_by: string;
  created_at: Date | string;
};

function toEvidence(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    releaseId: row.release_id,
    type: row.type,
    status: row.status,
    url: row.url,
    summary: row.summary,
    ...(row.environment ? { environment: row.environment } : {}),
    ...(row.content_digest ? { contentDigest: row.content_digest } : {}),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
  };
}

/** Knex implementation of {@link EvidenceStore}. */
export class DatabaseEvidenceStore implements EvidenceStore {
  constructor(private readonly db: Knex) {}

  async insert(evidence: NewEvidence) {
    const row: EvidenceRow = {
      id: evidence.id,
      release_id: evidence.releaseId,
      type: evidence.type,
      status: evidence.status,
      url: evidence.url,
      summary: evidence.summary,
      environment: evidence.environment ?? null,
      content_digest: evidence.contentDigest ?? null,
      created_by: evidence.createdBy,
      created_at: evidence.createdAt,
    };
    await this.db<EvidenceRow>('evidence').insert(row);
    return toEvidence(row);
  }

  async listForRelease(releaseId: string) {
    return (await this.listForReleases([releaseId])).get(releaseId) ?? [];
  }

  async listForReleases(releaseIds: string[]) {
    const result = new Map<string, Evidence[]>();
    if (releaseIds.length === 0) {
      return result;
    }
    const rows = await this.db<EvidenceRow>('evidence')
      .whereIn('release_id', [...new Set(releaseIds)])
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    for (const row of rows) {
      const list = result.get(row.release_id) ?? [];
      list.push(toEvidence(row));
      result.set(row.release_id, list);
    }
    return result;
  }
}
