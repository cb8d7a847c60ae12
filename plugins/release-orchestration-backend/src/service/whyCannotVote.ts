import { parseEntityRef } from '@backstage/catalog-model';
import { Promotion } from '@release-orchestration/plugin-release-orchestration-common';
import {
  isBarredCommitAuthor,
  whyVoteDoesNotCount,
} from './owners/ownersOfChanges';

/** What decides whether one person may vote on one pending promotion. */
export interface VoteContext {
  promotion: Promotion;
  /** Who cut the release. */
  releaseAuthor: string;
  /** The caller: a user ref, or `service:…`. */
  caller: string;
  /** The caller holds the approve permission on the promotion's System. */
  permitted: boolean;
  /** The caller is a member (directly or through child groups) of one of the promotion's approver groups. */
  inApproverGroup: boolean;
  /** The promotion's owning groups (policy `ownersOfChangesApprove`) the caller is a member of. */
  ownerGroups?: string[];
}

function nameOf(ref: string) {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

function listed(names: string[]) {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Why the caller may not vote on a pending promotion, in words for a person (no permission ids,
 * no field names), or undefined when they may. Checked in the order a person would fix them.
 */
export function whyCannotVote(ctx: VoteContext): string | undefined {
  const { promotion, releaseAuthor, caller, permitted, inApproverGroup } = ctx;
  const same = (a: string, b: string) =>
    a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
  if (promotion.state !== 'pending_approval') {
    return 'It no longer waits for approval';
  }
  if (!caller.startsWith('user:')) {
    return 'Only people can vote on promotions';
  }
  const vote = promotion.approvals.find(a => same(a.approver, caller));
  if (vote) {
    return vote.decision === 'approve'
      ? 'You already approved it'
      : 'You already rejected it';
  }
  if (
    promotion.policy.separationOfDuties &&
    same(caller, promotion.requestedBy)
  ) {
    return 'You requested this promotion; separation of duties means another approver must vote';
  }
  if (promotion.policy.separationOfDuties && same(caller, releaseAuthor)) {
    return 'You cut this release; separation of duties means another approver must vote';
  }
  if (
    isBarredCommitAuthor(promotion.policy, promotion.changeApprovals, caller)
  ) {
    return `You authored a commit in this release (it brings it into ${promotion.environment}); commit authors cannot approve it`;
  }
  if (promotion.changeApprovals) {
    const reason = whyVoteDoesNotCount(promotion, {
      inApproverGroup,
      ownerGroups: ctx.ownerGroups ?? [],
    });
    if (reason) {
      return reason;
    }
  } else if (!inApproverGroup) {
    const groups = promotion.policy.approvers.map(nameOf);
    return groups.length === 0
      ? 'No approver group is set for this lane, so nobody can vote'
      : `Only members of ${listed(groups)} can vote, and you are not one`;
  }
  if (!permitted) {
    return `You do not have permission to approve promotions of ${nameOf(
      promotion.systemRef,
    )}`;
  }
  return undefined;
}
