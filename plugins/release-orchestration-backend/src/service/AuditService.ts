import { AuditEvent, Page } from '@release-orchestration/plugin-release-orchestration-common';
import { InputError } from '@backstage/errors';
import { AuditVerification, Stores } from '../database/types';

/** Reads the audit trail and checks its hash chain. */
export class AuditService {
  constructor(private readonly stores: Stores) {}

  async list(options: { entityRef?: string; limit: number; cursor?: string }): Promise<Page<AuditEvent>> {
    let beforeSequence: number | undefined;
    if (options.cursor !== undefined) {
      beforeSequence = Number(options.cursor);
      if (!Number.isInteger(beforeSequence) || beforeSequence < 1) {
        throw new InputError('cursor: is not a cursor this API returned; pass nextCursor from the previous page');
      }
    }
    const events = await this.stores.audit.list({
      entityRef: options.entityRef,
      limit: options.limit + 1,
      beforeSequence,
    });
    const hasMore = events.length > options.limit;
    const items = hasMore ? events.slice(0, options.limit) : events;
    return {
      items,
      ...(hasMore ? { nextCursor: String(items[items.length - 1].sequence) } : {}),
    };
  }

  verify(): Promise<AuditVerification> {
    return this.stores.audit.verify();
  }
}
