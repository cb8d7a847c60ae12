import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
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
import { describeRequest, PromotionVoteButtons } from '../PromotionVoteButtons';
import { RiskClassChip } from '../RiskClassChip';
import { EvidenceSummaryCell } from './EvidenceSummaryCell';

const useStyles = makeStyles({
  nowrap: { whiteSpace: 'nowrap' },
  version: { wordBreak: 'break-word' },
});

/**
 * The approval queue as a table: one row per promotion waiting for the
 * caller's vote, selectable for a bulk approval, each with Approve / Reject.
 */
export function ApprovalQueueTable(props: {
  items: PromotionQueueItem[];
  selected: ReadonlySet<string>;
  canVote: boolean;
  onSelect(ids: string[], selected: boolean): void;
  onVoted(promotion: Promotion): void;
}) {
  const { items, selected, canVote, onSelect, onVoted } = props;
  const classes = useStyles();
  const releaseLink = useReleaseViewLink();
  const allSelected =
    items.length > 0 && items.every(i => selected.has(i.promotion.id));

  return (
    <Table
      size="small"
      aria-label="Promotions waiting for your approval"
      style={{ overflowX: 'auto' }}
    >
      <TableHead>
        <TableRow>
          {canVote && (
            <TableCell padding="checkbox">
              <Checkbox
                inputProps={{ 'aria-label': 'Select all' }}
                checked={allSelected}
                indeterminate={
                  !allSelected && items.some(i => selected.has(i.promotion.id))
                }
                onChange={e =>
                  onSelect(
                    items.map(i => i.promotion.id),
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
          {canVote && (
            <TableCell className={classes.nowrap}>Decision</TableCell>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(({ promotion, release, evidence, ageSeconds }) => (
          <TableRow
            key={promotion.id}
            hover
            selected={selected.has(promotion.id)}
          >
            {canVote && (
              <TableCell padding="checkbox">
                <Checkbox
                  inputProps={{
                    'aria-label': `Select ${describeRequest(promotion)}`,
                  }}
                  checked={selected.has(promotion.id)}
                  onChange={e => onSelect([promotion.id], e.target.checked)}
                />
              </TableCell>
            )}
            <TableCell className={classes.version}>
              <Link to={releaseLink(promotion.systemRef, promotion.releaseId)}>
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
                  title={promotion.emergencyOverride.justification}
                  style={{ marginLeft: 8 }}
                />
              )}
            </TableCell>
            <TableCell>
              <EntityRefLink
                entityRef={promotion.systemRef}
                defaultKind="system"
              />
            </TableCell>
            <TableCell className={classes.nowrap}>
              {promotion.environment}
            </TableCell>
            <TableCell>
              <EvidenceSummaryCell evidence={evidence} />
            </TableCell>
            <TableCell>
              <RiskClassChip risk={release.riskClass} />
            </TableCell>
            <TableCell>
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
            <TableCell
              className={classes.nowrap}
              title={`requested ${formatAbsolute(promotion.createdAt)}`}
            >
              {formatAge(ageSeconds)}
            </TableCell>
            {canVote && (
              <TableCell className={classes.nowrap}>
                <PromotionVoteButtons promotion={promotion} onVoted={onVoted} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
