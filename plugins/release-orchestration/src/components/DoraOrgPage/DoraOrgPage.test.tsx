import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { createFakeDoraBackend } from '../../__testUtils__/doraHandlers';
import { baseUrl, errorResponse } from '../../__testUtils__/handlers';
import { LOADED, renderDora } from '../../__testUtils__/renderDora';
import { DoraOrgPage } from '../../plugin';

const server = setupServer();
registerMswTestHooks(server);

function teamNamesInOrder() {
  return within(screen.getByRole('table', { name: 'Teams' }))
    .getAllByRole('rowheader')
    .map(cell => cell.textContent);
}

describe('DoraOrgPage', () => {
  it('shows the org metrics and every team that owns Systems, linked to its tab', async () => {
    const backend = createFakeDoraBackend();
    server.use(...backend.handlers);
    await renderDora(<DoraOrgPage />, { path: '/dora', routePath: '/dora/*' });

    const org = await screen.findByRole(
      'group',
      { name: 'Change lead time' },
      LOADED,
    );
    expect(within(org).getByText('7 hours')).toBeInTheDocument();
    expect(screen.getByText('All 2 Systems')).toBeInTheDocument();

    await screen.findByRole('table', { name: 'Teams' }, LOADED);
    // Groups owning Systems only: not release-managers, not a System owned by a user.
    expect(teamNamesInOrder()).toEqual(['Checkout Team', 'Payments Team']);
    expect(screen.getByRole('link', { name: 'Payments Team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/payments-team/delivery-performance',
    );
    const checkout = screen
      .getByRole('rowheader', { name: 'Checkout Team' })
      .closest('tr')!;
    const [systems, , lead, failures] = within(checkout).getAllByRole('cell');
    expect(systems).toHaveTextContent('1');
    expect(within(lead).getByText('10 days')).toBeInTheDocument();
    expect(within(lead).getByText('Medium')).toBeInTheDocument();
    expect(within(failures).getByText('29%')).toBeInTheDocument();
    expect(within(failures).getByText('Low')).toBeInTheDocument();
    expect(
      within(failures).getByText('small sample (7 deployments)'),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Change failure rate' }),
    );
    expect(teamNamesInOrder()).toEqual(['Payments Team', 'Checkout Team']);

    const entities = backend.state.requests
      .map(params => params.get('entity'))
      .sort();
    expect(entities).toEqual([
      'group:default/checkout-team',
      'group:default/payments-team',
      'org',
    ]);
  });

  it('links teams with the picked window', async () => {
    server.use(...createFakeDoraBackend().handlers);
    await renderDora(<DoraOrgPage />, {
      path: '/dora?window=180',
      routePath: '/dora/*',
    });

    expect(
      await screen.findByRole('link', { name: 'Payments Team' }, LOADED),
    ).toHaveAttribute(
      'href',
      '/catalog/default/group/payments-team/delivery-performance?window=180',
    );
  });

  it('lists the teams it could load and names the one it could not', async () => {
    server.use(
      http.get(`${baseUrl}/dora`, ({ request }) =>
        new URL(request.url).searchParams.get('entity') ===
        'group:default/checkout-team'
          ? errorResponse(
              404,
              'NotFoundError',
              'entity: group:default/checkout-team is not in the catalog',
            )
          : undefined,
      ),
      ...createFakeDoraBackend().handlers,
    );
    await renderDora(<DoraOrgPage />, { path: '/dora', routePath: '/dora/*' });

    expect(
      await screen.findByText(
        'Checkout Team: entity: group:default/checkout-team is not in the catalog',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(teamNamesInOrder()).toEqual(['Payments Team']);
  });

  it("shows the server's error for the org", async () => {
    server.use(
      http.get(`${baseUrl}/dora`, () =>
        errorResponse(403, 'NotAllowedError', 'You may not read releases'),
      ),
    );
    await renderDora(<DoraOrgPage />, { path: '/dora', routePath: '/dora/*' });

    expect(
      await screen.findAllByText('You may not read releases', {}, LOADED),
    ).not.toHaveLength(0);
  });
});
