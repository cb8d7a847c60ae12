import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { releaseOrchestrationApiRef } from '../../api';
import { EntityEnvironmentDriftCard } from '../../plugin';
import { freshEnvironments } from '../../__testUtils__/environmentFixtures';
import { createFakeEnvironmentBackend } from '../../__testUtils__/environmentHandlers';
import { componentEntity, systemEntity } from '../../__testUtils__/fixtures';
import { createTestClient } from '../../__testUtils__/testApi';
import { testId } from '../../__testUtils__/testId';

const server = setupServer();
registerMswTestHooks(server);

function renderCard(entity: Entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[releaseOrchestrationApiRef, createTestClient()]]}>
      <EntityProvider entity={entity}>
        <EntityEnvironmentDriftCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const laneRow = (title: string) =>
  screen.getByRole('row', { name: new RegExp(`^${title} `) });
/** The cells of a lane's row after the lane's name. */
const cellTexts = (title: string) =>
  within(laneRow(title))
    .getAllByRole('cell')
    .slice(1)
    .map(cell => cell.textContent);

describe('EntityEnvironmentDriftCard', () => {
  it("shows a System's release and drift per lane, opens the drift and links to the Releases tab", async () => {
    const backend = createFakeEnvironmentBackend();
    server.use(...backend.handlers);
    await renderCard(systemEntity);

    expect(await screen.findByText('Drifted in Staging.')).toBeInTheDocument();
    expect(
      within(laneRow('Development')).getByRole('link', {
        name: '2026.03.05-1',
      }),
    ).toHaveAttribute(
      'href',
      `/catalog/default/system/payments/releases/${testId('rel-2')}`,
    );
    expect(
      within(laneRow('Development')).getByText('In sync'),
    ).toBeInTheDocument();
    expect(
      within(laneRow('Production')).getByText('Deploying 2026.03.05-1'),
    ).toBeInTheDocument();
    expect(
      within(laneRow('Production')).getByRole('img', { name: 'known-good' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Environments and releases/ }),
    ).toHaveAttribute('href', '/catalog/default/system/payments/releases');

    await userEvent.click(
      within(laneRow('Staging')).getByRole('button', {
        name: /Drifted: 2 components in Staging/,
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Drift in Staging',
    });
    expect(within(dialog).getByText('payments-api')).toBeInTheDocument();
    expect(within(dialog).getByText('payments-worker')).toBeInTheDocument();
    expect(backend.state.requests).toEqual([
      '/api/release-orchestration/systems/default/payments/environments',
    ]);
  });

  it('shows a Component its version in each lane of its System and where it drifts', async () => {
    const backend = createFakeEnvironmentBackend();
    server.use(...backend.handlers);
    await renderCard(componentEntity);

    expect(await screen.findByText('Drifted in Staging.')).toBeInTheDocument();
    expect(screen.getByText(/Lanes of its System/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/catalog/default/system/payments',
    );
    expect(cellTexts('Development')).toEqual(['1.4.0', '1.4.0', 'In sync']);
    expect(cellTexts('Staging')).toEqual([
      '1.4.0',
      '1.3.0',
      'Drifted: another version than the release',
    ]);
    expect(cellTexts('Production')).toEqual(['1.3.0', '1.3.0', 'In sync']);
    expect(backend.state.requests).toEqual([
      '/api/release-orchestration/systems/default/payments/environments',
    ]);
  });

  it('shows a component running outside the release, and lanes it is not deployed to', async () => {
    server.use(...createFakeEnvironmentBackend().handlers);
    const worker = {
      ...componentEntity,
      metadata: { name: 'payments-worker', namespace: 'default' },
    };
    await renderCard(worker);

    expect(await screen.findByText('Drifted in Staging.')).toBeInTheDocument();
    expect(cellTexts('Development')).toEqual(['—', '—', 'Not deployed']);
    expect(cellTexts('Staging')).toEqual([
      '2.1.0',
      '—',
      'Drifted: not in the release',
    ]);
  });

  it('says "Unknown" for lanes nothing was deployed to', async () => {
    server.use(
      ...createFakeEnvironmentBackend({
        'system:default/payments': freshEnvironments,
      }).handlers,
    );
    await renderCard(systemEntity);

    expect(
      await screen.findByText(
        'Nothing has been deployed to any environment yet.',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Unknown')).toHaveLength(3);
    expect(screen.getAllByText('none')).toHaveLength(3);
  });

  it("shows the server's error, e.g. a System missing from the catalog", async () => {
    server.use(...createFakeEnvironmentBackend({}).handlers);
    await renderCard(systemEntity);

    expect(
      await screen.findByText(/system:default\/payments is not in the catalog/),
    ).toBeInTheDocument();
  });

  it('explains that a Component outside any System has no lanes, without asking', async () => {
    const backend = createFakeEnvironmentBackend();
    server.use(...backend.handlers);
    await renderCard({
      ...componentEntity,
      spec: { type: 'library', owner: 'team-a' },
    });

    expect(
      await screen.findByText(/this component is not part of one/),
    ).toBeInTheDocument();
    await waitFor(() => expect(backend.state.requests).toEqual([]));
    expect(
      screen.queryByRole('link', { name: /Environments and releases/ }),
    ).not.toBeInTheDocument();
  });
});
