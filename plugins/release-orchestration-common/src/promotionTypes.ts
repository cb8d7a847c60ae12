import type { ChangeApprovals } from './changeApprovalTypes';
import { ComponentChange, Release, ReleaseSummary } from './types';

/**
 * Outcome of a piece of evidence.
 * @public
 */
export type EvidenceStatus = 'pass' | 'fail' | 'warn';

/**
 * A typed, immutable record attached to a release (and optionally to one environment): a test
 * report, a security scan, a change ticket, a smoke test result.
 * @public
 */
export interface Evidence {
  id: string;
  releaseId: string;
  /** Kind of evidence, e.g. `unit-tests`, `security-scan`; policies require types by name. */
  type: string;
  status: EvidenceStatus;
  url: string;
  summary: string;
  /** The environment the evidence is about; absent when it holds for every environment. */
  environment?: string;
  /** Digest of the report the evidence points at, e.g. `sha256:…`. */
  contentDigest?: string;
  /** Who attached it: a user entity ref or `service:<subject>`. */
  createdBy: string;
  createdAt: string;
}

/**
 * Evidence of a release at a glance, for one target environment.
 * @public
 */
export interface EvidenceSummary {
  /** Number of evidence records by status. */
  counts: Record<EvidenceStatus, number>;
  /** Required evidence types whose newest applicable record is not a `pass`. */
  missingRequired: string[];
}

/**
 * State of a promotion.
 *
 * `pending_approval` → `approved` → `deploying` → `succeeded` | `failed`, or `rejected`,
 * `cancelled`; `blocked` waits for a freeze window to end.
 * @public
 */
export type PromotionState =
  | 'pending_approval'
  | 'approved'
  | 'deploying'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'blocked';

/**
 * The rules a promotion into one environment must meet.
 * @public
 */
export interface PromotionPolicy {
  /** Catalog Group refs; their members (including members of child groups) may approve. */
  approvers: string[];
  /** Approvals needed; 0 means the promotion is approved when requested. */
  minApprovals: number;
  /** Neither the requester nor the release's author may approve. */
  separationOfDuties: boolean;
  /** Evidence types whose newest record (environment-less or for this environment) must be a `pass`. */
  requiredEvidence: string[];
  /** The release must have a `succeeded` promotion into the previous environment. */
  requirePreviousEnvironment: boolean;
  /**
   * `service`: required evidence counts only when a service principal (CI, `service:<subject>`)
   * attached it, not a signed-in user. Absent: from anyone allowed to attach evidence.
   */
  evidenceFrom?: 'service';
  /**
   * Soak time: the release must have run successfully in the previous environment for this many
   * seconds without an open incident there (`minSoak: 2h` in app-config). A request before that
   * waits `blocked` until the soak is over.
   */
  minSoakSeconds?: number;
  /**
   * Owners of what changed approve: each owning Group (catalog `spec.owner`) of a component whose
   * version the release changes in the lane must approve once, `also` (besides the approver
   * groups' `minApprovals`) or `instead` of the approver groups (who then approve only when no
   * owning group is found).
   */
  ownersOfChangesApprove?: 'also' | 'instead';
  /** People who authored a commit the release brings into the lane cannot approve it. */
  commitAuthorsCannotApprove?: boolean;
}

/**
 * A recorded emergency override of a freeze window.
 * @public
 */
export interface EmergencyOverride {
  justification: string;
  /** Who overrode the freeze. */
  by: string;
  /** The freeze windows that were overridden. */
  freezeIds: string[];
}

/**
 * A vote on a promotion.
 * @public
 */
export type ApprovalDecision = 'approve' | 'reject';

/**
 * One person's vote on a promotion. Immutable; one per person and promotion.
 * @public
 */
export interface Approval {
  id: string;
  promotionId: string;
  /** User entity ref of the voter. */
  approver: string;
  decision: ApprovalDecision;
  comment?: string;
  createdAt: string;
}

/**
 * A recorded change of a promotion's state: who and when.
 * @public
 */
export interface PromotionTransition {
  /** Absent for the transition that created the promotion. */
  from?: PromotionState;
  to: PromotionState;
  actor: string;
  reason?: string;
  createdAt: string;
}

/**
 * A request to move a release into an environment, with its votes and state history.
 * @public
 */
export interface Promotion {
  id: string;
  releaseId: string;
  releaseVersion: string;
  systemRef: string;
  environment: string;
  state: PromotionState;
  requestedBy: string;
  justification?: string;
  /** A rollback to an earlier release (promoted under the environment's rollback policy). */
  rollback: boolean;
  /** Present when the request overrode a freeze window. */
  emergencyOverride?: EmergencyOverride;
  /** Why the promotion is `blocked`. */
  blockedReason?: string;
  /** The named policy the System selected, if any. */
  policyName?: string;
  /** The policy as it was when the promotion was requested; votes are counted against it. */
  policy: PromotionPolicy;
  /** Number of `approve` votes. */
  approvalCount: number;
  createdAt: string;
  updatedAt: string;
  approvals: Approval[];
  /** Owning groups that must approve and commit authors, when the policy asks for them. */
  changeApprovals?: ChangeApprovals;
  /** Oldest first. */
  transitions: PromotionTransition[];
}

/**
 * Why a condition for a promotion is not met.
 * @public
 */
