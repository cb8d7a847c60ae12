import { newId } from './newId';
import { Knex } from 'knex';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';
import { toIso } from './timestamps';
import { isPostgres, rowsPerInsert } from './dialect';
import { jsonRowsInsert } from './insertRows';
import { AuditKeyring } from '../audit/AuditKeyring';
import { auditEventHash, StoredAuditEvent } from '../audit/auditEventHash';
import {
  canonicalAuditText,
  canonicalAuditTimestamp,
} from '../audit/canonicalAuditText';
import { verifyAuditChain } from '../audit/verifyAuditChain';
import {
  AuditChainOptions,
  AuditStore,
  AuditVerification,
  NewAuditEvent,
} from './auditStoreTypes';
import { DatabaseAuditCheckpointStore } from './DatabaseAuditCheckpointStore';

type AuditRow = Omit<StoredAuditEvent, 'sequence' | 'created_at'> & {
  sequence: number | string;
  created_at: Date | string;
};

type PendingRow = Omit<
  StoredAuditEvent,
  'sequence' | 'prev_hash' | 'hash' | 'key_id'
>;

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

const STORED_COLUMNS = [
  'sequence',
  'id',
  'actor',
  'action',
  'entity_ref',
  'subject_type',
  'subject_id',
  'summary',
  'data',
  'prev_hash',
  'hash',
  'key_id',
];

/**
 * Knex implementation of {@link AuditStore}: one hash chain, extended under a lock on its single
 * head row (`SELECT … FOR UPDATE` on PostgreSQL; SQLite serialises writers), so replicas sharing
 * one database extend one chain.
 *
 * Bound to a transaction of {@link DatabaseStores.transaction}, `append` only records the event;
 * the transaction chains and writes its events last, just before it commits ({@link chainPending}).
 * The head lock is then held for two statements (PostgreSQL) and the commit, not for the whole change, and
 * it is the last lock every transaction takes, so it cannot deadlock with the row locks taken
 * before it. The returned event gets its sequence and hashes at that moment (in place): read them
 * after the transaction, as the event publisher does.
 *
 * What is hashed is exactly what is stored: text is made well-formed (no lone surrogates, no NUL)
 * and times are given their canonical text (UTC, microseconds) before hashing, and each event is
 * HMAC-SHA256 with the keyring's active key, whose id it stores.
 */
export class DatabaseAuditStore implements AuditStore {
  private readonly pending: Array<{ row: PendingRow; event: AuditEvent }> = [];
  private readonly chained: AuditEvent[] = [];
  readonly checkpoints: DatabaseAuditCheckpointStore;

  constructor(
    private readonly db: Knex,
    private readonly deferred = false,
    private readonly options: AuditChainOptions = {
      keyring: AuditKeyring.unkeyed(),
    },
  ) {
    this.checkpoints = new DatabaseAuditCheckpointStore(db);
  }

  async append(event: NewAuditEvent): Promise<AuditEvent> {
    const row: PendingRow = {
      id: newId(),
      actor: canonicalAuditText(event.actor),
      action: canonicalAuditText(event.action),
      entity_ref: canonicalAuditText(event.entityRef),
      subject_type: canonicalAuditText(event.subjectType),
      subject_id: canonicalAuditText(event.subjectId),
      summary: canonicalAuditText(event.summary),
      // JSON.stringify escapes lone surrogates and NUL; canonicalised anyway so nothing can differ.
      data: event.data ? canonicalAuditText(JSON.stringify(event.data)) : null,
      created_at: canonicalAuditTimestamp(event.createdAt),
    };
    // Sequence and hashes are filled in when the event is chained.
    const appended = toEvent({
      ...row,
      sequence: 0,
      prev_hash: '',
      hash: '',
      key_id: null,
    });
    this.pending.push({ row, event: appended });
    if (!this.deferred) {
      await this.db.transaction(trx => this.chainPending(trx));
      this.committed();
    }
    return appended;
  }

  /** What the events appended but not yet chained are about, in the order they were appended. */
  pendingSubjects(): Array<{ type: string; id: string }> {
    return this.pending.map(p => ({
      type: p.row.subject_type,
      id: p.row.subject_id,
    }));
  }

