import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { productionFreeze } from '../../__testUtils__/promotionFixtures';
import { createFakePromotionBackend } from '../../__testUtils__/promotionHandlers';
import { LOADED, renderApprovals } from '../../__testUtils__/renderPromotions';

// usePermission caches decisions per module: these DENY cases have a file of their own.
const server = setupServer();
registerMswTestHooks(server);

const deny = [
  'release-orchestration.promotion.approve',
  'release-orchestration.freeze.manage',
];

describe('ApprovalQueuePage without promotion.approve and freeze.manage', () => {
  it('lists the queue without votes, selection or the freeze management link', async () => {
    server.use(...createFakePromotionBackend().handlers);
    await renderApprovals('/release-orchestration/approvals', { deny });

    await screen.findByRole(
      'table',
      { name: 'Promotions waiting for your approval' },
      LOADED,
    );
    expect(screen.getByText('2026.03.05-1')).toBeInTheDocument();
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
    // Each row says why instead of offering buttons, in words, not a permission id.
    expect(
      screen.getAllByText('You do not have permission to approve promotions'),
    ).toHaveLength(3);
    expect(
      screen.queryByText(/release-orchestration\./),
    ).not.toBeInTheDocument();
  });

  it('shows freeze windows read-only', async () => {
    server.use(
      ...createFakePromotionBackend({ freezes: [productionFreeze] }).handlers,
    );
    await renderApprovals('/release-orchestration/approvals/freezes', { deny });

    const table = await screen.findByRole(
      'table',
      { name: 'Freeze windows' },
      LOADED,
    );
    expect(
      within(table).getByText('Year-end trading freeze'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Declare freeze' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Delete/ }),
    ).not.toBeInTheDocument();
  });
});
