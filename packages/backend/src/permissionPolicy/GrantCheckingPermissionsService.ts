import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  AuthorizeResult,
  QueryPermissionRequest,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import { AccessGrant } from './AccessGrant';
import { isGranted, isReleaseOrchestrationPermission } from './isGranted';

const SERVICE: ReadonlySet<string> = new Set(['service']);

/**
 * Applies the `service` grants to service principals (CI tokens, other
 * backends), on top of the wrapped permissions service.
 *
 * @remarks
 *
 * Backstage's `ServerPermissionClient` decides service principals itself,
 * from their `accessRestrictions` only, and never asks the policy; without
 * this, a CI token restricted to the plugin could do everything the plugin
 * offers. Users pass straight through to the policy.
 *
 * @public
 */
export class GrantCheckingPermissionsService implements PermissionsService {
  constructor(
    private readonly inner: PermissionsService,
    private readonly auth: AuthService,
    private readonly grants: AccessGrant[],
  ) {}

  async authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    const responses = await this.inner.authorize(requests, options);
    return this.restrict(requests, responses, options.credentials);
  }

  async authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    const responses = await this.inner.authorizeConditional(requests, options);
    return this.restrict(requests, responses, options.credentials);
  }

  private restrict<T extends { result: AuthorizeResult }>(
    requests: Array<{ permission: { name: string } }>,
    responses: T[],
    credentials: BackstageCredentials,
  ): Array<T | { result: AuthorizeResult.DENY }> {
    if (!this.auth.isPrincipal(credentials, 'service')) {
      return responses;
    }
    return responses.map((response, i) => {
      const name = requests[i].permission.name;
      if (
        isReleaseOrchestrationPermission(name) &&
        !isGranted(this.grants, name, SERVICE)
      ) {
        return { result: AuthorizeResult.DENY };
      }
      return response;
    });
  }
}
