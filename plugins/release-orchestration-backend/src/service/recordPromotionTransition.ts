import { ConflictError } from '@backstage/errors';
import {
  AuditEvent,
  Promotion,
  PromotionState,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../database/types';
import { assertTransition } from './promotionTransitions';

const VERBS: Record<PromotionState, string> = {
  blocked: 'blocked',
  pending_approval: 'is waiting for approval',
  approved: 'approved',
  deploying: 'is deploying',
  succeeded: 'succeeded',
  failed: 'failed',
  rejected: 'rejected',
  cancelled: 'cancelled',
};

/** One line for the audit trail about a promotion. */
export function describePromotion(
  promotion: Pick<
    Promotion,
    'releaseVersion' | 'systemRef' | 'environment' | 'rollback'
  >,
) {
  return `${promotion.rollback ? 'Rollback' : 'Promotion'} of ${
    promotion.systemRef
  } ${promotion.releaseVersion} to ${promotion.environment}`;
}

/**
 * Moves a promotion (read under {@link PromotionStore.getForUpdate} in the same transaction)
 * to `to` after checking the transition table, records the transition and appends its audit
 * event. A promotion that another replica moved in the meantime is a 409.
 */
export async function recordPromotionTransition(
  tx: Stores,
  promotion: Promotion,
  to: PromotionState,
  change: { actor: string; reason?: string; at: string },
): Promise<AuditEvent> {
  assertTransition(promotion.state, to);
  const moved = await tx.promotions.transition(promotion.id, {
    from: promotion.state,
    to,
    actor: change.actor,
    reason: change.reason,
    createdAt: change.at,
  });
  if (!moved) {
    // Only reachable when the caller did not read the promotion under its row lock.
    throw new ConflictError(
      `The promotion ${promotion.id} is no longer ${promotion.state}; reload it and try again`,
    );
  }
  return tx.audit.append({
    actor: change.actor,
    action: `promotion.${to}`,
    entityRef: promotion.systemRef,
    subjectType: 'promotion',
    subjectId: promotion.id,
    summary: `${describePromotion(promotion)} ${VERBS[to]}${
      change.reason ? `: ${change.reason}` : ''
    }`,
    data: {
      releaseId: promotion.releaseId,
      environment: promotion.environment,
      from: promotion.state,
      to,
      ...(change.reason ? { reason: change.reason } : {}),
    },
    createdAt: change.at,
  });
}
