import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  laneApprovalsNeeded,
  PromotionCheck,
  UnmetCondition,
} from '@release-orchestration/plugin-release-orchestration-common';
import { ChangeApprovalsSummary } from '../ChangeApprovals';
import { formatDateTime, plainMessage } from '../../lib/plainWords';
import { describePolicy, shortRef } from '../../lib/promotionLanes';
import { RequestRefusal } from '../../lib/promotionRefusal';

/** Lanes whose titles replace their names in messages. */
type Lanes = Array<{ name: string; title: string }>;

/**
 * Unmet conditions of a promotion, each as a sentence saying what to do, in
 * plain words (readable dates, names, no field or permission ids).
 */
export function UnmetConditionList(props: {
  conditions: UnmetCondition[];
  label?: string;
  lanes?: Lanes;
}) {
  return (
    <List dense disablePadding aria-label={props.label ?? 'Unmet conditions'}>
      {props.conditions.map(condition => (
        <ListItem key={`${condition.code}:${condition.message}`} disableGutters>
          <ListItemText
            primary={plainMessage(condition.message, { lanes: props.lanes })}
            primaryTypographyProps={{ style: { overflowWrap: 'anywhere' } }}
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * Why a promotion or rollback request the dialog sent failed: the backend's
 * message and every unmet condition, in plain words.
 */
export function RequestRefusalAlert(props: {
  refusal: RequestRefusal;
  lanes?: Lanes;
}) {
  const { refusal, lanes } = props;
  return (
    <Box mb={2}>
      <Alert severity="error" style={{ overflowWrap: 'anywhere' }}>
        {plainMessage(refusal.message, { lanes })}
        {refusal.conditions.length > 0 && (
          <UnmetConditionList conditions={refusal.conditions} lanes={lanes} />
        )}
      </Alert>
    </Box>
  );
}

/**
 * What a promotion request would meet now: the lane's effective policy, and
 * the outcome with every unmet condition, freeze and eligible approver.
 */
export function GateCheckSummary(props: {
  check: PromotionCheck;
  /** Lanes whose titles replace their names in the messages. */
  lanes?: Lanes;
}) {
  const { check, lanes } = props;
  const laneTitle =
    lanes?.find(l => l.name === check.environment)?.title ?? check.environment;
  const { policy } = check;
  const refusing = check.unmetConditions.filter(
    c => c.code !== 'frozen' && c.code !== 'soaking',
  );
  const frozen = check.unmetConditions.filter(c => c.code === 'frozen');
  const soaking = check.unmetConditions.filter(c => c.code === 'soaking');
  const approvers = check.eligibleApprovers.map(shortRef).join(', ');
  const laneApprovals = laneApprovalsNeeded(policy, check.changeApprovals);
  const owners = (check.changeApprovals?.ownerGroups ?? []).map(g =>
    shortRef(g.group),
  );

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 6 }}
      >
        <Typography variant="body2" color="textSecondary">
          Policy{check.policyName ? ` '${check.policyName}'` : ''}:
        </Typography>
        {describePolicy(policy).map(part => (
          <Chip key={part} size="small" variant="outlined" label={part} />
        ))}
      </Box>
      {check.outcome === 'refused' && (
        <Alert severity="error">
          <AlertTitle>
            Cannot be requested yet: {refusing.length}{' '}
            {refusing.length === 1 ? 'condition is' : 'conditions are'} not met
          </AlertTitle>
          <UnmetConditionList conditions={refusing} lanes={lanes} />
        </Alert>
      )}
      {frozen.length > 0 && (
        <Alert severity="warning">
          <AlertTitle>{laneTitle} is frozen</AlertTitle>
          {check.freezes.map(freeze => (
            <Typography
              key={freeze.id}
              variant="body2"
              style={{ overflowWrap: 'anywhere' }}
            >
              Until {formatDateTime(freeze.end)}: {freeze.reason}
            </Typography>
          ))}
          <UnmetConditionList
            conditions={frozen}
            label="Freeze"
            lanes={lanes}
          />
        </Alert>
      )}
      {soaking.length > 0 && check.outcome !== 'refused' && (
        <Alert severity="info">
          <AlertTitle>
            {check.readyAt
              ? `Soaking: ready at ${formatDateTime(check.readyAt)}`
              : 'Soaking: held by an open incident'}
          </AlertTitle>
          <UnmetConditionList conditions={soaking} label="Soak" lanes={lanes} />
          The request will be stored as blocked and goes on by itself when the
          soak is over.
        </Alert>
      )}
      {check.outcome === 'pending_approval' && (
        <Alert severity="info">
          <AlertTitle>All gates pass; approval needed</AlertTitle>
          {laneApprovals > 0 && (
            <>
              The request will wait for {laneApprovals}{' '}
              {laneApprovals === 1 ? 'approval' : 'approvals'} from{' '}
              {policy.approvers.map(shortRef).join(', ')}
              {owners.length > 0
                ? ` and one from each owning group of what changed (${owners.join(
                    ', ',
                  )}).`
                : '.'}
            </>
          )}
          {laneApprovals === 0 &&
            owners.length > 0 &&
            `The request will wait for one approval from each owning group of what changed (${owners.join(
              ', ',
            )}).`}
          {approvers && ` Who can approve: ${approvers}.`}
        </Alert>
      )}
      {check.changeApprovals && check.outcome !== 'refused' && (
        <ChangeApprovalsSummary
          changeApprovals={check.changeApprovals}
          policy={policy}
          laneTitle={laneTitle}
        />
      )}
      {check.outcome === 'approved' && (
        <Alert severity="success">
          <AlertTitle>All gates pass</AlertTitle>
          No approval is needed: the promotion is approved as soon as you ask.
        </Alert>
      )}
    </Box>
  );
}
