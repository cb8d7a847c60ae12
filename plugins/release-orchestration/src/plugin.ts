import type { JSX } from 'react';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  CardExtensionProps,
  createCardExtension,
} from '@backstage/plugin-home-react';
import { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
import type {
  MySystemsCardProps,
  PendingApprovalsCardProps,
} from './components/HomeCards';
import { HOME_CARDS } from './components/HomeCards/homeCardInfo';
import { approvalsRouteRef, doraRouteRef, rootRouteRef } from './routes';

/**
 * The Release Orchestration plugin for legacy Backstage apps.
 * @public
 */
export const releaseOrchestrationPlugin = createPlugin({
  id: 'release-orchestration',
  apis: [
    createApiFactory({
      api: releaseOrchestrationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReleaseOrchestrationClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    dora: doraRouteRef,
    approvals: approvalsRouteRef,
  },
});

/**
 * The Releases tab for a System or Component entity page. Mount it at
 * `/releases` (links from Component builds to System releases assume it):
 *
 * ```tsx
 * <EntityLayout.Route path="/releases" title="Releases" if={isReleaseOrchestrationAvailable}>
 *   <EntityReleasesContent />
 * </EntityLayout.Route>
 * ```
 * @public
 */
export const EntityReleasesContent: () => JSX.Element =
  releaseOrchestrationPlugin.provide(
    createRoutableExtension({
      name: 'EntityReleasesContent',
      component: () =>
        import('./components/EntityReleasesContent').then(
          m => m.EntityReleasesContent,
        ),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * DORA metrics card for the overview of a System, or of a Component (showing
 * its System's metrics):
 *
 * ```tsx
 * <Grid item md={6}>
 *   <EntityDoraCard />
 * </Grid>
 * ```
 * @public
 */
export const EntityDoraCard: () => JSX.Element =
  releaseOrchestrationPlugin.provide(
    createComponentExtension({
      name: 'EntityDoraCard',
      component: {
        lazy: () =>
          import('./components/EntityDoraCard').then(m => m.EntityDoraCard),
      },
    }),
  );

/**
 * Environment drift card for the overview of a System (each lane's release
 * and drift) or of a Component (its version per lane of its System, and
 * whether it drifts), linking to the Releases tab:
 *
 * ```tsx
 * <Grid item md={6}>
 *   <EntityEnvironmentDriftCard />
 * </Grid>
 * ```
 * @public
 */
export const EntityEnvironmentDriftCard: () => JSX.Element =
  releaseOrchestrationPlugin.provide(
    createComponentExtension({
      name: 'EntityEnvironmentDriftCard',
      component: {
        lazy: () =>
          import('./components/EntityEnvironmentDriftCard').then(
            m => m.EntityEnvironmentDriftCard,
          ),
      },
    }),
  );

/**
 * The Delivery performance tab of a Group entity page. Mount it at
 * `/delivery-performance` (the org DORA page links teams to it):
 *
 * ```tsx
 * <EntityLayout.Route path="/delivery-performance" title="Delivery performance">
 *   <EntityDeliveryPerformanceContent />
 * </EntityLayout.Route>
 * ```
 * @public
 */
export const EntityDeliveryPerformanceContent: () => JSX.Element =
  releaseOrchestrationPlugin.provide(
    createComponentExtension({
      name: 'EntityDeliveryPerformanceContent',
      component: {
        lazy: () =>
          import('./components/EntityDeliveryPerformanceContent').then(
            m => m.EntityDeliveryPerformanceContent,
          ),
      },
    }),
  );

/**
 * The org-wide DORA page: every team's metrics and levels.
 *
 * ```tsx
 * <Route path="/release-orchestration/dora" element={<DoraOrgPage />} />
 * ```
 * @public
 */
export const DoraOrgPage: () => JSX.Element =
  releaseOrchestrationPlugin.provide(
    createRoutableExtension({
      name: 'DoraOrgPage',
      component: () =>
        import('./components/DoraOrgPage').then(m => m.DoraOrgPage),
      mountPoint: doraRouteRef,
    }),
  );

/**
 * The approval queue: the promotions the signed-in user may vote on, with
 * filters, approve / reject and bulk approval; freeze windows at `freezes`
 * below it. Mount it at `/release-orchestration/approvals`:
 *
 * ```tsx
 * <Route path="/release-orchestration/approvals" element={<ApprovalQueuePage />} />
 * ```
 * @public
 */
export const ApprovalQueuePage: () => JSX.Element =
  releaseOrchestrationPlugin.provide(
    createRoutableExtension({
      name: 'ApprovalQueuePage',
      component: () =>
        import('./components/ApprovalQueuePage').then(m => m.ApprovalQueuePage),
      mountPoint: approvalsRouteRef,
    }),
  );

/**
 * "Waiting for my approval" as a card of `@backstage/plugin-home` (legacy
 * frontend system): the promotions waiting for the signed-in user's vote, with
 * a link to the approval queue. Takes `limit` (rows, default 5).
 *
 * ```tsx
 * <HomePagePendingApprovalsCard />
 * ```
 * @public
 */
export const HomePagePendingApprovalsCard: (
  props: CardExtensionProps<PendingApprovalsCardProps>,
) => JSX.Element = releaseOrchestrationPlugin.provide(
  createCardExtension<PendingApprovalsCardProps>({
    name: 'HomePagePendingApprovalsCard',
    ...HOME_CARDS.pendingApprovals,
    components: () =>
      import('./components/HomeCards/homePageParts').then(
        m => m.pendingApprovalsParts,
      ),
  }),
);

/**
 * "My Systems" as a card of `@backstage/plugin-home` (legacy frontend system):
 * the release each environment of the user's and their teams' Systems runs,
 * and its drift. Takes `limit` (Systems, default 20).
 * @public
 */
export const HomePageMySystemsCard: (
  props: CardExtensionProps<MySystemsCardProps>,
) => JSX.Element = releaseOrchestrationPlugin.provide(
  createCardExtension<MySystemsCardProps>({
    name: 'HomePageMySystemsCard',
    ...HOME_CARDS.mySystems,
    components: () =>
      import('./components/HomeCards/homePageParts').then(
        m => m.mySystemsParts,
      ),
  }),
);

/**
 * "Delivery performance of my teams" as a card of `@backstage/plugin-home`
 * (legacy frontend system): the DORA metrics and levels of the user's teams
 * over the last 30 days, with a link to the org DORA page.
 * @public
 */
export const HomePageMyTeamsDeliveryCard: (
  props: CardExtensionProps<{}>,
) => JSX.Element = releaseOrchestrationPlugin.provide(
  createCardExtension<{}>({
    name: 'HomePageMyTeamsDeliveryCard',
    ...HOME_CARDS.myTeamsDelivery,
    components: () =>
      import('./components/HomeCards/homePageParts').then(
        m => m.myTeamsDeliveryParts,
      ),
  }),
);
