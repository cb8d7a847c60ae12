import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { createFakeBackend } from '../../__testUtils__/handlers';
import {
  promotionOf,
  queueItems,
  release2Details,
} from '../../__testUtils__/promotionFixtures';
import { createFakePromotionBackend } from '../../__testUtils__/promotionHandlers';
import { LOADED, renderReleaseTab } from '../../__testUtils__/renderPromotions';
import { testId } from '../../__testUtils__/testId';

// usePermission caches decisions per module: these DENY cases have a file of their own.
const server = setupServer();
registerMswTestHooks(server);

describe('ReleaseView without promotion.create and promotion.approve', () => {
  it('shows the timeline without Promote, Approve or Reject', async () => {
    const pending = promotionOf(testId('promo-p1'), 'production', {
      state: 'pending_approval',
    });
    const backend = createFakePromotionBackend({
      release: {
        ...release2Details,
        promotions: [pending, ...release2Details.promotions],
      },
      queue: [queueItems[0]],
    });
    server.use(...backend.handlers, ...createFakeBackend().handlers);
    await renderReleaseTab(
      `/catalog/default/system/payments/releases/${testId('rel-2')}`,
      {
        deny: [
          'release-orchestration.promotion.create',
          'release-orchestration.promotion.approve',
        ],
      },
    );

    const production = await screen.findByRole(
      'region',
      { name: 'Production lane' },
      LOADED,
    );
    expect(
      await within(production).findByRole('article', {
        name: 'Promotion to production, pending approval',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Staging lane' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Promote/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Approve/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Reject/ }),
    ).not.toBeInTheDocument();
    expect(backend.state.queueQueries).toEqual([]);
  });
});
