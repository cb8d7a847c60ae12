import { useApi } from '@backstage/core-plugin-api';
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
