import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';

/**
 * Events sent to the auditor before the event loop gets a turn. The default auditor writes each
 * event as a log line, synchronously; a bulk import commits a thousand events at once, and
 * writing them in one go held up every request and database answer of the process for about
 * 35 ms (`npm run bench -- --only import --cpu-prof`: 0.73 s of the backend's 3.4 s of work for
 * 20,000 records).
 */
export const AUDITOR_EVENTS_PER_TURN = 50;

/**
 * Sends committed audit events to Backstage's auditor service as well (adopters' security logs),
 * without holding up the response: the change has committed, so a failing auditor is only logged.
 * The event id is the action in kebab case, e.g. `promotion-approved`. Events go out in the
 * order they committed, {@link AUDITOR_EVENTS_PER_TURN} at a time, each group in a later turn of
 * the event loop, so a large commit's events are written while the process waits for I/O.
 */
export function emitToAuditor(
  auditor: AuditorService,
  logger: LoggerService,
  nextTurn: () => Promise<void> = () =>
    new Promise(resolve => setImmediate(resolve)),
) {
  const queue: AuditEvent[] = [];
  let draining = false;
  const emit = async (event: AuditEvent) => {
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
  };
  const drain = async () => {
    draining = true;
    try {
      while (queue.length > 0) {
        for (const event of queue.splice(0, AUDITOR_EVENTS_PER_TURN)) {
          await emit(event);
        }
        if (queue.length > 0) {
          await nextTurn();
        }
      }
    } finally {
      draining = false;
    }
  };
  return (events: AuditEvent[]): void => {
    for (const event of events) {
      queue.push(event);
    }
    if (!draining) {
      void drain();
    }
  };
}
