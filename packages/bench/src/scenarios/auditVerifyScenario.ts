import { Knex } from 'knex';
import { DatabaseStores } from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import { AuditService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/AuditService';
import { BenchBackend } from '../backend/startBenchBackend';
import { benchAuditKeyring } from '../load/writeAuditChain';
import { timeIt } from '../measure/percentiles';
import type { AuditVerifyResult } from '../measure/report';

/** Events issue 16 adds before timing verify. */
export const NEW_AUDIT_EVENTS = 1000;

async function post(backend: BenchBackend, path: string, body: unknown) {
  const response = await fetch(`${backend.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${backend.token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) {
    throw new Error(`POST ${path}: ${response.status} ${text.slice(0, 300)}`);
  }
}

/**
 * `GET /audit/verify` after new events on a long chain: brings the verified checkpoint to the
 * chain head with the plugin's checkpoint code (what its scheduled task does every 5 minutes),
 * adds {@link NEW_AUDIT_EVENTS} events or more through `POST /builds` (8 at a time), then times
 * verify over HTTP with the auditor's token; optionally times the full re-verification of every
 * event (the plugin's background task code, in process) afterwards.
 */
export async function measureAuditVerify(
  backend: BenchBackend,
  knex: Knex,
  build: () => unknown,
  options: { iterations: number; full: boolean; log(message: string): void },
): Promise<AuditVerifyResult> {
  const stores = DatabaseStores.fromKnex(knex);
  const audit = new AuditService(stores, { keyring: benchAuditKeyring() });
  const t = Date.now();
  const taken = await audit.takeCheckpoint();
  const checkpointSeconds = (Date.now() - t) / 1000;
  const checkpoint =
    taken ?? (await stores.audit.checkpoints.newest({ verifiedOnly: true }));
  const chainEvents = (await stores.audit.readHead()).sequence;
  if (!checkpoint || checkpoint.sequence !== chainEvents) {
    throw new Error(
      `audit: no verified checkpoint at the chain head (${chainEvents}); the chain does not verify`,
    );
  }
  options.log(
    `audit: chain of ${chainEvents} events, checkpoint at ${checkpoint.sequence} (${checkpointSeconds} s)`,
  );
  let head = chainEvents;
  while (head < chainEvents + NEW_AUDIT_EVENTS) {
    const missing = chainEvents + NEW_AUDIT_EVENTS - head;
    const batch = Math.min(8, missing);
    await Promise.all(
      Array.from({ length: batch }, () => post(backend, '/builds', build())),
    );
    head = (await stores.audit.readHead()).sequence;
  }
  let last: { valid?: boolean; checkedEvents?: number } = {};
  const latency = await timeIt(
    async () => {
      const response = await fetch(`${backend.baseUrl}/audit/verify`, {
        headers: { authorization: `Bearer ${backend.auditorToken}` },
      });
      const text = await response.text();
      if (response.status !== 200) {
        throw new Error(
          `GET /audit/verify: ${response.status} ${text.slice(0, 300)}`,
        );
      }
      last = JSON.parse(text);
    },
    { warmup: 3, iterations: options.iterations },
  );
  const result: AuditVerifyResult = {
    chainEvents,
    newEvents: head - chainEvents,
    checkpointSequence: checkpoint.sequence,
    checkpointSeconds,
    latency,
    checkedEvents: last.checkedEvents ?? 0,
    valid: last.valid === true,
  };
  if (options.full) {
    const f = Date.now();
    const full = await audit.runFullVerification();
    result.full = {
      seconds: (Date.now() - f) / 1000,
      checkedEvents: full.checkedEvents,
      valid: full.valid,
    };
  }
  return result;
}
