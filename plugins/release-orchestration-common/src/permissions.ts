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
 * Report a deployment (what ran where) from CD or a deployment source.
 * @public
 */
export const deploymentReportPermission = createPermission({
  name: 'release-orchestration.deployment.report',
  attributes: { action: 'create' },
});

/**
 * Report or change a production incident (directly, or through the incident-tool webhook).
 * @public
 */
export const incidentReportPermission = createPermission({
  name: 'release-orchestration.incident.report',
  attributes: { action: 'create' },
});

/**
 * Ask for a promotion of a release into an environment (also rollbacks), cancel someone else's
 * request, and move a promotion through deployment from a pipeline.
 * @public
 */
export const promotionCreatePermission = createPermission({
  name: 'release-orchestration.promotion.create',
  attributes: { action: 'create' },
});

/**
 * Vote on a promotion. The promotion's policy still decides who is an eligible approver
 * (approver groups, separation of duties).
 * @public
 */
export const promotionApprovePermission = createPermission({
  name: 'release-orchestration.promotion.approve',
  attributes: { action: 'update' },
});

/**
 * Declare and delete freeze windows.
 * @public
 */
export const freezeManagePermission = createPermission({
  name: 'release-orchestration.freeze.manage',
  attributes: { action: 'create' },
});

/**
 * Promote into a frozen environment with an emergency override (recorded and flagged).
 * @public
 */
export const freezeOverridePermission = createPermission({
  name: 'release-orchestration.freeze.override',
  attributes: { action: 'update' },
});

/**
 * Attach evidence (test reports, scans, change tickets) to a release, e.g. from CI.
 * @public
 */
export const evidenceCreatePermission = createPermission({
  name: 'release-orchestration.evidence.create',
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
  deploymentReportPermission,
  incidentReportPermission,
  promotionCreatePermission,
  promotionApprovePermission,
  freezeManagePermission,
  freezeOverridePermission,
  evidenceCreatePermission,
];
