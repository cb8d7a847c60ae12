import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { createFakeBackend } from '../../__testUtils__/handlers';
import {
  productionCheck,
  productionFreeze,
  promotionOf,
  queueItems,
  release2Details,
} from '../../__testUtils__/promotionFixtures';
import { createFakePromotionBackend } from '../../__testUtils__/promotionHandlers';
import { LOADED, renderReleaseTab } from '../../__testUtils__/renderPromotions';
import { testId } from '../../__testUtils__/testId';

/** Clicks "Promote to Production" once the release has loaded; returns the dialog. */
async function openPromoteDialog() {
  await userEvent.click(
    await screen.findByRole(
      'button',
      { name: 'Promote to Production' },
      LOADED,
    ),
  );
  return screen.findByRole('dialog');
}

const server = setupServer();
registerMswTestHooks(server);

const releasePage = `/catalog/default/system/payments/releases/${testId(
  'rel-2',
)}`;

function useBackend(
  options: Parameters<typeof createFakePromotionBackend>[0] = {},
) {
  const backend = createFakePromotionBackend(options);
  server.use(...backend.handlers, ...createFakeBackend().handlers);
  return backend;
}

const lane = (title: string) =>
  screen.getByRole('region', { name: `${title} lane` });

describe('ReleaseView: evidence and promotions', () => {
  it('lists the evidence with status, summary, environment, who and a link', async () => {
    useBackend();
    await renderReleaseTab(releasePage);

    const scan = (
      await screen.findByText('0 critical, 2 medium', {}, LOADED)
    ).closest('tr')!;
    expect(within(scan).getByText('security-scan')).toBeInTheDocument();
    expect(within(scan).getByText('warn')).toBeInTheDocument();
    expect(within(scan).getByText('all')).toBeInTheDocument();
    expect(within(scan).getByText('ci-pipeline')).toBeInTheDocument();
    expect(
      within(scan).getByRole('link', { name: /Open report/ }),
    ).toHaveAttribute('href', 'https://scanner.example.com/r/812');
    const tests = screen.getByText('1,204 passed').closest('tr')!;
    expect(within(tests).getByText('pass')).toBeInTheDocument();
    expect(within(tests).getByText('staging')).toBeInTheDocument();
    expect(within(tests).getByText('alice')).toBeInTheDocument();
  });

  it('shows a lane per environment in order, with approvals, comments and history', async () => {
    useBackend();
    await renderReleaseTab(releasePage);

    await screen.findByRole('region', { name: 'Development lane' }, LOADED);
    const titles = screen
      .getAllByRole('region', { name: / lane$/ })
      .map(region => region.getAttribute('aria-label'));
    expect(titles).toEqual([
      'Development lane',
      'Staging lane',
      'Production lane',
    ]);

    const staging = lane('Staging');
    expect(
      within(staging).getByRole('article', {
        name: 'Promotion to staging, succeeded',
      }),
    ).toBeInTheDocument();
    expect(within(staging).getByText('Approvals 1 of 1')).toBeInTheDocument();
    const approvals = within(staging).getByRole('list', { name: 'Approvals' });
    expect(within(approvals).getByText('alice')).toBeInTheDocument();
    expect(
      within(approvals).getByText('“Looks good, tests are green”'),
    ).toBeInTheDocument();
    expect(
      within(staging).getByText('“Refunds for the spring campaign”'),
    ).toBeInTheDocument();
    const history = within(staging).getByRole('list', { name: 'History' });
    expect(
      within(history)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      'requested → pending approval by guest, 2026-03-05 13:00 UTC',
      'pending approval → approved by alice, 2026-03-05 13:10 UTC (1 of 1 approvals)',
      'approved → deploying by ci-pipeline, 2026-03-05 13:20 UTC',
      'deploying → succeeded by ci-pipeline, 2026-03-05 13:30 UTC',
    ]);

    // Only the next lane offers a promotion: dev and staging already succeeded.
    expect(
      within(lane('Development')).queryByRole('button', { name: /Promote/ }),
    ).not.toBeInTheDocument();
    expect(
      within(lane('Staging')).queryByRole('button', { name: /Promote/ }),
    ).not.toBeInTheDocument();
    expect(
      within(lane('Production')).getByRole('button', {
        name: 'Promote to Production',
      }),
    ).toBeInTheDocument();
  });

  it('shows the gate check before requesting, then the new promotion in its lane', async () => {
    const backend = useBackend();
    await renderReleaseTab(releasePage);

    const dialog = await openPromoteDialog();
    expect(
      within(dialog).getByText('Promote 2026.03.05-1 to Production'),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText('All gates pass; approval needed'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/Who can approve: carol, dave/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('evidence: unit-tests, security-scan'),
    ).toBeInTheDocument();
    expect(backend.state.checks).toEqual(['production']);

    await userEvent.type(
      within(dialog).getByLabelText('Justification (optional)'),
      'Spring campaign starts Monday',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request promotion' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(backend.state.requested).toEqual([
      {
        environment: 'production',
        justification: 'Spring campaign starts Monday',
      },
    ]);
    const production = lane('Production');
    const requested = await within(production).findByRole('article', {
      name: 'Promotion to production, pending approval',
    });
    expect(
      within(requested).getByText('“Spring campaign starts Monday”'),
    ).toBeInTheDocument();
    expect(within(requested).getByText('Approvals 0 of 1')).toBeInTheDocument();
    expect(
      within(production).queryByRole('button', { name: /Promote/ }),
    ).not.toBeInTheDocument();
  });

  it('lists what is missing, in the backend words, and does not let a refused request be sent', async () => {
    const backend = useBackend({
      check: {
        ...productionCheck,
        outcome: 'refused',
        unmetConditions: [
          {
            code: 'evidence-not-passed',
            message:
              "The newest security-scan evidence of release 2026.03.05-1 of system:default/payments is 'warn' (0 critical, 2 medium); attach a passing security-scan report",
          },
          {
            code: 'not-enough-approvers',
            message:
              '1 approval is needed in production but only 0 people can approve',
          },
        ],
      },
    });
    await renderReleaseTab(releasePage);

    const dialog = await openPromoteDialog();
    expect(
      await within(dialog).findByText(
        'Cannot be requested yet: 2 conditions are not met',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/newest security-scan evidence .* is 'warn'/),
    ).toBeInTheDocument();
    // Plain words: the System's name, no condition codes or entity refs.
    expect(
      within(dialog).getByText(/of payments is 'warn'/),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByText('evidence-not-passed'),
    ).not.toBeInTheDocument();
    expect(
      within(dialog).queryByText(/system:default\/payments/),
    ).not.toBeInTheDocument();
    expect(
      within(dialog).getByText(/only 0 people can approve/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Request promotion' }),
    ).toBeDisabled();
    expect(backend.state.requested).toEqual([]);
  });

  it('offers an emergency override of a freeze, with a written justification', async () => {
    const backend = useBackend({
      check: {
        ...productionCheck,
        outcome: 'blocked',
        freezes: [productionFreeze],
        unmetConditions: [
          {
            code: 'frozen',
            message:
              'production is frozen until 2099-01-01T00:00:00.000Z (Year-end trading freeze); wait for the freeze to end',
          },
        ],
      },
    });
    await renderReleaseTab(releasePage);

    const dialog = await openPromoteDialog();
    expect(
      await within(dialog).findByText('Production is frozen'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        /^Until Thu, 1 Jan 2099, \d\d:\d\d \S+: Year-end trading freeze$/,
      ),
    ).toBeInTheDocument();
    // No ISO timestamp in the dialog.
    expect(dialog.textContent).not.toMatch(/\d{4}-\d\d-\d\dT/);

    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: /Emergency override/ }),
    );
    const submit = within(dialog).getByRole('button', {
      name: 'Override freeze and request',
    });
    await userEvent.type(
      within(dialog).getByLabelText(/Why this cannot wait/),
      'too short',
    );
    expect(submit).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/Why this cannot wait/),
      ': card outage fix',
    );
    await userEvent.click(submit);

    await waitFor(() => expect(backend.state.requested).toHaveLength(1));
    expect(backend.state.requested[0]).toEqual({
      environment: 'production',
      emergencyOverride: { justification: 'too short: card outage fix' },
    });
    const production = lane('Production');
    expect(
      await within(production).findByText('Emergency override of a freeze'),
    ).toBeInTheDocument();
    expect(
      within(production).getByText(/too short: card outage fix/),
    ).toBeInTheDocument();
  });

  it('lets an eligible approver approve from the release page', async () => {
    const pending = promotionOf(testId('promo-p1'), 'production', {
      state: 'pending_approval',
      requestedBy: 'user:default/guest',
      transitions: [
        {
          to: 'pending_approval',
          actor: 'user:default/guest',
          createdAt: '2026-03-05T14:00:00.000Z',
        },
      ],
    });
    const backend = useBackend({
      release: {
        ...release2Details,
        promotions: [pending, ...release2Details.promotions],
      },
      queue: [queueItems[0]],
    });
    await renderReleaseTab(releasePage);

    const production = await screen.findByRole(
      'region',
      { name: 'Production lane' },
      LOADED,
    );
    await userEvent.click(
      await within(production).findByRole('button', {
        name: 'Approve 2026.03.05-1 of payments to production',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'Scan warnings accepted',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    await waitFor(() => expect(backend.state.votes).toHaveLength(1));
    expect(backend.state.votes[0]).toEqual({
      promotionId: testId('promo-p1'),
      decision: 'approve',
      comment: 'Scan warnings accepted',
    });
    const approved = await within(lane('Production')).findByRole('article', {
      name: 'Promotion to production, approved',
    });
    expect(
      within(approved).getByText('“Scan warnings accepted”'),
    ).toBeInTheDocument();
    expect(within(approved).getByText('Approvals 1 of 1')).toBeInTheDocument();
    expect(backend.state.queueQueries[0].get('system')).toBe(
      'system:default/payments',
    );
  });

  it('does not send a rejection without a comment', async () => {
    const pending = promotionOf(testId('promo-p1'), 'production', {
      state: 'pending_approval',
    });
    const backend = useBackend({
      release: {
        ...release2Details,
        promotions: [pending, ...release2Details.promotions],
      },
      queue: [queueItems[0]],
    });
    await renderReleaseTab(releasePage);

    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Reject 2026.03.05-1 of payments to production' },
        LOADED,
      ),
    );
    const dialog = await screen.findByRole('dialog');
    const reject = within(dialog).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/Comment \(required\)/),
      '   ',
    );
    expect(reject).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/Comment \(required\)/),
      'Fix the scan first',
    );
    await userEvent.click(reject);

    await waitFor(() => expect(backend.state.votes).toHaveLength(1));
    expect(backend.state.votes[0]).toMatchObject({
      decision: 'reject',
      comment: 'Fix the scan first',
    });
    expect(
      await within(lane('Production')).findByRole('article', {
        name: 'Promotion to production, rejected',
      }),
    ).toBeInTheDocument();
  });

  it('offers no vote on a promotion the queue does not list for the caller', async () => {
    const pending = promotionOf(testId('promo-p1'), 'production', {
      state: 'pending_approval',
    });
    useBackend({
      release: {
        ...release2Details,
        promotions: [pending, ...release2Details.promotions],
      },
      queue: [],
    });
    await renderReleaseTab(releasePage);

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
    expect(within(production).getByText('No votes yet.')).toBeInTheDocument();
    expect(
      within(production).queryByRole('button', { name: /Approve/ }),
    ).not.toBeInTheDocument();
  });

  it('shows a freeze covering the System above the release', async () => {
    useBackend({ freezes: [productionFreeze] });
    await renderReleaseTab(releasePage);

    const banner = await screen.findByRole(
      'region',
      { name: 'Freeze windows' },
      LOADED,
    );
    expect(
      within(banner).getByText(
        /production is frozen until 2099-01-01 00:00 UTC/,
      ),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText(/Year-end trading freeze/),
    ).toBeInTheDocument();
  });
});
