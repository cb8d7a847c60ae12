import { Knex } from 'knex';
import { IdempotencyClaim } from '../idempotency/idempotencyScope';
import { toIso } from './timestamps';

type IdempotencyRow = {
  principal: string;
  idempotency_key: string;
  request_hash: string;
  method: string;
  route: string;
  subject_type: string | null;
  subject_id: string | null;
  response_status: number | null;
  response_body: string | null;
  created_at: Date | string;
  completed_at: Date | string | null;
};

/** A stored idempotency key and, once known, the answer its request got. */
export interface StoredIdempotencyKey {
  principal: string;
  key: string;
  requestHash: string;
  method: string;
  route: string;
  /** The first thing the request changed, from its audit event; absent when it changed nothing. */
  subject?: { type: string; id: string };
  /** Absent while the request is still running, or when its replica died after the commit. */
  response?: { status: number; body: string };
  createdAt: string;
}

function toStored(row: IdempotencyRow): StoredIdempotencyKey {
  return {
    principal: row.principal,
    key: row.idempotency_key,
    requestHash: row.request_hash,
    method: row.method,
    route: row.route,
    ...(row.subject_type && row.subject_id
      ? { subject: { type: row.subject_type, id: row.subject_id } }
      : {}),
    ...(row.response_status !== null && row.response_body !== null
      ? {
          response: {
            status: Number(row.response_status),
            body: row.response_body,
          },
        }
      : {}),
    createdAt: toIso(row.created_at),
  };
}

/**
 * Knex store of `idempotency_keys`. `claim` is the row's first write, inside the transaction of
 * the change the request makes: the primary key (principal, key) lets exactly one request
 * insert it; a concurrent one waits on PostgreSQL until the first commits or rolls back.
 */
export class DatabaseIdempotencyStore {
  constructor(private readonly db: Knex) {}

  /** Inserts the key's row; false when a row for the principal and key exists. */
  async claim(claim: IdempotencyClaim, createdAt: string): Promise<boolean> {
    const inserted = await this.db<IdempotencyRow>('idempotency_keys')
      .insert({
        principal: claim.principal,
        idempotency_key: claim.key,
        request_hash: claim.requestHash,
        method: claim.method,
        route: claim.route,
        created_at: createdAt,
      })
      .onConflict(['principal', 'idempotency_key'])
      .ignore()
      .returning('idempotency_key');
    return inserted.length === 1;
  }

  /** Records what the request changed first, so that its answer can be given again. */
  async setSubject(
    claim: IdempotencyClaim,
    subject: { type: string; id: string },
  ): Promise<void> {
    await this.db<IdempotencyRow>('idempotency_keys')
      .where({ principal: claim.principal, idempotency_key: claim.key })
      .update({ subject_type: subject.type, subject_id: subject.id });
  }

  async get(
    principal: string,
    key: string,
  ): Promise<StoredIdempotencyKey | undefined> {
    const row = await this.db<IdempotencyRow>('idempotency_keys')
      .where({ principal, idempotency_key: key })
      .first();
    return row ? toStored(row) : undefined;
  }

  /**
   * Stores the answer of the request that holds the key; inserts the row when the request made no
   * transaction. Keeps an answer stored before (the first answer wins).
   */
  async complete(
    claim: IdempotencyClaim,
    response: { status: number; body: string },
    completedAt: string,
  ): Promise<void> {
    const updated = await this.db<IdempotencyRow>('idempotency_keys')
      .where({
        principal: claim.principal,
        idempotency_key: claim.key,
        request_hash: claim.requestHash,
      })
      .whereNull('response_status')
      .update({
        response_status: response.status,
        response_body: response.body,
        completed_at: completedAt,
      });
    if (updated === 0) {
      await this.db<IdempotencyRow>('idempotency_keys')
        .insert({
          principal: claim.principal,
          idempotency_key: claim.key,
          request_hash: claim.requestHash,
          method: claim.method,
          route: claim.route,
          response_status: response.status,
          response_body: response.body,
          created_at: completedAt,
          completed_at: completedAt,
        })
        .onConflict(['principal', 'idempotency_key'])
        .ignore();
    }
  }

  /** Removes keys first used before `cutoff`, at most `limit` of them; returns how many. */
  async deleteCreatedBefore(cutoff: string, limit: number): Promise<number> {
    const oldest = this.db<IdempotencyRow>('idempotency_keys')
      .select('principal', 'idempotency_key')
      .where('created_at', '<', cutoff)
      .orderBy('created_at')
      .limit(limit);
    return this.db<IdempotencyRow>('idempotency_keys')
      .whereIn(['principal', 'idempotency_key'], oldest)
      .delete();
  }
}
