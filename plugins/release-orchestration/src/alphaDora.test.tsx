import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import plugin, {
  doraOrgPage,
  entityDeliveryPerformanceContent,
  entityDoraCard,
} from './alpha';
import { releaseOrchestrationApiRef } from './api';
import { doraCatalog, engineeringGroup } from './__testUtils__/doraFixtures';
import { createFakeDoraBackend } from './__testUtils__/doraHandlers';
import { componentEntity, systemEntity } from './__testUtils__/fixtures';
import { createTestClient } from './__testUtils__/testApi';

const server = setupServer();
registerMswTestHooks(server);

/** The first render loads the lazy extensions; give it time on a busy machine. */
const LOADED = { timeout: 10_000 };

const apis = [
  [releaseOrchestrationApiRef, createTestClient()],
  catalogApiMock({ entities: doraCatalog }),
] as const;

describe('DORA in the new frontend system (./alpha)', () => {
  it('puts the card on System and Component pages, the tab on Group pages, the page at /release-orchestration/dora', () => {
    const card = createExtensionTester(entityDoraCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(card?.(systemEntity)).toBe(true);
    expect(card?.(componentEntity)).toBe(true);
    expect(card?.(engineeringGroup)).toBe(false);

    // Integrators narrow it in app-config, as the README shows.
    const systemsOnly = createExtensionTester(entityDoraCard, {
      config: { filter: { kind: 'system' } },
    }).get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(systemsOnly?.(systemEntity)).toBe(true);
    expect(systemsOnly?.(componentEntity)).toBe(false);

    const tab = createExtensionTester(entityDeliveryPerformanceContent);
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Delivery performance',
    );
    expect(tab.get(coreExtensionData.routePath)).toBe('delivery-performance');
    const tabFilter = tab.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(tabFilter?.(engineeringGroup)).toBe(true);
    expect(tabFilter?.(systemEntity)).toBe(false);

    const page = createExtensionTester(doraOrgPage);
    expect(page.get(coreExtensionData.routePath)).toBe(
      '/release-orchestration/dora',
    );
    expect(page.get(coreExtensionData.title)).toBe('DORA metrics');
    expect(page.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it("renders a Component's card with its System's metrics", async () => {
    const backend = createFakeDoraBackend();
    server.use(...backend.handlers);
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: componentEntity }),
        entityDoraCard,
      ],
      apis,
    });

    expect(
      await screen.findByText('3.3 per week', {}, LOADED),
    ).toBeInTheDocument();
    expect(screen.getByText('Delivery performance (DORA)')).toBeInTheDocument();
    expect(screen.getByText(/Metrics of its System/)).toBeInTheDocument();
    expect(backend.state.requests[0].get('entity')).toBe(
      'system:default/payments',
    );
  });

  it("renders a Group's Delivery performance tab with charts and its Systems", async () => {
    server.use(...createFakeDoraBackend().handlers);
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: engineeringGroup }),
        entityDeliveryPerformanceContent,
      ],
      apis,
    });

    const table = await screen.findByRole('table', { name: 'Systems' }, LOADED);
    expect(
      screen.getByRole('group', { name: 'Deployments (per week)' }),
    ).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map(c => c.textContent),
    ).toEqual(['checkout', 'payments']);
  });

  it('lists the org page in the sidebar as "DORA metrics" and renders every team', async () => {
    server.use(...createFakeDoraBackend().handlers);
    renderTestApp({
      features: [plugin],
      apis,
      initialRouteEntries: ['/release-orchestration/dora'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    const table = await screen.findByRole('table', { name: 'Teams' }, LOADED);
    expect(
      within(table).getByRole('link', { name: 'Payments Team' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/group/payments-team/delivery-performance',
    );
    const sidebar = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(sidebar).getByRole('link', { name: 'DORA metrics' }),
    ).toHaveAttribute('href', '/release-orchestration/dora');
  });
});
