export { releaseOrchestrationApiRef } from './ReleaseOrchestrationApi';
export type {
  DoraQueryOptions,
  DoraSystemsOrder,
  PageOptions,
  PromotionListOptions,
  ReleaseOrchestrationApi,
  SystemReleasableComponent,
} from './ReleaseOrchestrationApi';
export { ReleaseOrchestrationClient } from './ReleaseOrchestrationClient';
