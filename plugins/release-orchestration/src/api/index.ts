export { releaseOrchestrationApiRef } from './ReleaseOrchestrationApi';
export type {
  PageOptions,
  ReleaseOrchestrationApi,
  SystemReleasableComponent,
} from './ReleaseOrchestrationApi';
export { ReleaseOrchestrationClient } from './ReleaseOrchestrationClient';
