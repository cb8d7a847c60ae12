import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
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
      within(screen.getByRole('table', { name: 'Teams' })).getByRole('button', {
        name: 'Change failure rate',
      }),
    );
    expect(teamNamesInOrder()).toEqual(['Payments Team', 'Checkout Team']);

    // One request for every team: the org report, /dora/teams, and the Systems table.
    const entities = backend.state.requests
      .map(params => params.get('entity') ?? '(none)')
      .sort();
    expect(entities).toEqual(['(none)', 'org', 'org']);
  });

  it('lists every System, sorted and paged by the server, worst first on a metric', async () => {
    const backend = createFakeDoraBackend();
    server.use(...backend.handlers);
    await renderDora(<DoraOrgPage />, { path: '/dora', routePath: '/dora/*' });

    const systems = await screen.findByRole(
      'table',
      { name: 'Systems' },
      LOADED,
    );
    const names = () =>
      within(screen.getByRole('table', { name: 'Systems' }))
        .getAllByRole('rowheader')
        .map(cell => cell.textContent);
    expect(names()).toEqual(['checkout']);
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'payments' })).toBeVisible();
    expect(names()).toEqual(['checkout', 'payments']);

    // payments has the lower lead time: worst first puts checkout (10 days) on top
    await userEvent.click(
      within(systems).getByRole('button', { name: 'Change lead time' }),
    );
    await waitFor(() =>
      expect(backend.state.requests.at(-1)?.get('sort')).toBe('changeLeadTime'),
    );
    expect(backend.state.requests.at(-1)?.get('order')).toBe('desc');
    await waitFor(() => expect(names()).toEqual(['checkout']));
    await userEvent.click(
      within(screen.getByRole('table', { name: 'Systems' })).getByRole(
        'button',
        { name: 'Change lead time' },
      ),
    );
    await waitFor(() => expect(names()).toEqual(['payments']));
    expect(backend.state.requests.at(-1)?.get('order')).toBe('asc');
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

  it("shows the server's error for the teams", async () => {
    server.use(
      http.get(`${baseUrl}/dora/teams`, () =>
        errorResponse(403, 'NotAllowedError', 'You may not read the teams'),
      ),
      ...createFakeDoraBackend().handlers,
    );
    await renderDora(<DoraOrgPage />, { path: '/dora', routePath: '/dora/*' });

    expect(
      await screen.findByText('You may not read the teams', {}, LOADED),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Teams' })).toBeNull();
  });

  it("shows the server's error for the org", async () => {
    server.use(
      http.get(`${baseUrl}/dora`, () =>
        errorResponse(403, 'NotAllowedError', 'You may not read releases'),
      ),
      ...createFakeDoraBackend().handlers,
    );
    await renderDora(<DoraOrgPage />, { path: '/dora', routePath: '/dora/*' });

    expect(
      await screen.findAllByText('You may not read releases', {}, LOADED),
    ).not.toHaveLength(0);
  });
});
