import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { shopSourcesAfterCatchUp } from '../__testUtils__/shopSources';
import { buildInput } from '../__testUtils__/fixtures';
import { startPluginBackend } from '../__testUtils__/startPluginBackend';
import { createTestDatabases } from '../__testUtils__/testStores';
import { serviceDeployed } from '../service/cdevents/__fixtures__/cdevents';

jest.setTimeout(60_000);

const base = '/api/release-orchestration';
const ci = mockCredentials.service.header();

describe('GET /systems/{namespace}/{name}/sources', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'says which sources report for a System, per lane, and how complete production data is, on %p',
    async databaseId => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        // The catch-up of the import's DORA roll-ups waits; the next test sees it run.
        config: {
          releaseOrchestration: { dora: { importCatchUpDelaySeconds: 600 } },
        },
      });
      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '1.0.0'))
        .expect(201);
      const lines = [
        {
          kind: 'deployment',
          idempotencyKey: 'old:1',
          environment: 'production',
          component: 'component:default/api',
          version: '1.0.0',
          status: 'succeeded',
          startedAt: '2026-11-01T10:00:00Z',
          finishedAt: '2026-11-01T10:05:00Z',
        },
        {
          kind: 'deployment',
          idempotencyKey: 'old:2',
          environment: 'dev',
          component: 'component:default/web',
          version: '2.0.0',
          status: 'succeeded',
          startedAt: '2026-11-01T09:00:00Z',
          finishedAt: '2026-11-01T09:05:00Z',
        },
        {
          kind: 'incident',
          source: 'old-pager',
          externalId: 'P-1',
          system: 'system:default/shop',
          title: 'Down',
          openedAt: '2026-11-01T11:00:00Z',
        },
      ];
      await request(server)
        .post(`${base}/import`)
        .set('Authorization', ci)
        .set('Content-Type', 'application/x-ndjson')
        .send(lines.map(l => JSON.stringify(l)).join('\n'))
        .expect(200);
      const event = serviceDeployed('production', {
        id: 'c-1',
        timestamp: '2026-11-02T10:00:00Z',
      });
      await request(server)
        .post(`${base}/cdevents`)
        .set('Authorization', ci)
        .set({
          'ce-specversion': '1.0',
          'ce-id': 'c-1',
          'ce-source': '/tekton',
          'ce-type': event.context.type,
        })
        .send(event)
        .expect(201);

      const res = await request(server).get(
        `${base}/systems/default/shop/sources`,
      );
      expect(res.status).toBe(200);
      expect(res.body.system).toBe('system:default/shop');
      expect(res.body.productionEnvironment).toBe('production');
      expect(
        res.body.activity.map((a: any) => [
          a.source,
          a.kind,
          a.environment ?? '-',
          a.count,
        ]),
      ).toEqual([
        ['api', 'build', '-', 1],
        ['cdevents', 'deployment', 'production', 1],
        ['import', 'deployment', 'dev', 1],
        ['import', 'deployment', 'production', 1],
        ['old-pager', 'incident', 'production', 1],
      ]);
      expect(res.body.activity[1].lastAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(res.body.coverage).toEqual({
        productionDeployments: 2,
        productionDeploymentsWithBuilds: 1,
        productionIncidents: 1,
        productionIncidentsAttributed: 1,
      });
      expect(res.body.runs).toEqual([]);
      // The imported production deployment is not in the DORA roll-ups yet.
      expect(res.body.doraBacklog).toEqual({
        deployments: 1,
        oldestDeployedAt: '2026-11-01T10:05:00.000Z',
      });

      expect(
        (await request(server).get(`${base}/systems/default/nowhere/sources`))
          .status,
      ).toBe(404);
      expect(
        (await request(server).get(`${base}/systems/default/bad name/sources`))
          .status,
      ).toBe(400);
    },
  );

  it.each(databases.eachSupportedId())(
    'stops saying the DORA figures are catching up once the catch-up after an import has run, on %p',
    async databaseId => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: {
          releaseOrchestration: { dora: { importCatchUpDelaySeconds: 0.2 } },
        },
      });
      const deployment = (key: string, at: string) =>
        JSON.stringify({
          kind: 'deployment',
          idempotencyKey: key,
          environment: 'production',
          component: 'component:default/api',
          version: '1.0.0',
          status: 'succeeded',
          startedAt: at,
          finishedAt: at,
        });
      await request(server)
        .post(`${base}/import`)
        .set('Authorization', ci)
        .set('Content-Type', 'application/x-ndjson')
        .send(
          [
            deployment('c:2', '2026-11-02T10:00:00.000Z'),
            deployment('c:1', '2026-11-01T10:00:00.000Z'),
          ].join('\n'),
        )
        .expect(200);
      const body = await shopSourcesAfterCatchUp(server);
      expect(body.doraBacklog).toBeUndefined();
      expect(body.coverage.productionDeployments).toBe(2);
      // Both are in the DORA roll-ups now: the rows behind deployment frequency list them.
      const facts = await request(server).get(
        `${base}/dora/facts?entity=system:default/shop&metric=deploymentFrequency&from=2026-10-01T00:00:00.000Z&to=2026-12-01T00:00:00.000Z`,
      );
      expect(facts.status).toBe(200);
      expect(facts.body.items).toHaveLength(2);
    },
  );
});
