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
import commits from './__fixtures__/commits.json';
import compare from './__fixtures__/compare.json';
import page1 from './__fixtures__/deployments-page1.json';
import page2 from './__fixtures__/deployments-page2.json';
import environments from './__fixtures__/environments.json';
import deploymentWebhook from './__fixtures__/deployment-webhook.json';
import gitlabModule from './index';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';

jest.setTimeout(120_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api =
  'https://gitlab.acme.example/gitlab/api/v4/projects/acme%2Fpayments%2Fapi';

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
      annotations: {
        'gitlab.com/project-slug': 'acme/payments/api',
        'gitlab.com/instance': 'gitlab.acme.example',
      },
    },
    spec: { owner: 'group:default/team', system: 'payments', type: 'service' },
    relations: [{ type: 'partOf', targetRef: 'system:default/payments' }],
  },
];

describe('the gitlab module', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  // Stop each backend before the databases are dropped (PostgreSQL waits for open connections).
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) {
      await stop();
    }
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('records the deployments and builds of a self-managed GitLab project through the plugin, once', async () => {
      const tokens: string[] = [];
      server.use(
        http.get(`${api}/environments`, ({ request }) => {
          tokens.push(request.headers.get('authorization') ?? '');
          return HttpResponse.json(environments);
        }),
        http.get(`${api}/deployments`, ({ request }) =>
          new URL(request.url).searchParams.get('page') === '2'
            ? HttpResponse.json(page2)
            : HttpResponse.json(page1, { headers: { 'x-next-page': '2' } }),
        ),
        http.get(`${api}/repository/compare`, ({ request }) => {
          const url = new URL(request.url);
          const found = (compare as Record<string, unknown>)[
            `${url.searchParams.get('from')}..${url.searchParams.get('to')}`
          ];
          return found
            ? HttpResponse.json(found)
            : HttpResponse.json({ message: '404 Not Found' }, { status: 404 });
        }),
        http.get(`${api}/deployments/15`, () =>
          HttpResponse.json(
            (page2 as Array<{ id: number }>).find(d => d.id === 15),
          ),
        ),
        http.get(`${api}/repository/commits/:sha`, ({ params }) =>
          HttpResponse.json(
            (commits as Record<string, object>)[String(params.sha)],
          ),
        ),
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
          gitlabModule,
          grabScheduler,
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                gitlab: [
                  {
                    host: 'gitlab.acme.example',
                    apiBaseUrl: 'https://gitlab.acme.example/gitlab/api/v4',
                    baseUrl: 'https://gitlab.acme.example/gitlab',
                    token: 'glpat-test-token',
                  },
                ],
              },
              releaseOrchestration: {
                environments: [
                  { name: 'dev' },
                  { name: 'staging' },
                  { name: 'production' },
                ],
                gitlab: { backfillDays: 90 },
              },
            },
          }),
        ],
      });
      stops.push(() => testBackend.stop());
      const backend = testBackend.server;
      // A deployment webhook on the events backend's `gitlab` topic, before any poll.
      await events!.publish({
        topic: 'gitlab',
        eventPayload: {
          ...deploymentWebhook,
          status: 'running',
          project: {
            ...deploymentWebhook.project,
            web_url: 'https://gitlab.acme.example/gitlab/acme/payments/api',
          },
        },
        metadata: { 'x-gitlab-event': 'Deployment Hook' },
      });
      const { port: webhookPort } = backend.address() as { port: number };
      const afterWebhook = await (
        await fetch(
          `http://localhost:${webhookPort}/api/release-orchestration/deployments?system=system:default/payments`,
        )
      ).json();
      expect(afterWebhook.items.map((d: any) => d.idempotencyKey)).toEqual([
        'gitlab:gitlab.acme.example/acme/payments/api/deployments/15',
      ]);
      const task = 'release-orchestration-deployment-source-gitlab';
      await scheduler!.triggerTask(task);
      await scheduler!.triggerTask(task);

      expect(tokens[0]).toBe('Bearer glpat-test-token');
      const { port } = backend.address() as { port: number };
      const base = `http://localhost:${port}/api/release-orchestration`;
      const deployments = await (
        await fetch(`${base}/deployments?system=system:default/payments`)
      ).json();
      expect(
        deployments.items
          .map((d: any) => [
            d.environment,
            d.components[0].version,
            d.status,
            d.idempotencyKey,
          ])
          .sort(),
      ).toEqual([
        [
          'dev',
          'aaaaaaaaaaaa',
          'succeeded',
          'gitlab:gitlab.acme.example/acme/payments/api/deployments/11',
        ],
        [
          'production',
          'v3.2.0',
          'failed',
          'gitlab:gitlab.acme.example/acme/payments/api/deployments/12',
        ],
        [
          'production',
          'v3.3.0',
          'started',
          'gitlab:gitlab.acme.example/acme/payments/api/deployments/15',
        ],
        [
          'staging',
          'v3.2.1',
          'succeeded',
          'gitlab:gitlab.acme.example/acme/payments/api/deployments/13',
        ],
      ]);
      const builds = await (
        await fetch(`${base}/builds?component=component:default/payments-api`)
      ).json();
      expect(
        builds.items
          .map((b: any) => [
            b.version,
            b.artifactDigest,
            b.commits.length,
            b.reportedBy,
          ])
          .sort(),
      ).toEqual([
        [
          'aaaaaaaaaaaa',
          'sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
          1,
          'service:deployment-source:gitlab',
        ],
        [
          'v3.2.0',
          'sha1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
          2,
          'service:deployment-source:gitlab',
        ],
        [
          'v3.2.1',
          'sha1:cccccccccccccccccccccccccccccccccccccccc',
          1,
          'service:deployment-source:gitlab',
        ],
        [
          'v3.3.0',
          'sha1:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee',
          1,
          'service:deployment-source:gitlab',
        ],
      ]);
    });
  });
});
