import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import ApproveIcon from '@material-ui/icons/ThumbUp';
import RejectIcon from '@material-ui/icons/ThumbDown';
import {
  ApprovalDecision,
  Promotion,
} from '@release-orchestration/plugin-release-orchestration-common';
import { ReactNode, useState } from 'react';
import { releaseOrchestrationApiRef } from '../../api';
import { notifyApprovalsChanged } from '../../hooks/usePendingApprovalCount';
import { entityNameOf } from '../../lib/entityRef';
import { VoteDialog } from '../VoteDialog';
import { useNotify } from '../../hooks/useNotify';

/** "2026.03.05-1 of payments to production". */
export function describeRequest(promotion: Promotion): string {
  return `${promotion.releaseVersion} of ${entityNameOf(
    promotion.systemRef,
  )} to ${promotion.environment}`;
}

/**
 * Approve and Reject for one promotion the caller may vote on; each opens the
 * comment dialog and reports the updated promotion.
 */
export function PromotionVoteButtons(props: {
  promotion: Promotion;
  /** What is voted on, e.g. with the lane's title; defaults to {@link describeRequest}. */
  subject?: string;
  /** Context shown in the vote dialog above the comment (what changes, evidence, risk). */
  children?: ReactNode;
  onVoted(promotion: Promotion): void;
}) {
  const { promotion, onVoted, children } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  const [decision, setDecision] = useState<ApprovalDecision | undefined>();
  const subject = props.subject ?? describeRequest(promotion);

  const vote = async (comment: string | undefined) => {
    const updated = await api.votePromotion(promotion.id, {
      decision: decision!,
      comment,
    });
    setDecision(undefined);
    notifyApprovalsChanged();
    notify({
      message: `${
        decision === 'reject' ? 'Rejected' : 'Approved'
      } ${subject}; it is now ${updated.state.replace(/_/g, ' ')}.`,
      severity: 'success',
      display: 'transient',
    });
    onVoted(updated);
  };

  return (
    // A plain div, not Box (a style sheet of its own per instance; one per queue row).
    <div style={{ display: 'flex', gap: 8, whiteSpace: 'nowrap' }}>
      <Button
        size="small"
        variant="contained"
        color="primary"
        startIcon={<ApproveIcon />}
        aria-label={`Approve ${subject}`}
        onClick={() => setDecision('approve')}
      >
        Approve
      </Button>
      <Button
        size="small"
        variant="outlined"
        color="secondary"
        startIcon={<RejectIcon />}
        aria-label={`Reject ${subject}`}
        onClick={() => setDecision('reject')}
      >
        Reject
      </Button>
      {decision && (
        <VoteDialog
          decision={decision}
          subject={subject}
          onSubmit={vote}
          onClose={() => setDecision(undefined)}
        >
          {children}
        </VoteDialog>
      )}
    </div>
  );
}
