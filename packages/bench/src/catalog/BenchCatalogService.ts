import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Org } from '@release-orchestration/demo-data';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function entity(
  kind: string,
  ref: string,
  spec: NonNullable<Entity['spec']>,
  relations: Array<[string, string]>,
): Entity {
  const name = ref.slice(ref.indexOf('/') + 1);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', uid: ref },
    spec,
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

/** The generated organisation as catalog entities, with the relations the catalog would derive. */
export function orgEntities(org: Org): Entity[] {
  const entities: Entity[] = [];
  const users = new Map<string, string[]>();
  for (const group of org.groups) {
    entities.push(
      entity(
        'Group',
        group.ref,
        {
          type: group.parent ? 'team' : 'department',
          children: group.children,
        },
        [
          ...group.children.map(c => ['parentOf', c] as [string, string]),
          ...(group.parent
            ? [['childOf', group.parent] as [string, string]]
            : []),
          ...group.members.map(m => ['hasMember', m] as [string, string]),
        ],
      ),
    );
    for (const member of group.members) {
      users.set(member, [...(users.get(member) ?? []), group.ref]);
    }
  }
  for (const [user, groups] of users) {
    entities.push(
      entity(
        'User',
        user,
        { memberOf: groups },
        groups.map(g => ['memberOf', g] as [string, string]),
      ),
    );
  }
  for (const system of org.systems) {
    entities.push(
      entity('System', system.ref, { owner: system.owner }, [
        ['ownedBy', system.owner],
        ...system.components.map(c => ['hasPart', c.ref] as [string, string]),
      ]),
    );
    for (const component of system.components) {
      entities.push(
        entity(
          'Component',
          component.ref,
          {
            type: 'service',
            lifecycle: 'production',
            owner: system.owner,
            system: system.ref,
          },
          [
            ['partOf', system.ref],
            ['ownedBy', system.owner],
          ],
        ),
      );
    }
  }
  return entities;
}

type Filter = Record<string, string | symbol | (string | symbol)[]>;

/**
 * An in-memory catalog of the generated organisation, indexed for the look-ups the plugin makes
 * (by ref, by kind, and by `relations.<type>` filters), so that the benchmarks measure the plugin
 * and not a catalog. Anything else the catalog offers is refused.
 */
export class BenchCatalogService {
  private readonly byRef = new Map<string, Entity>();
  private readonly byKind = new Map<string, Entity[]>();
  private readonly byRelation = new Map<string, Entity[]>();

  constructor(entities: Entity[]) {
    for (const e of entities) {
      this.byRef.set(lower(stringifyEntityRef(e)), e);
      const kind = lower(e.kind);
      this.byKind.set(kind, [...(this.byKind.get(kind) ?? []), e]);
      for (const r of e.relations ?? []) {
        const key = `relations.${lower(r.type)}=${lower(r.targetRef)}`;
        const list = this.byRelation.get(key) ?? [];
        list.push(e);
        this.byRelation.set(key, list);
      }
    }
  }

  static fromOrg(org: Org) {
    return new BenchCatalogService(orgEntities(org));
  }

  /** As the `catalogServiceRef` service: the methods the plugin calls, the rest refused. */
  asCatalogService(): CatalogService {
    const refuse = (name: string) => async () => {
      throw new Error(`BenchCatalogService does not implement ${name}`);
    };
    const service: Partial<CatalogService> = {
      getEntityByRef: async (ref: string | CompoundEntityRef) => this.get(ref),
      getEntitiesByRefs: async request => ({
        items: request.entityRefs.map(ref => this.get(ref)),
      }),
      getEntities: async request => ({
        items: this.find(request?.filter as Filter | Filter[] | undefined),
      }),
    };
    for (const name of [
      'queryEntities',
      'getEntityAncestors',
      'removeEntityByUid',
      'refreshEntity',
      'getEntityFacets',
      'getLocations',
      'queryLocations',
      'streamLocations',
      'getLocationById',
      'getLocationByRef',
      'addLocation',
      'removeLocationById',
      'updateLocation',
      'getLocationByEntity',
      'validateEntity',
      'analyzeLocation',
      'streamEntities',
    ]) {
      (service as Record<string, unknown>)[name] = refuse(name);
    }
    return service as CatalogService;
  }

  private get(ref: string | CompoundEntityRef): Entity | undefined {
    return this.byRef.get(
      lower(typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
    );
  }

  private find(filter: Filter | Filter[] | undefined): Entity[] {
    if (!filter) {
      return [...this.byRef.values()];
    }
    const seen = new Set<Entity>();
    for (const f of [filter].flat()) {
      for (const e of this.findOne(f)) {
        seen.add(e);
      }
    }
    return [...seen];
  }

  private findOne(filter: Filter): Entity[] {
    const conditions = Object.entries(filter).map(
      ([key, value]) =>
        [lower(key), [value].flat().map(v => lower(String(v)))] as const,
    );
    let candidates: Entity[] | undefined;
    for (const [key, values] of conditions) {
      if (key.startsWith('relations.')) {
        candidates = [
          ...new Set(
            values.flatMap(v => this.byRelation.get(`${key}=${v}`) ?? []),
          ),
        ];
        break;
      }
    }
    candidates ??= conditions
      .find(([key]) => key === 'kind')?.[1]
      .flatMap(k => this.byKind.get(k) ?? []) ?? [...this.byRef.values()];
    return candidates.filter(e =>
      conditions.every(([key, values]) => {
        if (key === 'kind') {
          return values.includes(lower(e.kind));
        }
        if (key.startsWith('relations.')) {
          const type = key.slice('relations.'.length);
          return (e.relations ?? []).some(
            r => lower(r.type) === type && values.includes(lower(r.targetRef)),
          );
        }
        if (key === 'metadata.name') {
          return values.includes(lower(e.metadata.name));
        }
        if (key === 'metadata.namespace') {
          return values.includes(lower(e.metadata.namespace ?? 'default'));
        }
        throw new Error(`BenchCatalogService cannot filter on ${key}`);
      }),
    );
  }
}

/** The plugin's own credentials, for its catalog gateway outside a backend. */
export function benchAuth(): AuthService {
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:release-orchestration' },
  } as BackstageCredentials;
  return {
    getOwnServiceCredentials: async () => credentials,
    // The catalog gateway keys its per-user cache by this (the bench asks as the plugin only).
    isPrincipal: (c: BackstageCredentials, type: string) =>
      (c.principal as { type?: string } | undefined)?.type === type,
  } as unknown as AuthService;
}
