import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../api';

/** Every team's DORA figures over `[from, to)`, in one request (`GET /dora/teams`). */
export function useDoraTeamFigures(range: { from: string; to: string }) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsync(() => api.getDoraTeams(range), [api, range.from, range.to]);
}
