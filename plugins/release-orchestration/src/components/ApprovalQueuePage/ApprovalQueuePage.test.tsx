import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { createFakeEnvironmentBackend } from '../../__testUtils__/environmentHandlers';
import { diff2 } from '../../__testUtils__/fixtures';
import { baseUrl } from '../../__testUtils__/handlers';
import { contractJson } from '../../__testUtils__/openapiContract';
import {
  productionFreeze,
  queueItems,
} from '../../__testUtils__/promotionFixtures';
import { createFakePromotionBackend } from '../../__testUtils__/promotionHandlers';
import { LOADED, renderApprovals } from '../../__testUtils__/renderPromotions';
import { testId } from '../../__testUtils__/testId';

const server = setupServer();
registerMswTestHooks(server);

function useBackend(
  options: Parameters<typeof createFakePromotionBackend>[0] = {},
) {
  const backend = createFakePromotionBackend(options);
  server.use(...backend.handlers);
  return backend;
}

const queueTable = () =>
  screen.findByRole(
    'table',
    { name: 'Promotions waiting for your approval' },
    LOADED,
  );
const rowOf = (version: string, environment: string) =>
  screen
    .getAllByRole('row')
    .find(
      row =>
        within(row).queryByText(version) &&
        within(row).queryByText(environment, { selector: 'td' }),
    )!;
const versions = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map(row => {
      const cells = within(row).getAllByRole('cell');
      return `${cells[1].querySelector('a')?.textContent} ${
        cells[3].textContent
      }`;
    });

