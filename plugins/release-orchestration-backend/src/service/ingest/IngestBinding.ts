import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../../database/types';
import { CatalogGateway } from '../CatalogGateway';
import { EventPublisher } from '../EventPublisher';

/** What a report service is bound to for one batch: its transaction, catalog and publisher. */
export interface IngestBinding {
  stores: Stores;
  catalog?: CatalogGateway;
  events: EventPublisher;
}

/**
 * A publisher that holds the events a batch's services publish until the batch's transaction has
 * committed (their sequence and hash are only known then), and drops them when it rolls back.
 */
export class HeldEventPublisher extends EventPublisher {
  private held: AuditEvent[] = [];

  async publish(events: AuditEvent[]): Promise<void> {
    this.held.push(...events);
  }

  /** The events published since the last call. */
  take(): AuditEvent[] {
    const taken = this.held;
    this.held = [];
    return taken;
  }
}
