export { permissionModuleReleaseOrchestrationPolicy as default } from './module';
export { permissionsServiceFactory } from './permissionsServiceFactory';
export { ReleaseOrchestrationPolicy } from './ReleaseOrchestrationPolicy';
export { GrantCheckingPermissionsService } from './GrantCheckingPermissionsService';
export { readAccessGrants } from './readAccessGrants';
export { isGranted, isReleaseOrchestrationPermission } from './isGranted';
export {
  defaultAccessGrants,
  RELEASE_ORCHESTRATION_PERMISSION_PREFIX,
} from './AccessGrant';
export type { AccessGrant } from './AccessGrant';