export type UnmetConditionCode =
  | 'unknown-policy'
  | 'previous-environment'
  | 'evidence-missing'
  | 'evidence-not-passed'
  | 'evidence-not-from-service'
  | 'not-enough-approvers'
  | 'open-promotion'
  | 'frozen'
  | 'not-known-good'
  | 'quarantined'
  | 'soaking'
  | 'owner-group-cannot-approve';

/**
 * A condition for a promotion that is not met, in words a person can act on.
 * @public
 */
export interface UnmetCondition {
  code: UnmetConditionCode;
  message: string;
}

/**
 * What would happen to a promotion request now (`GET /releases/{id}/promotions/check`).
 * @public
 */
export interface PromotionCheck {
  releaseId: string;
  environment: string;
  rollback: boolean;
  policyName?: string;
  policy: PromotionPolicy;
  /**
   * `approved` when no approvals are needed, `pending_approval` when they are, `blocked` when
   * only a freeze window stands in the way (an emergency override would pass it), `refused`
   * when a request would be answered with the unmet conditions.
   */
  outcome: 'approved' | 'pending_approval' | 'blocked' | 'refused';
  /** Every unmet condition, including a freeze and an unfinished soak. */
  unmetConditions: UnmetCondition[];
  /**
   * When the soak in the previous environment is over, if the lane has a soak time that is not
   * over yet and no open incident holds it.
   */
  readyAt?: string;
  /** Freeze windows in force for this System and environment now. */
  freezes: FreezeWindow[];
  /** Users who could approve a request by the caller (approver group members minus separation of duties). */
  eligibleApprovers: string[];
  /** The owning groups that would have to approve, and the commit authors, when the policy asks. */
  changeApprovals?: ChangeApprovals;
}

/**
 * What a rollback of a System in a lane would do now
 * (`GET /systems/{namespace}/{name}/rollback/check`): the release it would promote, the gate
 * check of that promotion, and what it changes compared with what runs there. Without a target,
 * `refusal` says why (`not-known-good`).
 * @public
 */
export interface RollbackCheck {
  environment: string;
  /** The release the rollback would promote: the known-good release other than the current one. */
  target?: { id: string; version: string };
  /** The release the lane was last deployed with. */
  current?: { id: string; version: string };
  /** The gate check of promoting `target` as a rollback, by the caller. */
  check?: PromotionCheck;
  /** What `target` changes compared with `current`, per component with its commits (reverted ones included). */
  changes?: ComponentChange[];
  /** Why there is nothing to roll back to. */
  refusal?: UnmetCondition;
}

/**
 * Error body of a refused promotion request (422, or 409 when an open promotion exists):
 * Backstage's error body plus every unmet condition.
 * @public
 */
export interface PromotionRefusedErrorBody {
  error: { name: string; message: string };
  request?: { method: string; url: string };
  response: { statusCode: number };
  unmetConditions: UnmetCondition[];
}

/**
 * A period in which promotions into an environment are blocked.
 * @public
 */
export interface FreezeWindow {
  id: string;
  environment: string;
  /** System refs the freeze applies to; empty means every System. */
  systems: string[];
  /** ISO 8601 start, inclusive. */
  start: string;
  /** ISO 8601 end, exclusive. */
  end: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  /**
   * Set on the windows of a recurring freeze (id `recurring:<name>:<lane>`): one of app-config
   * (`releaseOrchestration.recurringFreezes`, `createdBy` `app-config`) or one declared in the
   * portal (`ruleId` set; deleted with `DELETE /recurring-freezes/{ruleId}`). `start`/`end` are its
   * current opening, or its next one when it is not in force. Not deletable through `DELETE /freezes`.
   */
  recurring?: {
    name: string;
    /** UUID of the window declared in the portal (`/recurring-freezes/{id}`); absent for app-config. */
    ruleId?: string;
    /** e.g. `every Friday 16:00 - Monday 08:00 Europe/Berlin`. */
    schedule: string;
    timeZone: string;
    /** When it next opens (after the current window, when in force). */
    nextOpensAt?: string;
    /** When the current window closes, or else when the next one does. */
    nextClosesAt?: string;
  };
}

/**
 * One entry of the approval queue (`GET /promotions`).
 * @public
 */
export interface PromotionQueueItem {
  promotion: Promotion;
  release: ReleaseSummary;
  /** Evidence of the release for the promotion's environment and required types. */
  evidence: EvidenceSummary;
  /** Seconds since the promotion was requested. */
  ageSeconds: number;
  /** For a promotion blocked by soak time: when the soak is over (absent while an incident holds it). */
  readyAt?: string;
  /**
   * Whether the caller may vote on it now: it is pending, the caller holds the approve
   * permission on its System, is a member of an approver group, has not voted, and separation
   * of duties allows it. Set on pending promotions.
   */
  canVote?: boolean;
  /** Why the caller may not vote, in words for a person (set when `canVote` is false). */
  cannotVoteReason?: string;
}

/**
 * A release with its manifest, evidence and promotions (`GET /releases/{id}`).
 * @public
 */
export interface ReleaseDetails extends Release {
  /** Newest first. */
  evidence: Evidence[];
  /** Newest first, each with its approvals and transitions. */
  promotions: Promotion[];
}
