import { Promotion } from '@release-orchestration/plugin-release-orchestration-common';
import { laneApprovalsNeeded } from '@release-orchestration/plugin-release-orchestration-common';
import { plural } from './doraFormat';
import { ReleaseLane, shortRef } from './promotionLanes';

/** Who is looking at a promotion: decides "you requested this" and who may vote. */
export interface Viewer {
  /** The signed-in user's entity ref, when known. */
  userRef?: string;
  /** Whether the approval queue lists this promotion for the viewer. */
  canVote: boolean;
}

/** Whether the viewer asked for this promotion. */
export function isRequester(promotion: Promotion, viewer: Viewer): boolean {
  return (
    viewer.userRef !== undefined && promotion.requestedBy === viewer.userRef
  );
}

/** Whether the viewer may withdraw the promotion from the page: their own, not yet approved. */
export function canWithdraw(promotion: Promotion, viewer: Viewer): boolean {
  return (
    isRequester(promotion, viewer) &&
    (promotion.state === 'pending_approval' || promotion.state === 'blocked')
  );
}

function pendingStep(promotion: Promotion, viewer: Viewer): string {
  const { approvers, separationOfDuties } = promotion.policy;
  const minApprovals = laneApprovalsNeeded(
    promotion.policy,
    promotion.changeApprovals,
  );
  const missing = Math.max(0, minApprovals - promotion.approvalCount);
  const groups = approvers.map(shortRef).join(', ');
  const owners = (promotion.changeApprovals?.ownerGroups ?? [])
    .filter(g => !g.approvedBy)
    .map(g => shortRef(g.group));
  const needs = [
    ...(missing > 0 || owners.length === 0
      ? [
          `${plural(missing, 'more approval')} needed${
            groups ? ` from ${groups}` : ''
          }`,
        ]
      : []),
    ...(owners.length > 0
      ? [
          `approval from each owning group of what changed: ${owners.join(
            ', ',
          )}`,
        ]
      : []),
  ].join(' and ');
  const authored =
    promotion.policy.commitAuthorsCannotApprove &&
    viewer.userRef !== undefined &&
    promotion.changeApprovals?.commitAuthors.includes(
      viewer.userRef.toLocaleLowerCase('en-US'),
    );
  if (authored) {
    return `Waiting for approval: ${needs}. You authored a commit in this release, so you cannot approve it; someone else must.`;
  }
  if (viewer.canVote) {
    return `Waiting for approval: ${needs}. You can vote below.`;
  }
  if (isRequester(promotion, viewer)) {
    return separationOfDuties
      ? `You requested this; another approver must vote (${needs}).`
      : `You requested this; waiting for approval (${needs}).`;
  }
  return `Waiting for approval: ${needs}. You are not among the approvers who can vote on it now.`;
}

/**
 * What a promotion waits for and what comes next, in plain words: every state
 * says who acts next, so no lane is a dead end.
 */
export function promotionNextStep(
  promotion: Promotion,
  viewer: Viewer,
  nextLaneTitle?: string,
): string {
  switch (promotion.state) {
    case 'pending_approval':
      return pendingStep(promotion, viewer);
    case 'blocked':
      return 'Blocked: it moves on by itself once the freeze ends and then waits for approval if the lane needs one. Withdraw it to stop waiting.';
    case 'approved':
      return 'Approved — waiting for the deployment pipeline to deploy it. The pipeline reports the deployment through the CLI or the API; this lane updates when it does.';
    case 'deploying':
      return 'Deploying — the pipeline reports success or failure when it is done.';
    case 'succeeded':
      return nextLaneTitle
        ? `Deployed here. Next: promote to ${nextLaneTitle}.`
        : 'Deployed here; this is the last lane.';
    case 'failed':
      return 'The deployment failed. Fix it and ask again, or cut a new release; the lane keeps running its known-good release.';
    case 'rejected':
      return 'Rejected by an approver (see the comment). Address it and ask again, or cut a new release.';
    case 'cancelled':
      return 'Withdrawn. You can ask again.';
    default:
      return '';
  }
}

/**
 * Why a lane offers no "Promote to" button, or undefined when it offers one
 * (or has nothing to say, e.g. an open promotion explains itself).
 */
export function missingPromoteReason(
  lane: ReleaseLane,
  previous: ReleaseLane | undefined,
  canPromote: boolean,
): string | undefined {
  if (lane.open || lane.succeeded) {
    return undefined;
  }
  if (!lane.policy) {
    return 'This lane is no longer configured; releases cannot be promoted into it.';
  }
  if (!lane.promotable && lane.waitingFor?.length) {
    return `Promote to ${lane.title} appears once ${lane.waitingFor.join(
      ' and ',
    )} succeeded.`;
  }
  if (!lane.promotable && previous && !previous.succeeded) {
    return `Promote to ${lane.title} appears once ${previous.title} succeeded.`;
  }
  if (!canPromote) {
    return `You may not request promotions for this System; ask its owners or a release manager.`;
  }
  return undefined;
}
