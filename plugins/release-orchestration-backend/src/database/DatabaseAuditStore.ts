import { createHash, randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';
import { toIso } from './timestamps';
import { isPostgres } from './dialect';
import { AuditStore, AuditVerification, NewAuditEvent } from './types';

type AuditRow = {
  sequence: number | string;
  id: string;
  actor: string;
  action: string;
  entity_ref: string;
  subject_type: string;
  subject_id: string;
  summary: string;
  data: string | null;
  created_at: Date | string;
  prev_hash: string;
  hash: string;
};

const GENESIS_HASH = '0'.repeat(64);

/** The hash of an event: sha256 over the previous hash and every field of the event. */
export function hashAuditEvent(row: Omit<AuditRow, 'hash'>): string {
  const payload = JSON.stringify([
    row.prev_hash,
    Number(row.sequence),
    row.id,
    row.actor,
    row.action,
    row.entity_ref,
    row.subject_type,
    row.subject_id,
    row.summary,
    row.data,
    toIso(row.created_at),
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

/** Why a row does not continue the chain, or undefined when it does. */
function describeBrokenLink(row: AuditRow, expectedSequence: number, prevHash: string) {
  const sequence = Number(row.sequence);
  if (sequence !== expectedSequence) {
    return `event ${expectedSequence} is missing`;
  }
  if (row.prev_hash !== prevHash) {
    return `event ${sequence} does not point at the hash of event ${sequence - 1}`;
  }
  if (hashAuditEvent(row) !== row.hash) {
    return `event ${sequence} was altered after it was written`;
  }
  return undefined;
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    sequence: Number(row.sequence),
    actor: row.actor,
    action: row.action,
    entityRef: row.entity_ref,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    summary: row.summary,
    createdAt: toIso(row.created_at),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Knex implementation of {@link AuditStore}: one hash chain, extended under a lock on its single
 * head row (`SELECT … FOR UPDATE` on PostgreSQL; SQLite serialises writers), so replicas sharing
 * one database extend one chain.
 *
 * Bound to a transaction of {@link DatabaseStores.transaction}, `append` only records the event;
 * the transaction chains and writes its events last, just before it commits ({@link chainPending}).
 * The head lock is then held for three statements and the commit, not for the whole change, and
 * it is the last lock every transaction takes, so it cannot deadlock with the row locks taken
 * before it. The returned event gets its sequence and hashes at that moment (in place): read them
 * after the transaction, as the event publisher does.
 */
export class DatabaseAuditStore implements AuditStore {
  private readonly pending: Array<{ row: Omit<AuditRow, 'sequence' | 'prev_hash' | 'hash'>; event: AuditEvent }> = [];

  constructor(
    private readonly db: Knex,
    private readonly deferred = false,
  ) {}

  async append(event: NewAuditEvent): Promise<AuditEvent> {
    const row = {
      id: randomUUID(),
      actor: event.actor,
      action: event.action,
      entity_ref: event.entityRef,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      summary: event.summary,
      data: event.data ? JSON.stringify(event.data) : null,
      created_at: event.createdAt,
    };
    // Sequence and hashes are filled in when the event is chained.
    const appended = toEvent({ ...row, sequence: 0, prev_hash: '', hash: '' });
    this.pending.push({ row, event: appended });
    if (!this.deferred) {
      await this.chainPending();
    }
    return appended;
  }

  /** Chains the events appended so far onto the head and writes them: three statements. */
  async chainPending(): Promise<void> {
    if (this.pending.length === 0) {
      return;
    }
    const batch = this.pending.splice(0);
    const headQuery = this.db('audit_head').where({ id: 1 });
    if (isPostgres(this.db)) {
      headQuery.forUpdate();
    }
    const head = await headQuery.first();
    let sequence = Number(head.last_sequence);
    let prevHash: string = head.last_hash;
    const rows: AuditRow[] = [];
    for (const { row, event } of batch) {
      sequence += 1;
      const linked = { ...row, sequence, prev_hash: prevHash };
      const full: AuditRow = { ...linked, hash: hashAuditEvent(linked) };
      rows.push(full);
      Object.assign(event, { sequence, prevHash, hash: full.hash });
      prevHash = full.hash;
    }
    // SQLite compiles a multi-row insert to a compound SELECT of at most 500 terms.
    for (let i = 0; i < rows.length; i += 100) {
      await this.db('audit_events').insert(rows.slice(i, i + 100));
    }
    const updated = await this.db('audit_head')
      .where({ id: 1, last_sequence: head.last_sequence })
      .update({ last_sequence: sequence, last_hash: prevHash });
    if (updated !== 1) {
      throw new Error('audit chain head moved during append');
    }
  }

  async list(options: { entityRef?: string; limit: number; beforeSequence?: number }) {
    const query = this.db<AuditRow>('audit_events')
      .orderBy('sequence', 'desc')
      .limit(options.limit);
    if (options.entityRef) {
      query.where('entity_ref', options.entityRef);
    }
    if (options.beforeSequence !== undefined) {
      query.where('sequence', '<', options.beforeSequence);
    }
    return (await query).map(toEvent);
  }

  async verify(): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSequence = 1;
    let checked = 0;
    const pageSize = 1000;
    for (;;) {
      const rows: AuditRow[] = await this.db<AuditRow>('audit_events')
        .where('sequence', '>=', expectedSequence)
        .orderBy('sequence', 'asc')
        .limit(pageSize);
      for (const row of rows) {
        const sequence = Number(row.sequence);
        const problem = describeBrokenLink(row, expectedSequence, prevHash);
        if (problem) {
          return { valid: false, checkedEvents: checked, firstBrokenSequence: sequence, reason: problem };
        }
        prevHash = row.hash;
        expectedSequence += 1;
        checked += 1;
      }
      if (rows.length < pageSize) {
        break;
      }
    }
    const head = await this.db('audit_head').where({ id: 1 }).first();
    if (Number(head.last_sequence) !== checked || head.last_hash !== prevHash) {
      return {
        valid: false,
        checkedEvents: checked,
        firstBrokenSequence: checked + 1,
        reason: `the chain head says ${head.last_sequence} events but ${checked} were found`,
      };
    }
    return { valid: true, checkedEvents: checked };
  }
}
