import { AlertApiForwarder } from '@backstage/core-app-api';
import {
  AlertApi,
  alertApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Route, Routes } from 'react-router-dom';
import { releaseOrchestrationApiRef } from '../api';
import { ApprovalQueuePage, EntityReleasesContent } from '../plugin';
import { approvalsRouteRef, rootRouteRef } from '../routes';
import { systemEntity } from './fixtures';
import { createTestClient } from './testApi';

/** For the first wait of a test: lazy extensions load slowly on a busy machine. */
export const LOADED = { timeout: 10_000 };

/** Allows every permission but those named in `deny`. */
export function permissionsExcept(deny: string[] = []) {
  return mockApis.permission({
    authorize: request =>
      deny.includes(request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
}

const catalogSystems = ['payments', 'checkout'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/team-a' },
}));

function apis(
  deny: string[],
  userRef = 'user:default/test',
  alertApi: AlertApi = new AlertApiForwarder(),
) {
  return [
    [alertApiRef, alertApi],
    [identityApiRef, mockApis.identity({ userEntityRef: userRef })],
    [releaseOrchestrationApiRef, createTestClient()],
    [permissionApiRef, permissionsExcept(deny)],
    [catalogApiRef, catalogApiMock({ entities: catalogSystems })],
  ] as const;
}

/**
 * Renders the legacy Releases tab of the payments System at `path` (e.g.
 * `/catalog/default/system/payments/releases/<id of rel-2>`), with every permission
 * allowed but those in `deny`, signed in as `userRef` (default `user:default/test`);
 * `alertApi` receives the page's notifications.
 */
export function renderReleaseTab(
  path: string,
  options: { deny?: string[]; userRef?: string; alertApi?: AlertApi } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={apis(options.deny ?? [], options.userRef, options.alertApi)}
    >
      <Routes>
        <Route
          path="/catalog/:namespace/:kind/:name/releases/*"
          element={
            <EntityProvider entity={systemEntity}>
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

/**
 * Renders the legacy `ApprovalQueuePage` mounted at
 * `/release-orchestration/approvals`, opened at `path`.
 */
export function renderApprovals(
  path = '/release-orchestration/approvals',
  options: { deny?: string[] } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={apis(options.deny ?? [])}>
      <Routes>
        <Route
          path="/release-orchestration/approvals/*"
          element={<ApprovalQueuePage />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/approvals-root': approvalsRouteRef,
      },
    },
  );
}
