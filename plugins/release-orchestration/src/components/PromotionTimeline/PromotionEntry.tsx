import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ApprovedIcon from '@material-ui/icons/CheckCircle';
import RejectedIcon from '@material-ui/icons/Cancel';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Approval,
  Promotion,
  PromotionTransition,
} from '@release-orchestration/plugin-release-orchestration-common';
import { releaseOrchestrationApiRef } from '../../api';
import { notifyApprovalsChanged } from '../../hooks/usePendingApprovalCount';
import { errorMessage } from '../../lib/errorMessage';
import { formatAbsolute, formatRelative } from '../../lib/format';
import {
  canWithdraw,
  promotionNextStep,
  Viewer,
} from '../../lib/promotionNextStep';
import { ActorName } from '../ActorName';
import { PromotionStateChip, promotionStateLabel } from '../PromotionStateChip';
import { PromotionVoteButtons } from '../PromotionVoteButtons';
import { useState } from 'react';
import { plainMessage } from '../../lib/plainWords';
import { ChangeApprovalsSummary } from '../ChangeApprovals';
import { laneApprovalsNeeded } from '@release-orchestration/plugin-release-orchestration-common';

const useStyles = makeStyles(theme => ({
  entry: {
    borderLeft: `3px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(1.5),
    marginTop: theme.spacing(2),
  },
  override: { borderLeftColor: theme.palette.error.main },
  list: { margin: 0, paddingLeft: theme.spacing(2) },
  approved: { color: theme.palette.success.main, verticalAlign: 'middle' },
  rejected: { color: theme.palette.error.main, verticalAlign: 'middle' },
  quote: { fontStyle: 'italic', whiteSpace: 'pre-wrap' },
}));

function When(props: { value: string }) {
  return (
    <time dateTime={props.value} title={formatAbsolute(props.value)}>
      {formatRelative(props.value)}
    </time>
  );
}

function ApprovalLine(props: { approval: Approval }) {
  const { approval } = props;
  const classes = useStyles();
  const approved = approval.decision === 'approve';
  return (
    <li>
      <Typography variant="body2" component="span">
        {approved ? (
          <ApprovedIcon fontSize="inherit" className={classes.approved} />
        ) : (
          <RejectedIcon fontSize="inherit" className={classes.rejected} />
        )}{' '}
        {approved ? 'Approved' : 'Rejected'} by{' '}
        <ActorName actor={approval.approver} />{' '}
        <When value={approval.createdAt} />
      </Typography>
      {approval.comment && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.quote}
        >
          “{approval.comment}”
        </Typography>
      )}
    </li>
  );
}

function TransitionLine(props: { transition: PromotionTransition }) {
  const { transition } = props;
  return (
    <li>
      <Typography variant="caption" component="span">
        {transition.from
          ? `${promotionStateLabel(transition.from)} → `
          : 'requested → '}
        <strong>{promotionStateLabel(transition.to)}</strong> by{' '}
        <ActorName actor={transition.actor} />,{' '}
        {formatAbsolute(transition.createdAt)}
        {transition.reason && ` (${transition.reason})`}
      </Typography>
    </li>
  );
}

/** "Withdraw request" for the requester's own pending or blocked promotion. */
function WithdrawButton(props: { promotion: Promotion; onChanged(): void }) {
  const { promotion, onChanged } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const withdraw = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.cancelPromotion(promotion.id, 'Withdrawn by the requester');
      notifyApprovalsChanged();
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box mt={1}>
      <Button
        size="small"
        variant="outlined"
        disabled={busy}
        onClick={withdraw}
        aria-label={`Withdraw request to promote ${promotion.releaseVersion} to ${promotion.environment}`}
      >
        Withdraw request
      </Button>
      {error && (
        <Box mt={1}>
          <Alert severity="error">Could not withdraw: {error}</Alert>
        </Box>
      )}
    </Box>
  );
}

/**
 * One promotion in a lane: state, what comes next, requester, justification,
 * an emergency override flagged in red, approvals with comments and every
 * transition; the requester may withdraw it while it waits.
 */
export function PromotionEntry(props: {
  promotion: Promotion;
  votable: boolean;
  /** The signed-in user, for "you requested this" and Withdraw. */
  userRef?: string;
  /** The lane after this one, for "Next: promote to …". */
  nextLaneTitle?: string;
  /** Whether this is the lane's newest promotion (only it says what comes next). */
  newest?: boolean;
  onChanged(): void;
}) {
  const { promotion, votable, userRef, nextLaneTitle, onChanged } = props;
  const viewer: Viewer = { userRef, canVote: votable };
  const classes = useStyles();
  const override = promotion.emergencyOverride;
  const minApprovals = laneApprovalsNeeded(
    promotion.policy,
    promotion.changeApprovals,
  );
  const ownersOfChanges = promotion.changeApprovals && (
    <ChangeApprovalsSummary
      changeApprovals={promotion.changeApprovals}
      policy={promotion.policy}
      laneTitle={promotion.environment}
      requested
    />
  );

  return (
    <Box
      className={`${classes.entry} ${override ? classes.override : ''}`}
      role="article"
      aria-label={`Promotion to ${promotion.environment}, ${promotionStateLabel(
        promotion.state,
      )}`}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 6 }}
      >
        <PromotionStateChip state={promotion.state} />
        {promotion.rollback && (
          <Chip size="small" variant="outlined" label="rollback" />
        )}
        {promotion.policyName && (
          <Chip
            size="small"
            variant="outlined"
            label={`policy ${promotion.policyName}`}
          />
        )}
      </Box>
      {props.newest !== false && (
        <Typography variant="body2" style={{ marginTop: 4 }}>
          {promotionNextStep(promotion, viewer, nextLaneTitle)}
        </Typography>
      )}
      <Typography variant="body2" style={{ marginTop: 4 }}>
        Requested by <ActorName actor={promotion.requestedBy} />{' '}
        <When value={promotion.createdAt} />
      </Typography>
      {promotion.justification && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.quote}
        >
          “{promotion.justification}”
        </Typography>
      )}
      {override && (
        <Box mt={1}>
          <Alert severity="error" variant="filled">
            <AlertTitle>Emergency override of a freeze</AlertTitle>
            By <ActorName actor={override.by} />: {override.justification}
          </Alert>
        </Box>
      )}
      {promotion.state === 'blocked' && promotion.blockedReason && (
        <Box mt={1}>
          <Alert severity="warning" style={{ overflowWrap: 'anywhere' }}>
            Blocked: {plainMessage(promotion.blockedReason)}
          </Alert>
        </Box>
      )}
      {(minApprovals > 0 || promotion.approvals.length > 0) && (
        <Box mt={1}>
          <Typography variant="overline" color="textSecondary">
            Approvals {promotion.approvalCount} of {minApprovals}
          </Typography>
          {promotion.approvals.length > 0 ? (
            <ul className={classes.list} aria-label="Approvals">
              {promotion.approvals.map(approval => (
                <ApprovalLine key={approval.id} approval={approval} />
              ))}
            </ul>
          ) : (
            <Typography variant="body2" color="textSecondary">
              No votes yet.
            </Typography>
          )}
        </Box>
      )}
      {ownersOfChanges && <Box mt={1}>{ownersOfChanges}</Box>}
      {votable && promotion.state === 'pending_approval' && (
        <Box mt={1}>
          <PromotionVoteButtons promotion={promotion} onVoted={onChanged}>
            {ownersOfChanges && <Box mb={2}>{ownersOfChanges}</Box>}
          </PromotionVoteButtons>
        </Box>
      )}
      {canWithdraw(promotion, viewer) && (
        <WithdrawButton promotion={promotion} onChanged={onChanged} />
      )}
      <Box mt={1}>
        <Typography variant="overline" color="textSecondary">
          History
        </Typography>
        <ul className={classes.list} aria-label="History">
          {promotion.transitions.map(transition => (
            <TransitionLine
              key={`${transition.createdAt}:${transition.to}`}
              transition={transition}
            />
          ))}
        </ul>
      </Box>
    </Box>
  );
}
