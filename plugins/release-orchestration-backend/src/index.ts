/**
 * Backend plugin for Release Orchestration.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationPlugin as default } from './plugin';
export {
  systemResourceRef,
  systemConditions,
  createSystemConditionalDecision,
  isSystemOwner,
  hasSystemAnnotation,
} from './permissions/systemResource';
export type { SystemResourceQuery } from './permissions/systemResource';
export { RELEASE_ORCHESTRATION_AUDIT_TOPIC } from './service/publishToEventsService';
