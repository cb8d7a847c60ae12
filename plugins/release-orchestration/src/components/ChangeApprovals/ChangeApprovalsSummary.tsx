import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ApprovedIcon from '@material-ui/icons/CheckCircle';
import WaitingIcon from '@material-ui/icons/HourglassEmpty';
import {
  ChangeApprovals,
  PromotionPolicy,
} from '@release-orchestration/plugin-release-orchestration-common';
import { entityNameOf } from '../../lib/entityRef';
import { ActorName } from '../ActorName';

const useStyles = makeStyles(theme => ({
  // Links inside sentences are underlined (axe link-in-text-block).
  region: { '& a': { textDecoration: 'underline' } },
  list: { margin: 0, paddingLeft: theme.spacing(2) },
  approved: { color: theme.palette.success.main, verticalAlign: 'middle' },
  waiting: { color: theme.palette.text.secondary, verticalAlign: 'middle' },
}));

/** `cart and checkout-web`, `a, b and c`. */
function names(refs: string[]): string {
  const short = refs.map(entityNameOf);
  return short.length <= 1
    ? short.join('')
    : `${short.slice(0, -1).join(', ')} and ${short[short.length - 1]}`;
}

/**
 * Owners of what changed approve: each owning group of the components the
 * release changes in the lane, approved (by whom) or still to approve, the
 * components no group owns, and the commit authors who cannot approve.
 */
export function ChangeApprovalsSummary(props: {
  changeApprovals: ChangeApprovals;
  policy: Pick<
    PromotionPolicy,
    'ownersOfChangesApprove' | 'commitAuthorsCannotApprove'
  >;
  /** The lane, for "what changes in staging". */
  laneTitle: string;
  /** Whether votes have been counted (a promotion) rather than a gate check. */
  requested?: boolean;
}) {
  const { changeApprovals, policy, laneTitle, requested } = props;
  const classes = useStyles();
  const { ownerGroups, unownedComponents, commitAuthors } = changeApprovals;
  const waiting = ownerGroups.filter(g => !g.approvedBy);
  const against = changeApprovals.against
    ? `compared with ${changeApprovals.against.version}, which ${laneTitle} runs`
    : `${laneTitle} runs no release yet`;
  return (
    <Box
      role="region"
      aria-label="Owners of what changed"
      className={classes.region}
    >
      {policy.ownersOfChangesApprove && (
        <>
          <Typography variant="overline" color="textSecondary" component="p">
            Owners of what changed{' '}
            {policy.ownersOfChangesApprove === 'instead' && ownerGroups.length
              ? 'approve instead of the approver groups'
              : 'approve too'}
          </Typography>
          {ownerGroups.length === 0 ? (
            <Typography variant="body2">
              No component with an owning group changes ({against})
              {policy.ownersOfChangesApprove === 'instead'
                ? ', so the approver groups approve.'
                : '.'}
            </Typography>
          ) : (
            <>
              <Typography variant="body2">
                {requested && waiting.length === 0
                  ? 'Every owning group has approved'
                  : `One approval from each owning group (${against})`}
                {requested && waiting.length > 0
                  ? `; still to approve: ${names(waiting.map(g => g.group))}.`
                  : '.'}
              </Typography>
              <ul className={classes.list} aria-label="Owning groups">
                {ownerGroups.map(group => (
                  <li key={group.group}>
                    <Typography variant="body2" component="span">
                      {group.approvedBy ? (
                        <ApprovedIcon
                          fontSize="inherit"
                          className={classes.approved}
                        />
                      ) : (
                        <WaitingIcon
                          fontSize="inherit"
                          className={classes.waiting}
                        />
                      )}{' '}
                      <strong>{entityNameOf(group.group)}</strong> (owns{' '}
                      {names(group.components)}):{' '}
                      {group.approvedBy ? (
                        <>
                          approved by <ActorName actor={group.approvedBy} />
                        </>
                      ) : (
                        'waiting for one of its members'
                      )}
                    </Typography>
                  </li>
                ))}
              </ul>
            </>
          )}
          {unownedComponents.length > 0 && (
            <Typography variant="body2" color="textSecondary">
              No owning group in the catalog for {names(unownedComponents)};
              nobody approves for{' '}
              {unownedComponents.length === 1 ? 'it' : 'them'} as owner.
            </Typography>
          )}
        </>
      )}
      {policy.commitAuthorsCannotApprove && (
        <Typography variant="body2" style={{ marginTop: 4 }}>
          {commitAuthors.length > 0 ? (
            <>
              Authors of the commits it brings in cannot approve:{' '}
              {commitAuthors.map((author, i) => (
                <span key={author}>
                  {i > 0 ? ', ' : ''}
                  <ActorName actor={author} />
                </span>
              ))}
              .
            </>
          ) : (
            'No author of the commits it brings in is a catalog user, so nobody is barred as an author.'
          )}
        </Typography>
      )}
    </Box>
  );
}
