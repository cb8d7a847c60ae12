import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { buildInput } from '../fixtures';

/** The ids of the records the fuzzed requests point at. */
export interface FuzzIds {
  buildId: string;
  releaseId: string;
  otherReleaseId: string;
  promotionId: string;
  deploymentId: string;
  incidentId: string;
  freezeId: string;
}

/** A well-formed request of one operation, for the fuzzer to break one part of. */
export interface BaseRequest {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
  /** Body fields that must differ on every request for a create to be new (version, keys). */
  unique?: string[];
}

export const API = '/api/release-orchestration';

/** Creates, through the API, one record of every kind, so that valid ids reach deep code. */
export async function createFuzzFixtures(server: any): Promise<FuzzIds> {
  const ci = mockCredentials.service.header();
  const post = async (path: string, body: object) => {
    const res = await request(server)
      .post(`${API}${path}`)
      .set('Authorization', ci)
      .send(body);
    if (res.status >= 300) {
      throw new Error(
        `fixture ${path}: ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
    return res.body;
  };
  let buildId = '';
  for (const component of ['api', 'web', 'worker']) {
    buildId = (await post('/builds', buildInput(component, '1.0.0'))).id;
  }
  await post('/builds', buildInput('api', '1.1.0'));
  const release = await post('/releases', {
    system: 'system:default/shop',
    version: 'r1',
  });
  const other = await post('/releases', {
    system: 'system:default/shop',
    version: 'r2',
  });
  await post(`/releases/${release.id}/evidence`, {
    type: 'unit-tests',
    status: 'pass',
    url: 'https://ci.example/tests/1',
    summary: 'all green',
  });
  const promotion = await post(`/releases/${release.id}/promotions`, {
    environment: 'production',
  });
  const deployment = await post('/deployments', {
    idempotencyKey: 'fuzz-fixture',
    environment: 'dev',
    releaseId: release.id,
    status: 'succeeded',
  });
  const incident = await post('/incidents', {
    externalId: 'INC-1',
    system: 'system:default/shop',
    title: 'checkout down',
    openedAt: '2026-11-01T10:00:00Z',
  });
  const freeze = await post('/freezes', {
    environment: 'production',
    start: '2099-01-01T00:00:00Z',
    end: '2099-01-02T00:00:00Z',
    reason: 'year-end freeze',
  });
  return {
    buildId,
    releaseId: release.id,
    otherReleaseId: other.id,
    promotionId: promotion.id,
    deploymentId: deployment.id,
    incidentId: incident.id,
    freezeId: freeze.id,
  };
}

/**
 * A valid request of each operation the suite knows well; the others get one built from the
 * OpenAPI document's examples (see `fuzz.test.ts`).
 */
export function baseRequests(
  ids: FuzzIds,
): Record<string, Partial<BaseRequest>> {
  const shop = { namespace: 'default', name: 'shop' };
  const window = { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
  return {
    'GET /builds': {
      query: { component: 'component:default/api', limit: '10' },
    },
    'POST /builds': {
      unique: ['version'],
      body: {
        ...buildInput('api', '9.0.0'),
        commits: [
          { sha: 'abcdef1', time: '2026-10-01T00:00:00Z', message: 'fix' },
        ],
      },
    },
    'GET /builds/{id}': { path: { id: ids.buildId } },
    'POST /releases': {
      unique: ['version'],
      body: {
        system: 'system:default/shop',
        version: 'fuzz-1',
        notes: 'notes',
        riskClass: 'low',
        components: [{ component: 'component:default/api', version: '1.1.0' }],
      },
    },
    'GET /releases': { query: { system: 'system:default/shop', limit: '5' } },
    'GET /releases/{id}': { path: { id: ids.releaseId } },
    'GET /releases/{id}/diff': {
      path: { id: ids.otherReleaseId },
      query: { against: ids.releaseId },
    },
    'GET /releases/{id}/evidence-pack': { path: { id: ids.releaseId } },
    'GET /releases/{id}/notes': {
      path: { id: ids.otherReleaseId },
      query: { against: ids.releaseId },
    },
    'GET /systems/{namespace}/{name}/components': { path: shop },
    'GET /audit': { query: { entity: 'system:default/shop', limit: '5' } },
    'POST /deployments': {
      unique: ['idempotencyKey'],
      body: {
        idempotencyKey: 'fuzz-deployment',
        environment: 'dev',
        system: 'system:default/shop',
        component: 'component:default/api',
        version: '1.1.0',
        status: 'succeeded',
        startedAt: '2026-11-01T10:00:00Z',
        finishedAt: '2026-11-01T10:05:00Z',
        deployer: 'ci',
      },
    },
    'GET /deployments': {
      query: { system: 'system:default/shop', environment: 'dev', limit: '5' },
    },
    'GET /deployments/{id}': { path: { id: ids.deploymentId } },
    'GET /systems/{namespace}/{name}/environments': { path: shop },
    'POST /releases/{id}/evidence': {
      path: { id: ids.releaseId },
      body: {
        type: 'security-scan',
        status: 'pass',
        url: 'https://ci.example/scan/1',
        summary: 'no findings',
        environment: 'production',
      },
    },
    'POST /releases/{id}/promotions': {
      path: { id: ids.otherReleaseId },
      body: { environment: 'dev', justification: 'ship it' },
    },
    'GET /releases/{id}/promotions/check': {
      path: { id: ids.releaseId },
      query: { environment: 'production' },
    },
    'GET /promotions': {
      query: {
        state: 'pending_approval',
        environment: 'production',
        system: 'system:default/shop',
      },
    },
    'GET /promotions/count': {
      query: {
        state: 'pending_approval',
        approver: 'me',
        system: 'system:default/shop',
      },
    },
    'GET /promotions/{id}': { path: { id: ids.promotionId } },
    'POST /promotions/{id}/approvals': {
      path: { id: ids.promotionId },
      body: { decision: 'reject', comment: 'not yet' },
    },
    'POST /promotions/{id}/cancel': {
      path: { id: ids.promotionId },
      body: { reason: 'withdrawn' },
    },
    'POST /promotions/{id}/transitions': {
      path: { id: ids.promotionId },
      body: { to: 'deploying', reason: 'pipeline' },
    },
    'POST /systems/{namespace}/{name}/rollback': {
      path: shop,
      body: {
        environment: 'dev',
        toRelease: ids.releaseId,
        justification: 'bad release',
      },
    },
    'GET /freezes': {
      query: { environment: 'production', includePast: 'true' },
    },
    'POST /freezes': {
      body: {
        environment: 'production',
        systems: ['system:default/shop'],
        start: '2099-02-01T00:00:00Z',
        end: '2099-02-02T00:00:00Z',
        reason: 'launch',
      },
    },
    'DELETE /freezes/{id}': { path: { id: ids.freezeId } },
    'POST /incidents': {
      unique: ['externalId'],
      body: {
        externalId: 'INC-fuzz',
        source: 'api',
        system: 'system:default/shop',
        environment: 'production',
        title: 'errors',
        url: 'https://incidents.example/1',
        openedAt: '2026-11-02T10:00:00Z',
        resolvedAt: '2026-11-02T11:00:00Z',
      },
    },
    'GET /incidents': {
      query: {
        system: 'system:default/shop',
        environment: 'production',
        limit: '5',
      },
    },
    'POST /incidents/webhook': {
      query: { system: 'system:default/shop', environment: 'production' },
      body: {
        event: {
          id: 'EV1',
          event_type: 'incident.triggered',
          resource_type: 'incident',
          occurred_at: '2026-11-03T10:00:00Z',
          data: {
            id: 'PD1',
            title: 'down',
            html_url: 'https://pd.example/1',
            created_at: '2026-11-03T10:00:00Z',
            status: 'triggered',
          },
        },
      },
    },
    'GET /incidents/{id}': { path: { id: ids.incidentId } },
    'PATCH /incidents/{id}': {
      path: { id: ids.incidentId },
      body: { title: 'checkout down (db)', resolvedAt: '2026-11-01T12:00:00Z' },
    },
    'POST /cdevents': {
      unique: ['id'],
      body: {
        specversion: '1.0',
        id: 'fuzz-cdevent',
        source: '/tekton/fuzz',
        type: 'dev.cdevents.service.deployed.0.2.0',
        datacontenttype: 'application/json',
        data: {
          context: {
            version: '0.4.1',
            id: 'fuzz-cdevent',
            source: '/tekton/fuzz',
            type: 'dev.cdevents.service.deployed.0.2.0',
            timestamp: '2026-11-20T10:04:00Z',
          },
          subject: {
            id: 'service/api',
            source: '/tekton/fuzz',
            type: 'service',
            content: {
              environment: { id: 'dev', source: '/clusters/eu-1' },
              artifactId: `pkg:oci/api@${encodeURIComponent(
                `sha256:${'9f86d081'.repeat(8)}`,
              )}?repository_url=registry.example/shop/api&tag=1.4.0`,
            },
          },
        },
      },
    },
    'GET /dora': { query: { entity: 'system:default/shop', ...window } },
    'GET /dora/systems': { query: { entity: 'org', ...window, limit: '5' } },
  };
}
