import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of the release actions: a catalog System (by its entity ref), or a Component
 * that is part of no System. Policies scope a permission of this type with the plugin's rules
 * (`IS_SYSTEM_OWNER`, `HAS_ANNOTATION`), e.g. "only the owning team promotes its Systems".
 * @public
 */
export const RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM =
  'release-orchestration-system';

const resourceType = RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM;

/**
 * Read a System's releases, builds, deployments, promotions, incidents and audit events. Lists
 * show only the Systems the caller may read.
 * @public
 */
export const releaseReadPermission = createPermission({
  name: 'release-orchestration.release.read',
  attributes: { action: 'read' },
  resourceType,
});

/**
 * Cut a new release (an immutable manifest) for a System.
 * @public
 */
export const releaseCreatePermission = createPermission({
  name: 'release-orchestration.release.create',
  attributes: { action: 'create' },
  resourceType,
});

/**
 * Report a build (a component version) from CI.
 * @public
 */
export const buildReportPermission = createPermission({
  name: 'release-orchestration.build.report',
  attributes: { action: 'create' },
  resourceType,
});

/**
 * Report a deployment (what ran where) from CD or a deployment source.
 * @public
 */
export const deploymentReportPermission = createPermission({
  name: 'release-orchestration.deployment.report',
  attributes: { action: 'create' },
  resourceType,
});

/**
 * Report or change a production incident (directly, or through the incident-tool webhook).
 * @public
 */
export const incidentReportPermission = createPermission({
  name: 'release-orchestration.incident.report',
  attributes: { action: 'create' },
  resourceType,
});

/**
 * Ask for a promotion of a release into an environment (also rollbacks), cancel someone else's
 * request, and move a promotion through deployment from a pipeline.
 * @public
 */
export const promotionCreatePermission = createPermission({
  name: 'release-orchestration.promotion.create',
  attributes: { action: 'create' },
  resourceType,
});

/**
 * Vote on a promotion. The promotion's policy still decides who is an eligible approver
 * (approver groups, separation of duties).
 * @public
 */
export const promotionApprovePermission = createPermission({
  name: 'release-orchestration.promotion.approve',
  attributes: { action: 'update' },
  resourceType,
});

/**
 * Declare and delete freeze windows of one or more named Systems (the caller needs it on each).
 * @public
 */
export const freezeManagePermission = createPermission({
  name: 'release-orchestration.freeze.manage',
  attributes: { action: 'create' },
  resourceType,
});

/**
 * Declare and delete freeze windows that cover every System of an environment. Not a resource
 * permission: no single System owns such a window.
 * @public
 */
export const freezeManageAllPermission = createPermission({
  name: 'release-orchestration.freeze.manage-all',
  attributes: { action: 'create' },
});

/**
 * Promote into a frozen environment with an emergency override (recorded and flagged).
 * @public
 */
export const freezeOverridePermission = createPermission({
  name: 'release-orchestration.freeze.override',
  attributes: { action: 'update' },
  resourceType,
});

/**
 * Attach evidence (test reports, scans, change tickets) to a release, e.g. from CI.
 * @public
 */
export const evidenceCreatePermission = createPermission({
  name: 'release-orchestration.evidence.create',
  attributes: { action: 'create' },
  resourceType,
});

/**
 * Check the audit trail's hash chain (`GET /audit/verify`) and start its full re-verification:
 * not a per-System read, the answer covers the whole trail.
 * @public
 */
export const auditVerifyPermission = createPermission({
  name: 'release-orchestration.audit.verify',
  attributes: { action: 'read' },
});

/**
 * Quarantine a release (mark it bad: it can no longer be promoted anywhere and is never
 * known-good) and lift a quarantine. Both are audited.
 * @public
 */
export const releaseQuarantinePermission = createPermission({
  name: 'release-orchestration.release.quarantine',
  attributes: { action: 'update' },
  resourceType,
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
  freezeManageAllPermission,
  freezeOverridePermission,
  evidenceCreatePermission,
  auditVerifyPermission,
  releaseQuarantinePermission,
];
