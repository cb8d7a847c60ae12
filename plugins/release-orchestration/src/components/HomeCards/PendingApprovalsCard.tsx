import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { useReleaseViewLink } from '../../hooks/useReleaseViewLink';
import { formatAge } from '../../lib/formatAge';
import { approvalsRouteRef } from '../../routes';
import { ActorName } from '../ActorName';
import { DoraErrorPanel } from '../DoraErrorPanel';
import { RiskClassChip } from '../RiskClassChip';

/**
 * Properties of {@link PendingApprovalsCard}.
 * @public
 */
export interface PendingApprovalsCardProps {
  /** Rows shown; the card links to the queue for the rest. Default 5. */
  limit?: number;
}

/** The link to the approval queue (the card's deep link, a home page widget's action). */
export function PendingApprovalsLink() {
  const queueLink = useRouteRef(approvalsRouteRef)();
  return <Link to={queueLink}>Open the approval queue</Link>;
}

/**
 * The body of "Waiting for my approval": how many wait, and the oldest
 * promotions the signed-in user may vote on now, each linking to its release.
 */
export function PendingApprovalsContent(props: PendingApprovalsCardProps) {
  const { limit = 5 } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const releaseLink = useReleaseViewLink();
  const queue = useAsync(async () => {
    const [page, environments] = await Promise.all([
      api.listPromotions({
        state: 'pending_approval',
        approver: 'me',
        limit: 200,
      }),
      api.listEnvironments(),
    ]);
    const titles = new Map(environments.items.map(e => [e.name, e.title]));
    return { ...page, titles };
  }, [api]);

  let content;
  if (queue.loading) {
    content = <Progress />;
  } else if (queue.error || !queue.value) {
    content = (
      <DoraErrorPanel
        error={queue.error ?? new Error('No answer')}
        what="the approval queue"
      />
    );
  } else if (queue.value.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="Nothing waits for your approval"
        description="Promotions you may approve appear here as soon as they are requested."
      />
    );
  } else {
    const items = [...queue.value.items]
      .sort((a, b) => b.ageSeconds - a.ageSeconds)
      .slice(0, limit);
    content = (
      <Table size="small" aria-label="Waiting for my approval">
        <TableHead>
          <TableRow>
            <TableCell>System</TableCell>
            <TableCell>Release</TableCell>
            <TableCell>Into</TableCell>
            <TableCell>Risk</TableCell>
            <TableCell>Requested</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(({ promotion, release, ageSeconds }) => (
            <TableRow key={promotion.id}>
              <TableCell>
                <EntityRefLink entityRef={promotion.systemRef} hideIcon />
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <Link
                  to={releaseLink(promotion.systemRef, promotion.releaseId)}
                >
                  {promotion.releaseVersion}
                </Link>
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {queue.value!.titles.get(promotion.environment) ??
                  promotion.environment}
              </TableCell>
              <TableCell>
                <RiskClassChip risk={release.riskClass} />
              </TableCell>
              <TableCell>
                {formatAge(ageSeconds)} ago by{' '}
                <ActorName actor={promotion.requestedBy} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  const total = queue.value?.items.length ?? 0;
  const more = Boolean(queue.value?.nextCursor);
  return (
    <>
      {total > 0 && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {`${total}${more ? '+' : ''} promotion${
            total === 1 && !more ? '' : 's'
          } wait for your vote`}
        </Typography>
      )}
      {content}
    </>
  );
}

/**
 * "Waiting for my approval": the oldest promotions the signed-in user may vote
 * on now, each linking to its release, and a link to the approval queue. For a
 * home page (with `@backstage/plugin-home`, use `HomePagePendingApprovalsCard`).
 * @public
 */
export function PendingApprovalsCard(props: PendingApprovalsCardProps) {
  const queueLink = useRouteRef(approvalsRouteRef)();
  return (
    <InfoCard
      title="Waiting for my approval"
      deepLink={{ title: 'Open the approval queue', link: queueLink }}
    >
      <PendingApprovalsContent {...props} />
    </InfoCard>
  );
}
