/**
 * Who is granted a set of Release Orchestration permissions.
 *
 * @public
 */
export interface AccessGrant {
  /** Exact permission names, or prefixes ending in `.*`. */
  permissions: string[];
  /** Normalised entity refs, `user` (any signed-in user) or `service` (any service principal). */
  members: string[];
}

/**
 * The prefix that marks a permission as one this policy decides on.
 *
 * @public
 */
export const RELEASE_ORCHESTRATION_PERMISSION_PREFIX = 'release-orchestration.';

/**
 * Access when `releaseOrchestrationAccess.grants` is not configured: anyone
 * may read; signed-in users may cut releases; CI may report builds and cut
 * releases. Promotions, approvals and freezes need explicit grants.
 *
 * @public
 */
export const defaultAccessGrants: AccessGrant[] = [
  {
    permissions: [
      'release-orchestration.release.read',
      'release-orchestration.release.create',
    ],
    members: ['user', 'service'],
  },
  {
    permissions: ['release-orchestration.build.report'],
    members: ['service'],
  },
];
