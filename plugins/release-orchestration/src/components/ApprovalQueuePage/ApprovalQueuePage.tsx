import { Content, Header, Page } from '@backstage/core-components';
import { usePendingApprovalCount } from '../../hooks/usePendingApprovalCount';
import { ApprovalsRoutes } from './ApprovalsRoutes';

/**
 * The approval queue page for legacy apps, with its own header, and the
 * freeze windows below it at `freezes`.
 * @public
 */
export function ApprovalQueuePage() {
  const { count } = usePendingApprovalCount();
  const subtitle =
    count === undefined
      ? 'Promotions waiting for your vote, and freeze windows'
      : `${count} ${
          count === 1 ? 'promotion waits' : 'promotions wait'
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
