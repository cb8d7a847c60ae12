import { Content } from '@backstage/core-components';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import ApprovalsIcon from '@material-ui/icons/AssignmentTurnedIn';
import DoraIcon from '@material-ui/icons/Timeline';
import ReleaseIcon from '@material-ui/icons/NewReleases';
import { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
import { DELIVERY_PERFORMANCE_TAB_PATH, RELEASES_TAB_PATH } from './lib/paths';
import { approvalsRouteRef, doraRouteRef } from './routes';
import { releaseOrchestrationEntityFilter } from './isReleaseOrchestrationAvailable';

/**
 * The API client, backed by the discovery and fetch APIs.
 * @alpha
 */
export const releaseOrchestrationApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: releaseOrchestrationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReleaseOrchestrationClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Releases tab of a System entity page: releases, one release's manifest
 * and diff, and "Cut release". Shown on Systems that opted in
 * (see `isReleaseOrchestrationAvailable`); override `filter` in app-config to
 * move it.
 * @alpha
 */
export const entitySystemReleasesContent = EntityContentBlueprint.make({
  name: 'system-releases',
  params: {
    path: RELEASES_TAB_PATH,
    title: 'Releases',
    filter: releaseOrchestrationEntityFilter(['system']),
    loader: () =>
      import('./components/SystemReleasesContent').then(m => (
        <m.SystemReleasesContent />
      )),
  },
});

/**
 * The Releases tab of a Component entity page: its builds and the releases
 * containing each.
 * @alpha
 */
export const entityComponentReleasesContent = EntityContentBlueprint.make({
  name: 'component-releases',
  params: {
    path: RELEASES_TAB_PATH,
    title: 'Releases',
    filter: releaseOrchestrationEntityFilter(['component']),
    loader: () =>
      import('./components/ComponentBuildsContent').then(m => (
        <m.ComponentBuildsContent />
      )),
  },
});

/**
 * DORA metrics card on the overview of a System, and of a Component (its
 * System's metrics).
 * @alpha
 */
export const entityDoraCard = EntityCardBlueprint.make({
  name: 'dora',
  params: {
    filter: releaseOrchestrationEntityFilter(['system', 'component']),
    loader: () =>
      import('./components/EntityDoraCard').then(m => <m.EntityDoraCard />),
  },
});

/**
 * Environment drift card on the overview of a System (each lane's release and
 * drift) and of a Component (its version per lane of its System).
 * @alpha
 */
export const entityEnvironmentDriftCard = EntityCardBlueprint.make({
  name: 'environment-drift',
  params: {
    filter: releaseOrchestrationEntityFilter(['system', 'component']),
    loader: () =>
      import('./components/EntityEnvironmentDriftCard').then(m => (
        <m.EntityEnvironmentDriftCard />
      )),
  },
});

/**
 * The Delivery performance tab of a Group entity page: the team's DORA
 * metrics, weekly charts, outliers and its Systems.
 * @alpha
 */
export const entityDeliveryPerformanceContent = EntityContentBlueprint.make({
  name: 'delivery-performance',
  params: {
    path: DELIVERY_PERFORMANCE_TAB_PATH,
    title: 'Delivery performance',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityDeliveryPerformanceContent').then(m => (
        <m.EntityDeliveryPerformanceContent />
      )),
  },
});

/**
 * The org-wide DORA page at `/release-orchestration/dora`, named "DORA
 * metrics" in the sidebar, its header and breadcrumbs (short enough not to be
 * cut off in the sidebar).
 * @alpha
 */
export const doraOrgPage = PageBlueprint.make({
  name: 'dora',
  params: {
    path: '/release-orchestration/dora',
    title: 'DORA metrics',
    icon: <DoraIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(doraRouteRef),
    loader: () =>
      import('./components/DoraOrgPage').then(m => (
        <Content>
          <m.DoraOrgContent />
        </Content>
      )),
  },
});

/**
 * The approval queue at `/release-orchestration/approvals`, listed in the
 * sidebar as "Approvals" (the demo app's sidebar adds a pending-count badge
 * with `usePendingApprovalCount`), and freeze windows at `<page>/freezes`.
 * @alpha
 */
export const approvalsPage = PageBlueprint.make({
  name: 'approvals',
  params: {
    path: '/release-orchestration/approvals',
    title: 'Approvals',
    icon: <ApprovalsIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(approvalsRouteRef),
    loader: () =>
      import('./components/ApprovalQueuePage').then(m => (
        <Content>
          <m.ApprovalsRoutes />
        </Content>
      )),
  },
});

/**
 * The Release Orchestration plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'release-orchestration',
  title: 'Release Orchestration',
  icon: <ReleaseIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    dora: convertLegacyRouteRef(doraRouteRef),
    approvals: convertLegacyRouteRef(approvalsRouteRef),
  },
  extensions: [
    releaseOrchestrationApi,
    entitySystemReleasesContent,
    entityComponentReleasesContent,
    entityDoraCard,
    entityEnvironmentDriftCard,
    entityDeliveryPerformanceContent,
    doraOrgPage,
    approvalsPage,
  ],
});
