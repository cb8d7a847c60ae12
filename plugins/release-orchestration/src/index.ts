/**
 * Release Orchestration frontend: the Releases tab of System and Component
 * entity pages. The new frontend system plugin is exported from `./alpha`.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationPlugin, EntityReleasesContent } from './plugin';
export { isReleaseOrchestrationAvailable } from './isReleaseOrchestrationAvailable';
export { rootRouteRef } from './routes';
export * from './api';
