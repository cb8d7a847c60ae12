import { DoraReport } from '@release-orchestration/plugin-release-orchestration-common';
import { http } from 'msw';
import {
  doraFacts,
  engineeringReport,
  orgReport,
  paymentsReport,
  systemRows,
  teamReports,
} from './doraFixtures';
import { baseUrl, errorResponse } from './handlers';
import { contractJson } from './openapiContract';

/**
 * A fake DORA backend over the fixtures. `state.requests` records each query
 * (entity, from, to, and the cursor for the Systems list).
 */
export function createFakeDoraBackend(
  reports: Record<string, DoraReport> = {},
) {
  const known: Record<string, DoraReport> = {
    'system:default/payments': paymentsReport,
    'group:default/engineering': engineeringReport,
    org: orgReport,
    ...teamReports,
    ...reports,
  };
  const state = { requests: [] as URLSearchParams[] };
  const handlers = [
    http.get(`${baseUrl}/dora`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      state.requests.push(params);
      const report = known[params.get('entity') ?? ''];
      return report
        ? contractJson('GET /dora', report)
        : errorResponse(
            404,
            'NotFoundError',
            `entity: ${params.get('entity')} is not in the catalog`,
          );
    }),
    http.get(`${baseUrl}/dora/systems`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      state.requests.push(params);
      const report = known[params.get('entity') ?? ''];
      if (!report) {
        return errorResponse(404, 'NotFoundError', 'not in the catalog');
      }
      // Two pages of one row, so the UI must follow the cursor.
      const page = params.get('cursor') === 'page-2' ? 1 : 0;
      return contractJson('GET /dora/systems', {
        entity: report.entity,
        productionEnvironment: 'production',
        window: report.current.window,
        previousWindow: report.previous.window,
        items: [systemRows[page]],
        ...(page === 0 ? { nextCursor: 'page-2' } : {}),
      });
    }),
    http.get(`${baseUrl}/dora/facts`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      state.requests.push(params);
      const report = known[params.get('entity') ?? ''];
      if (!report) {
        return errorResponse(404, 'NotFoundError', 'not in the catalog');
      }
      // Two pages of one deployment, so the dialog must follow the cursor.
      const second = params.get('cursor') === 'facts-2';
      return contractJson('GET /dora/facts', {
        entity: report.entity,
        metric: params.get('metric'),
        window: report.current.window,
        items: [second ? doraFacts[1] : doraFacts[0]],
        ...(second ? {} : { nextCursor: 'facts-2' }),
      });
    }),
  ];
  return { state, handlers };
}
