import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';

/**
 * Receives every decision the plugin records (build reported, release cut, and later
 * promotions, approvals, deployments), after the change has been committed.
 * Use it to notify chat, ticketing or deployment tools.
 *
 * @public
 */
export interface ReleaseEventSubscriber {
  /** A short name for logs, e.g. `slack-notifier`. */
  readonly name: string;
  /** Called once per committed event; a thrown error is logged and does not undo the change. */
  onEvent(event: AuditEvent): Promise<void>;
  /**
   * Called with every signed checkpoint of the audit chain's head (see {@link AuditCheckpoint}),
   * to anchor it outside the database; a thrown error is logged.
   */
  onCheckpoint?(checkpoint: AuditCheckpoint): Promise<void>;
}

/**
 * Lets backend modules subscribe to the plugin's committed events.
 *
 * @public
 */
export interface ReleaseOrchestrationEventsExtensionPoint {
  addSubscriber(subscriber: ReleaseEventSubscriber): void;
}

/**
 * Extension point for {@link ReleaseEventSubscriber}s.
 *
 * @public
 */
export const releaseOrchestrationEventsExtensionPoint =
  createExtensionPoint<ReleaseOrchestrationEventsExtensionPoint>({
    id: 'release-orchestration.events',
  });

/**
 * A signed checkpoint of the audit chain's head, taken periodically by one replica. Store it
 * outside the plugin's database (a log index, an object store with retention, a ticket): a later
 * rewrite or rewind of the chain is detected against it, e.g. with
 * `GET /api/release-orchestration/audit/verify?checkpoint=<token>`.
 *
 * @public
 */
export interface AuditCheckpoint {
  /** Sequence of the newest event at the checkpoint. */
  sequence: number;
  /** Hash of that event. */
  headHash: string;
  /** When it was taken, ISO 8601 UTC. */
  createdAt: string;
  /** Id of the configured key that signed it, or `unkeyed` when no key is configured. */
  keyId: string;
  /** Whether the chain up to it had verified when it was signed. */
  verified: boolean;
  /** HMAC-SHA256 of the fields above with the key. */
  signature: string;
  /** All of the above as one opaque string, to pass back to `GET /audit/verify?checkpoint=`. */
  token: string;
}
