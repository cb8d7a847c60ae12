import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http } from 'msw';
import {
  quietReport,
  report,
  windowMetrics,
} from '../../__testUtils__/doraFixtures';
import { createFakeDoraBackend } from '../../__testUtils__/doraHandlers';
import { baseUrl, errorResponse } from '../../__testUtils__/handlers';
import { contractJson } from '../../__testUtils__/openapiContract';
import { LOADED, renderDora } from '../../__testUtils__/renderDora';
import { componentEntity, systemEntity } from '../../__testUtils__/fixtures';
import { EntityDoraCard } from '../../plugin';

const server = setupServer();
registerMswTestHooks(server);

const tile = (title: string) => screen.getByRole('group', { name: title });

describe('EntityDoraCard', () => {
  it("shows a System's five metrics with units, levels, trends and samples", async () => {
    const backend = createFakeDoraBackend();
    server.use(...backend.handlers);
    await renderDora(<EntityDoraCard />, { entity: systemEntity });

    await screen.findByRole('group', { name: 'Deployment frequency' }, LOADED);
    const frequency = tile('Deployment frequency');
    expect(within(frequency).getByText('3.3 per week')).toBeInTheDocument();
    expect(within(frequency).getByText('High')).toBeInTheDocument();
    expect(
      within(frequency).getByText('from 42 deployments'),
    ).toBeInTheDocument();
    expect(
      within(frequency).getByRole('img', {
        name: /^up from 2.3 per week .*: better$/,
      }),
    ).toBeInTheDocument();

    const lead = tile('Change lead time');
    expect(within(lead).getByText('5 hours')).toBeInTheDocument();
    expect(within(lead).getByText('Elite')).toBeInTheDocument();
    expect(within(lead).getByText('from 120 commits')).toBeInTheDocument();
    expect(
      within(lead).getByRole('img', {
        name: /^down from 11 hours .*: better$/,
      }),
    ).toBeInTheDocument();

    const failures = tile('Change failure rate');
    expect(within(failures).getByText('8.3%')).toBeInTheDocument();
    expect(within(failures).getByText('High')).toBeInTheDocument();
    expect(
      within(failures).getByRole('img', { name: /^up from 5% .*: worse$/ }),
    ).toBeInTheDocument();

    const recovery = tile('Failed deployment recovery time');
    expect(within(recovery).getByText('3 hours')).toBeInTheDocument();
    expect(within(recovery).getByText('from 4 recoveries')).toBeInTheDocument();
    // Four recoveries are too few for a median to mean much.
    expect(within(recovery).getByText('small sample')).toBeInTheDocument();
    expect(within(lead).queryByText('small sample')).not.toBeInTheDocument();

    const rework = tile('Rework rate');
    expect(within(rework).getByText('6.3%')).toBeInTheDocument();
    expect(within(rework).getByText('No DORA level')).toBeInTheDocument();
    expect(
      within(rework).getByRole('img', { name: /^down from 10% .*: better$/ }),
    ).toBeInTheDocument();

    expect(backend.state.requests[0].get('entity')).toBe(
      'system:default/payments',
    );
  });

  it('flags low coverage next to the numbers it concerns', async () => {
    const sparse = report(
      'system:default/payments',
      1,
      windowMetrics({
        deployments: 20,
        commits: 30,
        leadHours: 5,
        withCommitData: 8,
        incidents: 4,
        attributedIncidents: 1,
      }),
      windowMetrics({ endsDaysAgo: 90, deployments: 0 }),
    );
    server.use(
      ...createFakeDoraBackend({ 'system:default/payments': sparse }).handlers,
    );
    await renderDora(<EntityDoraCard />, { entity: systemEntity });

    await screen.findByRole('group', { name: 'Change lead time' }, LOADED);
    // 8 of 20 deployments with commit data: 40%; 1 of 4 incidents attributed: 25%
    expect(
      within(tile('Change lead time')).getByText(
        'low coverage (commit data for 40% of deployments)',
      ),
    ).toBeInTheDocument();
    expect(
      within(tile('Change failure rate')).getByText(
        'low coverage (25% of incidents attributed to a deployment)',
      ),
    ).toBeInTheDocument();
    expect(
      within(tile('Deployment frequency')).queryByText(/low coverage/),
    ).not.toBeInTheDocument();
  });

  it('says nothing about coverage when everything is covered', async () => {
    server.use(...createFakeDoraBackend().handlers);
    await renderDora(<EntityDoraCard />, { entity: systemEntity });
    await screen.findByRole('group', { name: 'Change lead time' }, LOADED);
    expect(screen.queryByText(/low coverage/)).not.toBeInTheDocument();
  });

  it('opens the rows behind a number, with links to releases, more pages and a CSV export', async () => {
    const backend = createFakeDoraBackend();
    server.use(...backend.handlers);
    await renderDora(<EntityDoraCard />, { entity: systemEntity });
    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: /^Change failure rate: show the rows, from/ },
        LOADED,
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByRole('link', { name: '2026.3.1' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/system/payments/releases/6a0c3f0e-1d3b-4c5e-9f00-0000000000a1',
    );
    expect(within(dialog).getByText('rolledBack')).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Load more' }),
    );
    expect(
      await within(dialog).findByText('rollback, restoredService'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', {
        name: 'Export CSV (2 rows loaded)',
      }),
    ).toBeEnabled();
    const asked = backend.state.requests.filter(r => r.get('metric'));
    expect(
      asked.map(r => [r.get('entity'), r.get('metric'), r.get('cursor')]),
    ).toEqual([
      ['system:default/payments', 'changeFailureRate', null],
      ['system:default/payments', 'changeFailureRate', 'facts-2'],
    ]);
  });

  it("shows a Component its System's metrics, labelled as such", async () => {
    const backend = createFakeDoraBackend();
    server.use(...backend.handlers);
    await renderDora(<EntityDoraCard />, { entity: componentEntity });

    expect(
      await screen.findByText('3.3 per week', {}, LOADED),
    ).toBeInTheDocument();
    expect(screen.getByText(/Metrics of its System/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/catalog/default/system/payments',
    );
    expect(backend.state.requests[0].get('entity')).toBe(
      'system:default/payments',
    );
  });

  it('says "No data" rather than zeros for a window without deployments', async () => {
    server.use(
      ...createFakeDoraBackend({ 'system:default/payments': quietReport })
        .handlers,
    );
    await renderDora(<EntityDoraCard />, { entity: systemEntity });

    expect(
      await screen.findByText(
        /No production deployments in the last 90 days/,
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('No data')).toHaveLength(5);
    expect(screen.queryByText(/^0/)).not.toBeInTheDocument();
    expect(screen.queryByText('none')).not.toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /from/ })).not.toBeInTheDocument();
  });

  it('asks for the window the user picks', async () => {
    const backend = createFakeDoraBackend();
    server.use(...backend.handlers);
    await renderDora(<EntityDoraCard />, { entity: systemEntity });
    await screen.findByText('3.3 per week', {}, LOADED);

    await userEvent.click(screen.getByRole('button', { name: '90 days' }));

    await waitFor(() => expect(backend.state.requests).toHaveLength(2));
    const days = (params: URLSearchParams) =>
      (Date.parse(params.get('to')!) - Date.parse(params.get('from')!)) /
      86_400_000;
    expect(days(backend.state.requests[0])).toBe(30);
    expect(days(backend.state.requests[1])).toBe(90);
    expect(screen.getByRole('button', { name: '90 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it("shows the server's error", async () => {
    server.use(
      http.get(`${baseUrl}/dora`, () =>
        errorResponse(500, 'Error', 'the DORA roll-ups are unavailable'),
      ),
    );
    await renderDora(<EntityDoraCard />, { entity: systemEntity });

    expect(
      await screen.findByText(/the DORA roll-ups are unavailable/, {}, LOADED),
    ).toBeInTheDocument();
  });

  it('explains that a Component outside any System has no metrics, without asking', async () => {
    const requests: string[] = [];
    server.use(
      http.get(`${baseUrl}/dora`, ({ request }) => {
        requests.push(request.url);
        return contractJson('GET /dora', quietReport);
      }),
    );
    const loose = {
      ...componentEntity,
      spec: { type: 'library', owner: 'team-a' },
    };
    await renderDora(<EntityDoraCard />, { entity: loose });

    expect(
      await screen.findByText(/this component is not part of one/, {}, LOADED),
    ).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });
});
