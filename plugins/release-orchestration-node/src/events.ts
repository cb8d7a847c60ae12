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
