import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ApprovalDecision,
  AuditEvent,
  Promotion,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../database/types';
import { EventPublisher } from './EventPublisher';
import { PromotionGates } from './PromotionGates';
import { PromotionNotifier } from './PromotionNotifier';
import {
  describePromotion,
  recordPromotionTransition,
} from './recordPromotionTransition';

/** A vote, validated (a rejection carries a comment). */
export interface VoteInput {
  decision: ApprovalDecision;
  comment?: string;
}

function notPending(promotion: Promotion) {
  return new ConflictError(
    `The promotion is ${promotion.state}; votes are only taken while it is pending_approval`,
  );
}

/**
 * Rules for votes: only eligible approvers (a member of an approver group, separation of
 * duties respected), one vote per person, `approved` exactly when the count is reached and
 * `rejected` on the first rejection. The promotion row is locked while a vote is counted.
 */
export class ApprovalService {
  constructor(
    private readonly stores: Stores,
    private readonly gates: PromotionGates,
    private readonly notifier: PromotionNotifier,
    private readonly events: EventPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Why `voter` may not vote on the promotion, or undefined when they may. */
  async whyNotEligible(
    promotion: Promotion,
    voter: string,
  ): Promise<string | undefined> {
    if (!voter.startsWith('user:')) {
      return 'Only people can vote on promotions; sign in as a user who is a member of an approver group';
    }
    const release = await this.stores.releases.get(promotion.releaseId);
    if (promotion.policy.separationOfDuties) {
      if (voter === promotion.requestedBy) {
        return 'You requested this promotion; separation of duties means someone else must approve it';
      }
      if (voter === release?.createdBy) {
        return `You cut release ${promotion.releaseVersion}; separation of duties means someone else must approve its promotion`;
      }
    }
    const eligible = await this.gates.eligibleApproversOf(
      promotion,
      release?.createdBy ?? '',
    );
    if (!eligible.includes(voter)) {
      return `You are not a member of an approver group of this promotion (${
        promotion.policy.approvers.join(', ') || 'none'
      })`;
    }
    return undefined;
  }

  async vote(
    promotionId: string,
    input: VoteInput,
    voter: string,
  ): Promise<Promotion> {
    const promotion = await this.stores.promotions.get(promotionId);
    if (!promotion) {
      throw new NotFoundError(`No promotion with id ${promotionId}`);
    }
    if (promotion.state !== 'pending_approval') {
      throw notPending(promotion);
    }
    const reason = await this.whyNotEligible(promotion, voter);
    if (reason) {
      throw new NotAllowedError(reason);
    }
    const at = this.now().toISOString();
    const { events, decided } = await this.stores.transaction(async tx => {
      const locked = await tx.promotions.getForUpdate(promotionId);
      if (!locked || locked.state !== 'pending_approval') {
        throw notPending(locked ?? promotion);
      }
      const stored = await tx.promotions.insertApproval({
        id: randomUUID(),
        promotionId,
        approver: voter,
        decision: input.decision,
        comment: input.comment,
        createdAt: at,
      });
      if (!stored) {
        throw new ConflictError(
          'You already voted on this promotion; a vote cannot be changed',
        );
      }
      const appended: AuditEvent[] = [
        await tx.audit.append({
          actor: voter,
          action: 'approval.recorded',
          entityRef: locked.systemRef,
          subjectType: 'promotion',
          subjectId: promotionId,
          summary: `${describePromotion(locked)}: ${
            input.decision === 'approve' ? 'approved' : 'rejected'
          } by ${voter}${input.comment ? `: ${input.comment}` : ''}`,
          data: {
            decision: input.decision,
            ...(input.comment ? { comment: input.comment } : {}),
          },
          createdAt: at,
        }),
      ];
      if (input.decision === 'reject') {
        appended.push(
          await recordPromotionTransition(tx, locked, 'rejected', {
            actor: voter,
            reason: input.comment,
            at,
          }),
        );
        return { events: appended, decided: true };
      }
      const count = await tx.promotions.incrementApprovalCount(promotionId, at);
      if (count !== undefined && count >= locked.policy.minApprovals) {
        appended.push(
          await recordPromotionTransition(tx, locked, 'approved', {
            actor: voter,
            reason: `${count} of ${locked.policy.minApprovals} approvals`,
            at,
          }),
        );
        return { events: appended, decided: true };
      }
      return { events: appended, decided: false };
    });
    await this.events.publish(events);
    const updated = (await this.stores.promotions.get(promotionId))!;
    if (decided) {
      const release = await this.stores.releases.get(updated.releaseId);
      await this.notifier.decided(
        updated,
        await this.gates.eligibleApproversOf(updated, release?.createdBy ?? ''),
      );
    }
    return updated;
  }
}
