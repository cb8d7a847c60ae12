import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import plugin from './alpha';
import { releaseOrchestrationApiRef } from './api';
import { createFakePromotionBackend } from './__testUtils__/promotionHandlers';
import { createTestClient } from './__testUtils__/testApi';

// usePermission caches decisions per module: this DENY case has a file of its own.
const server = setupServer();
registerMswTestHooks(server);

describe('approvals in the new frontend system without promotion.approve', () => {
  it('lists the queue without votes, selection or freeze management', async () => {
    server.use(...createFakePromotionBackend().handlers);
    renderTestApp({
      features: [plugin],
      apis: [
        [releaseOrchestrationApiRef, createTestClient()],
        mockApis.permission({
          authorize: request =>
            request.permission.name === 'release-orchestration.release.read'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        }),
        catalogApiMock(),
      ],
      initialRouteEntries: ['/release-orchestration/approvals'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    await screen.findByRole(
      'table',
      { name: 'Promotions waiting for your approval' },
      { timeout: 10_000 },
    );
    expect(screen.getByText('2026.03.05-1')).toBeInTheDocument();
    // Each row says why there is no vote button, without a permission id.
    expect(
      await screen.findAllByText(
        'You do not have permission to approve promotions',
      ),
    ).toHaveLength(3);
    expect(
      screen.queryByText(/release-orchestration\.promotion/),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Approve/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Reject/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Freeze windows' }),
    ).not.toBeInTheDocument();
  });
});
