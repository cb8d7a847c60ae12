import {
  ApprovalDecision,
  ChangeApprovals,
  Evidence,
  EvidenceStatus,
  FreezeWindow,
  Promotion,
  PromotionPolicy,
  PromotionState,
} from '@release-orchestration/plugin-release-orchestration-common';
import { ListCursor } from './types';

/** Evidence to be stored. */
export interface NewEvidence {
  id: string;
  releaseId: string;
  type: string;
  status: EvidenceStatus;
  url: string;
  summary: string;
  environment?: string;
  contentDigest?: string;
  createdBy: string;
  createdAt: string;
}

/** Immutable evidence of releases. */
export interface EvidenceStore {
  insert(evidence: NewEvidence): Promise<Evidence>;
  /** The release's evidence, newest first. */
  listForRelease(releaseId: string): Promise<Evidence[]>;
  /** Evidence of many releases, each list newest first. */
  listForReleases(releaseIds: string[]): Promise<Map<string, Evidence[]>>;
}

/** A promotion to be stored, in its initial state. */
export interface NewPromotion {
  id: string;
  releaseId: string;
  systemRef: string;
  environment: string;
  state: PromotionState;
  requestedBy: string;
  justification?: string;
  rollback: boolean;
  emergencyOverride?: {
    justification: string;
    by: string;
    freezeIds: string[];
  };
  blockedReason?: string;
  policyName?: string;
  policy: PromotionPolicy;
  /** Owning groups that must approve and commit authors, when the policy asks for them. */
  changeApprovals?: ChangeApprovals;
  createdAt: string;
}

/** A state change to record. */
export interface NewTransition {
  from?: PromotionState;
  to: PromotionState;
  actor: string;
  reason?: string;
  createdAt: string;
}

/** A vote to store. */
export interface NewApproval {
  id: string;
  promotionId: string;
  approver: string;
  decision: ApprovalDecision;
  comment?: string;
  createdAt: string;
}

/** A succeeded promotion of a System into a lane, for known-good and rollback decisions. */
export interface SucceededPromotion {
  promotionId: string;
  releaseId: string;
  releaseCreatedAt: string;
  rollback: boolean;
  /** When the promotion became `succeeded`. */
  succeededAt: string;
}

/** Filters of {@link PromotionStore.list} and {@link PromotionStore.countBySystem}. */
export interface PromotionFilter {
  state?: PromotionState;
  environment?: string;
  systemRef?: string;
  /**
   * Only promotions that this user may vote on: pending, with an approver group among
   * `groups`, no vote by the user yet, and separation of duties respected.
   */
  votableBy?: { userRef: string; groups: string[] };
}

/** Filters of {@link PromotionStore.list}, and its page. */
export interface PromotionListFilter extends PromotionFilter {
  limit: number;
  cursor?: ListCursor;
}

/** Promotions, their votes and their state history. */
export interface PromotionStore {
  /**
   * Inserts the promotion with its creation transition, unless the release already has an open
   * promotion into the environment (a unique index decides); then returns that one's id.
   */
  insertUnlessOpen(
    promotion: NewPromotion,
  ): Promise<{ inserted: true } | { inserted: false; openId?: string }>;
  get(id: string): Promise<Promotion | undefined>;
  /**
   * Reads the promotion for a change, locking it until the transaction ends (PostgreSQL).
   * The audit chain head is locked first: it serialises the changes of promotions (several may be
   * locked in one transaction), and every transaction takes the locks in one order: a System's
   * DORA lock, the audit head, promotion rows (audit events themselves are chained at commit).
   */
  getForUpdate(id: string): Promise<Promotion | undefined>;
  /** Moves the promotion from `from` to `to` if it is still in `from`, recording the transition. */
  transition(
    id: string,
    change: NewTransition & { from: PromotionState; blockedReason?: string },
  ): Promise<boolean>;
  /** Stores a vote; false when the person already voted. */
  insertApproval(approval: NewApproval): Promise<boolean>;
  /** Adds one approve vote to a pending promotion; returns the new count, or undefined if not pending. */
  incrementApprovalCount(
    id: string,
    updatedAt: string,
  ): Promise<number | undefined>;
  /**
   * Counts an approve vote for each of the promotion's owning `groups` that no vote counted for
   * yet (one approval per owning group, race-safe); returns the groups it counted for.
   */
  claimOwnerGroups(
    promotionId: string,
    groups: string[],
    approval: { id: string; approver: string; at: string },
  ): Promise<string[]>;
  /** The release's promotions, newest first. */
  /** When the release first succeeded in the lane (its earliest succeeded promotion there). */
  firstSucceededAt(
    releaseId: string,
    environment: string,
  ): Promise<string | undefined>;
  listForRelease(releaseId: string): Promise<Promotion[]>;
  /** Newest first, paginated. */
  list(filter: PromotionListFilter): Promise<Promotion[]>;
  /**
   * How many promotions match the filters, by System (one grouped count; Systems with none are
   * absent), so that a caller can leave out the Systems it may not read.
   */
  countBySystem(filter: PromotionFilter): Promise<Map<string, number>>;
  /** Approver groups of pending promotions matching the filters, for resolving an approver's groups. */
  listPendingApproverGroups(filter: {
    environment?: string;
    systemRef?: string;
  }): Promise<string[]>;
  /** Whether the release has a succeeded promotion into the environment. */
  hasSucceeded(releaseId: string, environment: string): Promise<boolean>;
  /** Succeeded promotions of the System into the environment, newest success first. */
  listSucceeded(
    systemRef: string,
    environment: string,
  ): Promise<SucceededPromotion[]>;
  /** The release of the newest promotion that went past approval (deploying, succeeded or failed). */
  latestDeployedReleaseId(
    systemRef: string,
    environment: string,
  ): Promise<string | undefined>;
  /** Blocked promotions, oldest first. */
  listBlocked(limit: number): Promise<Promotion[]>;
}

/** A freeze window to store. */
export type NewFreeze = FreezeWindow;

/** Freeze windows. */
export interface FreezeStore {
  insert(freeze: NewFreeze): Promise<FreezeWindow>;
  get(id: string): Promise<FreezeWindow | undefined>;
  delete(id: string): Promise<boolean>;
  /** Windows ordered by start; `endsAfter` leaves out the ones already over. */
  list(options: {
    environment?: string;
    endsAfter?: string;
  }): Promise<FreezeWindow[]>;
  /** Windows in force at `at` for the environment (any System). */
  listActive(environment: string, at: string): Promise<FreezeWindow[]>;
}
