import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReleaseOrchestrationApiCaller } from '../apiCaller';
import { createAttachEvidenceAction } from './attachEvidence';
import { createCutReleaseAction } from './cutRelease';
import { createReportDeploymentAction } from './reportDeployment';
import { createRequestPromotionAction } from './requestPromotion';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://release-orchestration.test/api/release-orchestration';
const discovery = {
  getBaseUrl: async (pluginId: string) =>
    `http://release-orchestration.test/api/${pluginId}`,
  getExternalBaseUrl: async (pluginId: string) =>
    `http://release-orchestration.test/api/${pluginId}`,
};
const auth = mockServices.auth({ pluginId: 'scaffolder' });
const RELEASE_ID = '3f1c8a52-0d7e-4d7a-9a55-0b8e1f7c2a10';
const PROMOTION_ID = '9b2e4c11-7f3a-4e8d-8c21-5d6a7b8c9d0e';

/** Records what the fake Release Orchestration API was sent. */
function recordRequests() {
  const seen: Array<{
    method: string;
    path: string;
    authorization: string | null;
    idempotencyKey: string | null;
    body: any;
  }> = [];
  const record = async (request: Request) => {
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname.replace(
        '/api/release-orchestration',
        '',
      ),
      authorization: request.headers.get('authorization'),
      idempotencyKey: request.headers.get('idempotency-key'),
      body: request.headers.get('content-type')
        ? await request.json()
        : undefined,
    });
  };
  return { seen, record };
}

async function userToken() {
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: mockCredentials.user(),
    targetPluginId: 'release-orchestration',
  });
  return `Bearer ${token}`;
}

const api = (allowPluginCredentials = false) =>
  new ReleaseOrchestrationApiCaller({
    discovery,
    auth,
    allowPluginCredentials,
  });

