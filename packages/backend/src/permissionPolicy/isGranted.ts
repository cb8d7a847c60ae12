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
 * Whether any grant names both the permission and one of the caller's
 * identities (lower-case entity refs, `user` or `service`).
 *
 * @public
 */
export function isGranted(
  grants: AccessGrant[],
  permissionName: string,
  identities: ReadonlySet<string>,
): boolean {
  return grants.some(
    grant =>
      grant.permissions.some(p => permissionMatches(p, permissionName)) &&
      grant.members.some(m => identities.has(m)),
  );
}
