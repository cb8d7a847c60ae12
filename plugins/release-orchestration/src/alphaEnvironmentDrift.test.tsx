import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import plugin, {
  entityEnvironmentDriftCard,
  entitySystemReleasesContent,
} from './alpha';
import { releaseOrchestrationApiRef } from './api';
import { createFakeBackend } from './__testUtils__/handlers';
import { createFakeEnvironmentBackend } from './__testUtils__/environmentHandlers';
import {
  apiEntity,
  componentEntity,
  systemEntity,
} from './__testUtils__/fixtures';
import { createTestClient } from './__testUtils__/testApi';

const server = setupServer();
registerMswTestHooks(server);

/** The first render loads the lazy extensions; give it time on a busy machine. */
const LOADED = { timeout: 10_000 };

const apis = [[releaseOrchestrationApiRef, createTestClient()]] as const;

const laneRow = (title: string) =>
  screen.getByRole('row', { name: new RegExp(`^${title} `) });

describe('environments and drift in the new frontend system (./alpha)', () => {
  it('puts the drift card on System and Component pages only, and in the plugin', () => {
    const filter = createExtensionTester(entityEnvironmentDriftCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.(systemEntity)).toBe(true);
    expect(filter?.(componentEntity)).toBe(true);
    expect(filter?.(apiEntity)).toBe(false);

    // Integrators narrow it in app-config, as the README shows.
    const systemsOnly = createExtensionTester(entityEnvironmentDriftCard, {
      config: { filter: { kind: 'system' } },
    }).get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(systemsOnly?.(componentEntity)).toBe(false);

    expect(plugin.id).toBe('release-orchestration');
  });

  it("renders a System's card: each lane's release and drift, and the drift details", async () => {
    server.use(...createFakeEnvironmentBackend().handlers);
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: systemEntity }),
        entityEnvironmentDriftCard,
      ],
      apis,
    });

    expect(
      await screen.findByText('Drifted in Staging.', {}, LOADED),
    ).toBeInTheDocument();
    expect(screen.getByText('Environment drift')).toBeInTheDocument();
    expect(
      within(laneRow('Development')).getByText('2026.03.05-1'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(laneRow('Staging')).getByRole('button', {
        name: /Drifted: 2 components/,
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Drift in Staging',
    });
    expect(
      within(dialog).getByText('Runs another version than the release'),
    ).toBeInTheDocument();
  });

  it("renders a Component's card: its version per lane of its System", async () => {
    const backend = createFakeEnvironmentBackend();
    server.use(...backend.handlers);
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: componentEntity }),
        entityEnvironmentDriftCard,
      ],
      apis,
    });

    expect(
      await screen.findByText('Drifted in Staging.', {}, LOADED),
    ).toBeInTheDocument();
    expect(
      within(laneRow('Staging'))
        .getAllByRole('cell')
        .slice(1)
        .map(c => c.textContent),
    ).toEqual(['1.4.0', '1.3.0', 'Drifted: another version than the release']);
    expect(backend.state.requests).toEqual([
      '/api/release-orchestration/systems/default/payments/environments',
    ]);
  });

  it("shows the environment matrix above the releases on a System's Releases tab", async () => {
    server.use(
      ...createFakeBackend().handlers,
      ...createFakeEnvironmentBackend().handlers,
    );
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: systemEntity }),
        entitySystemReleasesContent,
      ],
      apis,
    });

    const matrix = await screen.findByRole(
      'table',
      { name: 'Environment matrix' },
      LOADED,
    );
    expect(
      within(matrix).getByRole('button', {
        name: 'payments-api in Staging: 1.4.0, expected 1.3.0. Show drift details',
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('columnheader', { name: 'Author' }),
    ).toBeInTheDocument();
  });
});
