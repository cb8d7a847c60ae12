import { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DoraTeamCatalog, listDoraTeams } from './dora/listDoraTeams';

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
  getSystemComponents(systemRef: string, credentials?: BackstageCredentials): Promise<SystemComponent[] | undefined>;
  /** Every System in the catalog (that the caller may see). */
  listSystems(credentials?: BackstageCredentials): Promise<string[]>;
  /**
   * The System a component is part of: undefined when the component is not in the catalog,
   * `{}` when it is in no System.
   */
  getComponentSystem(componentRef: string): Promise<{ systemRef?: string } | undefined>;
  /**
   * The Systems a DORA entity covers, sorted: a System itself, or every System owned by a Group
   * or by its descendant groups. Undefined when the entity is not in the catalog.
   */
  getOwnedSystems(entityRef: string, credentials?: BackstageCredentials): Promise<string[] | undefined>;
}

/** The catalog look-ups promotion policies need: a System's policy annotation and group members. */
export interface PolicyCatalog {
  /** The System's annotations, or undefined when the System is not in the catalog. */
  getSystemAnnotations(systemRef: string): Promise<Record<string, string> | undefined>;
  /**
   * The users who are members of any of the groups or of their child groups, at any depth,
   * as lower-case user refs. Groups that are not in the catalog have no members.
   */
  getGroupMembers(groupRefs: string[]): Promise<string[]>;
}

/**
 * {@link CatalogGateway} over the catalog service: with a user caller's credentials where given,
 * else with the plugin's own.
 */
export class DefaultCatalogGateway implements CatalogGateway, PolicyCatalog, DoraTeamCatalog {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /**
   * A user's credentials as given; anything else reads as the plugin. A service caller's token
   * (e.g. CI restricted to this plugin) may not be forwarded to the catalog, and the plugin
   * already decided what that caller may do.
   */
  private async credentialsFor(onBehalfOf?: BackstageCredentials): Promise<BackstageCredentials> {
    if (onBehalfOf && this.auth.isPrincipal(onBehalfOf, 'user')) {
      return onBehalfOf;
    }
    return this.auth.getOwnServiceCredentials();
  }

  async getSystemComponents(systemRef: string, onBehalfOf?: BackstageCredentials) {
    const credentials = await this.credentialsFor(onBehalfOf);
    const system = await this.catalog.getEntityByRef(systemRef, { credentials });
    if (!system) {
      return undefined;
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'component', 'relations.partOf': systemRef },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
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
    const credentials = await this.auth.getOwnServiceCredentials();
    const component = await this.catalog.getEntityByRef(componentRef, { credentials });
    if (!component) {
      return undefined;
    }
    const partOf = component.relations?.find(
      r => r.type === RELATION_PART_OF && parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') === 'system',
    );
    const system = partOf?.targetRef ?? (component.spec?.system as string | undefined);
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
    const credentials = await this.auth.getOwnServiceCredentials();
    const system = await this.catalog.getEntityByRef(systemRef, { credentials });
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
        { entityRefs: pending, fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'] },
        { credentials },
      );
      pending = [];
      for (const group of items) {
        for (const relation of group?.relations ?? []) {
          const target = lower(relation.targetRef);
          if (relation.type === RELATION_HAS_MEMBER && target.startsWith('user:')) {
            members.add(target);
          } else if (relation.type === RELATION_PARENT_OF && target.startsWith('group:') && !seen.has(target)) {
            seen.add(target);
            pending.push(target);
          }
        }
      }
    }
    return [...members].sort();
  }

  async getOwnedSystems(entityRef: string, onBehalfOf?: BackstageCredentials) {
    const credentials = await this.credentialsFor(onBehalfOf);
    const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
    const entity = await this.catalog.getEntityByRef(entityRef, { credentials });
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
          if (relation.type === RELATION_PARENT_OF && target.startsWith('group:') && !groups.has(target)) {
            groups.add(target);
            pending.push(target);
          }
        }
      }
      if (pending.length > 0) {
        const { items } = await this.catalog.getEntitiesByRefs(
          { entityRefs: pending, fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'] },
          { credentials },
        );
        parents = items.filter((item): item is NonNullable<typeof item> => Boolean(item));
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
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'system' }, fields: ['kind', 'metadata.name', 'metadata.namespace'] },
      { credentials },
    );
    return items.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')).sort();
  }
}
