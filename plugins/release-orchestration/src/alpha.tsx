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
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import ApprovalsIcon from '@material-ui/icons/AssignmentTurnedIn';
import DoraIcon from '@material-ui/icons/Timeline';
import ReleaseIcon from '@material-ui/icons/NewReleases';
import { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
import { DELIVERY_PERFORMANCE_TAB_PATH, RELEASES_TAB_PATH } from './lib/paths';
import { approvalsRouteRef, doraRouteRef } from './routes';
import { releaseOrchestrationEntityFilter } from './isReleaseOrchestrationAvailable';
import { HOME_CARDS } from './components/HomeCards/homeCardInfo';

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
 * "Waiting for my approval" on the home page of `@backstage/plugin-home`
 * (attaches to `page:home`, input `widgets`; an app with its own home page
 * moves it with `attachTo` in app-config): the promotions waiting for the
 * signed-in user's vote, with a link to the approval queue.
 * @alpha
 */
export const pendingApprovalsHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'pending-approvals',
  params: {
    name: 'ReleaseOrchestrationPendingApprovals',
    ...HOME_CARDS.pendingApprovals,
    components: () =>
      import('./components/HomeCards/homePageParts').then(
        m => m.pendingApprovalsParts,
      ),
  },
});

/**
 * "My Systems" on the home page of `@backstage/plugin-home`: the release each
 * environment of the user's and their teams' Systems runs, and its drift.
 * @alpha
 */
export const mySystemsHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'my-systems',
  params: {
    name: 'ReleaseOrchestrationMySystems',
    ...HOME_CARDS.mySystems,
    components: () =>
      import('./components/HomeCards/homePageParts').then(
        m => m.mySystemsParts,
      ),
  },
});

/**
 * "Delivery performance of my teams" on the home page of
 * `@backstage/plugin-home`: the DORA metrics and levels of the user's teams
 * over the last 30 days, with a link to the org DORA page.
 * @alpha
 */
export const myTeamsDeliveryHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'my-teams-delivery',
  params: {
    name: 'ReleaseOrchestrationMyTeamsDelivery',
    ...HOME_CARDS.myTeamsDelivery,
    components: () =>
      import('./components/HomeCards/homePageParts').then(
        m => m.myTeamsDeliveryParts,
      ),
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
    pendingApprovalsHomePageWidget,
    mySystemsHomePageWidget,
    myTeamsDeliveryHomePageWidget,
  ],
});
