import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { createFakeBackend } from '../../__testUtils__/handlers';
import {
  productionCheck,
  productionFreeze,
} from '../../__testUtils__/promotionFixtures';
import { createFakePromotionBackend } from '../../__testUtils__/promotionHandlers';
import { LOADED, renderReleaseTab } from '../../__testUtils__/renderPromotions';
import { testId } from '../../__testUtils__/testId';

// usePermission caches decisions per module: this DENY case has a file of its own.
const server = setupServer();
registerMswTestHooks(server);

describe('PromoteDialog without freeze.override', () => {
  it('explains that a frozen request waits, and offers no override', async () => {
    const backend = createFakePromotionBackend({
      check: {
        ...productionCheck,
        outcome: 'blocked',
        freezes: [productionFreeze],
        unmetConditions: [
          {
            code: 'frozen',
            message:
              'production is frozen until 2099-01-01T00:00:00.000Z (Year-end trading freeze)',
          },
        ],
      },
    });
    server.use(...backend.handlers, ...createFakeBackend().handlers);
    await renderReleaseTab(
      `/catalog/default/system/payments/releases/${testId('rel-2')}`,
      {
        deny: ['release-orchestration.freeze.override'],
      },
    );

    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Promote to Production' },
        LOADED,
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        /will be stored as blocked and goes on when the freeze ends/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('checkbox', { name: /Emergency override/ }),
    ).not.toBeInTheDocument();
    expect(dialog.textContent).not.toMatch(
      /release-orchestration\.|\d{4}-\d\d-\d\dT/,
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request promotion' }),
    );
    await waitFor(() =>
      expect(backend.state.requested).toEqual([{ environment: 'production' }]),
    );
    expect(
      await screen.findByRole('article', {
        name: 'Promotion to production, blocked',
      }),
    ).toBeInTheDocument();
  });
});
