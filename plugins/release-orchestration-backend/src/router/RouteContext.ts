import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
  releaseReadPermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Request as ExpressRequest } from 'express';
import { actorOf } from '../service/actor';
import { authorizeSystemEntity } from '../permissions/systemConditionAuthorizer';
import { SystemResolver } from '../service/SystemResolver';

/**
 * Any request of the plugin's routes, whatever the typed router made of its path parameters,
 * query and body (the generated types from the OpenAPI document).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Request = ExpressRequest<any, any, any, any>;

/** A permission of the plugin's System resource. */
export type SystemPermission = ResourcePermission<
  typeof RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM
>;

/** The authenticated caller of a request. */
export interface Caller {
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >;
  /** The principal as recorded: a user ref, or `service:<subject>`. */
  actor: string;
}

const credentialsKey = Symbol('release-orchestration.caller');

function denied(
  permission: { name: string },
  systemRef?: string,
): NotAllowedError {
  return new NotAllowedError(
    `You are not allowed to do this: ${permission.name} was denied${
      systemRef ? ` on ${systemRef}` : ''
    }`,
  );
}

/**
 * What every route needs: who is calling, and whether they may. Release actions are permissions
 * on a System (the plugin's `release-orchestration-system` resource), so a policy can scope them,
 * e.g. to the System's owners.
 *
 * A System permission costs one conditional query to the permission service per request and
 * permission (remembered for the request), as Backstage's own plugins do: ALLOW or DENY answer
 * for every System at once; a conditional decision is applied here to the Systems' catalog
 * entities, read with the plugin's own credentials through the catalog gateway's bounded cache
 * (policy resolution). The permission backend would otherwise call back into this plugin, which
 * would read the same entities, once per request.
 */
export class RouteContext {
  /** Per request (its Caller) and permission: the policy's conditional decision. */
  private readonly decisions = new WeakMap<
    Caller,
    Map<string, Promise<PolicyDecision>>
  >();

  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly permissions: PermissionsService,
    /** Which System a release, promotion, deployment, incident, build or component belongs to. */
    readonly systems: SystemResolver,
  ) {}

  /** Authenticates the caller (a user, or a service such as a CI token); once per request. */
  async caller(req: Request): Promise<Caller> {
    const cached = (req as unknown as Record<symbol, Caller | undefined>)[
      credentialsKey
    ];
    if (cached) {
      return cached;
    }
    const credentials = await this.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const caller = { credentials, actor: actorOf(credentials) };
    (req as unknown as Record<symbol, Caller>)[credentialsKey] = caller;
    return caller;
  }

  /** Authenticates the caller and checks a permission that is not about one System; 403 when denied. */
  async authorize(req: Request, permission: BasicPermission): Promise<Caller> {
    const caller = await this.caller(req);
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials: caller.credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw denied(permission);
    }
    return caller;
  }

  /** Authenticates the caller and checks a permission on one System; 403 naming both when denied. */
  async authorizeSystem(
    req: Request,
    permission: SystemPermission,
    systemRef: string,
  ): Promise<Caller> {
    const caller = await this.caller(req);
    if (!(await this.allows(caller, permission, [systemRef])).has(systemRef)) {
      throw denied(permission, systemRef);
    }
    return caller;
  }

  /** Authenticates the caller and checks a permission on every one of the Systems. */
  async authorizeSystems(
    req: Request,
    permission: SystemPermission,
    systemRefs: string[],
  ): Promise<Caller> {
    const caller = await this.caller(req);
    const allowed = await this.allows(caller, permission, systemRefs);
    const refused = systemRefs.find(ref => !allowed.has(ref));
    if (refused) {
      throw denied(permission, refused);
    }
    return caller;
  }

  /** The policy's decision on a permission for the caller, asked once per request. */
  private decision(
    caller: Caller,
    permission: SystemPermission,
  ): Promise<PolicyDecision> {
    let byPermission = this.decisions.get(caller);
    if (!byPermission) {
      byPermission = new Map();
      this.decisions.set(caller, byPermission);
    }
    let decision = byPermission.get(permission.name);
    if (!decision) {
      decision = this.permissions
        .authorizeConditional([{ permission }], {
          credentials: caller.credentials,
        })
        .then(([answer]) => answer);
      byPermission.set(permission.name, decision);
      decision.catch(() => byPermission!.delete(permission.name));
    }
    return decision;
  }

  /**
   * Which of the Systems the caller holds the permission on: one conditional query, then its
   * conditions applied to each distinct System's catalog entity (see the class comment).
   */
  async allows(
    caller: Caller,
    permission: SystemPermission,
    systemRefs: Iterable<string>,
  ): Promise<Set<string>> {
    const distinct = [...new Set(systemRefs)];
    if (distinct.length === 0) {
      return new Set();
    }
    const decision = await this.decision(caller, permission);
    if (decision.result === AuthorizeResult.ALLOW) {
      return new Set(distinct);
    }
    if (decision.result === AuthorizeResult.DENY) {
      return new Set();
    }
    const entities = this.systems.policyEntities(distinct);
    if (!entities) {
      // No catalog gateway to read the entities with: the permission backend applies them.
      const decisions = await this.permissions.authorize(
        distinct.map(resourceRef => ({ permission, resourceRef })),
        { credentials: caller.credentials },
      );
      return new Set(
        distinct.filter(
          (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
        ),
      );
    }
    const resolved = await entities;
    return new Set(
      distinct.filter((_, i) => authorizeSystemEntity(decision, resolved[i])),
    );
  }

  /** Keeps the items of Systems the caller may read. */
  async readable<T>(
    req: Request,
    items: T[],
    systemOf: (item: T) => string,
  ): Promise<T[]> {
    const caller = await this.caller(req);
    const allowed = await this.allows(
      caller,
      releaseReadPermission,
      items.map(systemOf),
    );
    return items.filter(item => allowed.has(systemOf(item)));
  }

  /**
   * Authenticates the caller and checks that they may read some System (the read permission is
   * not denied outright): for data that belongs to no single System, such as the configured
   * lanes.
   */
  async authorizeAnyRead(req: Request): Promise<Caller> {
    const caller = await this.caller(req);
    const decision = await this.decision(caller, releaseReadPermission);
    if (decision.result === AuthorizeResult.DENY) {
      throw denied(releaseReadPermission);
    }
    return caller;
  }
}
