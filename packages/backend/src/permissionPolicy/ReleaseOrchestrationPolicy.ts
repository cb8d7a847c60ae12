import { UserInfoService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { AccessGrant } from './AccessGrant';
import { grantScope, isReleaseOrchestrationPermission } from './isGranted';
import {
  createSystemConditionalDecision,
  systemConditions,
  systemResourceRef,
} from '@release-orchestration/plugin-release-orchestration-backend';
import { readAccessGrants } from './readAccessGrants';

const NO_IDENTITIES: ReadonlySet<string> = new Set();

/**
 * The portal's permission policy for users: a Release Orchestration
 * permission is allowed only through a configured {@link AccessGrant} (on
 * every System, or, for `scope: owner`, as a conditional decision: only on
 * the Systems the user or one of their groups owns); every other permission
 * is allowed.
 *
 * @remarks
 *
 * The permission backend only consults a policy for users (or, with the
 * default auth policy disabled, anonymous callers, which match no grant).
 * Service principals (CI tokens) are decided from their
 * `backend.auth.externalAccess` access restrictions alone.
 *
 * @public
 */
export class ReleaseOrchestrationPolicy implements PermissionPolicy {
  static fromConfig(
    config: Config,
    options: { userInfo: UserInfoService },
  ): ReleaseOrchestrationPolicy {
    return new ReleaseOrchestrationPolicy(
      readAccessGrants(config),
      options.userInfo,
    );
  }

  private constructor(
    private readonly grants: AccessGrant[],
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const name = request.permission.name;
    if (!isReleaseOrchestrationPermission(name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { identities, claims } = user
      ? await this.identitiesOf(user)
      : { identities: NO_IDENTITIES, claims: [] };
    const scope = grantScope(this.grants, name, identities);
    if (scope === 'all') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      scope === 'owner' &&
      isResourcePermission(request.permission, systemResourceRef.resourceType)
    ) {
      return createSystemConditionalDecision(
        request.permission,
        systemConditions.isSystemOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }

  private async identitiesOf(
    user: PolicyQueryUser,
  ): Promise<{ identities: Set<string>; claims: string[] }> {
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);
    const claims = [
      ...new Set(
        [userEntityRef, ...ownershipEntityRefs].map(ref =>
          ref.toLocaleLowerCase('en-US'),
        ),
      ),
    ];
    return { identities: new Set(['user', ...claims]), claims };
  }
}
