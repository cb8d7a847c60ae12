import {
  CreateReleaseRequest,
  Page,
  Release,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { http, HttpResponse } from 'msw';
import {
  apiBuilds,
  diff2,
  release2,
  releaseSummaries,
  systemComponents,
  workerBuilds,
} from './fixtures';

/** Where `mockApis.discovery()` puts the plugin's backend. */
export const baseUrl = 'http://example.com/api/release-orchestration';

/** A Backstage error body, as the backend's error handler sends it. */
export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, request: {}, response: { statusCode: status } },
    { status },
  );
}

/**
 * A fake backend over the fixtures. Created releases are kept in `state`
 * and listed first, like the real list (newest first).
 */
export function createFakeBackend() {
  const state = {
    releases: [...releaseSummaries],
    created: [] as CreateReleaseRequest[],
  };
  const handlers = [
    http.get(`${baseUrl}/releases`, ({ request }) => {
      const system = new URL(request.url).searchParams.get('system');
      const page: Page<ReleaseSummary> = {
        items: system === 'system:default/payments' ? state.releases : [],
      };
      return HttpResponse.json(page);
    }),
    // Without evidence or promotions; promotionHandlers.ts fakes those.
    http.get(`${baseUrl}/releases/rel-2`, () =>
      HttpResponse.json({ ...release2, evidence: [], promotions: [] }),
    ),
    http.get(`${baseUrl}/freezes`, () => HttpResponse.json({ items: [] })),
    http.get(`${baseUrl}/releases/rel-2/diff`, () => HttpResponse.json(diff2)),
    http.get(`${baseUrl}/systems/default/payments/components`, () =>
      HttpResponse.json({ items: systemComponents }),
    ),
    http.get(`${baseUrl}/builds`, ({ request }) => {
      const component = new URL(request.url).searchParams.get('component');
      const items =
        {
          'component:default/payments-api': apiBuilds,
          'component:default/payments-worker': workerBuilds,
        }[component ?? ''] ?? [];
      return HttpResponse.json({ items });
    }),
    http.post(`${baseUrl}/releases`, async ({ request }) => {
      const body = (await request.json()) as CreateReleaseRequest;
      state.created.push(body);
      const created: Release = {
        id: `rel-${state.releases.length + 1}`,
        systemRef: body.system,
        version: body.version,
        notes: body.notes,
        riskClass: body.riskClass ?? 'medium',
        createdBy: 'user:default/guest',
        createdAt: new Date().toISOString(),
        componentCount: body.components?.length ?? 0,
        components: [],
      };
      state.releases = [created, ...state.releases];
      return HttpResponse.json(created, { status: 201 });
    }),
  ];
  return { state, handlers };
}
