import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import ReleaseIcon from '@material-ui/icons/NewReleases';
import { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
import { RELEASES_TAB_PATH } from './lib/paths';

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
 * and diff, and "Cut release". Override `filter` in app-config to move it.
 * @alpha
 */
export const entitySystemReleasesContent = EntityContentBlueprint.make({
  name: 'system-releases',
  params: {
    path: RELEASES_TAB_PATH,
    title: 'Releases',
    filter: { kind: 'system' },
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
    filter: { kind: 'component' },
    loader: () =>
      import('./components/ComponentBuildsContent').then(m => (
        <m.ComponentBuildsContent />
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
  extensions: [
    releaseOrchestrationApi,
    entitySystemReleasesContent,
    entityComponentReleasesContent,
  ],
});
