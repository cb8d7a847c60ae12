import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
import { rootRouteRef } from './routes';

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
export const EntityReleasesContent = releaseOrchestrationPlugin.provide(
  createRoutableExtension({
    name: 'EntityReleasesContent',
    component: () =>
      import('./components/EntityReleasesContent').then(
        m => m.EntityReleasesContent,
      ),
    mountPoint: rootRouteRef,
  }),
);
