import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { AccessGrant, defaultAccessGrants } from './AccessGrant';

const CONFIG_KEY = 'releaseOrchestrationAccess.grants';
const PERMISSION_PATTERN = /^(\*|[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?)$/;

function readPermission(value: string, at: string): string {
  if (!PERMISSION_PATTERN.test(value)) {
    throw new Error(
      `Invalid permission '${value}' at ${at}: expected a permission name such as 'release-orchestration.release.read' or a prefix ending in '.*'`,
    );
  }
  return value;
}

function readMember(value: string, at: string): string {
  if (value === 'user') {
    return value;
  }
  if (value === 'service') {
    throw new Error(
      `Invalid member 'service' at ${at}: the permission policy is not consulted for service principals; restrict CI tokens with backend.auth.externalAccess[].accessRestrictions (plugin and permission list) instead`,
    );
  }
  try {
    return stringifyEntityRef(parseEntityRef(value));
  } catch {
    throw new Error(
      `Invalid member '${value}' at ${at}: expected 'user' or an entity ref such as 'group:default/release-managers'`,
    );
  }
}

/**
 * Reads `releaseOrchestrationAccess.grants`, falling back to
 * {@link defaultAccessGrants} when it is not set. Throws on malformed entries
 * so that a typo fails the backend's start-up instead of silently denying.
 *
 * @public
 */
export function readAccessGrants(config: Config): AccessGrant[] {
  const grantConfigs = config.getOptionalConfigArray(CONFIG_KEY);
  if (grantConfigs === undefined) {
    return defaultAccessGrants;
  }
  return grantConfigs.map((grant, index) => {
    const at = `${CONFIG_KEY}[${index}]`;
    const permissions = grant.getStringArray('permissions');
    const members = grant.getStringArray('members');
    const scope = grant.getOptionalString('scope') ?? 'all';
    if (scope !== 'all' && scope !== 'owner') {
      throw new Error(
        `Invalid scope '${scope}' at ${at}.scope: expected 'all' or 'owner'`,
      );
    }
    return {
      permissions: permissions.map(p => readPermission(p, `${at}.permissions`)),
      members: members.map(m => readMember(m, `${at}.members`)),
      scope,
    };
  });
}