describe('ApprovalQueuePage', () => {
  it('lists what waits for the caller with release, System, evidence, risk, requester and age', async () => {
    useBackend();
    await renderApprovals();

    await queueTable();
    expect(
      screen.getByText('3 promotions wait for your vote'),
    ).toBeInTheDocument();
    expect(versions()).toEqual([
      '2026.03.05-1 Production',
      '2026.03.04-2 Production',
      '2026.03.04-2 Staging',
    ]);
    const payments = rowOf('2026.03.05-1', 'Production');
    expect(
      within(payments).getByRole('link', { name: '2026.03.05-1' }),
    ).toHaveAttribute(
      'href',
      `/catalog/default/system/payments/releases/${testId('rel-2')}`,
    );
    expect(within(payments).getByText('payments')).toBeInTheDocument();
    expect(within(payments).getByText('1 pass · 1 warn')).toBeInTheDocument();
    expect(
      within(payments).getByText('missing or not passed: security-scan'),
    ).toBeInTheDocument();
    expect(within(payments).getByText('high risk')).toBeInTheDocument();
    expect(within(payments).getByText('guest')).toBeInTheDocument();
    expect(within(payments).getByText('“Spring campaign”')).toBeInTheDocument();
    expect(within(payments).getByText('2 h')).toBeInTheDocument();
    const checkout = rowOf('2026.03.04-2', 'Production');
    expect(
      within(checkout).getByText('required evidence passed'),
    ).toBeInTheDocument();
    expect(within(checkout).getByText('3 d')).toBeInTheDocument();
  });

  it('filters by environment and System on the server and by age in the page', async () => {
    const backend = useBackend();
    await renderApprovals();
    await queueTable();

    await userEvent.selectOptions(
      screen.getByLabelText('Environment'),
      'production',
    );
    await waitFor(() =>
      expect(versions()).toEqual([
        '2026.03.05-1 Production',
        '2026.03.04-2 Production',
      ]),
    );
    expect(backend.state.queueQueries.at(-1)?.get('environment')).toBe(
      'production',
    );
    expect(backend.state.queueQueries.at(-1)?.get('approver')).toBe('me');
    expect(backend.state.queueQueries.at(-1)?.get('state')).toBe(
      'pending_approval',
    );

    await userEvent.selectOptions(
      screen.getByLabelText('System'),
      'system:default/checkout',
    );
    await waitFor(() =>
      expect(versions()).toEqual(['2026.03.04-2 Production']),
    );
    expect(backend.state.queueQueries.at(-1)?.get('system')).toBe(
      'system:default/checkout',
    );

    await userEvent.selectOptions(screen.getByLabelText('System'), '');
    await userEvent.selectOptions(screen.getByLabelText('Environment'), '');
    await userEvent.selectOptions(
      screen.getByLabelText('Age'),
      'Waiting over 1 hour',
    );
    await waitFor(() =>
      expect(versions()).toEqual([
        '2026.03.05-1 Production',
        '2026.03.04-2 Production',
      ]),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Age'),
      'Waiting over 1 day',
    );
    await waitFor(() =>
      expect(versions()).toEqual(['2026.03.04-2 Production']),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Age'),
      'Waiting over 1 week',
    );
    expect(
      await screen.findByText('No promotion matches these filters'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Nothing waits for your approval'),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(versions()).toHaveLength(3));
    expect(screen.getByLabelText('Age')).toHaveValue('');
  });

  it('expands a row to what it changes in the lane, its evidence and why its risk is what it is', async () => {
    useBackend();
    const diffAgainst: Array<string | null> = [];
    const lanes = createFakeEnvironmentBackend();
    server.use(
      lanes.handlers[1],
      http.get(`${baseUrl}/releases/${testId('rel-2')}/diff`, ({ request }) => {
        diffAgainst.push(new URL(request.url).searchParams.get('against'));
        return contractJson('GET /releases/{id}/diff', diff2);
      }),
    );
    await renderApprovals();
    await queueTable();
    const toggle = screen.getByRole('button', {
      name: 'Show what 2026.03.05-1 of payments to Production changes, its evidence and risk',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const details = document.getElementById(
      toggle.getAttribute('aria-controls')!,
    )!;
    expect(
      await within(details).findByRole(
        'heading',
        { name: /^What changes in Production/ },
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('heading', { name: 'Why high risk' }),
    ).toBeInTheDocument();
    expect(
      within(details).getByText(
        'Declared high risk by alice when the release was cut.',
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('Required evidence not passed: security-scan.'),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('heading', { name: 'Evidence' }),
    ).toBeInTheDocument();
    expect(within(details).getAllByRole('listitem').length).toBeGreaterThan(2);
    // Compared with the release running in Production now (rel-1).
    expect(diffAgainst).toEqual([testId('rel-1')]);
    expect(
      within(details).getByRole('heading', {
        name: 'What changes in Production (now 2026.03.01-1)',
      }),
    ).toBeInTheDocument();
    expect(
      within(details).getByText(
        /It changes \d+ of \d+ components? in Production\./,
      ),
    ).toBeInTheDocument();
  });

  it('says per row why the caller cannot vote instead of hiding the buttons', async () => {
    const [payments, checkout, staging] = queueItems;
    const backend = useBackend({
      queue: [
        {
          ...payments,
          canVote: false,
          cannotVoteReason:
            'You requested this promotion; separation of duties means another approver must vote',
        },
        {
          ...checkout,
          canVote: false,
          cannotVoteReason:
            'Only members of release-managers can vote, and you are not one',
        },
        { ...staging, canVote: true },
      ],
    });
    await renderApprovals();
    await queueTable();
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'all');
    await waitFor(() =>
      expect(backend.state.queueQueries.at(-1)?.get('approver')).toBeNull(),
    );
    expect(
      await screen.findByRole('heading', { name: 'All pending promotions' }),
    ).toBeInTheDocument();
    const payRow = rowOf('2026.03.05-1', 'Production');
    expect(
      within(payRow).getByText(
        'You requested this promotion; separation of duties means another approver must vote',
      ),
    ).toBeInTheDocument();
    expect(
      within(payRow).queryByRole('button', { name: /^Approve/ }),
    ).not.toBeInTheDocument();
    expect(within(payRow).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(
      within(rowOf('2026.03.04-2', 'Production')).getByText(
        'Only members of release-managers can vote, and you are not one',
      ),
    ).toBeInTheDocument();
    expect(
      within(rowOf('2026.03.04-2', 'Staging')).getByRole('button', {
        name: 'Approve 2026.03.04-2 of checkout to Staging',
      }),
    ).toBeInTheDocument();
  });

  it('approves one promotion inline with a comment and drops it from the queue', async () => {
    const backend = useBackend();
    await renderApprovals();
    await queueTable();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Approve 2026.03.04-2 of checkout to Staging',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'Ship it',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    await waitFor(() => expect(versions()).toHaveLength(2));
    expect(backend.state.votes).toEqual([
      {
        promotionId: testId('promo-c2'),
        decision: 'approve',
        comment: 'Ship it',
      },
    ]);
    expect(
      await screen.findByText('2 promotions wait for your vote'),
    ).toBeInTheDocument();
  });

  it('needs a comment to reject', async () => {
    const backend = useBackend();
    await renderApprovals();
    await queueTable();

    const opener = screen.getByRole('button', {
      name: 'Reject 2026.03.05-1 of payments to Production',
    });
    // First focus on the comment; closing gives the focus back to the opener.
    await userEvent.click(opener);
    let dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/Comment \(required\)/)).toHaveFocus();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(opener).toHaveFocus();

    await userEvent.click(opener);
    dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByRole('button', { name: 'Reject' }),
    ).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/Comment \(required\)/),
      'Scan has warnings',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );

    await waitFor(() =>
      expect(backend.state.votes).toEqual([
        {
          promotionId: testId('promo-p1'),
          decision: 'reject',
          comment: 'Scan has warnings',
        },
      ]),
    );
  });

  it('approves the selected rows with one comment', async () => {
    const backend = useBackend();
    await renderApprovals();
    await queueTable();

    const bulk = screen.getByRole('button', { name: /Approve selected/ });
    expect(bulk).toBeDisabled();
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Select 2026.03.05-1 of payments to Production',
      }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Select 2026.03.04-2 of checkout to Production',
      }),
    );
    expect(bulk).toHaveTextContent('Approve selected (2)');
    await userEvent.click(bulk);
    const dialog = await screen.findByRole('dialog');
    expect(
      within(within(dialog).getByRole('list', { name: 'Selected promotions' }))
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      '2026.03.05-1 of payments to Production',
      '2026.03.04-2 of checkout to Production',
    ]);
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'Release train 12',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(backend.state.votes).toEqual([
      {
        promotionId: testId('promo-p1'),
        decision: 'approve',
        comment: 'Release train 12',
      },
      {
        promotionId: testId('promo-c1'),
        decision: 'approve',
        comment: 'Release train 12',
      },
    ]);
    await waitFor(() => expect(versions()).toEqual(['2026.03.04-2 Staging']));
  });

  it('says which bulk votes failed and why, and keeps them selected', async () => {
    const backend = useBackend({
      refuseVotes: {
        [testId('promo-c1')]:
          'The promotion is rejected; votes are only taken while it is pending_approval',
      },
    });
    await renderApprovals();
    await queueTable();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all' }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve selected (3)' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(
      await within(dialog).findByText(
        /2 approved; 1 failed\. 2026\.03\.04-2 of checkout to Production: The promotion is rejected/,
      ),
    ).toBeInTheDocument();
    expect(backend.state.votes.map(v => v.promotionId)).toEqual([
      testId('promo-p1'),
      testId('promo-c2'),
    ]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(versions()).toEqual(['2026.03.04-2 Production']),
    );
    expect(
      screen.getByRole('button', { name: 'Approve selected (1)' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('checkbox', {
        name: 'Select 2026.03.04-2 of checkout to Production',
      }),
    ).toBeChecked();
  });

  it('shows freezes in force above the queue', async () => {
    useBackend({ freezes: [productionFreeze] });
    await renderApprovals();

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
    expect(within(banner).getByText(/Applies to payments/)).toBeInTheDocument();
  });

  it('lists, declares and deletes freeze windows on the page linked from the queue', async () => {
    const backend = useBackend({ freezes: [productionFreeze] });
    await renderApprovals();
    await queueTable();

    // A link styled as a button.
    await userEvent.click(
      screen.getByRole('button', { name: 'Freeze windows' }),
    );
    const table = await screen.findByRole('table', { name: 'Freeze windows' });
    expect(
      screen.getByRole('heading', { name: 'Freeze windows' }),
    ).toBeInTheDocument();
    const row = within(table)
      .getByText('Year-end trading freeze')
      .closest('tr')!;
    expect(within(row).getByText('Production')).toBeInTheDocument();
    expect(within(row).getByText('payments')).toBeInTheDocument();
    expect(within(row).getByText('in force')).toBeInTheDocument();
    expect(within(row).getByText('carol')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Declare freeze' }),
    );
    const dialog = await screen.findByRole('dialog');
    // First focus on the first field.
    expect(within(dialog).getByLabelText('Environment')).toHaveFocus();
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Environment'),
      'staging',
    );
    // "All Systems" is an explicit choice; picking Systems searches the catalog.
    expect(
      within(dialog).getByRole('radio', { name: 'All Systems' }),
    ).toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'Only these Systems' }),
    );
    const declare = within(dialog).getByRole('button', {
      name: 'Declare freeze',
    });
    const systems = within(dialog).getByLabelText(
      /Search the catalog for Systems/,
    );
    await userEvent.type(systems, 'paym');
    expect(
      await screen.findByRole('option', { name: 'payments' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('option', { name: 'checkout' }),
      ).not.toBeInTheDocument(),
    );
    // Free text is not a System: nothing to pick, and the form cannot be sent.
    await userEvent.clear(systems);
    await userEvent.type(systems, 'nosuch');
    expect(
      await screen.findByText('No System in the catalog matches “nosuch”'),
    ).toBeInTheDocument();
    await userEvent.type(systems, '{enter}');
    expect(
      within(dialog).getByText('Pick at least one System from the catalog.'),
    ).toBeInTheDocument();
    await userEvent.clear(systems);
    await userEvent.type(systems, 'check');
    await userEvent.click(
      await screen.findByRole('option', { name: 'checkout' }),
    );
    const start = within(dialog).getByLabelText(/^Start \(.+\)$/);
    await userEvent.clear(start);
    await userEvent.type(start, '2099-02-01T09:00');
    const end = within(dialog).getByLabelText(/^End \(.+\)$/);
    await userEvent.clear(end);
    await userEvent.type(end, '2099-02-02T18:00');
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'Checkout migration',
    );
    await userEvent.click(declare);

    await waitFor(() => expect(backend.state.createdFreezes).toHaveLength(1));
    expect(backend.state.createdFreezes[0]).toEqual({
      environment: 'staging',
      systems: ['system:default/checkout'],
      start: new Date('2099-02-01T09:00').toISOString(),
      end: new Date('2099-02-02T18:00').toISOString(),
      reason: 'Checkout migration',
    });
    const created = (
      await within(table).findByText('Checkout migration')
    ).closest('tr')!;
    expect(within(created).getByText('scheduled')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Delete the freeze of Production: Year-end trading freeze',
      }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Delete freeze',
      }),
    );
    await waitFor(() =>
      expect(backend.state.deletedFreezes).toEqual([testId('freeze-1')]),
    );
    await waitFor(() =>
      expect(
        within(table).queryByText('Year-end trading freeze'),
      ).not.toBeInTheDocument(),
    );
    // Many role queries over the dialog (it also offers recurring windows): slow on a loaded machine.
  }, 90_000);
});
