import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';

/**
 * The topic committed audit events are published on in Backstage's events service.
 * @public
 */
export const RELEASE_ORCHESTRATION_AUDIT_TOPIC = 'release-orchestration.audit';

/**
 * Publishes committed audit events on Backstage's events service (topic
 * `release-orchestration.audit`), so event modules (Kafka, SQS, Pub/Sub, ...) and other plugins can
 * forward or react to them. Called only after the transaction that wrote them has committed; one
 * event per audit event, in sequence order, without holding up the response. The payload is the
 * audit event as `GET /audit` returns it; the metadata carries `action`, `entityRef` and
 * `subjectType` for routing. A failing publish is logged: the change stays, and the audit trail
 * in the database remains the record.
 */
export function publishToEventsService(
  events: EventsService,
  logger: LoggerService,
) {
  return (committed: AuditEvent[]): void => {
    void (async () => {
      for (const event of committed) {
        try {
          await events.publish({
            topic: RELEASE_ORCHESTRATION_AUDIT_TOPIC,
            eventPayload: event,
            metadata: {
              action: event.action,
              entityRef: event.entityRef,
              subjectType: event.subjectType,
            },
          });
        } catch (error) {
          logger.warn(
            `Publishing audit event ${event.sequence} (${event.action}) on the events service failed: ${error}`,
          );
        }
      }
    })();
  };
}
