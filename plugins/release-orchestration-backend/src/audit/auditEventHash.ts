import { createHash } from 'node:crypto';
import { toIso } from '../database/timestamps';
import { AuditKeyring } from './AuditKeyring';

/** An audit event as the database holds it; `created_at` as its canonical text. */
export interface StoredAuditEvent {
  sequence: number;
  id: string;
  actor: string;
  action: string;
  entity_ref: string;
  subject_type: string;
  subject_id: string;
  summary: string;
  data: string | null;
  created_at: string;
  prev_hash: string;
  hash: string;
  /** null: written before keys existed (legacy sha256 over millisecond times). */
  key_id: string | null;
}

/** The hash of the first event's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hash events written before keyed chains had: sha256 over the millisecond time. */
export function legacyAuditEventHash(
  row: Omit<StoredAuditEvent, 'hash' | 'key_id'>,
): string {
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

/**
 * The hash of an event: HMAC-SHA256 with its key (sha256 when unkeyed) over the previous hash and
 * every stored field, the times at the stored precision; undefined when its key is not configured.
 */
export function auditEventHash(
  row: Omit<StoredAuditEvent, 'hash' | 'key_id'> & { key_id: string | null },
  keyring: AuditKeyring,
): string | undefined {
  if (row.key_id === null) {
    return legacyAuditEventHash(row);
  }
  const payload = JSON.stringify([
    'v2',
    row.key_id,
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
    row.created_at,
  ]);
  return keyring.hash(row.key_id, payload);
}
