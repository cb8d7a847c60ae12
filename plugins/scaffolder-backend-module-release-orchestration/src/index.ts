/**
 * Scaffolder actions for Release Orchestration: cut a release, request a promotion, report a
 * deployment, attach evidence.
 *
 * @packageDocumentation
 */

export { scaffolderModuleReleaseOrchestration as default } from './module';
export {
  createReleaseOrchestrationActions,
  createAttachEvidenceAction,
  createCutReleaseAction,
  createReportDeploymentAction,
  createRequestPromotionAction,
  ATTACH_EVIDENCE_ACTION_ID,
  CUT_RELEASE_ACTION_ID,
  REPORT_DEPLOYMENT_ACTION_ID,
  REQUEST_PROMOTION_ACTION_ID,
} from './actions';
export {
  ReleaseOrchestrationApiCaller,
  ReleaseOrchestrationRequestError,
} from './apiCaller';
export type { CredentialsMode } from './apiCaller';
