import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { PromotionQueueItem } from '@release-orchestration/plugin-release-orchestration-common';
import { releaseOrchestrationApiRef } from '../../api';
import { notifyApprovalsChanged } from '../../hooks/usePendingApprovalCount';
import { errorMessage } from '../../lib/errorMessage';
import { VoteDialog } from '../VoteDialog';
import { describeQueueItem } from './ApprovalQueueTable';

/**
 * Approves every selected promotion with one comment, one vote after the
 * other. Votes that fail (e.g. someone else rejected meanwhile) are listed
 * with the backend's reason; the others stay recorded.
 */
export function BulkApproveDialog(props: {
  items: PromotionQueueItem[];
  laneTitle(environment: string): string;
  onClose(): void;
  /** Called with the ids that were approved, before any failure is shown. */
  onApproved(ids: string[]): void;
}) {
  const { items, laneTitle, onClose, onApproved } = props;
  const describe = (promotion: PromotionQueueItem['promotion']) =>
    describeQueueItem(promotion, laneTitle(promotion.environment));
  const api = useApi(releaseOrchestrationApiRef);

  const approveAll = async (comment: string | undefined) => {
    const approved: string[] = [];
    const failures: string[] = [];
    for (const { promotion } of items) {
      try {
        await api.votePromotion(promotion.id, { decision: 'approve', comment });
        approved.push(promotion.id);
      } catch (e) {
        failures.push(`${describe(promotion)}: ${errorMessage(e)}`);
      }
    }
    notifyApprovalsChanged();
    onApproved(approved);
    if (failures.length === 0) {
      onClose();
      return;
    }
    throw new Error(
      `${approved.length} approved; ${failures.length} failed. ${failures.join(
        ' ',
      )}`,
    );
  };

  return (
    <VoteDialog
      decision="approve"
      subject={`${items.length} ${
        items.length === 1 ? 'promotion' : 'promotions'
      }`}
      onSubmit={approveAll}
      onClose={onClose}
    >
      <Box mb={2}>
        <Typography variant="body2" gutterBottom>
          One approval with the same comment for each of:
        </Typography>
        <ul aria-label="Selected promotions">
          {items.map(({ promotion }) => (
            <li key={promotion.id}>
              <Typography variant="body2">{describe(promotion)}</Typography>
            </li>
          ))}
        </ul>
      </Box>
    </VoteDialog>
  );
}