  /**
   * Chains the events appended so far onto the head and writes them: two statements on
   * PostgreSQL (lock and read the head; insert the events and move the head), three on SQLite.
   */
  async chainPending(db: Knex = this.db): Promise<void> {
    if (this.pending.length === 0) {
      return;
    }
    const batch = this.pending.splice(0);
    const headQuery = db('audit_head').where({ id: 1 });
    if (isPostgres(db)) {
      headQuery.forUpdate();
    }
    const head = await headQuery.first();
    const keyring = this.options.keyring;
    let sequence = Number(head.last_sequence);
    let prevHash: string = head.last_hash;
    const rows: StoredAuditEvent[] = [];
    for (const { row, event } of batch) {
      sequence += 1;
      const linked = {
        ...row,
        sequence,
        prev_hash: prevHash,
        key_id: keyring.activeKeyId,
      };
      const full: StoredAuditEvent = {
        ...linked,
        hash: auditEventHash(linked, keyring)!,
      };
      rows.push(full);
      Object.assign(event, { sequence, prevHash, hash: full.hash });
      this.chained.push(event);
      prevHash = full.hash;
    }
    const moveHead = () =>
      db('audit_head')
        .where({ id: 1, last_sequence: head.last_sequence })
        .update({ last_sequence: sequence, last_hash: prevHash });
    let updated: number;
    const perInsert = rowsPerInsert(db);
    if (isPostgres(db) && rows.length <= perInsert) {
      // One round trip fewer while the head is locked: the events are inserted by a
      // data-modifying WITH of the statement that moves the head (both or neither).
      updated = await moveHead().with(
        'chained',
        jsonRowsInsert(db, 'audit_events', rows) ??
          db('audit_events').insert(rows),
      );
    } else {
      for (let i = 0; i < rows.length; i += perInsert) {
        await db('audit_events').insert(rows.slice(i, i + perInsert));
      }
      updated = await moveHead();
    }
    if (updated !== 1) {
      throw new Error('audit chain head moved during append');
    }
  }

  /**
   * Hands the events chained so far to `onCommitted` (Backstage's auditor); call once their
   * transaction has committed. A failing listener is the listener's problem: the change stays.
   */
  committed(): void {
    const events = this.chained.splice(0);
    if (events.length > 0) {
      this.options.onCommitted?.(events);
    }
  }

  async list(options: {
    entityRef?: string;
    limit: number;
    beforeSequence?: number;
  }) {
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

  /** Stored events with `created_at` as the text the database holds (PostgreSQL: to the microsecond). */
  private storedEvents() {
    const createdAt = isPostgres(this.db)
      ? this.db.raw(
          `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at`,
        )
      : 'created_at';
    return this.db('audit_events').select([...STORED_COLUMNS, createdAt]);
  }

  private static stored(row: AuditRow): StoredAuditEvent {
    return {
      ...row,
      sequence: Number(row.sequence),
      created_at: String(row.created_at),
      key_id: row.key_id ?? null,
    };
  }

  async readChain(options: {
    afterSequence: number;
    throughSequence: number;
    limit: number;
  }) {
    const rows: AuditRow[] = await this.storedEvents()
      .where('sequence', '>', options.afterSequence)
      .andWhere('sequence', '<=', options.throughSequence)
      .orderBy('sequence', 'asc')
      .limit(options.limit);
    return rows.map(DatabaseAuditStore.stored);
  }

  /** The stored events about the given subjects (e.g. a release and its promotions), oldest first. */
  async readSubjectEvents(
    subjects: Array<{ type: string; ids: string[] }>,
    limit: number,
  ) {
    const query = this.storedEvents().whereRaw('1 = 0');
    for (const { type, ids } of subjects) {
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        query.orWhere(q =>
          q.where('subject_type', type).whereIn('subject_id', part),
        );
      }
    }
    const rows: AuditRow[] = await query
      .orderBy('sequence', 'asc')
      .limit(limit);
    return rows.map(DatabaseAuditStore.stored);
  }

  async readEvent(sequence: number) {
    const row: AuditRow | undefined = await this.storedEvents()
      .where({ sequence })
      .first();
    return row && DatabaseAuditStore.stored(row);
  }

  async readHead() {
    const head = await this.db('audit_head').where({ id: 1 }).first();
    return {
      sequence: Number(head.last_sequence),
      hash: String(head.last_hash),
    };
  }

  async maxSequence() {
    const row = await this.db('audit_events').max({ max: 'sequence' }).first();
    return Number(row?.max ?? 0);
  }

  /** Re-verifies the whole chain (every event and every stored checkpoint). */
  async verify(): Promise<AuditVerification> {
    return verifyAuditChain({
      chain: this,
      keyring: this.options.keyring,
      mode: 'full',
    });
  }
}
