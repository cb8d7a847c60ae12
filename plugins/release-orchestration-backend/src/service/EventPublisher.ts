import { LoggerService } from '@backstage/backend-plugin-api';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';
import {
  AuditCheckpoint,
  ReleaseEventSubscriber,
} from '@release-orchestration/plugin-release-orchestration-node';

/** Hands committed audit events to the subscribers that modules registered. */
export class EventPublisher {
  constructor(
    private readonly subscribers: ReleaseEventSubscriber[],
    private readonly logger: LoggerService,
  ) {}

  /** Call after the transaction that wrote the events has committed. */
  async publish(events: AuditEvent[]): Promise<void> {
    for (const event of events) {
      for (const subscriber of this.subscribers) {
        try {
          await subscriber.onEvent(event);
        } catch (error) {
          this.logger.warn(
            `Event subscriber ${subscriber.name} failed on ${event.action} ${event.subjectId}: ${error}`,
          );
        }
      }
    }
  }

  /** Hands a signed audit checkpoint to the subscribers that anchor it outside the database. */
  async publishCheckpoint(checkpoint: AuditCheckpoint): Promise<void> {
    for (const subscriber of this.subscribers) {
      try {
        await subscriber.onCheckpoint?.(checkpoint);
      } catch (error) {
        this.logger.warn(
          `Event subscriber ${subscriber.name} failed on audit checkpoint ${checkpoint.sequence}: ${error}`,
        );
      }
    }
  }
}
