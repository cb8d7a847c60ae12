import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  componentEntity,
  systemEntity,
  testEntities,
} from '../__testUtils__/fixtures';
import {
  groupEntity,
  promotionTestEntities,
  userEntity,
} from '../__testUtils__/orgFixtures';
import { DefaultCatalogGateway } from './CatalogGateway';

describe('DefaultCatalogGateway as PolicyCatalog', () => {
  const gateway = (
    entities = promotionTestEntities({
      'release-orchestration.io/policy': 'regulated',
    }),
  ) =>
    new DefaultCatalogGateway(
      catalogServiceMock({ entities }),
      mockServices.auth(),
    );

  it('resolves members of groups through child groups at any depth, once each', async () => {
    const entities = [
      ...promotionTestEntities(),
      groupEntity('platform', ['pat'], ['release-managers']),
      groupEntity('cycle', ['cy'], ['platform', 'cycle']),
      userEntity('pat', ['platform']),
    ];
    const catalog = gateway(entities);
    expect(
      await catalog.getGroupMembers(['group:default/release-managers']),
    ).toEqual(['user:default/ravi', 'user:default/rita', 'user:default/sam']);
    expect(
      await catalog.getGroupMembers([
        'group:default/cycle',
        'group:default/developers',
      ]),
    ).toEqual([
      'user:default/cy',
      'user:default/dev1',
      'user:default/dev2',
      'user:default/mock',
      'user:default/pat',
      'user:default/ravi',
      'user:default/rita',
      'user:default/sam',
    ]);
    expect(await catalog.getGroupMembers(['group:default/nobody'])).toEqual([]);
    expect(await catalog.getGroupMembers([])).toEqual([]);
  });

  it("reads a System's annotations", async () => {
    const catalog = gateway();
    expect(await catalog.getSystemAnnotations('system:default/shop')).toEqual({
      'release-orchestration.io/policy': 'regulated',
    });
    expect(await catalog.getSystemAnnotations('system:default/bank')).toEqual(
      {},
    );
    expect(
      await catalog.getSystemAnnotations('system:default/nope'),
    ).toBeUndefined();
  });
});

describe('DefaultCatalogGateway caches', () => {
  /** A catalog whose entities the test edits, counting what is asked and by whom. */
  function editableCatalog(initial: Entity[]) {
    const entities = new Map(
      initial.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
    );
    const calls: string[] = [];
    const who = (options?: { credentials?: BackstageCredentials }) =>
      (
        options?.credentials?.principal as {
          userEntityRef?: string;
          subject?: string;
        }
      )?.userEntityRef ?? 'plugin';
    const catalog = {
      getEntityByRef: async (
        ref: string,
        options?: { credentials?: BackstageCredentials },
      ) => {
        calls.push(`${who(options)} ${ref}`);
        // user:default/outsider may not read shop (a catalog read rule).
        if (
          who(options) === 'user:default/outsider' &&
          ref === 'system:default/shop'
        ) {
          return undefined;
        }
        return entities.get(ref.toLocaleLowerCase('en-US'));
      },
      getEntities: async (
        request: any,
        options?: { credentials?: BackstageCredentials },
      ) => {
        calls.push(`${who(options)} getEntities`);
        const system = request.filter['relations.partOf'];
        return {
          items: [...entities.values()].filter(e =>
            (e.relations ?? []).some(
              r => r.type === 'partOf' && r.targetRef === system,
            ),
          ),
        };
      },
    } as unknown as CatalogService;
    return { entities, calls, catalog };
  }

  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  const owned = (owner: string): Entity => ({
    ...systemEntity('shop'),
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  });

  it('serves a System entity for its TTL, then sees the changed owner', async () => {
    const { entities, calls, catalog } = editableCatalog([
      owned('group:default/team-a'),
    ]);
    const gateway = new DefaultCatalogGateway(catalog, mockServices.auth(), {
      now,
      policy: { maxEntries: 100, ttlMs: 30_000 },
    });
    const owners = async () =>
      (
        await gateway.getPolicyEntities(['system:default/shop'])
      )[0]?.relations?.map(r => r.targetRef);
    expect(await owners()).toEqual(['group:default/team-a']);
    entities.set('system:default/shop', owned('group:default/team-b'));
    clock += 29_999;
    expect(await owners()).toEqual(['group:default/team-a']);
    expect(calls).toHaveLength(1);
    clock += 1;
    expect(await owners()).toEqual(['group:default/team-b']);
    expect(calls).toHaveLength(2);
  });

  it('asks the catalog once per component for its System, and sees a newly registered component at once', async () => {
    const { entities, calls, catalog } = editableCatalog(testEntities);
    const gateway = new DefaultCatalogGateway(catalog, mockServices.auth(), {
      now,
    });
    for (let i = 0; i < 5; i++) {
      expect(await gateway.getComponentSystem('component:default/api')).toEqual(
        { systemRef: 'system:default/shop' },
      );
    }
    expect(
      await gateway.getComponentSystem('component:default/new'),
    ).toBeUndefined();
    entities.set('component:default/new', componentEntity('new', 'bank'));
    expect(await gateway.getComponentSystem('component:default/new')).toEqual({
      systemRef: 'system:default/bank',
    });
    expect(calls).toEqual([
      'plugin component:default/api',
      'plugin component:default/new',
      'plugin component:default/new',
    ]);
  });

  it('holds at most maxEntries entities', async () => {
    const { calls, catalog } = editableCatalog(testEntities);
    const gateway = new DefaultCatalogGateway(catalog, mockServices.auth(), {
      now,
      policy: { maxEntries: 2, ttlMs: 60_000 },
    });
    for (const ref of [
      'component:default/api',
      'component:default/web',
      'component:default/worker',
    ]) {
      await gateway.getComponentSystem(ref);
    }
    calls.length = 0;
    await gateway.getComponentSystem('component:default/worker');
    await gateway.getComponentSystem('component:default/api');
    // worker was still held; api had been pushed out by the third entity.
    expect(calls).toEqual(['plugin component:default/api']);
  });

  it("keeps a user's answers for that user only, and only for the short per-user TTL", async () => {
    const { calls, catalog } = editableCatalog(testEntities);
    const gateway = new DefaultCatalogGateway(catalog, mockServices.auth(), {
      now,
      perUser: { maxEntries: 100, ttlMs: 5_000 },
    });
    const member = mockCredentials.user('user:default/member');
    const outsider = mockCredentials.user('user:default/outsider');
    const shop = [
      'component:default/api',
      'component:default/web',
      'component:default/worker',
    ];
    const refs = async (credentials: BackstageCredentials) =>
      (
        await gateway.getSystemComponents('system:default/shop', credentials)
      )?.map(c => c.componentRef);
    expect(await refs(member)).toEqual(shop);
    expect(await refs(outsider)).toBeUndefined();
    expect(await refs(member)).toEqual(shop);
    expect(calls.filter(c => c.startsWith('user:default/member'))).toHaveLength(
      2,
    );
    clock += 5_000;
    expect(await refs(member)).toEqual(shop);
    expect(calls.filter(c => c.startsWith('user:default/member'))).toHaveLength(
      4,
    );
  });
});
