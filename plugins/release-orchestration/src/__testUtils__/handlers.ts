import {
  CreateReleaseRequest,
  Page,
  Release,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { http, HttpResponse } from 'msw';
import { contractErrors, contractJson } from './openapiContract';
import {
  apiBuilds,
  diff2,
  release2,
  releaseSummaries,
  systemComponents,
  workerBuilds,
} from './fixtures';
import { testId } from './testId';

/** Where `mockApis.discovery()` puts the plugin's backend. */
export const baseUrl = 'http://example.com/api/release-orchestration';

/** A Backstage error body, as the backend's error handler sends it. */
export function errorResponse(status: number, name: string, message: string) {
  const body = {
    error: { name, message },
    request: { method: 'GET', url: '/' },
    response: { statusCode: status },
  };
  // Any operation's error answers share one schema; /health documents none, /releases does.
  const errors = contractErrors('GET /releases', 400, body);
  if (errors) throw new Error(`errorResponse: ${errors}`);
  return HttpResponse.json(body, { status });
}

/**
 * A fake backend over the fixtures. Created releases are kept in `state`
 * and listed first, like the real list (newest first). The release list pages
 * by `limit` (at most `pageSize`) with an opaque cursor; `state.releaseCursors`
 * records the cursor of each list request.
 */
export function createFakeBackend(options: { pageSize?: number } = {}) {
  const state = {
    releases: [...releaseSummaries],
    created: [] as CreateReleaseRequest[],
    releaseCursors: [] as Array<string | null>,
  };
  const handlers = [
    http.get(`${baseUrl}/releases`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const all =
        params.get('system') === 'system:default/payments'
          ? state.releases
          : [];
      const cursor = params.get('cursor');
      state.releaseCursors.push(cursor);
      const offset = cursor ? Number(atob(cursor).replace('offset:', '')) : 0;
      const size = Math.min(
        Number(params.get('limit') ?? all.length) || all.length,
        options.pageSize ?? all.length,
      );
      const page: Page<ReleaseSummary> = {
        items: all.slice(offset, offset + size),
      };
      if (offset + size < all.length) {
        page.nextCursor = btoa(`offset:${offset + size}`);
      }
      return contractJson('GET /releases', page);
    }),
    // By id, or by version with ?system= (release pages read as the version).
    // Without evidence or promotions; promotionHandlers.ts fakes those.
    http.get(`${baseUrl}/releases/:idOrVersion`, ({ params, request }) => {
      const system = new URL(request.url).searchParams.get('system');
      const found = state.releases.find(
        r => r.id === params.idOrVersion || r.version === params.idOrVersion,
      );
      if (!found || (system && found.systemRef !== system)) {
        return errorResponse(
          404,
          'NotFoundError',
          `${system ?? 'This System'} has no release named ${
            params.idOrVersion
          }`,
        );
      }
      const release: Release =
        found.id === release2.id
          ? release2
          : { components: [], ...(found as Partial<Release>), ...found };
      return contractJson('GET /releases/{id}', {
        ...release,
        evidence: [],
        promotions: [],
      });
    }),
    http.get(`${baseUrl}/freezes`, () =>
      contractJson('GET /freezes', { items: [] }),
    ),
    http.get(`${baseUrl}/releases/${testId('rel-2')}/diff`, () =>
      contractJson('GET /releases/{id}/diff', diff2),
    ),
    http.get(`${baseUrl}/releases/${testId('rel-2')}/notes`, ({ request }) => {
      const against = new URL(request.url).searchParams.get('against');
      return contractJson('GET /releases/{id}/notes', {
        release: { id: testId('rel-2'), version: '2026.03.05-1' },
        ...(against ? { environment: against } : {}),
        markdown: `# system:default/payments 2026.03.05-1\n\nCompared with ${
          against ?? 'release 2026.03.01-1'
        }.\n\n- \`d1e2f3a\` PAY-42: faster refunds (\\#123)\n`,
        pullRequests: ['#123'],
        tickets: ['PAY-42'],
      });
    }),
    http.get(`${baseUrl}/systems/default/payments/components`, () =>
      contractJson('GET /systems/{namespace}/{name}/components', {
        items: systemComponents,
      }),
    ),
    http.get(`${baseUrl}/builds`, ({ request }) => {
      const component = new URL(request.url).searchParams.get('component');
      const items =
        {
          'component:default/payments-api': apiBuilds,
          'component:default/payments-worker': workerBuilds,
        }[component ?? ''] ?? [];
      return contractJson('GET /builds', { items });
    }),
    http.post(`${baseUrl}/releases`, async ({ request }) => {
      const body = (await request.json()) as CreateReleaseRequest;
      state.created.push(body);
      const created: Release = {
        id: testId(`rel-${state.releases.length + 1}`),
        systemRef: body.system,
        version: body.version,
        notes: body.notes,
        riskClass: body.riskClass ?? 'medium',
        createdBy: 'user:default/guest',
        createdAt: new Date().toISOString(),
        componentCount: body.components?.length ?? 0,
        manifestDigest:
          'sha256:e3b0c442e3b0c442e3b0c442e3b0c442e3b0c442e3b0c442e3b0c442e3b0c442',
        components: [],
      };
      state.releases = [created, ...state.releases];
      return contractJson('POST /releases', created, 201);
    }),
  ];
  return { state, handlers };
}
