import { newId } from '../database/newId';
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
import {
  describeOwnerGroup,
  groupName,
  isBarredCommitAuthor,
  laneApprovalsNeeded,
  whatAVoteCountsFor,
  whyVoteDoesNotCount,
} from './owners/ownersOfChanges';
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
    if (
      isBarredCommitAuthor(promotion.policy, promotion.changeApprovals, voter)
    ) {
      return `You authored a commit that release ${promotion.releaseVersion} brings into ${promotion.environment}; commit authors cannot approve its promotion`;
    }
    const memberships = await this.gates.voterMemberships(promotion, voter);
    return whyVoteDoesNotCount(promotion, memberships);
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
    const memberships = await this.gates.voterMemberships(promotion, voter);
    const at = this.now().toISOString();
    const { events, decided } = await this.stores.transaction(async tx => {
      const locked = await tx.promotions.getForUpdate(promotionId);
      if (!locked || locked.state !== 'pending_approval') {
        throw notPending(locked ?? promotion);
      }
      const approvalId = newId();
      const stored = await tx.promotions.insertApproval({
        id: approvalId,
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
      const ownerGroups = locked.changeApprovals?.ownerGroups ?? [];
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
      if (!locked.changeApprovals) {
        const count = await tx.promotions.incrementApprovalCount(
          promotionId,
          at,
        );
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
      }
      // Owners of what changed approve: the vote counts for the approver groups and for each
      // owning group of the voter's that has not approved yet (one approval per owning group).
      const counts = whatAVoteCountsFor({
        promotion: locked,
        voter,
        inApproverGroup: memberships.inApproverGroup,
        memberOfOwnerGroup: group => memberships.ownerGroups.includes(group),
      });
      const count = counts.lane
        ? await tx.promotions.incrementApprovalCount(promotionId, at)
        : locked.approvalCount;
      const claimed = await tx.promotions.claimOwnerGroups(
        promotionId,
        counts.ownerGroups,
        { id: approvalId, approver: voter, at },
      );
      if (!counts.lane && claimed.length === 0) {
        throw new ConflictError(
          whyVoteDoesNotCount(
            (await tx.promotions.get(promotionId)) ?? locked,
            memberships,
          ) ?? 'Your vote counts for no approver or owning group any more',
        );
      }
      if (claimed.length > 0) {
        appended.push(
          await tx.audit.append({
            actor: voter,
            action: 'approval.owner-group-approved',
            entityRef: locked.systemRef,
            subjectType: 'promotion',
            subjectId: promotionId,
            summary: `${describePromotion(locked)}: approved for ${claimed
              .map(g =>
                describeOwnerGroup(ownerGroups.find(o => o.group === g)!),
              )
              .join(', ')} by ${voter} as owner of what changed`,
            data: { ownerGroups: claimed, approvalId },
            createdAt: at,
          }),
        );
      }
      const laneNeeded = laneApprovalsNeeded(
        locked.policy,
        locked.changeApprovals,
      );
      const ownersLeft = ownerGroups.filter(
        g => !g.approvedBy && !claimed.includes(g.group),
      );
      if (
        count !== undefined &&
        count >= laneNeeded &&
        ownersLeft.length === 0
      ) {
        appended.push(
          await recordPromotionTransition(tx, locked, 'approved', {
            actor: voter,
            reason: [
              ...(laneNeeded > 0
                ? [`${count} of ${laneNeeded} approvals`]
                : []),
              ...(ownerGroups.length > 0
                ? [
                    `every owning group approved (${ownerGroups
                      .map(g => groupName(g.group))
                      .join(', ')})`,
                  ]
                : []),
            ].join('; '),
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
