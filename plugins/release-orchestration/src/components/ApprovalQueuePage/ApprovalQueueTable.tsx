import { Link } from '@backstage/core-components';
import IconButton from '@material-ui/core/IconButton';
import ExpandIcon from '@material-ui/icons/KeyboardArrowDown';
import CollapseIcon from '@material-ui/icons/KeyboardArrowUp';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import { makeStyles } from '@material-ui/core/styles';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Promotion,
  PromotionQueueItem,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useReleaseViewLink } from '../../hooks/useReleaseViewLink';
import { formatAbsolute } from '../../lib/format';
import { formatAge } from '../../lib/formatAge';
import { ActorName } from '../ActorName';
import { entityNameOf } from '../../lib/entityRef';
import { PromotionVoteButtons } from '../PromotionVoteButtons';
import { RiskClassChip } from '../RiskClassChip';
import { Fragment, useState } from 'react';
import { EvidenceSummaryCell } from './EvidenceSummaryCell';
import { QueueItemDetails } from './QueueItemDetails';

const useStyles = makeStyles(theme => ({
  // Secondary text keeps 4.5:1 contrast on hovered and selected rows too.
  table: {
    '& .MuiTypography-colorTextSecondary': {
      color:
        theme.palette.type === 'dark'
          ? theme.palette.text.secondary
          : 'rgba(0, 0, 0, 0.7)',
    },
  },
  nowrap: { whiteSpace: 'nowrap' },
  version: { whiteSpace: 'nowrap' },
  reason: { maxWidth: 280, minWidth: 180, display: 'block' },
  // The browser may break words anywhere (overflow-wrap): keep the text columns readable.
  evidence: { minWidth: 160 },
  requester: { minWidth: 120 },
}));

/** "2026.03.05-1 of payments to Production". */
export function describeQueueItem(promotion: Promotion, laneTitle: string) {
  return `${promotion.releaseVersion} of ${entityNameOf(
    promotion.systemRef,
  )} to ${laneTitle}`;
}

/**
 * Whether the caller may vote on the item, and why not: the backend's per-item
 * answer, else (an older backend) the caller's permission.
 */
export function votingOf(
  item: PromotionQueueItem,
  permitted: boolean,
): { canVote: boolean; reason?: string } {
  if (item.canVote !== undefined) {
    return { canVote: item.canVote, reason: item.cannotVoteReason };
  }
  return permitted
    ? { canVote: true }
    : {
        canVote: false,
        reason: 'You do not have permission to approve promotions',
      };
}

/**
 * The approval queue as a table: one row per pending promotion, each with
 * Approve / Reject or the reason the caller cannot vote, selectable for a bulk
 * approval, and expandable to what it changes, its evidence and its risk.
 */
