import type { JSX } from 'react';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
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