describe('the Release Orchestration scaffolder actions', () => {
  it('release:cut posts the release as the user who started the task, with a step-scoped Idempotency-Key, and outputs it', async () => {
    const { seen, record } = recordRequests();
    server.use(
      http.post(`${BASE}/releases`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          {
            id: RELEASE_ID,
            version: '2026.12.06-1',
            manifestDigest: `sha256:${'a'.repeat(64)}`,
            componentCount: 2,
            systemRef: 'system:default/payments',
          },
          { status: 201 },
        );
      }),
    );
    const ctx = createMockActionContext({
      input: {
        system: 'system:default/payments',
        version: '2026.12.06-1',
        riskClass: 'high',
        components: [
          { component: 'component:default/ledger', version: '2.8.0' },
        ],
      },
    });
    await createCutReleaseAction(api()).handler(ctx as any);
    expect(seen).toEqual([
      {
        method: 'POST',
        path: '/releases',
        authorization: await userToken(),
        idempotencyKey: 'scaffolder:mock-task-id:mock-step-id',
        body: {
          system: 'system:default/payments',
          version: '2026.12.06-1',
          riskClass: 'high',
          components: [
            { component: 'component:default/ledger', version: '2.8.0' },
          ],
        },
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('releaseId', RELEASE_ID);
    expect(ctx.output).toHaveBeenCalledWith('version', '2026.12.06-1');
    expect(ctx.output).toHaveBeenCalledWith('componentCount', 2);
    expect(ctx.output).toHaveBeenCalledWith(
      'releaseUrl',
      `/catalog/default/system/payments/releases/${RELEASE_ID}`,
    );
  });

  it('release:cut declares its input and output schemas (system and version required)', () => {
    const action = createCutReleaseAction(api());
    expect(action.id).toBe('release-orchestration:release:cut');
    expect(action.schema?.input).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['system', 'version']),
      properties: { riskClass: { enum: ['low', 'medium', 'high'] } },
    });
    expect(
      Object.keys((action.schema?.output as any).properties).sort(),
    ).toEqual([
      'componentCount',
      'manifestDigest',
      'releaseId',
      'releaseUrl',
      'version',
    ]);
  });

  it('promotion:request asks for the promotion and outputs its state; a refusal fails the step with every unmet condition', async () => {
    const { seen, record } = recordRequests();
    let refuse = false;
    server.use(
      http.post(
        `${BASE}/releases/${RELEASE_ID}/promotions`,
        async ({ request }) => {
          await record(request);
          if (refuse) {
            return HttpResponse.json(
              {
                error: {
                  name: 'PromotionRefusedError',
                  message:
                    'Promotion of system:default/payments 2026.12.06-1 to production cannot go ahead: 2 conditions are not met.',
                },
                unmetConditions: [
                  {
                    code: 'missing-evidence',
                    message: 'security-scan has not passed',
                  },
                  {
                    code: 'previous-environment',
                    message: 'it has not succeeded in staging',
                  },
                ],
              },
              { status: 422 },
            );
          }
          return HttpResponse.json(
            { id: PROMOTION_ID, state: 'pending_approval' },
            { status: 201 },
          );
        },
      ),
    );
    const ctx = createMockActionContext({
      input: {
        releaseId: RELEASE_ID,
        environment: 'staging',
        justification: 'Ready for QA',
        emergencyOverrideJustification: 'The card outage needs this fix',
      },
    });
    await createRequestPromotionAction(api()).handler(ctx as any);
    expect(seen[0].body).toEqual({
      environment: 'staging',
      justification: 'Ready for QA',
      emergencyOverride: { justification: 'The card outage needs this fix' },
    });
    expect(ctx.output).toHaveBeenCalledWith('promotionId', PROMOTION_ID);
    expect(ctx.output).toHaveBeenCalledWith('state', 'pending_approval');

    refuse = true;
    const refused = createMockActionContext({
      input: { releaseId: RELEASE_ID, environment: 'production' },
    });
    await expect(
      createRequestPromotionAction(api()).handler(refused as any),
    ).rejects.toThrow(
      `release-orchestration:promotion:request: Release Orchestration answered 422 to POST /releases/${RELEASE_ID}/promotions: Promotion of system:default/payments 2026.12.06-1 to production cannot go ahead: 2 conditions are not met.\n- missing-evidence: security-scan has not passed\n- previous-environment: it has not succeeded in staging`,
    );
    expect(refused.output).not.toHaveBeenCalled();
  });

  it('deployment:report sends an idempotency key made of the task and step (or the given one) and outputs the deployment', async () => {
    const { seen, record } = recordRequests();
    server.use(
      http.post(`${BASE}/deployments`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          {
            id: 'd-1',
            systemRef: 'system:default/payments',
            status: 'succeeded',
          },
          { status: 201 },
        );
      }),
    );
    const ctx = createMockActionContext({
      input: {
        promotionId: PROMOTION_ID,
        environment: 'staging',
        status: 'succeeded',
      },
    });
    await createReportDeploymentAction(api()).handler(ctx as any);
    const given = createMockActionContext({
      input: {
        component: 'component:default/ledger',
        version: '2.8.0',
        environment: 'dev',
        status: 'started',
        idempotencyKey: 'pipeline-42',
      },
    });
    await createReportDeploymentAction(api()).handler(given as any);
    expect(seen.map(s => s.body)).toEqual([
      {
        idempotencyKey: 'scaffolder:mock-task-id:mock-step-id',
        promotionId: PROMOTION_ID,
        environment: 'staging',
        status: 'succeeded',
      },
      {
        idempotencyKey: 'pipeline-42',
        component: 'component:default/ledger',
        version: '2.8.0',
        environment: 'dev',
        status: 'started',
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('deploymentId', 'd-1');
    expect(ctx.output).toHaveBeenCalledWith(
      'systemRef',
      'system:default/payments',
    );
  });

  it("evidence:attach posts the evidence; the backend's 400 naming the field fails the step", async () => {
    const { seen, record } = recordRequests();
    server.use(
      http.post(
        `${BASE}/releases/${RELEASE_ID}/evidence`,
        async ({ request }) => {
          await record(request);
          const body: any = await new Response(
            JSON.stringify(seen.at(-1)?.body),
          ).json();
          if (body.type === 'Bad Type') {
            return HttpResponse.json(
              {
                error: {
                  name: 'InputError',
                  message:
                    'type: must be lower-case letters, digits and dashes',
                },
              },
              { status: 400 },
            );
          }
          return HttpResponse.json({ id: 'e-1' }, { status: 201 });
        },
      ),
    );
    const ctx = createMockActionContext({
      input: {
        releaseId: RELEASE_ID,
        type: 'change-ticket',
        status: 'pass',
        url: 'https://tickets.acme.example/CHG-1',
        summary: 'CHG-1 approved',
      },
    });
    await createAttachEvidenceAction(api()).handler(ctx as any);
    expect(seen[0]).toMatchObject({
      path: `/releases/${RELEASE_ID}/evidence`,
      body: {
        type: 'change-ticket',
        status: 'pass',
        url: 'https://tickets.acme.example/CHG-1',
        summary: 'CHG-1 approved',
      },
    });
    expect(ctx.output).toHaveBeenCalledWith('evidenceId', 'e-1');
    const bad = createMockActionContext({
      input: {
        releaseId: RELEASE_ID,
        type: 'Bad Type',
        status: 'pass',
        url: 'https://x.example',
        summary: 'x',
      },
    });
    await expect(
      createAttachEvidenceAction(api()).handler(bad as any),
    ).rejects.toThrow(
      'answered 400 to POST /releases/3f1c8a52-0d7e-4d7a-9a55-0b8e1f7c2a10/evidence: type: must be lower-case letters, digits and dashes',
    );
  });

  it("uses the scaffolder's own credentials only when config allows it", async () => {
    const { seen, record } = recordRequests();
    server.use(
      http.post(
        `${BASE}/releases/${RELEASE_ID}/evidence`,
        async ({ request }) => {
          await record(request);
          return HttpResponse.json({ id: 'e-2' }, { status: 201 });
        },
      ),
    );
    const input = {
      releaseId: RELEASE_ID,
      type: 'unit-tests',
      status: 'pass',
      url: 'https://ci.example/1',
      summary: 'green',
      credentials: 'plugin',
    };
    await expect(
      createAttachEvidenceAction(api(false)).handler(
        createMockActionContext({ input }) as any,
      ),
    ).rejects.toThrow(
      "credentials: 'plugin' is not allowed here; set releaseOrchestration.scaffolder.allowPluginCredentials: true",
    );
    expect(seen).toEqual([]);
    await createAttachEvidenceAction(api(true)).handler(
      createMockActionContext({ input }) as any,
    );
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'release-orchestration',
    });
    expect(seen[0].authorization).toBe(`Bearer ${token}`);
    expect(seen[0].authorization).not.toBe(await userToken());
    expect(seen[0].body).not.toHaveProperty('credentials');
  });
});
