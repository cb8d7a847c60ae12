import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import plugin, {
  entityComponentReleasesContent,
  entitySystemReleasesContent,
  releaseOrchestrationApi,
} from './alpha';
import { releaseOrchestrationApiRef } from './api';
import {
  componentEntity,
  plainSystemEntity,
  systemEntity,
} from './__testUtils__/fixtures';
import { createFakeBackend } from './__testUtils__/handlers';
import { freshEnvironments } from './__testUtils__/environmentFixtures';
import { createFakeEnvironmentBackend } from './__testUtils__/environmentHandlers';
import { createTestClient } from './__testUtils__/testApi';

const server = setupServer();
registerMswTestHooks(server);

const apis = [
  [releaseOrchestrationApiRef, createTestClient()],
  mockApis.permission(),
] as const;

describe('new frontend system (./alpha)', () => {
  it('is one plugin with the API and a Releases tab for Systems and for Components', () => {
    expect(plugin.id).toBe('release-orchestration');
    const system = createExtensionTester(entitySystemReleasesContent);
    expect(system.get(EntityContentBlueprint.dataRefs.title)).toBe('Releases');
    const systemFilter = system.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(systemFilter?.(systemEntity)).toBe(true);
    expect(systemFilter?.(componentEntity)).toBe(false);
    // Only Systems that opted in by annotation get the tab.
    expect(systemFilter?.(plainSystemEntity)).toBe(false);

    const component = createExtensionTester(entityComponentReleasesContent);
    const componentFilter = component.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(componentFilter?.(componentEntity)).toBe(true);
    expect(componentFilter?.(systemEntity)).toBe(false);
    const factory = createExtensionTester(releaseOrchestrationApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(releaseOrchestrationApiRef.id);
  });

  it('renders the System tab: lists releases and cuts one through the dialog, which opens it', async () => {
    const backend = createFakeBackend();
    server.use(
      ...backend.handlers,
      ...createFakeEnvironmentBackend({
        'system:default/payments': freshEnvironments,
      }).handlers,
    );
    const tester = createExtensionTester(entitySystemReleasesContent);
    renderInTestApp(
      <EntityProvider entity={systemEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis,
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    // The first render loads the app and the first answers: slow on a busy machine.
    expect(
      await screen.findByText('2026.03.05-1', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Cut release/ }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('1.4.0 (newest)', {}, { timeout: 10_000 });
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Create release/ }),
    );
    await waitFor(() => expect(backend.state.created).toHaveLength(1));
    // The new release opens.
    expect(
      await screen.findByText(
        `Release ${backend.state.created[0].version}`,
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('renders the Component tab: builds with the releases containing them', async () => {
    server.use(...createFakeBackend().handlers);
    const tester = createExtensionTester(entityComponentReleasesContent);
    renderInTestApp(
      <EntityProvider entity={componentEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis,
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    const newest = (
      await screen.findByText('1.4.0', {}, { timeout: 10_000 })
    ).closest('tr')!;
    expect(within(newest).getByText('2026.03.05-1')).toBeInTheDocument();
  });
});
