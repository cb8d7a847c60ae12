import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The integration test runs the module inside the real plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import releaseOrchestrationPlugin from '@release-orchestration/plugin-release-orchestration-backend';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import first from './__fixtures__/applications.json';
import later from './__fixtures__/applications-later.json';
import argoCdModule from './index';

jest.setTimeout(60_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function entity(kind: string, name: string, system?: string): Entity {
  return {
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
  };
}

const entities = [
  entity('System', 'payments'),
  entity('Component', 'payments-api', 'payments'),
  entity('Component', 'ledger', 'payments'),
  entity('System', 'checkout'),
  entity('Component', 'checkout-web', 'checkout'),
  entity('System', 'platform'),
  entity('Component', 'gateway', 'platform'),
];

describe('the argocd module', () => {
  it('records what Argo CD shows as deployments on schedule, once, finishing running syncs later', async () => {
    let response: object = first;
    server.use(
      http.get('https://argocd.acme.example/api/v1/applications', () =>
        HttpResponse.json(response),
      ),
    );
    let scheduler: SchedulerService | undefined;
    const grabScheduler = createBackendModule({
      pluginId: 'release-orchestration',
      moduleId: 'test-scheduler',
      register(env) {
        env.registerInit({
          deps: { scheduler: coreServices.scheduler },
          async init(deps) {
            scheduler = deps.scheduler;
          },
        });
      },
    });
    const { server: backend } = await startTestBackend({
      features: [
        releaseOrchestrationPlugin,
        argoCdModule,
        grabScheduler,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            releaseOrchestration: {
              environments: [
                { name: 'dev' },
                { name: 'staging' },
                { name: 'production' },
              ],
              argocd: {
                instances: [
                  {
                    name: 'main',
                    baseUrl: 'https://argocd.acme.example/',
                    token: 'secret',
                    applications: [
                      {
                        name: 'ledger-prod',
                        component: 'component:default/ledger',
                        environment: 'production',
                        image: 'registry.acme.example/payments/ledger',
                      },
                    ],
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    const task = 'release-orchestration-deployment-source-argocd';
    expect((await scheduler!.getScheduledTasks()).map(t => t.id)).toContain(
      task,
    );
    await scheduler!.triggerTask(task);
    await scheduler!.triggerTask(task);
    response = later;
    await scheduler!.triggerTask(task);

    const SOURCE = 'service:deployment-source:argocd';
    const list = async (system: string) =>
      (
        await request(backend).get(
          `/api/release-orchestration/deployments?system=system:default/${system}`,
        )
      ).body.items;
    const payments = await list('payments');
    expect(
      payments.map((d: any) => [
        d.environment,
        d.components[0].componentRef,
        d.components[0].version,
        d.status,
        d.deployer,
        d.deployerClaim,
      ]),
    ).toEqual(
      // The source is the authenticated principal; who Argo CD says deployed is kept as a claim.
      expect.arrayContaining([
        [
          'production',
          'component:default/payments-api',
          '3.2.0',
          'succeeded',
          SOURCE,
          'argocd:automated',
        ],
        [
          'staging',
          'component:default/payments-api',
          '3.3.0-rc.1',
          'succeeded',
          SOURCE,
          'dana@acme.example',
        ],
        [
          'production',
          'component:default/ledger',
          '2.8.0',
          'failed',
          SOURCE,
          'argocd:automated',
        ],
      ]),
    );
    expect(payments).toHaveLength(3);
    const staging = payments.find((d: any) => d.environment === 'staging');
    expect(staging).toMatchObject({
      idempotencyKey:
        'argocd:main/argocd/payments-api-staging@2026-11-20T15:09:58Z',
      startedAt: '2026-11-20T15:09:58.000Z',
      finishedAt: '2026-11-20T15:13:02.000Z',
    });
    const [checkout] = await list('checkout');
    expect(checkout).toMatchObject({
      environment: 'production',
      rollback: true,
      deployer: SOURCE,
      deployerClaim: 'erin@acme.example',
    });
    expect(await list('checkout')).toHaveLength(1); // the qa application names a lane that is not configured
    const [gateway] = await list('platform');
    expect(gateway).toMatchObject({
      environment: 'dev',
      status: 'succeeded',
      components: [
        { componentRef: 'component:default/gateway', version: '1.9.0' },
      ],
    });

    const audit = await request(backend).get(
      '/api/release-orchestration/audit?entity=system:default/payments',
    );
    expect(audit.body.items.map((e: any) => e.action).sort()).toEqual([
      'deployment.failed',
      'deployment.started',
      'deployment.succeeded',
      'deployment.succeeded',
    ]);
    const lanes = await request(backend).get(
      '/api/release-orchestration/systems/default/payments/environments',
    );
    expect(
      lanes.body.environments.map((e: any) => [
        e.environment,
        e.running.map((r: any) => `${r.componentRef}@${r.version}`),
      ]),
    ).toEqual([
      ['dev', []],
      ['staging', ['component:default/payments-api@3.3.0-rc.1']],
      ['production', ['component:default/payments-api@3.2.0']],
    ]);
  });
});

describe("the argocd module with the community Argo CD plugins' config and annotations", () => {
  it('reads argocd.appLocatorMethods (session login) and finds applications through argocd/app-name and argocd/app-selector', async () => {
    const sessions: unknown[] = [];
    const seen: string[] = [];
    server.use(
      http.post(
        'https://argo2.acme.example/api/v1/session',
        async ({ request: req }) => {
          sessions.push(await req.json());
          return HttpResponse.json({ token: 'session-token' });
        },
      ),
      http.get(
        'https://argo2.acme.example/api/v1/applications',
        ({ request: req }) => {
          seen.push(req.headers.get('authorization') ?? '');
          return HttpResponse.json(first);
        },
      ),
    );
    const annotated = (
      name: string,
      system: string,
      annotations: Record<string, string>,
    ) => {
      const e = entity('Component', name, system);
      return { ...e, metadata: { ...e.metadata, annotations } };
    };
    let scheduler: SchedulerService | undefined;
    const grabScheduler = createBackendModule({
      pluginId: 'release-orchestration',
      moduleId: 'test-scheduler',
      register(env) {
        env.registerInit({
          deps: { scheduler: coreServices.scheduler },
          async init(deps) {
            scheduler = deps.scheduler;
          },
        });
      },
    });
    const { server: backend } = await startTestBackend({
      features: [
        releaseOrchestrationPlugin,
        argoCdModule,
        grabScheduler,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [
            entity('System', 'payments'),
            entity('Component', 'payments-api', 'payments'),
            // ledger-prod carries no release-orchestration.io keys and is in no config mapping.
            annotated('ledger', 'payments', {
              'argocd/app-name': 'ledger-prod',
              'argocd/instance-name': 'argoInstance2',
            }),
            entity('System', 'checkout'),
            annotated('checkout-web', 'checkout', {
              'argocd/app-selector': 'nothing=matches',
            }),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            releaseOrchestration: {
              environments: [
                { name: 'dev' },
                { name: 'staging' },
                { name: 'production' },
              ],
            },
            argocd: {
              appLocatorMethods: [
                {
                  type: 'config',
                  instances: [
                    {
                      name: 'argoInstance2',
                      url: 'https://argo2.acme.example',
                      username: 'backstage',
                      password: 'pw',
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });
    await scheduler!.triggerTask(
      'release-orchestration-deployment-source-argocd',
    );
    expect(sessions).toEqual([{ username: 'backstage', password: 'pw' }]);
    expect(seen).toEqual(['Bearer session-token']);

    const list = async (system: string) =>
      (
        await request(backend).get(
          `/api/release-orchestration/deployments?system=system:default/${system}`,
        )
      ).body.items;
    const payments = await list('payments');
    // ledger-prod through argocd/app-name, its lane from its destination namespace (ledger-production);
    // payments-api's applications still through their own annotations (the fallback).
    expect(
      payments
        .map((d: any) => [
          d.environment,
          d.components[0].componentRef,
          d.components[0].version,
          d.status,
        ])
        .sort(),
    ).toEqual([
      ['production', 'component:default/ledger', '2.8.0', 'failed'],
      ['production', 'component:default/payments-api', '3.2.0', 'succeeded'],
      ['staging', 'component:default/payments-api', '3.3.0-rc.1', 'started'],
    ]);
    expect(
      payments.find(
        (d: any) => d.components[0].componentRef === 'component:default/ledger',
      ).idempotencyKey,
    ).toBe('argocd:argoInstance2/argocd/ledger-prod@2026-11-20T11:30:00Z');
  });
});
