import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Route, Routes } from 'react-router-dom';
import { releaseOrchestrationApiRef } from '../api';
import { EntityReleasesContent } from '../plugin';
import { rootRouteRef } from '../routes';
import { createTestClient } from './testApi';

/**
 * Renders the legacy `EntityReleasesContent` as an app's entity page would:
 * under `/catalog/:namespace/:kind/:name/releases/*`, at `path`.
 */
export async function renderEntityTab(
  entity: Entity,
  path: string,
  options: { canCreate?: boolean } = {},
) {
  const permissionApi = mockApis.permission({
    authorize:
      options.canCreate === false
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseOrchestrationApiRef, createTestClient()],
        [permissionApiRef, permissionApi],
      ]}
    >
      <Routes>
        <Route
          path="/catalog/:namespace/:kind/:name/releases/*"
          element={
            <EntityProvider entity={entity}>
              <EntityReleasesContent />
            </EntityProvider>
          }
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/releases-root': rootRouteRef,
      },
    },
  );
}
