import { registerMswTestHooks } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import {
  engineeringGroup,
  engineeringReport,
  windowMetrics,
} from '../../__testUtils__/doraFixtures';
import { createFakeDoraBackend } from '../../__testUtils__/doraHandlers';
import { baseUrl, errorResponse } from '../../__testUtils__/handlers';
import { LOADED, renderDora } from '../../__testUtils__/renderDora';
import { EntityDeliveryPerformanceContent } from '../../plugin';

const server = setupServer();
registerMswTestHooks(server);

const TAB = '/catalog/default/group/engineering/delivery-performance';

function systemNamesInOrder() {
  const table = screen.getByRole('table', { name: 'Systems' });
  return within(table)
    .getAllByRole('rowheader')
    .map(cell => cell.textContent);
}

describe('EntityDeliveryPerformanceContent', () => {
  it("shows the team's metrics, weekly charts, outliers and every System", async () => {
    const backend = createFakeDoraBackend();
    server.use(...backend.handlers);
    await renderDora(<EntityDeliveryPerformanceContent />, {
      entity: engineeringGroup,
      path: TAB,
    });

    expect(
      await screen.findByText('Engineering', {}, LOADED),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2 Systems, owned by the group or its child groups'),
    ).toBeInTheDocument();
    const frequency = screen.getByRole('group', {
      name: 'Deployment frequency',
    });
    expect(within(frequency).getByText('3.7 per week')).toBeInTheDocument();
    // Two rated Systems: the level is the median System's, and the tile says
    // so in one sentence beside the total, both in one unit.
    expect(
      within(frequency).getByText(
        /^3\.7 per week is all 2 Systems together; the level rated on the median System, which deploys [\d.]+ per week, is (Elite|High|Medium|Low)\.$/,
      ),
    ).toBeInTheDocument();

    for (const chart of [
      'Deployments',
      'Change lead time',
      'Change failure rate',
      'Failed deployment recovery time',
      'Rework rate',
    ]) {
      expect(
        screen.getByRole('group', { name: new RegExp(`^${chart} \\(`) }),
      ).toBeInTheDocument();
    }
    const deployments = screen.getByRole('group', { name: /^Deployments/ });
    expect(within(deployments).getAllByTestId('chart-mark')).toHaveLength(5);
    expect(within(deployments).getByText('Jan 5')).toBeInTheDocument();
    // Each week tells its value on hover and focus; one tab stop per chart.
    const week = within(deployments).getByRole('img', {
      name: 'Week of Jan 5 (partial week: 4 days): 2, 2 deployments',
    });
    const weekTargets = within(deployments).getAllByRole('img');
    expect(
      weekTargets.filter(t => t.getAttribute('tabindex') === '0'),
    ).toHaveLength(1);
    act(() => week.focus());
    expect(
      screen.getByText(
        'Week of Jan 5 (partial week: 4 days): 2, 2 deployments',
        {
          selector: 'span',
        },
      ),
    ).toBeInTheDocument();
    // The table alternative lists every week.
    await userEvent.click(
      within(deployments.closest('figure')!).getByRole('button', {
        name: 'Show as table',
      }),
    );
    const byWeek = screen.getByRole('table', { name: 'Deployments by week' });
    expect(within(byWeek).getAllByRole('row')).toHaveLength(6);
    expect(within(byWeek).getAllByRole('row')[1]).toHaveTextContent(
      'Jan 5 (partial)2',
    );

    // Both pages of the per-System list, and the outlier called out.
    expect(
      await screen.findByRole('table', { name: 'Systems' }, LOADED),
    ).toBeInTheDocument();
    expect(systemNamesInOrder()).toEqual(['checkout', 'payments']);
    const outliers = screen.getByRole('list', { name: 'Outliers' });
    expect(within(outliers).getByText('checkout')).toBeInTheDocument();
    expect(
      within(outliers).getByText(
        /Change lead time more than doubled, from 4 days to 10 days \(×2.5\)/,
      ),
    ).toBeInTheDocument();
    expect(within(outliers).queryByText('payments')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/catalog/default/system/payments',
    );
    const cursors = backend.state.requests
      .filter(params => params.has('limit'))
      .map(params => params.get('cursor'));
    expect(cursors).toEqual([null, 'page-2']);
  });

  it('sorts the Systems by a metric, best first, then worst first', async () => {
    server.use(...createFakeDoraBackend().handlers);
    await renderDora(<EntityDeliveryPerformanceContent />, {
      entity: engineeringGroup,
      path: TAB,
    });
    await screen.findByRole('table', { name: 'Systems' }, LOADED);

    await userEvent.click(
      screen.getByRole('button', { name: 'Change lead time' }),
    );
    expect(systemNamesInOrder()).toEqual(['payments', 'checkout']);
    await userEvent.click(
      screen.getByRole('button', { name: 'Change lead time' }),
    );
    expect(systemNamesInOrder()).toEqual(['checkout', 'payments']);
    await userEvent.click(
      screen.getByRole('button', { name: 'Deployment frequency' }),
    );
    expect(systemNamesInOrder()).toEqual(['payments', 'checkout']);
  });

  it('keeps the picked window in the URL and in the links to Systems', async () => {
    const backend = createFakeDoraBackend();
    server.use(...backend.handlers);
    await renderDora(<EntityDeliveryPerformanceContent />, {
      entity: engineeringGroup,
      path: `${TAB}?window=180`,
    });

    await screen.findByRole('table', { name: 'Systems' }, LOADED);
    expect(screen.getByRole('button', { name: '180 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/catalog/default/system/payments?window=180',
    );
    const first = backend.state.requests[0];
    expect(
      (Date.parse(first.get('to')!) - Date.parse(first.get('from')!)) /
        86_400_000,
    ).toBe(180);
  });

  it('shows "No data" and empty charts for a window without deployments', async () => {
    server.use(
      ...createFakeDoraBackend({
        'group:default/engineering': {
          ...engineeringReport,
          current: windowMetrics({ deployments: 0, ratedSystems: 0 }),
          previous: windowMetrics({
            endsDaysAgo: 90,
            deployments: 0,
            ratedSystems: 0,
          }),
          weekly: engineeringReport.weekly.map(week => ({
            ...week,
            deployments: 0,
            finishedDeployments: 0,
            leadTimeCommits: 0,
            leadTimeMedianSeconds: undefined,
            changeFailureRate: undefined,
            reworkRate: undefined,
            recoveryMedianSeconds: undefined,
          })),
        },
      }).handlers,
    );
    await renderDora(<EntityDeliveryPerformanceContent />, {
      entity: engineeringGroup,
      path: TAB,
    });

    expect(await screen.findAllByText('No data', {}, LOADED)).toHaveLength(5);
    // Four charts have no value in any week; the deployments chart shows zero bars.
    expect(screen.getAllByText('No data in this window')).toHaveLength(4);
  });

  it('explains a group that owns no Systems', async () => {
    server.use(
      ...createFakeDoraBackend({
        'group:default/engineering': {
          ...engineeringReport,
          entity: { ...engineeringReport.entity, systemCount: 0 },
        },
      }).handlers,
    );
    await renderDora(<EntityDeliveryPerformanceContent />, {
      entity: engineeringGroup,
      path: TAB,
    });

    expect(
      await screen.findByText('No Systems to measure', {}, LOADED),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("shows the server's error for the report and for the Systems", async () => {
    server.use(
      // Before the fake's handlers: msw answers with the first that matches.
      http.get(`${baseUrl}/dora/systems`, () =>
        errorResponse(
          400,
          'InputError',
          'from: the window may be at most 731 days',
        ),
      ),
      ...createFakeDoraBackend().handlers,
    );
    await renderDora(<EntityDeliveryPerformanceContent />, {
      entity: engineeringGroup,
      path: TAB,
    });

    expect(
      await screen.findByText(
        'from: the window may be at most 731 days',
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText("Error: Could not load the Systems' DORA metrics"),
    ).toBeInTheDocument();
    // The team's own metrics still show.
    await waitFor(() =>
      expect(
        screen.getByRole('group', { name: 'Change lead time' }),
      ).toBeInTheDocument(),
    );
  });
});
