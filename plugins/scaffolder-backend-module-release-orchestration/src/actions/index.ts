import { ReleaseOrchestrationApiCaller } from '../apiCaller';
import { createAttachEvidenceAction } from './attachEvidence';
import { createCutReleaseAction } from './cutRelease';
import { createReportDeploymentAction } from './reportDeployment';
import { createRequestPromotionAction } from './requestPromotion';

export {
  createAttachEvidenceAction,
  ATTACH_EVIDENCE_ACTION_ID,
} from './attachEvidence';
export { createCutReleaseAction, CUT_RELEASE_ACTION_ID } from './cutRelease';
export {
  createReportDeploymentAction,
  REPORT_DEPLOYMENT_ACTION_ID,
} from './reportDeployment';
export {
  createRequestPromotionAction,
  REQUEST_PROMOTION_ACTION_ID,
} from './requestPromotion';

/** The four actions, calling Release Orchestration through `api`.
 * @public
 */
export function createReleaseOrchestrationActions(
  api: ReleaseOrchestrationApiCaller,
) {
  return [
    createCutReleaseAction(api),
    createRequestPromotionAction(api),
    createReportDeploymentAction(api),
    createAttachEvidenceAction(api),
  ];
}
