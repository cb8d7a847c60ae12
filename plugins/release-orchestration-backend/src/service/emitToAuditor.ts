import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';

/**
 * Sends committed audit events to Backstage's auditor service as well (adopters' security logs),
 * without holding up the response: the change has committed, so a failing auditor is only logged.
 * The event id is the action in kebab case, e.g. `promotion-approved`.
 */
export function emitToAuditor(auditor: AuditorService, logger: LoggerService) {
  return (events: AuditEvent[]): void => {
    void (async () => {
      for (const event of events) {
        try {
          const auditorEvent = await auditor.createEvent({
            eventId: event.action.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
            severityLevel: /override/.test(event.action) ? 'high' : 'medium',
            meta: {
              actor: event.actor,
              action: event.action,
              entityRef: event.entityRef,
              subjectType: event.subjectType,
              subjectId: event.subjectId,
              summary: event.summary,
              sequence: event.sequence,
              hash: event.hash,
            },
          });
          await auditorEvent.success();
        } catch (error) {
          logger.warn(
            `The auditor service failed on audit event ${event.sequence} (${event.action}): ${error}`,
          );
        }
      }
    })();
  };
}
