import { SystemEnvironments } from '@release-orchestration/plugin-release-orchestration-common';
import { http } from 'msw';
import {
  environmentPolicies,
  paymentsEnvironments,
} from './environmentFixtures';
import { baseUrl, errorResponse } from './handlers';
import { contractJson } from './openapiContract';

/**
 * A fake backend for `GET /environments` and `GET /systems/{ns}/{name}/environments`:
 * the Systems in `systems` by ref; any other System is not in the catalog (404).
 * `state.requests` records the paths asked for.
 */
export function createFakeEnvironmentBackend(
  systems: Record<string, SystemEnvironments> = {
    'system:default/payments': paymentsEnvironments,
  },
) {
  const state = { requests: [] as string[] };
  const handlers = [
    http.get(`${baseUrl}/environments`, () =>
      contractJson('GET /environments', { items: environmentPolicies }),
    ),
    http.get(
      `${baseUrl}/systems/:namespace/:name/environments`,
      ({ params, request }) => {
        state.requests.push(new URL(request.url).pathname);
        const ref = `system:${params.namespace}/${params.name}`;
        const body = systems[ref];
        return body
          ? contractJson('GET /systems/{namespace}/{name}/environments', body)
          : errorResponse(404, 'NotFoundError', `${ref} is not in the catalog`);
      },
    ),
  ];
  return { state, handlers };
}
