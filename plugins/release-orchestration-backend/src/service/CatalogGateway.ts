import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DoraTeamCatalog, listDoraTeams } from './dora/listDoraTeams';
import {
  readCommitAuthorUsers,
  readComponentOwners,
} from './owners/catalogOwnership';
import { TtlCache, TtlCacheOptions } from './TtlCache';

/** A component of a System, as the catalog knows it. */
export interface SystemComponent {
  componentRef: string;
  title?: string;
}

/**
 * The catalog look-ups the plugin needs, behind one small interface so tests can fake it.
 *
 * Reads that answer a user take the caller's `credentials`, so the catalog's own read rules
 * apply to them; without (background work, policy resolution, service callers) the plugin
 * reads with its own credentials.
 */
export interface CatalogGateway {
  /** The System's components, or undefined when the System is not in the catalog (or not visible to the caller). */
  getSystemComponents(
    systemRef: string,
    credentials?: BackstageCredentials,
  ): Promise<SystemComponent[] | undefined>;
  /** Every System in the catalog (that the caller may see). */
  listSystems(credentials?: BackstageCredentials): Promise<string[]>;
  /**
   * The System a component is part of: undefined when the component is not in the catalog,
   * `{}` when it is in no System.
   */
  getComponentSystem(
    componentRef: string,
  ): Promise<{ systemRef?: string } | undefined>;
  /**
   * The Systems a DORA entity covers, sorted: a System itself, or every System owned by a Group
   * or by its descendant groups. Undefined when the entity is not in the catalog.
   */
  getOwnedSystems(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<string[] | undefined>;
}

/** The catalog look-ups promotion policies need: a System's policy annotation and group members. */
export interface PolicyCatalog {
  /** The System's annotations, or undefined when the System is not in the catalog. */
  getSystemAnnotations(
    systemRef: string,
  ): Promise<Record<string, string> | undefined>;
  /**
   * The users who are members of any of the groups or of their child groups, at any depth,
   * as lower-case user refs. Groups that are not in the catalog have no members.
   */
  getGroupMembers(groupRefs: string[]): Promise<string[]>;
  /**
   * The owner of each component (`spec.owner`, a full lower-case entity ref), for the policy
   * option `ownersOfChangesApprove`; undefined for components not in the catalog or unowned.
   */
  getComponentOwners?(
    componentRefs: string[],
  ): Promise<Map<string, string | undefined>>;
  /**
   * The catalog users (lower-case refs) who are these commit authors, matched by e-mail or by a
   * GitHub/GitLab login annotation, for the policy option `commitAuthorsCannotApprove`.
   */
  findCommitAuthorUsers?(authors: string[]): Promise<string[]>;
}

/** The catalog look-up that applying permission conditions in the plugin needs. */
export interface PolicyEntityCatalog {
  /**
   * The catalog entities that permission conditions are applied to (Systems, or Components in no
   * System), read with the plugin's own credentials: policy resolution, not a read for a user.
   * Undefined for refs not in the catalog.
   */
  getPolicyEntities(entityRefs: string[]): Promise<Array<Entity | undefined>>;
}

/** Bounds of the gateway's caches (see {@link DefaultCatalogGateway}). */
export interface CatalogGatewayCacheOptions {
  /** Entities read with the plugin's own credentials (policy resolution, ingest checks). */
  policy?: Pick<TtlCacheOptions, 'maxEntries' | 'ttlMs'>;
  /** Answers read with a user's credentials, kept per user. */
  perUser?: Pick<TtlCacheOptions, 'maxEntries' | 'ttlMs'>;
}

/**
 * Default bounds. Policy reads: 5,000 entities (~1,000 Systems and their components at the
 * reference scale fit) for 30 s. Per-user reads: 2,000 answers for 5 s, enough to serve a page's
 * burst of requests and short enough that a user who loses catalog access loses it here within
 * seconds.
 */
export const DEFAULT_CATALOG_CACHE = {
  policy: { maxEntries: 5_000, ttlMs: 30_000 },
  perUser: { maxEntries: 2_000, ttlMs: 5_000 },
} as const;

const lowerRef = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * {@link CatalogGateway} over the catalog service: with a user caller's credentials where given,
 * else with the plugin's own.
 *
 * Every report and every authorized request needs a few catalog answers (component -> System, the
 * System entity the permission conditions are applied to, a System's components), each a round
 * trip to the catalog in a real installation. They are cached, bounded in size and time:
 * - reads with the plugin's own credentials (policy resolution, ingest checks, service callers)
 *   share one cache, keyed by entity ref: these answers are the same for every caller;
 * - reads with a user's credentials are keyed by the user's entity ref and kept only briefly, so
 *   the catalog's read rules still decide what each user sees (issue 19), at most a few seconds
 *   late;
 * - "not found" and failures are never kept: a newly registered entity is seen at once; a changed
 *   one (owner, System, annotations) within the TTL, which is shorter than the catalog's own
 *   processing delay for an edited catalog-info.yaml.
 */
export class DefaultCatalogGateway
  implements
    CatalogGateway,
    PolicyCatalog,
    PolicyEntityCatalog,
    DoraTeamCatalog
{
  private readonly policyCache: TtlCache<Entity | undefined>;
  private readonly userCache: TtlCache<unknown>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    cache: CatalogGatewayCacheOptions & { now?: () => number } = {},
  ) {
    this.policyCache = new TtlCache({
      ...(cache.policy ?? DEFAULT_CATALOG_CACHE.policy),
      now: cache.now,
    });
    this.userCache = new TtlCache({
      ...(cache.perUser ?? DEFAULT_CATALOG_CACHE.perUser),
      now: cache.now,
    });
  }

  /** An entity read with the plugin's own credentials, through the policy cache. */
  private ownEntity(entityRef: string): Promise<Entity | undefined> {
    const ref = lowerRef(entityRef);
    return this.policyCache.get(ref, async () =>
      this.catalog.getEntityByRef(ref, {
        credentials: await this.auth.getOwnServiceCredentials(),
      }),
    );
  }

  /**
   * An answer read with `credentials`, kept per principal (the user's entity ref, or the plugin
   * for its own credentials) for the short per-user TTL: one user's answer never serves another.
   */
  private async cached<T>(
    kind: string,
    key: string,
    credentials: BackstageCredentials,
    load: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const principal = this.auth.isPrincipal(credentials, 'user')
      ? credentials.principal.userEntityRef
      : 'plugin';
    return (await this.userCache.get(
      `${principal}\n${kind}\n${lowerRef(key)}`,
      load,
    )) as T | undefined;
  }

  async getPolicyEntities(entityRefs: string[]) {
    return Promise.all(entityRefs.map(ref => this.ownEntity(ref)));
  }

  /**
   * A user's credentials as given; anything else reads as the plugin. A service caller's token
   * (e.g. CI restricted to this plugin) may not be forwarded to the catalog, and the plugin
   * already decided what that caller may do.
   */
  private async credentialsFor(
    onBehalfOf?: BackstageCredentials,
  ): Promise<BackstageCredentials> {
    if (onBehalfOf && this.auth.isPrincipal(onBehalfOf, 'user')) {
      return onBehalfOf;
    }
    return this.auth.getOwnServiceCredentials();
  }

  async getSystemComponents(
    systemRef: string,
    onBehalfOf?: BackstageCredentials,
  ) {
    const credentials = await this.credentialsFor(onBehalfOf);
    return this.cached('components', systemRef, credentials, () =>
      this.readSystemComponents(systemRef, credentials),
    );
  }

  private async readSystemComponents(
    systemRef: string,
    credentials: BackstageCredentials,
  ) {
    const system = await this.catalog.getEntityByRef(systemRef, {
      credentials,
    });
    if (!system) {
      return undefined;
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'component', 'relations.partOf': systemRef },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      },
      { credentials },
    );
    return items
      .map(entity => ({
        componentRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      }))
      .sort((a, b) => a.componentRef.localeCompare(b.componentRef));
  }

  async getComponentSystem(componentRef: string) {
    const component = await this.ownEntity(componentRef);
    if (!component) {
      return undefined;
    }
    const partOf = component.relations?.find(
      r =>
        r.type === RELATION_PART_OF &&
        parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') ===
          'system',
    );
    const system =
      partOf?.targetRef ?? (component.spec?.system as string | undefined);
    if (!system) {
      return {};
    }
    const ref = parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: component.metadata.namespace ?? 'default',
    });
    return { systemRef: stringifyEntityRef(ref).toLocaleLowerCase('en-US') };
  }

  async getSystemAnnotations(systemRef: string) {
    const system = await this.ownEntity(systemRef);
    return system ? { ...system.metadata.annotations } : undefined;
  }

  async getGroupMembers(groupRefs: string[]) {
    const credentials = await this.auth.getOwnServiceCredentials();
    const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
    const seen = new Set(groupRefs.map(lower));
    const members = new Set<string>();
    let pending = [...seen];
    while (pending.length > 0) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: pending,
          fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
        },
        { credentials },
      );
      pending = [];
      for (const group of items) {
        for (const relation of group?.relations ?? []) {
          const target = lower(relation.targetRef);
          if (
            relation.type === RELATION_HAS_MEMBER &&
            target.startsWith('user:')
          ) {
            members.add(target);
          } else if (
            relation.type === RELATION_PARENT_OF &&
            target.startsWith('group:') &&
            !seen.has(target)
          ) {
            seen.add(target);
            pending.push(target);
          }
        }
      }
    }
    return [...members].sort();
  }

  async getComponentOwners(componentRefs: string[]) {
    return readComponentOwners(
      this.catalog,
      await this.auth.getOwnServiceCredentials(),
      componentRefs,
    );
  }

  async findCommitAuthorUsers(authors: string[]) {
    return readCommitAuthorUsers(
      this.catalog,
      await this.auth.getOwnServiceCredentials(),
      authors,
    );
  }

  async getOwnedSystems(entityRef: string, onBehalfOf?: BackstageCredentials) {
    const credentials = await this.credentialsFor(onBehalfOf);
    return this.cached('owned', entityRef, credentials, () =>
      this.readOwnedSystems(entityRef, credentials),
    );
  }

  private async readOwnedSystems(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      return undefined;
    }
    if (entity.kind.toLocaleLowerCase('en-US') === 'system') {
      return [lower(stringifyEntityRef(entity))];
    }
    const groups = new Set([lower(entityRef)]);
    let pending = [...groups];
    let parents = [entity];
    while (pending.length > 0) {
      pending = [];
      for (const group of parents) {
        for (const relation of group?.relations ?? []) {
          const target = lower(relation.targetRef);
          if (
            relation.type === RELATION_PARENT_OF &&
            target.startsWith('group:') &&
            !groups.has(target)
          ) {
            groups.add(target);
            pending.push(target);
          }
        }
      }
      if (pending.length > 0) {
        const { items } = await this.catalog.getEntitiesByRefs(
          {
            entityRefs: pending,
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'relations',
            ],
          },
          { credentials },
        );
        parents = items.filter((item): item is NonNullable<typeof item> =>
          Boolean(item),
        );
      }
    }
    const { items } = await this.catalog.getEntities(
      {
        // The array filter goes last: it matches any of the values.
        filter: { kind: 'system', 'relations.ownedBy': [...groups] },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return items.map(e => lower(stringifyEntityRef(e))).sort();
  }

  async listTeams(onBehalfOf?: BackstageCredentials) {
    return listDoraTeams(this.catalog, await this.credentialsFor(onBehalfOf));
  }

  async listSystems(onBehalfOf?: BackstageCredentials) {
    const credentials = await this.credentialsFor(onBehalfOf);
    // Kept like the other per-principal answers (every org-wide DORA request asks for it).
    const systems = await this.cached('systems', '', credentials, async () => {
      const { items } = await this.catalog.getEntities(
        {
          filter: { kind: 'system' },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      return items
        .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US'))
        .sort();
    });
    // A copy: callers may change the list they get.
    return [...(systems ?? [])];
  }
}
