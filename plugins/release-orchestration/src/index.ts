/**
 * Release Orchestration frontend: the Releases tab of System and Component
 * entity pages. The new frontend system plugin is exported from `./alpha`.
 *
 * @packageDocumentation
 */

export {
  releaseOrchestrationPlugin,
  EntityReleasesContent,
  EntityDoraCard,
  EntityEnvironmentDriftCard,
  EntityDeliveryPerformanceContent,
  DoraOrgPage,
  ApprovalQueuePage,
  HomePagePendingApprovalsCard,
  HomePageMySystemsCard,
  HomePageMyTeamsDeliveryCard,
} from './plugin';
export {
  isReleaseOrchestrationAvailable,
  releaseOrchestrationEntityFilter,
  RELEASE_ORCHESTRATION_ENABLED_ANNOTATION,
  RELEASE_ORCHESTRATION_POLICY_ANNOTATION,
} from './isReleaseOrchestrationAvailable';
export { rootRouteRef, doraRouteRef, approvalsRouteRef } from './routes';
export { usePendingApprovalCount } from './hooks/usePendingApprovalCount';
export type { PendingApprovalCount } from './hooks/usePendingApprovalCount';
export {
  PendingApprovalsCard,
  MySystemsCard,
  MyTeamsDeliveryCard,
} from './components/HomeCards';
export type {
  PendingApprovalsCardProps,
  MySystemsCardProps,
} from './components/HomeCards';
export * from './api';
