export { releaseOrchestrationApiRef } from './ReleaseOrchestrationApi';
export type {
  DoraQueryOptions,
  PageOptions,
  PromotionListOptions,
  ReleaseOrchestrationApi,
  SystemReleasableComponent,
} from './ReleaseOrchestrationApi';
export { ReleaseOrchestrationClient } from './ReleaseOrchestrationClient';
