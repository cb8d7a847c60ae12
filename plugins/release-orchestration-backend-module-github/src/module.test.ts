import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The integration test runs the module inside the real plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import releaseOrchestrationPlugin from '@release-orchestration/plugin-release-orchestration-backend';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import page1 from './__fixtures__/deployments-page1.json';
import page2 from './__fixtures__/deployments-page2.json';
import statuses from './__fixtures__/statuses.json';
import commits from './__fixtures__/commits.json';
import compare from './__fixtures__/compare.json';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import githubModule from './index';

jest.setTimeout(120_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = 'https://api.github.com/repos/acme/payments-api';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'group:default/team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'acme/payments-api' },
    },
    spec: { owner: 'group:default/team', system: 'payments', type: 'service' },
    relations: [{ type: 'partOf', targetRef: 'system:default/payments' }],
  },
];

describe('the github module', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  // Stop each backend before the databases are dropped (PostgreSQL waits for open connections).
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) {
      await stop();
    }
  });

  it.each(databases.eachSupportedId())(
    'records GitHub deployments, builds and a webhook of annotated components through the plugin, once, on %p',
    async databaseId => {
      const tokens: string[] = [];
      server.use(
        http.get(`${api}/deployments`, ({ request: req }) => {
          tokens.push(req.headers.get('authorization') ?? '');
          return new URL(req.url).searchParams.get('page') === '2'
            ? HttpResponse.json(page2)
            : HttpResponse.json(page1, {
                headers: {
                  link: `<${api}/deployments?per_page=100&page=2>; rel="next"`,
                },
              });
        }),
        http.get(`${api}/deployments/:id/statuses`, ({ params }) =>
          HttpResponse.json(
            (statuses as Record<string, unknown[]>)[String(params.id)] ?? [],
          ),
        ),
        http.get(`${api}/commits/:sha`, ({ params }) =>
          HttpResponse.json(
            (commits as Record<string, object>)[String(params.sha)],
          ),
        ),
        http.get(`${api}/compare/:range`, ({ request, params }) => {
          const page = Number(
            new URL(request.url).searchParams.get('page') ?? '1',
          );
          const pages = (compare as Record<string, object[]>)[
            String(params.range)
          ];
          const next = new URL(request.url);
          next.searchParams.set('page', String(page + 1));
          return HttpResponse.json(pages[page - 1], {
            headers:
              page < pages.length ? { link: `<${next}>; rel="next"` } : {},
          });
        }),
      );
      let scheduler: SchedulerService | undefined;
      let events: EventsService | undefined;
      const grabScheduler = createBackendModule({
        pluginId: 'release-orchestration',
        moduleId: 'test-scheduler',
        register(env) {
          env.registerInit({
            deps: {
              scheduler: coreServices.scheduler,
              events: eventsServiceRef,
            },
            async init(deps) {
              scheduler = deps.scheduler;
              events = deps.events;
            },
          });
        },
      });
      const knex = await databases.init(databaseId);
      const testBackend = await startTestBackend({
        features: [
          releaseOrchestrationPlugin,
          mockServices.database.factory({ knex }),
          githubModule,
          grabScheduler,
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                github: [{ host: 'github.com', token: 'ghp_test-token' }],
              },
              releaseOrchestration: {
                environments: [
                  { name: 'dev' },
                  { name: 'staging' },
                  { name: 'production' },
                ],
                github: { backfillDays: 90 },
              },
            },
          }),
        ],
      });
      stops.push(() => testBackend.stop());
      const backend = testBackend.server;
      // A webhook first (through the events backend), then two polls of the same history.
      await events!.publish({
        topic: 'github.deployment_status',
        eventPayload: {
          action: 'created',
          deployment_status: {
            state: 'success',
            created_at: '2026-11-20T14:04:00Z',
          },
          deployment: page1[1],
          repository: {
            full_name: 'acme/payments-api',
            html_url: 'https://github.com/acme/payments-api',
          },
        },
        metadata: { 'x-github-event': 'deployment_status' },
      });
      const { port: webhookPort } = backend.address() as { port: number };
      const afterWebhook = await (
        await fetch(
          `http://localhost:${webhookPort}/api/release-orchestration/deployments?system=system:default/payments`,
        )
      ).json();
      expect(afterWebhook.items.map((d: any) => d.idempotencyKey)).toEqual([
        'github:github.com/acme/payments-api/deployments/1002',
      ]);
      const task = 'release-orchestration-deployment-source-github';
      await scheduler!.triggerTask(task);
      await scheduler!.triggerTask(task);

      expect(tokens[0]).toBe('Bearer ghp_test-token');
      const { port } = backend.address() as { port: number };
      const answer = await fetch(
        `http://localhost:${port}/api/release-orchestration/deployments?system=system:default/payments`,
      );
      const { items } = await answer.json();
      expect(
        items
          .map((d: any) => [d.environment, d.components[0].version, d.status])
          .sort(),
      ).toEqual([
        ['dev', '0f1e2d3c4b5a', 'failed'],
        ['production', '3.2.0', 'succeeded'],
        ['staging', 'v3.3.0', 'started'],
      ]);
      expect(items.map((d: any) => d.idempotencyKey).sort()).toEqual([
        'github:github.com/acme/payments-api/deployments/1001',
        'github:github.com/acme/payments-api/deployments/1002',
        'github:github.com/acme/payments-api/deployments/1003',
      ]);
      const builds = await (
        await fetch(
          `http://localhost:${port}/api/release-orchestration/builds?component=component:default/payments-api`,
        )
      ).json();
      expect(
        builds.items.map((b: any) => [b.version, b.commits.length]).sort(),
      ).toEqual([
        ['0f1e2d3c4b5a', 1],
        ['3.2.0', 2],
        ['v3.3.0', 2],
      ]);
      // The backfill's progress is shown in the Sources panel (the repository's cursor is kept).
      const sources = await (
        await fetch(
          `http://localhost:${port}/api/release-orchestration/systems/default/payments/sources`,
        )
      ).json();
      expect(sources.runs).toEqual([
        expect.objectContaining({
          source: 'github',
          scope: '',
          counts: expect.objectContaining({
            scopes: 1,
            backfilled: 1,
            failed: 0,
          }),
        }),
      ]);
    },
  );

  it('does not start without releaseOrchestration.github', async () => {
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
    const testBackend = await startTestBackend({
      features: [
        releaseOrchestrationPlugin,
        githubModule,
        grabScheduler,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            releaseOrchestration: { environments: [{ name: 'production' }] },
          },
        }),
      ],
    });
    stops.push(() => testBackend.stop());
    const tasks = await scheduler!.getScheduledTasks();
    expect(tasks.map(t => t.id)).not.toContain(
      'release-orchestration-deployment-source-github',
    );
  });
});
