import type { PromotionPolicy } from './promotionTypes';

/**
 * One owning Group of components a release changes in a lane, whose approval the promotion needs
 * (policy `ownersOfChangesApprove`), and who gave it.
 * @public
 */
export interface OwnerGroupApproval {
  /** Catalog Group ref (the components' `spec.owner`). */
  group: string;
  /** The components the group owns whose version the release changes in the lane. */
  components: string[];
  /** The user whose approval counted for the group; absent while the group has not approved. */
  approvedBy?: string;
  approvedAt?: string;
}

/**
 * What the owners-of-changes options of a policy make of one promotion: which owning groups must
 * approve and which people authored the commits the release brings into the lane. Worked out
 * when the promotion is requested, against the release the lane runs then.
 * @public
 */
export interface ChangeApprovals {
  /** The release the lane ran when this was worked out; absent when the lane had none. */
  against?: { id: string; version: string };
  /** Owning groups that must each approve once (empty unless `ownersOfChangesApprove` is set). */
  ownerGroups: OwnerGroupApproval[];
  /** Changed components without a Group owner in the catalog; no group approves for them. */
  unownedComponents: string[];
  /**
   * Catalog users who authored commits the release brings into the lane (matched by e-mail or by
   * their GitHub/GitLab login annotation); they cannot approve when `commitAuthorsCannotApprove`.
   */
  commitAuthors: string[];
}

/**
 * Whether owning groups approve in place of the approver groups: the policy says `instead` and
 * at least one owning group was found (else the approver groups approve).
 * @public
 */
export function ownersApproveInstead(
  policy: PromotionPolicy,
  changeApprovals: ChangeApprovals | undefined,
): boolean {
  return (
    policy.ownersOfChangesApprove === 'instead' &&
    (changeApprovals?.ownerGroups.length ?? 0) > 0
  );
}

/**
 * Approvals the approver groups still have to give: `minApprovals`, or none when owning groups
 * approve instead.
 * @public
 */
export function laneApprovalsNeeded(
  policy: PromotionPolicy,
  changeApprovals: ChangeApprovals | undefined,
): number {
  return ownersApproveInstead(policy, changeApprovals)
    ? 0
    : policy.minApprovals;
}
