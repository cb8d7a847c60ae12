import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read releases, builds, environments and the audit trail.
 * @public
 */
export const releaseReadPermission = createPermission({
  name: 'release-orchestration.release.read',
  attributes: { action: 'read' },
});

/**
 * Cut a new release (an immutable manifest) for a System.
 * @public
 */
export const releaseCreatePermission = createPermission({
  name: 'release-orchestration.release.create',
  attributes: { action: 'create' },
});

/**
 * Report a build (a component version) from CI.
 * @public
 */
export const buildReportPermission = createPermission({
  name: 'release-orchestration.build.report',
  attributes: { action: 'create' },
});

/**
 * Every permission of the plugin, for registration with the permissions registry.
 * @public
 */
export const releaseOrchestrationPermissions = [
  releaseReadPermission,
  releaseCreatePermission,
  buildReportPermission,
];
