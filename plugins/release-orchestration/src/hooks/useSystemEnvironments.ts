import { useApi } from '@backstage/core-plugin-api';
import { SystemEnvironments } from '@release-orchestration/plugin-release-orchestration-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../api';

/** Every lane of a System with its releases and drift; no request without a System. */
export function useSystemEnvironments(systemRef: string | undefined) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(
    async (): Promise<SystemEnvironments | undefined> =>
      systemRef ? api.getSystemEnvironments(systemRef) : undefined,
    [api, systemRef],
  );
}
