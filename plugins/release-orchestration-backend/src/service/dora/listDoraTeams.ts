import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** A team as the DORA org page lists it: a Group that owns Systems, with the Systems it covers. */
export interface DoraTeam {
  ref: string;
  title: string;
  /** Its own Systems and those of its descendant groups, sorted. */
  systems: string[];
}

/** Lists the teams of the catalog (`GET /dora/teams`). */
export interface DoraTeamCatalog {
  /** Every Group owning at least one System, by ref, with the caller's view of the catalog. */
  listTeams(credentials?: BackstageCredentials): Promise<DoraTeam[]>;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The teams from two catalog reads (every System with its owner, every Group with its children):
 * a team covers its Systems and, recursively, its child groups' Systems.
 */
export async function listDoraTeams(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<DoraTeam[]> {
  const [systems, groups] = await Promise.all([
    catalog.getEntities(
      {
        filter: { kind: 'system' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    ),
    catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.profile.displayName',
          'relations',
        ],
      },
      { credentials },
    ),
  ]);
  const owned = new Map<string, string[]>();
  for (const system of systems.items) {
    const ref = lower(stringifyEntityRef(system));
    for (const relation of system.relations ?? []) {
      const owner = lower(relation.targetRef);
      if (relation.type === RELATION_OWNED_BY && owner.startsWith('group:')) {
        owned.set(owner, [...(owned.get(owner) ?? []), ref]);
      }
    }
  }
  const children = new Map<string, string[]>();
  const titles = new Map<string, string>();
  for (const group of groups.items) {
    const ref = lower(stringifyEntityRef(group));
    const profile = group.spec?.profile as { displayName?: string } | undefined;
    titles.set(
      ref,
      profile?.displayName ?? group.metadata.title ?? group.metadata.name,
    );
    children.set(
      ref,
      (group.relations ?? [])
        .filter(r => r.type === RELATION_PARENT_OF)
        .map(r => lower(r.targetRef)),
    );
  }
  const teams: DoraTeam[] = [];
  for (const ref of [...owned.keys()].sort()) {
    const covered = new Set<string>();
    const seen = new Set([ref]);
    const pending = [ref];
    while (pending.length > 0) {
      const group = pending.pop()!;
      for (const system of owned.get(group) ?? []) covered.add(system);
      for (const child of children.get(group) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          pending.push(child);
        }
      }
    }
    teams.push({
      ref,
      title: titles.get(ref) ?? ref.slice(ref.indexOf('/') + 1),
      systems: [...covered].sort(),
    });
  }
  return teams;
}
