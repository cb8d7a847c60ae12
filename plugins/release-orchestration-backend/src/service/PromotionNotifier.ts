import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Promotion } from '@release-orchestration/plugin-release-orchestration-common';

/** Where a release is shown in the portal: the Releases tab of its System's entity page. */
export function releaseLink(systemRef: string, releaseId: string): string {
  const { namespace, name } = parseEntityRef(systemRef);
  return `/catalog/${namespace}/system/${name}/releases/${encodeURIComponent(
    releaseId,
  )}`;
}

function title(promotion: Promotion) {
  const system = parseEntityRef(promotion.systemRef).name;
  return `${system} ${promotion.releaseVersion} to ${promotion.environment}`;
}

/**
 * The notification scope of a promotion: every notification about it carries this scope, so
 * Backstage's notifications backend keeps one notification per person and promotion and a
 * later one (the decision) replaces the earlier one ("approval needed") in place.
 */
export function promotionScope(promotionId: string): string {
  return `release-orchestration:promotion:${promotionId}`;
}

/**
 * Tells people about promotions through Backstage's notification service: approvers when a
 * promotion needs them, and when it no longer does (decided or withdrawn: their "approval
 * needed" notification is replaced), the requester when it is decided. Sending happens after
 * the change is committed and never fails a request; without a notification service nothing is
 * sent.
 */
export class PromotionNotifier {
  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {}

  /** A promotion waits for approval by `approvers` (user refs). */
  async approvalNeeded(
    promotion: Promotion,
    approvers: string[],
  ): Promise<void> {
    if (approvers.length === 0) {
      return;
    }
    const override = promotion.emergencyOverride
      ? ` EMERGENCY OVERRIDE of a freeze: ${promotion.emergencyOverride.justification}.`
      : '';
    await this.send(approvers, {
      title: `Approval needed: ${title(promotion)}${
        promotion.rollback ? ' (rollback)' : ''
      }`,
      description: `${promotion.requestedBy} asks to ${
        promotion.rollback ? 'roll back' : 'promote'
      } ${title(promotion)}; ${
        promotion.policy.minApprovals
      } approval(s) needed.${override}`,
      link: releaseLink(promotion.systemRef, promotion.releaseId),
      severity: promotion.emergencyOverride ? 'high' : 'normal',
      topic: `release-orchestration:promotion:${promotion.id}`,
      scope: promotionScope(promotion.id),
    });
  }

  /**
   * A promotion was approved or rejected: the approvers' "approval needed" notification is
   * replaced by the decision (same scope, nothing left to do), and the person who asked for it
   * is told.
   */
  async decided(promotion: Promotion, approvers: string[] = []): Promise<void> {
    const approved = promotion.state === 'approved';
    const rejection = promotion.approvals.find(a => a.decision === 'reject');
    const approvedBy =
      promotion.approvals
        .filter(a => a.decision === 'approve')
        .map(a => a.approver)
        .join(', ') || 'policy (no approvals needed)';
    const heading = `${approved ? 'Approved' : 'Rejected'}: ${title(
      promotion,
    )}`;
    const others = approvers.filter(a => a !== promotion.requestedBy);
    if (others.length > 0) {
      await this.send(others, {
        title: heading,
        description: `${
          approved
            ? `Approved by ${approvedBy}`
            : `Rejected by ${rejection?.approver}`
        }; no vote needed any more.`,
        link: releaseLink(promotion.systemRef, promotion.releaseId),
        severity: 'low',
        topic: `release-orchestration:promotion:${promotion.id}`,
        scope: promotionScope(promotion.id),
      });
    }
    if (!promotion.requestedBy.startsWith('user:')) {
      return;
    }
    await this.send([promotion.requestedBy], {
      title: heading,
      description: approved
        ? `Your request was approved by ${approvedBy}.`
        : `Your request was rejected by ${rejection?.approver}: ${rejection?.comment}`,
      link: releaseLink(promotion.systemRef, promotion.releaseId),
      severity: approved ? 'normal' : 'high',
      topic: `release-orchestration:promotion:${promotion.id}`,
      scope: promotionScope(promotion.id),
    });
  }

  /** A pending promotion was cancelled: the approvers' "approval needed" notification is replaced. */
  async withdrawn(
    promotion: Promotion,
    approvers: string[],
    actor: string,
  ): Promise<void> {
    if (approvers.length === 0) {
      return;
    }
    await this.send(approvers, {
      title: `Cancelled: ${title(promotion)}`,
      description: `${actor} withdrew the request${
        promotion.transitions.at(-1)?.reason
          ? `: ${promotion.transitions.at(-1)?.reason}`
          : ''
      }; no vote needed any more.`,
      link: releaseLink(promotion.systemRef, promotion.releaseId),
      severity: 'low',
      topic: `release-orchestration:promotion:${promotion.id}`,
      scope: promotionScope(promotion.id),
    });
  }

  private async send(
    recipients: string[],
    payload: {
      title: string;
      description: string;
      link: string;
      severity: 'low' | 'normal' | 'high';
      topic: string;
      scope: string;
    },
  ) {
    if (!this.notifications) {
      return;
    }
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload,
      });
    } catch (error) {
      this.logger.warn(
        `Could not send the notification '${payload.title}': ${error}`,
      );
    }
  }
}
