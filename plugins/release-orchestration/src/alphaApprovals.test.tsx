import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import plugin, { approvalsPage, entitySystemReleasesContent } from './alpha';
import { releaseOrchestrationApiRef } from './api';
import { systemEntity } from './__testUtils__/fixtures';
import { createFakeBackend } from './__testUtils__/handlers';
import { productionFreeze } from './__testUtils__/promotionFixtures';
import { createFakePromotionBackend } from './__testUtils__/promotionHandlers';
import { createTestClient } from './__testUtils__/testApi';
import { testId } from './__testUtils__/testId';

const server = setupServer();
registerMswTestHooks(server);

/** The first render loads the lazy extensions; give it time on a busy machine. */
const LOADED = { timeout: 30_000 };

const apis = [
  [releaseOrchestrationApiRef, createTestClient()],
  mockApis.permission(),
  catalogApiMock({ entities: [systemEntity] }),
] as const;

const versions = () =>
  within(
    screen.getByRole('table', { name: 'Promotions waiting for your approval' }),
  )
    .getAllByRole('row')
    .slice(1)
    .map(row => {
      const cells = within(row).getAllByRole('cell');
      return `${cells[1].querySelector('a')?.textContent} ${
        cells[3].textContent
      }`;
    });

describe('approvals in the new frontend system (./alpha)', () => {
  it('puts the approval queue at /release-orchestration/approvals, titled for the sidebar', () => {
    const page = createExtensionTester(approvalsPage);
    expect(page.get(coreExtensionData.routePath)).toBe(
      '/release-orchestration/approvals',
    );
    expect(page.get(coreExtensionData.title)).toBe('Approvals');
    expect(page.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('lists the page in the sidebar and filters and bulk-approves the queue', async () => {
    const backend = createFakePromotionBackend();
    server.use(...backend.handlers);
    renderTestApp({
      features: [plugin],
      apis,
      initialRouteEntries: ['/release-orchestration/approvals'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    await screen.findByRole(
      'table',
      { name: 'Promotions waiting for your approval' },
      LOADED,
    );
    const sidebar = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(sidebar).getByRole('link', { name: 'Approvals' }),
    ).toHaveAttribute('href', '/release-orchestration/approvals');

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
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all' }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve selected (2)' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'Train 12',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    await waitFor(() => expect(backend.state.votes).toHaveLength(2));
    expect(backend.state.votes.map(v => [v.promotionId, v.comment])).toEqual([
      [testId('promo-p1'), 'Train 12'],
      [testId('promo-c1'), 'Train 12'],
    ]);
    // The staging promotion still waits: the filter hides it, and the page says so.
    expect(
      await screen.findByText('No promotion matches these filters'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(versions()).toEqual(['2026.03.04-2 Staging']));
  });

  it('shows the freeze banner and the gate check on the System Releases tab', async () => {
    const backend = createFakePromotionBackend({ freezes: [productionFreeze] });
    server.use(...backend.handlers, ...createFakeBackend().handlers);
    const tab = createExtensionTester(entitySystemReleasesContent);
    renderInTestApp(
      <EntityProvider entity={systemEntity}>
        {tab.reactElement()}
      </EntityProvider>,
      {
        apis,
        mountPath: '/catalog/:namespace/:kind/:name/releases/*',
        initialRouteEntries: [
          `/catalog/default/system/payments/releases/${testId('rel-2')}`,
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

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

    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Promote to Production' },
        LOADED,
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('All gates pass; approval needed'),
    ).toBeInTheDocument();
    expect(backend.state.checks).toEqual(['production']);
  });
});
