import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { actorOf } from '../service/actor';

/** What every route needs: who is calling, and whether they may. */
export class RouteContext {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly permissions: PermissionsService,
  ) {}

  /**
   * Authenticates the caller (a user or a service such as a CI token) and checks the
   * permission; a denied permission is a 403 that names it.
   */
  async authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<{ credentials: BackstageCredentials; actor: string }> {
    const { credentials, actor, allowed } = await this.decide(req, permission);
    if (!allowed) {
      throw new NotAllowedError(`You are not allowed to do this: ${permission.name} was denied`);
    }
    return { credentials, actor };
  }

  /**
   * Authenticates the caller and asks whether the permission is granted, without refusing: for
   * routes where something else can also allow the call (e.g. the requester cancelling their own
   * promotion).
   */
  async decide(
    req: Request,
    permission: BasicPermission,
  ): Promise<{ credentials: BackstageCredentials; actor: string; allowed: boolean }> {
    const credentials = await this.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await this.permissions.authorize([{ permission }], { credentials });
    return { credentials, actor: actorOf(credentials), allowed: decision.result === AuthorizeResult.ALLOW };
  }
}
