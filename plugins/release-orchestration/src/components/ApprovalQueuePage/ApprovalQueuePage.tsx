import { Content, Header, Page } from '@backstage/core-components';
import { usePendingApprovalCount } from '../../hooks/usePendingApprovalCount';
import { ApprovalsRoutes } from './ApprovalsRoutes';

/**
 * The approval queue page for legacy apps, with its own header, and the
 * freeze windows below it at `freezes`.
 * @public
 */
export function ApprovalQueuePage() {
  const { count, more } = usePendingApprovalCount();
  const subtitle =
    count === undefined
      ? 'Promotions waiting for your vote, and freeze windows'
      : `${count}${more ? '+' : ''} ${
          count === 1 && !more ? 'promotion waits' : 'promotions wait'
        } for your vote`;
  return (
    <Page themeId="tool">
      <Header title="Approvals" subtitle={subtitle} />
      <Content>
        <ApprovalsRoutes />
      </Content>
    </Page>
  );
}
