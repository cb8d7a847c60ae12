import type { Database } from 'better-sqlite3';
import { Knex } from 'knex';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AuditKeyring } from '@release-orchestration/plugin-release-orchestration-backend/src/audit/AuditKeyring';
import {
  auditEventHash,
  StoredAuditEvent,
} from '@release-orchestration/plugin-release-orchestration-backend/src/audit/auditEventHash';
import { isPostgres } from '@release-orchestration/plugin-release-orchestration-backend/src/database/dialect';
import { pgConfigOfKnex } from './connection';
import { copyLine } from './copyText';

/** The audit key of the bench backend (startBenchBackend configures the same). */
export const BENCH_AUDIT_KEY = {
  id: 'bench',
  secret: 'release-orchestration-bench-audit-key',
};

/** The bench backend's keyring. */
export function benchAuditKeyring(): AuditKeyring {
  return AuditKeyring.of([BENCH_AUDIT_KEY], BENCH_AUDIT_KEY.id);
}

/** Audit events of the reference installation: a million at scale 1 (issue 16's chain). */
export function auditEventsAtScale(scale: number): number {
  return Math.round(1_000_000 * scale);
}

const COLUMNS = [
  'sequence',
  'id',
  'actor',
  'action',
  'entity_ref',
  'subject_type',
  'subject_id',
  'summary',
  'data',
  'created_at',
  'prev_hash',
  'hash',
  'key_id',
] as const;

const ACTIONS = [
  ['build.reported', 'build'],
  ['deployment.reported', 'deployment'],
  ['deployment.reported', 'deployment'],
  ['release.created', 'release'],
] as const;

/**
 * The events of a generated chain, hashed and linked exactly as the plugin's audit store chains
 * them (HMAC-SHA256 with the key, over every stored field), after the event `after` with hash
 * `prevHash`. Times are spread evenly over [from, to).
 */
export function* auditChainEvents(options: {
  count: number;
  after: number;
  prevHash: string;
  entityRefs: string[];
  from: number;
  to: number;
  keyring: AuditKeyring;
}): Generator<StoredAuditEvent> {
  const { count, keyring, entityRefs } = options;
  let prevHash = options.prevHash;
  const step = (options.to - options.from) / Math.max(1, count);
  for (let i = 0; i < count; i++) {
    const sequence = options.after + i + 1;
    const [action, subjectType] = ACTIONS[i % ACTIONS.length];
    const entityRef = entityRefs[i % entityRefs.length];
    const at = new Date(options.from + Math.floor(i * step));
    const row = {
      sequence,
      // Unique and deterministic, in UUID form.
      id: `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`,
      actor: 'service:bench-ci',
      action,
      entity_ref: entityRef,
      subject_type: subjectType,
      subject_id: `00000000-0000-4000-9000-${sequence
        .toString(16)
        .padStart(12, '0')}`,
      summary: `${action} for ${entityRef}`,
      data: JSON.stringify({ generated: true, n: sequence }),
      created_at: `${at.toISOString().slice(0, 23)}000Z`,
      prev_hash: prevHash,
      key_id: keyring.activeKeyId,
    };
    const hash = auditEventHash(row, keyring)!;
    yield { ...row, hash };
    prevHash = hash;
  }
}

async function copyEvents(
  knex: Knex,
  events: Iterable<StoredAuditEvent>,
): Promise<void> {
  const client = new Client(pgConfigOfKnex(knex));
  await client.connect();
  try {
    const stream = client.query(
      copyFrom(`COPY audit_events (${COLUMNS.join(', ')}) FROM STDIN`),
    );
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', () => resolve());
      stream.on('error', reject);
    });
    let buffer = '';
    for (const e of events) {
      buffer += copyLine(COLUMNS.map(c => e[c]));
      if (buffer.length > 256 * 1024) {
        if (!stream.write(buffer)) {
          await new Promise(resolve => stream.once('drain', resolve));
        }
        buffer = '';
      }
    }
    stream.end(buffer);
    await done;
  } finally {
    await client.end();
  }
}

async function insertEvents(
  knex: Knex,
  events: Iterable<StoredAuditEvent>,
): Promise<void> {
  const sqlite = (await knex.client.acquireConnection()) as Database;
  try {
    const insert = sqlite.prepare(
      `INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(
        () => '?',
      ).join(', ')})`,
    );
    let batch: StoredAuditEvent[] = [];
    const flush = sqlite.transaction((rows: StoredAuditEvent[]) => {
      for (const e of rows) {
        insert.run(...COLUMNS.map(c => e[c]));
      }
    });
    for (const e of events) {
      batch.push(e);
      if (batch.length === 10_000) {
        flush(batch);
        batch = [];
      }
    }
    flush(batch);
  } finally {
    await knex.client.releaseConnection(sqlite);
  }
}

/**
 * Appends `count` generated events to the installation's audit chain (COPY on PostgreSQL,
 * prepared statements on SQLite) and moves the chain head to the last one. Run with nothing else
 * writing: the head is read before and moved after, not locked in between.
 */
export async function writeAuditChain(
  knex: Knex,
  options: {
    count: number;
    entityRefs: string[];
    from: string;
    to: string;
    keyring?: AuditKeyring;
  },
): Promise<{ events: number; headSequence: number; seconds: number }> {
  const started = Date.now();
  const head = await knex('audit_head').where({ id: 1 }).first();
  const after = Number(head.last_sequence);
  let last = { sequence: after, hash: String(head.last_hash) };
  const events = auditChainEvents({
    count: options.count,
    after,
    prevHash: last.hash,
    entityRefs: options.entityRefs,
    from: Date.parse(options.from),
    to: Date.parse(options.to),
    keyring: options.keyring ?? benchAuditKeyring(),
  });
  const tracked = (function* track() {
    for (const e of events) {
      last = { sequence: e.sequence, hash: e.hash };
      yield e;
    }
  })();
  await (isPostgres(knex)
    ? copyEvents(knex, tracked)
    : insertEvents(knex, tracked));
  const moved = await knex('audit_head')
    .where({ id: 1, last_sequence: head.last_sequence })
    .update({ last_sequence: last.sequence, last_hash: last.hash });
  if (moved !== 1) {
    throw new Error('the audit chain head moved while the chain was written');
  }
  await knex.raw('ANALYZE audit_events');
  return {
    events: options.count,
    headSequence: last.sequence,
    seconds: (Date.now() - started) / 1000,
  };
}
