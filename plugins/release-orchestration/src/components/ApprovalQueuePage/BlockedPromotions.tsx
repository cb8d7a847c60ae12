import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { PromotionQueueItem } from '@release-orchestration/plugin-release-orchestration-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../../api';
import { useLiveRefresh } from '../../hooks/useLiveRefresh';
import { useReleaseViewLink } from '../../hooks/useReleaseViewLink';
import { formatDateTime, plainMessage } from '../../lib/plainWords';

/** When a blocked promotion goes on: the end of its soak, or what holds it. */
export function readyAtText(item: PromotionQueueItem): string {
  if (item.readyAt) {
    return `Ready at ${formatDateTime(item.readyAt)}`;
  }
  return /open incident/.test(item.promotion.blockedReason ?? '')
    ? 'When the incident is resolved and the soak is over'
    : 'When the freeze ends';
}

/**
 * Promotions waiting `blocked` for a soak time or a freeze window, with when
 * each goes on by itself ("Ready at ..."); nothing when none waits.
 */
export function BlockedPromotions(props: {
  laneTitle(environment: string): string;
}) {
  const { laneTitle } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const releaseLink = useReleaseViewLink();
  const blocked = useAsyncRetry(
    () => api.listPromotions({ state: 'blocked', limit: 50 }),
    [api],
  );
  useLiveRefresh(blocked.retry, { pollIntervalMs: false });
  const items = blocked.value?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <Paper style={{ padding: 16, marginTop: 16 }}>
      <Typography variant="h6" component="h3" id="blocked-promotions-title">
        Waiting for a soak time or a freeze
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        These requests go on by themselves when what holds them is over; no vote
        is needed yet.
      </Typography>
      <Table size="small" aria-labelledby="blocked-promotions-title">
        <TableHead>
          <TableRow>
            <TableCell>System</TableCell>
            <TableCell>Release</TableCell>
            <TableCell>Lane</TableCell>
            <TableCell>Goes on</TableCell>
            <TableCell>Why it waits</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => {
            const { promotion } = item;
            return (
              <TableRow key={promotion.id}>
                <TableCell>
                  <EntityRefLink
                    entityRef={promotion.systemRef}
                    defaultKind="system"
                  />
                </TableCell>
                <TableCell>
                  <Link
                    to={releaseLink(promotion.systemRef, promotion.releaseId)}
                  >
                    {promotion.releaseVersion}
                  </Link>
                </TableCell>
                <TableCell>{laneTitle(promotion.environment)}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {readyAtText(item)}
                </TableCell>
                <TableCell style={{ overflowWrap: 'anywhere' }}>
                  {plainMessage(promotion.blockedReason ?? '')}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Paper>
  );
}
