import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Promotion } from '@release-orchestration/plugin-release-orchestration-common';

/** Where a release is shown in the portal: the Releases tab of its System's entity page. */
export function releaseLink(systemRef: string, releaseId: string): string {
  const { namespace, name } = parseEntityRef(systemRef);
  return `/catalog/${namespace}/system/${name}/releases/${encodeURIComponent(releaseId)}`;
}

function title(promotion: Promotion) {
  const system = parseEntityRef(promotion.systemRef).name;
  return `${system} ${promotion.releaseVersion} to ${promotion.environment}`;
}

/**
 * Tells people about promotions through Backstage's notification service: approvers when a
 * promotion needs them, the requester when it is decided. Sending happens after the change is
 * committed and never fails a request; without a notification service nothing is sent.
 */
export class PromotionNotifier {
  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {}

  /** A promotion waits for approval by `approvers` (user refs). */
  async approvalNeeded(promotion: Promotion, approvers: string[]): Promise<void> {
    if (approvers.length === 0) {
      return;
    }
    const override = promotion.emergencyOverride
      ? ` EMERGENCY OVERRIDE of a freeze: ${promotion.emergencyOverride.justification}.`
      : '';
    await this.send(approvers, {
      title: `Approval needed: ${title(promotion)}${promotion.rollback ? ' (rollback)' : ''}`,
      description: `${promotion.requestedBy} asks to ${promotion.rollback ? 'roll back' : 'promote'} ${title(
        promotion,
      )}; ${promotion.policy.minApprovals} approval(s) needed.${override}`,
      link: releaseLink(promotion.systemRef, promotion.releaseId),
      severity: promotion.emergencyOverride ? 'high' : 'normal',
      topic: `release-orchestration:promotion:${promotion.id}`,
    });
  }

  /** A promotion was approved or rejected: tell the person who asked for it. */
  async decided(promotion: Promotion): Promise<void> {
    if (!promotion.requestedBy.startsWith('user:')) {
      return;
    }
    const rejection = promotion.approvals.find(a => a.decision === 'reject');
    await this.send([promotion.requestedBy], {
      title: `${promotion.state === 'approved' ? 'Approved' : 'Rejected'}: ${title(promotion)}`,
      description:
        promotion.state === 'approved'
          ? `Your request was approved by ${promotion.approvals
              .filter(a => a.decision === 'approve')
              .map(a => a.approver)
              .join(', ') || 'policy (no approvals needed)'}.`
          : `Your request was rejected by ${rejection?.approver}: ${rejection?.comment}`,
      link: releaseLink(promotion.systemRef, promotion.releaseId),
      severity: promotion.state === 'approved' ? 'normal' : 'high',
      topic: `release-orchestration:promotion:${promotion.id}`,
    });
  }

  private async send(
    recipients: string[],
    payload: { title: string; description: string; link: string; severity: 'normal' | 'high'; topic: string },
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
      this.logger.warn(`Could not send the notification '${payload.title}': ${error}`);
    }
  }
}
