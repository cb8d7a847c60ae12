import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Mount point of the Releases tab in a legacy app's entity page.
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'release-orchestration' });

/**
 * The org-wide DORA page (`DoraOrgPage`; `/release-orchestration/dora` in the
 * new frontend system).
 * @public
 */
export const doraRouteRef = createRouteRef({
  id: 'release-orchestration:dora',
});

/**
 * The approval queue page (`ApprovalQueuePage`; `/release-orchestration/approvals`
 * in the new frontend system), with freeze windows at `<page>/freezes`.
 * @public
 */
export const approvalsRouteRef = createRouteRef({
  id: 'release-orchestration:approvals',
});
