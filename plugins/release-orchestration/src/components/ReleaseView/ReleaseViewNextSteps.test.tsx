import { AlertApiForwarder } from '@backstage/core-app-api';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { createFakeBackend } from '../../__testUtils__/handlers';
import {
  devPromotion,
  productionCheck,
  productionFreeze,
  promotionOf,
  release2Details,
} from '../../__testUtils__/promotionFixtures';
import { createFakePromotionBackend } from '../../__testUtils__/promotionHandlers';
import { LOADED, renderReleaseTab } from '../../__testUtils__/renderPromotions';
import { testId } from '../../__testUtils__/testId';

const server = setupServer();
registerMswTestHooks(server);

const releasePage = `/catalog/default/system/payments/releases/${testId(
  'rel-2',
)}`;
const guest = 'user:default/guest';

function useBackend(
  options: Parameters<typeof createFakePromotionBackend>[0] = {},
) {
  const backend = createFakePromotionBackend(options);
  server.use(...backend.handlers, ...createFakeBackend().handlers);
  return backend;
}

const lane = (title: string) =>
  screen.getByRole('region', { name: `${title} lane` });

describe('ReleaseView: every lane says what comes next', () => {
  it('explains an approved lane and why the next lane has no button yet', async () => {
    useBackend({
      release: {
        ...release2Details,
        promotions: [
          promotionOf(testId('promo-dev'), 'dev', {
            state: 'approved',
            requestedBy: guest,
          }),
        ],
      },
      queue: [],
    });
    await renderReleaseTab(releasePage, { userRef: guest });

    const dev = await screen.findByRole(
      'region',
      { name: 'Development lane' },
      LOADED,
    );
    expect(
      await within(dev).findByText(
        /^Approved — waiting for the deployment pipeline to deploy it/,
      ),
    ).toBeInTheDocument();
    // An approved promotion is past withdrawing from the page.
    expect(
      within(dev).queryByRole('button', { name: /Withdraw/ }),
    ).not.toBeInTheDocument();

    const staging = lane('Staging');
    expect(
      within(staging).queryByRole('button', { name: /Promote/ }),
    ).not.toBeInTheDocument();
    expect(
      within(staging).getByText(
        'Promote to Staging appears once Development succeeded.',
      ),
    ).toBeInTheDocument();
  });

  it('names the next lane after a success', async () => {
    useBackend({
      release: { ...release2Details, promotions: [devPromotion] },
      queue: [],
    });
    await renderReleaseTab(releasePage);

    const dev = await screen.findByRole(
      'region',
      { name: 'Development lane' },
      LOADED,
    );
    expect(
      await within(dev).findByText('Deployed here. Next: promote to Staging.'),
    ).toBeInTheDocument();
    expect(
      within(lane('Staging')).getByRole('button', {
        name: 'Promote to Staging',
      }),
    ).toBeInTheDocument();
  });

  it('tells the requester another approver must vote, and lets them withdraw', async () => {
    const pending = promotionOf(testId('promo-p1'), 'production', {
      state: 'pending_approval',
      requestedBy: guest,
      createdAt: '2026-03-05T14:00:00.000Z',
      transitions: [
        {
          to: 'pending_approval',
          actor: guest,
          createdAt: '2026-03-05T14:00:00.000Z',
        },
      ],
    });
    const backend = useBackend({
      release: {
        ...release2Details,
        promotions: [pending, ...release2Details.promotions],
      },
      queue: [],
    });
    await renderReleaseTab(releasePage, { userRef: guest });

    const production = await screen.findByRole(
      'region',
      { name: 'Production lane' },
      LOADED,
    );
    expect(
      await within(production).findByText(
        'You requested this; another approver must vote (1 more approval needed from release-managers).',
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      within(production).getByRole('button', {
        name: 'Withdraw request to promote 2026.03.05-1 to production',
      }),
    );
    await waitFor(() => expect(backend.state.cancelled).toHaveLength(1));
    expect(backend.state.cancelled[0]).toEqual({
      promotionId: testId('promo-p1'),
      reason: 'Withdrawn by the requester',
    });
    expect(
      await within(lane('Production')).findByRole('article', {
        name: 'Promotion to production, cancelled',
      }),
    ).toBeInTheDocument();
    expect(
      within(lane('Production')).getByText('Withdrawn. You can ask again.'),
    ).toBeInTheDocument();
    // Withdrawn, the lane can be asked again.
    expect(
      within(lane('Production')).getByRole('button', {
        name: 'Promote to Production',
      }),
    ).toBeInTheDocument();
  });

  it('offers no Withdraw on somebody else’s request and says why the viewer cannot vote', async () => {
    const pending = promotionOf(testId('promo-p1'), 'production', {
      state: 'pending_approval',
      requestedBy: 'user:default/bob',
    });
    useBackend({
      release: {
        ...release2Details,
        promotions: [pending, ...release2Details.promotions],
      },
      queue: [],
    });
    await renderReleaseTab(releasePage, { userRef: guest });

    const production = await screen.findByRole(
      'region',
      { name: 'Production lane' },
      LOADED,
    );
    expect(
      await within(production).findByText(
        /You are not among the approvers who can vote on it now\.$/,
      ),
    ).toBeInTheDocument();
    expect(
      within(production).queryByRole('button', { name: /Withdraw/ }),
    ).not.toBeInTheDocument();
  });
});

describe('ReleaseView: the lane header shows the policy in force for the System', () => {
  it('shows the named policy the System selects, not the lane default', async () => {
    const backend = useBackend({
      systemPolicy: {
        name: 'regulated',
        lanes: {
          production: {
            minApprovals: 2,
            requiredEvidence: ['unit-tests', 'security-scan', 'change-ticket'],
          },
        },
      },
    });
    await renderReleaseTab(releasePage);

    const production = await screen.findByRole(
      'region',
      { name: 'Production lane' },
      LOADED,
    );
    expect(
      await within(production).findByText(
        /^Policy regulated: 2 approvals from release-managers · separation of duties · evidence: unit-tests, security-scan, change-ticket/,
      ),
    ).toBeInTheDocument();
    expect(
      within(lane('Staging')).getByText(/^1 approval from engineering/),
    ).toBeInTheDocument();
    expect(backend.state.environmentQueries).toContain(
      'system:default/payments',
    );
  });
});

describe('ReleaseView: a blocked request is not announced as a success', () => {
  it('warns that the promotion waits for the freeze instead of a green toast', async () => {
    useBackend({
      check: {
        ...productionCheck,
        outcome: 'blocked',
        freezes: [productionFreeze],
        unmetConditions: [
          { code: 'frozen', message: 'Production is frozen for year-end' },
        ],
      },
    });
    const alertApi = new AlertApiForwarder();
    const posted = jest.spyOn(alertApi, 'post');
    await renderReleaseTab(releasePage, { userRef: guest, alertApi });

    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Promote to Production' },
        LOADED,
      ),
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Production is frozen for year-end');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request promotion' }),
    );

    await waitFor(() => expect(posted).toHaveBeenCalledTimes(1));
    expect(posted.mock.calls[0][0]).toEqual({
      message:
        'Promotion of 2026.03.05-1 to Production is blocked by a freeze: it waits until the freeze ends, or withdraw it from its lane.',
      severity: 'warning',
      display: 'permanent',
    });
    // The requester sees the blocked promotion in its lane, with Withdraw.
    const production = lane('Production');
    expect(
      await within(production).findByRole('article', {
        name: 'Promotion to production, blocked',
      }),
    ).toBeInTheDocument();
    expect(
      within(production).getByRole('button', { name: /^Withdraw/ }),
    ).toBeInTheDocument();
  });
});
