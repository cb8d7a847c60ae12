/**
 * Who is granted a set of Release Orchestration permissions, and on which Systems.
 *
 * @public
 */
export interface AccessGrant {
  /** Exact permission names, or prefixes ending in `.*`. */
  permissions: string[];
  /** Normalised entity refs, or `user` (any signed-in user). */
  members: string[];
  /**
   * `all` (the default): on every System. `owner`: only on Systems the caller owns (the System's
   * owner is the caller or one of their groups), a conditional decision the plugin resolves
   * against the System's catalog entity. Permissions that are not about one System ignore it.
   */
  scope: 'all' | 'owner';
}

/**
 * The prefix that marks a permission as one this policy decides on.
 *
 * @public
 */
export const RELEASE_ORCHESTRATION_PERMISSION_PREFIX = 'release-orchestration.';

/**
 * Access when `releaseOrchestrationAccess.grants` is not configured: signed-in users may read;
 * they may cut releases and ask for promotions of the Systems they own. Approvals, freezes,
 * overrides and reports need explicit grants. (Service principals such as CI tokens are not
 * decided by this policy but by their `backend.auth.externalAccess` access restrictions.)
 *
 * @public
 */
export const defaultAccessGrants: AccessGrant[] = [
  {
    permissions: ['release-orchestration.release.read'],
    members: ['user'],
    scope: 'all',
  },
  {
    permissions: [
      'release-orchestration.release.create',
      'release-orchestration.promotion.create',
    ],
    members: ['user'],
    scope: 'owner',
  },
];
