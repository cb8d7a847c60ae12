import {
  DoraReport,
  DoraSystemRow,
} from '@release-orchestration/plugin-release-orchestration-common';
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

/** The teams of the fixtures' catalog, with their display names. */
const teams: Record<string, string> = {
  'group:default/checkout-team': 'Checkout Team',
  'group:default/payments-team': 'Payments Team',
};

/** The value `GET /dora/systems` sorts a row by. */
function metricValue(row: DoraSystemRow, metric: string): number {
  const { current } = row;
  const values: Record<string, number | undefined> = {
    deploymentFrequency: current.deploymentFrequency.perDay,
    changeLeadTime: current.changeLeadTime.medianSeconds,
    changeFailureRate: current.changeFailureRate.rate,
    failedDeploymentRecoveryTime:
      current.failedDeploymentRecoveryTime.medianSeconds,
    reworkRate: current.reworkRate.rate,
  };
  return values[metric] ?? Number.POSITIVE_INFINITY;
}

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
    http.get(`${baseUrl}/dora/teams`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      state.requests.push(params);
      return contractJson('GET /dora/teams', {
        productionEnvironment: 'production',
        levels: orgReport.levels,
        window: orgReport.current.window,
        previousWindow: orgReport.previous.window,
        items: Object.entries(teams).map(([ref, title]) => ({
          ref,
          title,
          systemCount: known[ref].entity.systemCount,
          current: known[ref].current,
          previous: known[ref].previous,
          trends: known[ref].trends,
        })),
      });
    }),
    http.get(`${baseUrl}/dora/systems`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      state.requests.push(params);
      const report = known[params.get('entity') ?? 'org'];
      if (!report) {
        return errorResponse(404, 'NotFoundError', 'not in the catalog');
      }
      // The fixture rows in the asked order (by ref, or by the metric's value).
      const sort = params.get('sort') ?? 'system';
      const sign = params.get('order') === 'desc' ? -1 : 1;
      const ordered = [...systemRows].sort((a, b) =>
        sort === 'system'
          ? sign * a.systemRef.localeCompare(b.systemRef)
          : sign * (metricValue(a, sort) - metricValue(b, sort)),
      );
      // Two pages of one row, so the UI must follow the cursor.
      const page = params.get('cursor') === 'page-2' ? 1 : 0;
      return contractJson('GET /dora/systems', {
        entity: report.entity,
        productionEnvironment: 'production',
        window: report.current.window,
        previousWindow: report.previous.window,
        items: [ordered[page]],
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
