import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  AuditEvent,
  RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
  ReleaseOrchestrationSignal,
} from '@release-orchestration/plugin-release-orchestration-common';

/** The audit actions that change what the approval badge, the queue or a release page show. */
const SIGNALLED_ACTION_PREFIXES = [
  'promotion.',
  'approval.',
  'deployment.',
  'evidence.',
  'freeze.',
  'release.',
];

/** Whether a committed audit event changes what the portal's live views show. */
export function isSignalledAction(action: string): boolean {
  return SIGNALLED_ACTION_PREFIXES.some(prefix => action.startsWith(prefix));
}

const unique = (values: string[]) => [...new Set(values)];

/**
 * Announces committed changes to promotions, approvals, deployments, evidence, freezes and releases
 * on Backstage signals (channel `release-orchestration:promotions`, broadcast), one signal per
 * committed batch, so open approval badges, queues and release pages refetch at once. The message
 * names what changed, never the data: each browser refetches through the API with its user's
 * permissions. Without the signals backend the signal goes nowhere (the portal keeps polling); a
 * failing publish is logged and the change stays.
 */
export function publishSignals(signals: SignalsService, logger: LoggerService) {
  return (committed: AuditEvent[]): void => {
    const relevant = committed.filter(event => isSignalledAction(event.action));
    if (relevant.length === 0) return;
    const message: ReleaseOrchestrationSignal = {
      actions: unique(relevant.map(event => event.action)),
      systemRefs: unique(relevant.map(event => event.entityRef)),
      subjectIds: unique(relevant.map(event => event.subjectId)),
    };
    void Promise.resolve()
      .then(() =>
        signals.publish<ReleaseOrchestrationSignal>({
          recipients: { type: 'broadcast' },
          channel: RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
          message,
        }),
      )
      .catch(error => {
        logger.warn(
          `Publishing a signal for ${message.actions.join(
            ', ',
          )} failed: ${error}`,
        );
      });
  };
}
