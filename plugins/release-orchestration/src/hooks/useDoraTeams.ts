import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { DoraReport } from '@release-orchestration/plugin-release-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../api';

/** A team as the org page lists it: a Group that owns at least one System. */
export interface DoraTeam {
  ref: string;
  title: string;
}

/** Reports fetched at once; the org page of a large installation asks per team. */
const CONCURRENCY = 4;

function ownerGroupRef(owner: unknown, namespace: string): string | undefined {
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: namespace,
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'group'
      ? stringifyEntityRef(ref).toLocaleLowerCase('en-US')
      : undefined;
  } catch {
    return undefined;
  }
}

/** The Groups that own Systems in the catalog, by display name. */
export function useDoraTeamList() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<DoraTeam[]> => {
    const { items: systems } = await catalogApi.getEntities({
      filter: { kind: 'System' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.owner'],
    });
    const owners = new Set<string>();
    for (const system of systems) {
      const ref = ownerGroupRef(
        system.spec?.owner,
        system.metadata.namespace ?? 'default',
      );
      if (ref) owners.add(ref);
    }
    const refs = [...owners].sort();
    const { items: groups } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return refs
      .map((ref, i) => {
        const group = groups[i];
        const profile = group?.spec?.profile as
          | { displayName?: string }
          | undefined;
        return {
          ref,
          title:
            profile?.displayName ??
            group?.metadata.title ??
            group?.metadata.name ??
            parseEntityRef(ref).name,
        };
      })
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi]);
}

/** One team's report, or why it could not be had. */
export type DoraTeamResult =
  | { team: DoraTeam; report: DoraReport; error?: undefined }
  | { team: DoraTeam; report?: undefined; error: Error };

/** Each team's DORA report over the window, a few requests at a time. */
export function useDoraTeamReports(
  teams: DoraTeam[] | undefined,
  range: { from: string; to: string },
) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsync(async (): Promise<DoraTeamResult[]> => {
    const list = teams ?? [];
    const results: DoraTeamResult[] = new Array(list.length);
    let next = 0;
    const worker = async () => {
      while (next < list.length) {
        const index = next++;
        const team = list[index];
        try {
          results[index] = {
            team,
            report: await api.getDoraReport({ entity: team.ref, ...range }),
          };
        } catch (error) {
          results[index] = { team, error: error as Error };
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, list.length) }, worker),
    );
    return results;
  }, [api, teams, range.from, range.to]);
}
