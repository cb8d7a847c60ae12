export { permissionModuleReleaseOrchestrationPolicy as default } from './module';
export { ReleaseOrchestrationPolicy } from './ReleaseOrchestrationPolicy';
export { readAccessGrants } from './readAccessGrants';
export {
  grantScope,
  isGranted,
  isReleaseOrchestrationPermission,
} from './isGranted';
export {
  defaultAccessGrants,
  RELEASE_ORCHESTRATION_PERMISSION_PREFIX,
} from './AccessGrant';
export type { AccessGrant } from './AccessGrant';
