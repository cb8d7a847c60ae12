import { newId } from '../database/newId';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  AuditEvent,
  PromotionState,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../database/types';
import { EventPublisher } from './EventPublisher';
import { recordPromotionTransition } from './recordPromotionTransition';

/** Open promotions that a quarantine withdraws: those that have not started deploying. */
const WITHDRAWN_STATES: readonly PromotionState[] = [
  'blocked',
  'pending_approval',
  'approved',
];

/**
 * Quarantines a release inside the caller's transaction: records the quarantine, cancels its open
 * promotions that have not started deploying, and appends the audit events. Returns no events
 * when a quarantine is already in force.
 */
export async function quarantineRelease(
  tx: Stores,
  release: ReleaseSummary,
  input: { reason: string; actor: string; at: string; incidentId?: string },
): Promise<AuditEvent[]> {
  const locked = await tx.releases.lock(release.id);
  if (!locked || locked.quarantine) {
    return [];
  }
  const quarantined = await tx.releases.quarantine({
    id: newId(),
    releaseId: release.id,
    reason: input.reason,
    quarantinedBy: input.actor,
    quarantinedAt: input.at,
    ...(input.incidentId ? { incidentId: input.incidentId } : {}),
  });
  if (!quarantined) {
    return [];
  }
  const events: AuditEvent[] = [
    await tx.audit.append({
      actor: input.actor,
      action: 'release.quarantined',
      entityRef: release.systemRef,
      subjectType: 'release',
      subjectId: release.id,
      summary: `Release ${release.version} of ${release.systemRef} quarantined${
        input.incidentId
          ? ` automatically (incident ${input.incidentId} in production)`
          : ''
      }: ${input.reason}`,
      data: {
        reason: input.reason,
        ...(input.incidentId ? { incidentId: input.incidentId } : {}),
      },
      createdAt: input.at,
    }),
  ];
  for (const open of await tx.promotions.listForRelease(release.id)) {
    if (!WITHDRAWN_STATES.includes(open.state)) {
      continue;
    }
    const promotion = await tx.promotions.getForUpdate(open.id);
    if (promotion && WITHDRAWN_STATES.includes(promotion.state)) {
      events.push(
        await recordPromotionTransition(tx, promotion, 'cancelled', {
          actor: input.actor,
          reason: `the release was quarantined: ${input.reason}`,
          at: input.at,
        }),
      );
    }
  }
  return events;
}

/**
 * Marks releases bad and lifts the mark (`POST` / `DELETE /releases/{id}/quarantine`). A
 * quarantined release cannot be promoted anywhere (the gates refuse it, naming the quarantine)
 * and is never known-good; both changes are audited.
 */
export class QuarantineService {
  constructor(
    private readonly stores: Stores,
    private readonly events: EventPublisher,
    private readonly now: () => Date = () => new Date(),
    /**
     * Told which promotions a quarantine withdrew (after commit), e.g. to replace the approvers'
     * "approval needed" notifications (PromotionService.notifyWithdrawn).
     */
    private readonly onWithdrawn: (
      promotionIds: string[],
      actor: string,
    ) => Promise<void> = async () => {},
  ) {}

  /** Quarantines a release; 409 when it already is. */
  async quarantine(
    releaseId: string,
    reason: string,
    actor: string,
  ): Promise<ReleaseSummary> {
    const release = await this.requireRelease(releaseId);
    const at = this.now().toISOString();
    const events = await this.stores.transaction(async tx => {
      const appended = await quarantineRelease(tx, release, {
        reason,
        actor,
        at,
      });
      if (appended.length === 0) {
        const current = await tx.releases.get(releaseId);
        throw new ConflictError(
          `Release ${release.version} of ${release.systemRef} is already quarantined (since ${current?.quarantine?.quarantinedAt}: ${current?.quarantine?.reason})`,
        );
      }
      return appended;
    });
    await this.events.publish(events);
    const withdrawn = events
      .filter(e => e.action === 'promotion.cancelled')
      .map(e => e.subjectId);
    if (withdrawn.length > 0) {
      await this.onWithdrawn(withdrawn, actor);
    }
    return this.requireRelease(releaseId);
  }

  /** Lifts the quarantine of a release; 409 when none is in force. */
  async lift(
    releaseId: string,
    reason: string,
    actor: string,
  ): Promise<ReleaseSummary> {
    const release = await this.requireRelease(releaseId);
    const at = this.now().toISOString();
    const event = await this.stores.transaction(async tx => {
      await tx.releases.lock(releaseId);
      const lifted = await tx.releases.liftQuarantine({
        releaseId,
        liftedBy: actor,
        liftedAt: at,
        reason,
      });
      if (!lifted) {
        throw new ConflictError(
          `Release ${release.version} of ${release.systemRef} is not quarantined`,
        );
      }
      return tx.audit.append({
        actor,
        action: 'release.quarantine-lifted',
        entityRef: release.systemRef,
        subjectType: 'release',
        subjectId: release.id,
        summary: `Quarantine of release ${release.version} of ${release.systemRef} lifted: ${reason} (it was quarantined by ${lifted.quarantinedBy} at ${lifted.quarantinedAt}: ${lifted.reason})`,
        data: {
          reason,
          quarantine: { ...lifted },
        },
        createdAt: at,
      });
    });
    await this.events.publish([event]);
    return this.requireRelease(releaseId);
  }

  private async requireRelease(id: string) {
    const release = await this.stores.releases.get(id);
    if (!release) {
      throw new NotFoundError(`No release with id ${id}`);
    }
    return release;
  }
}
