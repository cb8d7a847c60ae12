import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
// The end-to-end test runs the actions against the real plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import releaseOrchestrationPlugin from '@release-orchestration/plugin-release-orchestration-backend';
import request from 'supertest';
import scaffolderModule from './index';

jest.setTimeout(60_000);

const entity = (kind: string, name: string, system?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {
    owner: 'group:default/team',
    ...(system ? { system, type: 'service' } : {}),
  },
  relations: system
    ? [{ type: 'partOf', targetRef: `system:default/${system}` }]
    : [],
});

const build = (component: string, version: string) => {
  const hex = Buffer.from(`${component}@${version}`)
    .toString('hex')
    .padEnd(64, '0')
    .slice(0, 64);
  return {
    component: `component:default/${component}`,
    version,
    artifactUri: `registry.example/${component}:${version}`,
    artifactDigest: `sha256:${hex}`,
    buildUrl: `https://ci.example/${component}/1`,
    commitSha: hex.slice(0, 40),
    commitTime: '2026-11-01T10:00:00.000Z',
  };
};

describe('the scaffolder module', () => {
  it('registers the four actions, which cut, attach evidence, promote and report a deployment in the real plugin as the task initiator', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    const { server } = await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...a: TemplateAction<any, any, any>[]) =>
              actions.push(...a),
          },
        ],
      ],
      features: [
        scaffolderModule,
        releaseOrchestrationPlugin,
        catalogServiceMock.factory({
          entities: [
            entity('System', 'payments'),
            entity('Component', 'ledger', 'payments'),
            entity('Component', 'api', 'payments'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            releaseOrchestration: {
              environments: [
                { name: 'dev' },
                { name: 'staging', requiredEvidence: ['unit-tests'] },
              ],
            },
          },
        }),
      ],
    });
    expect(actions.map(a => a.id).sort()).toEqual([
      'release-orchestration:deployment:report',
      'release-orchestration:evidence:attach',
      'release-orchestration:promotion:request',
      'release-orchestration:release:cut',
    ]);
    const action = (id: string) => actions.find(a => a.id.endsWith(id))!;
    for (const [component, version] of [
      ['ledger', '2.8.0'],
      ['api', '3.2.0'],
    ]) {
      await request(server)
        .post('/api/release-orchestration/builds')
        .set('Authorization', mockCredentials.service.header())
        .send(build(component, version))
        .expect(201);
    }
    const outputs: Record<string, unknown> = {};
    const run = async (
      id: string,
      input: Record<string, unknown>,
      step: string,
    ) => {
      const ctx = createMockActionContext({ input: input as any });
      (ctx as any).step = { id: step, name: step };
      (ctx as any).output = (name: string, value: unknown) => {
        outputs[`${step}.${name}`] = value;
      };
      await action(id).handler(ctx);
    };

    await run(
      ':release:cut',
      { system: 'system:default/payments', version: '2026.12.06-1' },
      'cut',
    );
    const releaseId = outputs['cut.releaseId'] as string;
    expect(outputs).toMatchObject({
      'cut.version': '2026.12.06-1',
      'cut.componentCount': 2,
    });

    // staging needs passing unit tests: refused first, with the condition named.
    await expect(
      run(
        ':promotion:request',
        { releaseId, environment: 'staging' },
        'promote-early',
      ),
    ).rejects.toThrow(
      /answered 422 [\s\S]*\n- evidence-missing: No unit-tests evidence is attached/,
    );
    await run(
      ':evidence:attach',
      {
        releaseId,
        type: 'unit-tests',
        status: 'pass',
        url: 'https://ci.example/tests/1',
        summary: '412 tests passed',
      },
      'evidence',
    );
    await run(
      ':promotion:request',
      { releaseId, environment: 'dev' },
      'promote-dev',
    );
    expect(outputs['promote-dev.state']).toBe('approved');
    await run(
      ':deployment:report',
      {
        promotionId: outputs['promote-dev.promotionId'],
        environment: 'dev',
        status: 'succeeded',
      },
      'deployed',
    );
    expect(outputs).toMatchObject({
      'deployed.systemRef': 'system:default/payments',
      'deployed.status': 'succeeded',
    });
    // With the evidence and the dev deployment, staging takes it.
    await run(
      ':promotion:request',
      { releaseId, environment: 'staging' },
      'promote-staging',
    );
    expect(outputs['promote-staging.state']).toBe('approved');

    const release = await request(server)
      .get(`/api/release-orchestration/releases/${releaseId}`)
      .expect(200);
    // Everything was done as the user who started the task, not as the scaffolder.
    expect(release.body.createdBy).toBe(
      mockCredentials.user().principal.userEntityRef,
    );
    expect(
      release.body.evidence.map((e: any) => [e.type, e.status, e.createdBy]),
    ).toEqual([
      ['unit-tests', 'pass', mockCredentials.user().principal.userEntityRef],
    ]);
    const promotion = release.body.promotions.find(
      (p: any) => p.environment === 'dev',
    );
    expect(promotion).toMatchObject({
      state: 'succeeded',
      requestedBy: mockCredentials.user().principal.userEntityRef,
    });
  });
});
