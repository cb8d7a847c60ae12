import { mockApis } from '@backstage/test-utils';
import { ReleaseOrchestrationClient } from '../api';

/** The real client against the msw fake backend at `baseUrl` in handlers.ts. */
export function createTestClient() {
  return new ReleaseOrchestrationClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}
