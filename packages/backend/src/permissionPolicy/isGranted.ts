import {
  AccessGrant,
  RELEASE_ORCHESTRATION_PERMISSION_PREFIX,
} from './AccessGrant';

/**
 * Whether this permission is one the grants decide on.
 *
 * @public
 */
export function isReleaseOrchestrationPermission(name: string): boolean {
  return name.startsWith(RELEASE_ORCHESTRATION_PERMISSION_PREFIX);
}

function permissionMatches(pattern: string, name: string): boolean {
  if (pattern === '*') {
    return true;
  }
  if (pattern.endsWith('.*')) {
    return name.startsWith(pattern.slice(0, -1));
  }
  return pattern === name;
}

/**
 * How far the grants give the permission to a caller with these identities
 * (lower-case entity refs and `user`): on every System, only on the Systems
 * they own, or not at all.
 *
 * @public
 */
export function grantScope(
  grants: AccessGrant[],
  permissionName: string,
  identities: ReadonlySet<string>,
): 'all' | 'owner' | undefined {
  const matching = grants.filter(
    grant =>
      grant.permissions.some(p => permissionMatches(p, permissionName)) &&
      grant.members.some(m => identities.has(m)),
  );
  if (matching.some(grant => grant.scope === 'all')) {
    return 'all';
  }
  return matching.length > 0 ? 'owner' : undefined;
}

/**
 * Whether any grant gives the permission to one of the caller's identities,
 * on some System at least.
 *
 * @public
 */
export function isGranted(
  grants: AccessGrant[],
  permissionName: string,
  identities: ReadonlySet<string>,
): boolean {
  return grantScope(grants, permissionName, identities) !== undefined;
}