export function ApprovalQueueTable(props: {
  items: PromotionQueueItem[];
  selected: ReadonlySet<string>;
  /** The caller's approve permission, for items without a per-item answer. */
  canVote: boolean;
  laneTitle(environment: string): string;
  onSelect(ids: string[], selected: boolean): void;
  onVoted(promotion: Promotion): void;
}) {
  const { items, selected, canVote, laneTitle, onSelect, onVoted } = props;
  const classes = useStyles();
  const releaseLink = useReleaseViewLink();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded(previous => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const votable = items.filter(i => votingOf(i, canVote).canVote);
  const anyVotable = votable.length > 0;
  const allSelected =
    anyVotable && votable.every(i => selected.has(i.promotion.id));
  const columns = anyVotable ? 9 : 8;

  return (
    <Table
      className={classes.table}
      size="small"
      aria-label="Promotions waiting for your approval"
      style={{ overflowX: 'auto' }}
    >
      <TableHead>
        <TableRow>
          {anyVotable && (
            <TableCell padding="checkbox">
              <Checkbox
                inputProps={{ 'aria-label': 'Select all' }}
                checked={allSelected}
                indeterminate={
                  !allSelected &&
                  votable.some(i => selected.has(i.promotion.id))
                }
                onChange={e =>
                  onSelect(
                    votable.map(i => i.promotion.id),
                    e.target.checked,
                  )
                }
              />
            </TableCell>
          )}
          <TableCell>Release</TableCell>
          <TableCell>System</TableCell>
          <TableCell className={classes.nowrap}>Environment</TableCell>
          <TableCell>Evidence</TableCell>
          <TableCell>Risk</TableCell>
          <TableCell className={classes.nowrap}>Requested by</TableCell>
          <TableCell className={classes.nowrap}>Age</TableCell>
          <TableCell className={classes.nowrap}>Decision</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(item => {
          const { promotion, release, evidence, ageSeconds } = item;
          const lane = laneTitle(promotion.environment);
          const subject = describeQueueItem(promotion, lane);
          const voting = votingOf(item, canVote);
          const open = expanded.has(promotion.id);
          const detailsId = `queue-details-${promotion.id}`;
          return (
            <Fragment key={promotion.id}>
              <TableRow hover selected={selected.has(promotion.id)}>
                {anyVotable && (
                  <TableCell padding="checkbox">
                    {voting.canVote && (
                      <Checkbox
                        inputProps={{ 'aria-label': `Select ${subject}` }}
                        checked={selected.has(promotion.id)}
                        onChange={e =>
                          onSelect([promotion.id], e.target.checked)
                        }
                      />
                    )}
                  </TableCell>
                )}
                <TableCell className={classes.version}>
                  <IconButton
                    size="small"
                    aria-expanded={open}
                    aria-controls={open ? detailsId : undefined}
                    aria-label={`${
                      open ? 'Hide' : 'Show'
                    } what ${subject} changes, its evidence and risk`}
                    onClick={() => toggle(promotion.id)}
                  >
                    {open ? <CollapseIcon /> : <ExpandIcon />}
                  </IconButton>
                  <Link
                    to={releaseLink(promotion.systemRef, promotion.releaseId)}
                  >
                    {promotion.releaseVersion}
                  </Link>
                  {promotion.rollback && (
                    <Chip
                      size="small"
                      variant="outlined"
                      label="rollback"
                      style={{ marginLeft: 8 }}
                    />
                  )}
                  {promotion.emergencyOverride && (
                    <Chip
                      size="small"
                      color="secondary"
                      label="emergency override"
                      style={{ marginLeft: 8 }}
                    />
                  )}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <EntityRefLink
                    entityRef={promotion.systemRef}
                    defaultKind="system"
                  />
                </TableCell>
                <TableCell className={classes.nowrap}>{lane}</TableCell>
                <TableCell className={classes.evidence}>
                  <EvidenceSummaryCell evidence={evidence} />
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <RiskClassChip risk={release.riskClass} />
                </TableCell>
                <TableCell className={classes.requester}>
                  <ActorName actor={promotion.requestedBy} />
                  {promotion.justification && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      display="block"
                    >
                      “{promotion.justification}”
                    </Typography>
                  )}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {formatAge(ageSeconds)}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    since {formatAbsolute(promotion.createdAt)}
                  </Typography>
                </TableCell>
                <TableCell>
                  {voting.canVote ? (
                    <PromotionVoteButtons
                      promotion={promotion}
                      subject={subject}
                      onVoted={onVoted}
                    >
                      <Box mb={2}>
                        <QueueItemDetails
                          item={item}
                          laneTitle={lane}
                          headingLevel="h3"
                        />
                      </Box>
                    </PromotionVoteButtons>
                  ) : (
                    <Typography variant="body2" className={classes.reason}>
                      {voting.reason ?? 'You cannot vote on this promotion'}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
              {open && (
                <TableRow id={detailsId}>
                  <TableCell colSpan={columns}>
                    <Box p={1}>
                      <QueueItemDetails
                        item={item}
                        laneTitle={lane}
                        headingLevel="h3"
                      />
                    </Box>
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
