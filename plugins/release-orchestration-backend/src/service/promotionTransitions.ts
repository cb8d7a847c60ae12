import { ConflictError } from '@backstage/errors';
import { PromotionState } from '@release-orchestration/plugin-release-orchestration-common';

/**
 * Every allowed change of a promotion's state. A promotion is created as `pending_approval`,
 * `approved` (no approvals needed) or `blocked` (a freeze window is in force); `blocked` waits
 * for the freeze to end. `succeeded`, `failed`, `rejected` and `cancelled` are final.
 */
export const PROMOTION_TRANSITIONS: Readonly<
  Record<PromotionState, readonly PromotionState[]>
> = {
  blocked: ['pending_approval', 'approved', 'cancelled'],
  pending_approval: ['approved', 'rejected', 'cancelled'],
  approved: ['deploying', 'cancelled'],
  deploying: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
  rejected: [],
  cancelled: [],
};

/** The states a new promotion can start in. */
export const INITIAL_PROMOTION_STATES: readonly PromotionState[] = [
  'pending_approval',
  'approved',
  'blocked',
];

/** States in which a promotion is still open: at most one per release and environment. */
export const OPEN_PROMOTION_STATES: readonly PromotionState[] = [
  'blocked',
  'pending_approval',
  'approved',
  'deploying',
];

/** Whether a promotion may move from `from` to `to`. */
export function canTransition(
  from: PromotionState,
  to: PromotionState,
): boolean {
  return PROMOTION_TRANSITIONS[from].includes(to);
}

/** Whether the state is final. */
export function isFinalState(state: PromotionState): boolean {
  return PROMOTION_TRANSITIONS[state].length === 0;
}

/** Throws a 409 that says what the promotion can still do, unless `from -> to` is allowed. */
export function assertTransition(
  from: PromotionState,
  to: PromotionState,
): void {
  if (canTransition(from, to)) {
    return;
  }
  const next = PROMOTION_TRANSITIONS[from];
  throw new ConflictError(
    `The promotion is ${from} and cannot become ${to}; ${
      next.length > 0
        ? `from ${from} it can only become ${next.join(' or ')}`
        : `${from} is final`
    }`,
  );
}
