import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  promotionCreatePermission,
  RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Request } from 'express';
import { DefaultCatalogGateway } from '../service/CatalogGateway';
import { SystemResolver } from '../service/SystemResolver';
import { RouteContext } from './RouteContext';

const system = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const ownedByTeamA: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'release-orchestration',
  resourceType: RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
  conditions: {
    rule: 'IS_SYSTEM_OWNER',
    resourceType: RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
    params: { claims: ['group:default/team-a'] },
  },
};

function setup(decision: PolicyDecision, options: { gateway?: boolean } = {}) {
  const entities = new Map([
    ['system:default/shop', system('shop', 'group:default/team-a')],
    ['system:default/bank', system('bank', 'group:default/team-b')],
  ]);
  const catalogReads: string[] = [];
  const catalog = {
    getEntityByRef: async (ref: string) => {
      catalogReads.push(ref);
      return entities.get(ref);
    },
  } as unknown as CatalogService;
  const queries = { conditional: 0, definitive: 0 };
  const permissions = {
    authorizeConditional: async (requests: unknown[]) => {
      queries.conditional += 1;
      return requests.map(() => decision);
    },
    authorize: async (requests: Array<{ resourceRef?: string }>) => {
      queries.definitive += 1;
      return requests.map(r => ({
        result:
          r.resourceRef === 'system:default/shop'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  } as unknown as PermissionsService;
  const httpAuth = {
    credentials: async () => mockCredentials.user('user:default/alice'),
  } as unknown as HttpAuthService;
  const gateway = new DefaultCatalogGateway(catalog, mockServices.auth());
  const resolver = new SystemResolver(
    {} as any,
    options.gateway === false
      ? { getComponentSystem: gateway.getComponentSystem.bind(gateway) }
      : gateway,
  );
  const ctx = new RouteContext(httpAuth, permissions, resolver);
  const request = () => ({} as Request);
  return { ctx, queries, catalogReads, request };
}

describe('RouteContext System authorization', () => {
  const refs = [
    'system:default/shop',
    'system:default/bank',
    'system:default/shop',
    'system:default/gone',
  ];

  it('asks the policy once per request and permission, and applies its conditions to each System here', async () => {
    const { ctx, queries, catalogReads, request } = setup(ownedByTeamA);
    const req = request();
    const caller = await ctx.caller(req);
    expect(await ctx.allows(caller, promotionCreatePermission, refs)).toEqual(
      new Set(['system:default/shop']),
    );
    await ctx.authorizeSystem(
      req,
      promotionCreatePermission,
      'system:default/shop',
    );
    await expect(
      ctx.authorizeSystem(
        req,
        promotionCreatePermission,
        'system:default/bank',
      ),
    ).rejects.toThrow(
      'release-orchestration.promotion.create was denied on system:default/bank',
    );
    expect(queries).toEqual({ conditional: 1, definitive: 0 });
    // The next request asks the policy again; the entities come from the bounded cache.
    const next = request();
    await ctx.authorizeSystem(
      next,
      promotionCreatePermission,
      'system:default/shop',
    );
    expect(queries).toEqual({ conditional: 2, definitive: 0 });
    // One read per distinct System for both requests ("not found" is not kept, but was not asked again).
    expect(catalogReads.sort()).toEqual([
      'system:default/bank',
      'system:default/gone',
      'system:default/shop',
    ]);
  });

  it('answers ALLOW and DENY for every System without reading the catalog', async () => {
    for (const [result, expected] of [
      [AuthorizeResult.ALLOW, 3],
      [AuthorizeResult.DENY, 0],
    ] as const) {
      const { ctx, catalogReads, request } = setup({ result });
      const caller = await ctx.caller(request());
      expect(
        (await ctx.allows(caller, promotionCreatePermission, refs)).size,
      ).toBe(expected);
      expect(catalogReads).toEqual([]);
    }
  });

  it('leaves conditions to the permission backend when it cannot read the entities', async () => {
    const { ctx, queries, request } = setup(ownedByTeamA, { gateway: false });
    const caller = await ctx.caller(request());
    expect(await ctx.allows(caller, promotionCreatePermission, refs)).toEqual(
      new Set(['system:default/shop']),
    );
    expect(queries).toEqual({ conditional: 1, definitive: 1 });
  });
});
