import { UserInfoService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { AccessGrant } from './AccessGrant';
import { isGranted, isReleaseOrchestrationPermission } from './isGranted';
import { readAccessGrants } from './readAccessGrants';

const NO_IDENTITIES: ReadonlySet<string> = new Set();

/**
 * The portal's permission policy for users: a Release Orchestration
 * permission is allowed only through a configured {@link AccessGrant};
 * every other permission is allowed.
 *
 * @remarks
 *
 * The permission backend only consults a policy for users (or, with the
 * default auth policy disabled, anonymous callers, which match no grant).
 * Service principals are decided where the request is made; see
 * {@link GrantCheckingPermissionsService}.
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
    const identities = user ? await this.identitiesOf(user) : NO_IDENTITIES;
    return {
      result: isGranted(this.grants, name, identities)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  }

  private async identitiesOf(user: PolicyQueryUser): Promise<Set<string>> {
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);
    return new Set([
      'user',
      userEntityRef.toLocaleLowerCase('en-US'),
      ...ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US')),
    ]);
  }
}
