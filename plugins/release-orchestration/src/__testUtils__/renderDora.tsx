import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { releaseOrchestrationApiRef } from '../api';
import { doraCatalog } from './doraFixtures';
import { createTestClient } from './testApi';

/** For the first wait of a test: lazy extensions load slowly on a busy machine. */
export const LOADED = { timeout: 10_000 };

/**
 * Renders a legacy DORA component as an app would: with the plugin's client
 * (against msw), a catalog holding {@link doraCatalog}, and, when given, the
 * entity of the page it sits on. A routable page needs `routePath`, the path
 * an app would mount it at.
 */
export function renderDora(
  element: ReactElement,
  options: { entity?: Entity; path?: string; routePath?: string } = {},
) {
  const { entity, path = '/', routePath } = options;
  const routed = routePath ? (
    <Routes>
      <Route path={routePath} element={element} />
    </Routes>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseOrchestrationApiRef, createTestClient()],
        [catalogApiRef, catalogApiMock({ entities: doraCatalog })],
      ]}
    >
      {entity ? (
        <EntityProvider entity={entity}>{routed}</EntityProvider>
      ) : (
        routed
      )}
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}
