import { Knex } from 'knex';
import { AuditCheckpoint } from '@release-orchestration/plugin-release-orchestration-node';
import { auditCheckpointOf } from '../audit/auditCheckpoints';
import { AuditCheckpointStore, FullAuditVerification } from './auditStoreTypes';

type CheckpointRow = {
  sequence: number | string;
  head_hash: string;
  created_at: string;
  key_id: string;
  verified: boolean | number;
  signature: string;
};

function toCheckpoint(row: CheckpointRow): AuditCheckpoint {
  return auditCheckpointOf({
    sequence: Number(row.sequence),
    headHash: row.head_hash,
    createdAt: row.created_at,
    keyId: row.key_id,
    verified: Boolean(row.verified),
    signature: row.signature,
  });
}

/** Knex implementation of {@link AuditCheckpointStore}. */
export class DatabaseAuditCheckpointStore implements AuditCheckpointStore {
  constructor(private readonly db: Knex) {}

  async add(c: AuditCheckpoint): Promise<void> {
    await this.db('audit_checkpoints').insert({
      sequence: c.sequence,
      head_hash: c.headHash,
      created_at: c.createdAt,
      key_id: c.keyId,
      verified: c.verified,
      signature: c.signature,
    });
  }

  async newest(options?: {
    verifiedOnly?: boolean;
  }): Promise<AuditCheckpoint | undefined> {
    const query = this.db<CheckpointRow>('audit_checkpoints').orderBy([
      { column: 'sequence', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (options?.verifiedOnly) {
      query.where('verified', true);
    }
    const row = await query.first();
    return row && toCheckpoint(row);
  }

  async between(from: number, to: number): Promise<AuditCheckpoint[]> {
    const rows = await this.db<CheckpointRow>('audit_checkpoints')
      .whereBetween('sequence', [from, to])
      .orderBy('sequence', 'asc');
    return rows.map(toCheckpoint);
  }

  async readFullVerification(): Promise<FullAuditVerification> {
    const row = await this.db('audit_verification').where({ id: 1 }).first();
    return {
      state: row.state,
      ...(row.started_at ? { startedAt: row.started_at } : {}),
      ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
      targetSequence: Number(row.target_sequence),
      checkedEvents: Number(row.checked_events),
      ...(row.valid === null || row.valid === undefined
        ? {}
        : { valid: Boolean(row.valid) }),
      breakCount: Number(row.break_count),
      breaks: row.breaks ? JSON.parse(row.breaks) : [],
    };
  }

  async writeFullVerification(state: FullAuditVerification): Promise<void> {
    await this.db('audit_verification')
      .where({ id: 1 })
      .update({
        state: state.state,
        started_at: state.startedAt ?? null,
        finished_at: state.finishedAt ?? null,
        target_sequence: state.targetSequence,
        checked_events: state.checkedEvents,
        valid: state.valid ?? null,
        break_count: state.breakCount,
        breaks: state.breaks.length > 0 ? JSON.stringify(state.breaks) : null,
      });
  }
}
