import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { releaseOrchestrationPermissions } from '@release-orchestration/plugin-release-orchestration-common';
import {
  openapiDocument,
  responseContractErrors,
} from './__testUtils__/openapiContract';
import { buildInput } from './__testUtils__/fixtures';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  as,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';

jest.setTimeout(60_000);

const document = openapiDocument;

/** The call answered the status the case expects, with a body the document describes for it. */
function expectConforms(
  method: string,
  template: string,
  res: request.Response,
  expected: number,
) {
  if (res.status !== expected) {
    throw new Error(
      `${method.toUpperCase()} ${template} answered ${
        res.status
      }, expected ${expected}: ${JSON.stringify(res.body).slice(0, 300)}`,
    );
  }
  const errors = responseContractErrors(
    method,
    template,
    res.status,
    res.status === 204 ? undefined : res.body,
  );
  if (errors) throw new Error(errors);
}

describe('openapi.yaml', () => {
  it('names every operation with a unique operationId (the generated types are keyed by it)', () => {
    const ids = Object.values<any>(document.paths).flatMap(item =>
      ['get', 'post', 'put', 'patch', 'delete']
        .filter(method => item[method])
        .map(method => item[method].operationId),
    );
    expect(ids.length).toBeGreaterThan(40);
    expect(ids.filter(id => !/^[a-z][A-Za-z]+$/.test(id ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names only permissions the plugin defines', () => {
    const known = releaseOrchestrationPermissions.map(p => p.name);
    const named = Object.values<any>(document.paths)
      .flatMap(item => Object.values<any>(item))
      .map(operation => operation['x-permission'])
      .filter(Boolean);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter(name => !known.includes(name))).toEqual([]);
  });

  const databases = createTestDatabases();
  it.each(databases.eachSupportedId())(
    'serves the document at /openapi.json, its paths under the plugin, on %p',
    async databaseId => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const api = '/api/release-orchestration';
      const res = await request(server)
        .get(`${api}/openapi.json`)
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      expect(res.body.info.title).toBe(document.info.title);
      expect(Object.keys(res.body.paths).sort()).toEqual(
        Object.keys(document.paths)
          .map(path => `${api}${path}`)
          .sort(),
      );
      expect(res.body.paths[`${api}/builds`].post.operationId).toBe(
        document.paths['/builds'].post.operationId,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'describes the responses the plugin gives on %p',
    async databaseId => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const api = '/api/release-orchestration';
      const ci = mockCredentials.service.header();
      const post = (p: string, body: object) =>
        request(server).post(`${api}${p}`).set('Authorization', ci).send(body);
      const get = (p: string) => request(server).get(`${api}${p}`);

      expectConforms('get', '/health', await get('/health'), 200);
      expectConforms('get', '/environments', await get('/environments'), 200);
      for (const [c, v] of [
        ['api', '1.0.0'],
        ['web', '1.0.0'],
        ['worker', '1.0.0'],
      ]) {
        expectConforms(
          'post',
          '/builds',
          await post(
            '/builds',
            buildInput(c, v, {
              commits: [
                {
                  sha: 'abcdef1',
                  time: '2026-10-01T00:00:00Z',
                  message: 'Refunds (#12, PAY-7)',
                  author: 'Ada Lovelace',
                },
              ],
            }),
          ),
          201,
        );
      }
      expectConforms(
        'post',
        '/builds',
        await post('/builds', buildInput('api', '1.0.0')),
        200,
      );
      expectConforms(
        'post',
        '/builds',
        await post('/builds', { component: 'x' }),
        400,
      );
      const r1 = await post('/releases', {
        system: 'system:default/shop',
        version: 'r1',
      });
      expectConforms('post', '/releases', r1, 201);
      await post(
        '/builds',
        buildInput('api', '1.0.1', {
          commits: [
            {
              sha: 'abcdef2',
              time: '2026-10-02T00:00:00Z',
              message: 'Faster (#13)',
              author: 'Grace Hopper',
            },
          ],
        }),
      );
      const r2 = await post('/releases', {
        system: 'system:default/shop',
        version: 'r2',
      });
      expectConforms('post', '/releases', r2, 201);
      expectConforms(
        'post',
        '/releases',
        await post('/releases', {
          system: 'system:default/shop',
          version: 'r2',
        }),
        409,
      );
      expectConforms(
        'get',
        '/releases',
        await get('/releases?system=system:default/shop&limit=1'),
        200,
      );
      expectConforms(
        'get',
        '/releases/{id}',
        await get(`/releases/${r2.body.id}`),
        200,
      );
      const byVersion = await get('/releases/r2?system=system:default/shop');
      expectConforms('get', '/releases/{id}', byVersion, 200);
      expect(byVersion.body.id).toBe(r2.body.id);
      expectConforms('get', '/releases/{id}', await get('/releases/r2'), 400);
      expectConforms(
        'get',
        '/releases/{id}',
        await get('/releases/r9?system=system:default/shop'),
        404,
      );
      expectConforms(
        'get',
        '/releases/{id}/diff',
        await get(`/releases/${r2.body.id}/diff`),
        200,
      );
      expectConforms(
        'get',
        '/releases/{id}/diff',
        await get(`/releases/${r1.body.id}/diff`),
        404,
      );
      const builds = await get('/builds?component=component:default/api');
      expectConforms('get', '/builds', builds, 200);
      expectConforms(
        'get',
        '/builds/{id}',
        await get(`/builds/${builds.body.items[0].id}`),
        200,
      );
      expectConforms(
        'get',
        '/systems/{namespace}/{name}/components',
        await get('/systems/default/shop/components'),
        200,
      );
      const deployed = await post('/deployments', {
        idempotencyKey: 'oa-1',
        environment: 'dev',
        releaseId: r1.body.id,
        status: 'started',
      });
      expectConforms('post', '/deployments', deployed, 201);
      expectConforms(
        'post',
        '/deployments',
        await post('/deployments', {
          idempotencyKey: 'oa-1',
          environment: 'dev',
          releaseId: r1.body.id,
          status: 'succeeded',
        }),
        200,
      );
      expectConforms(
        'post',
        '/deployments',
        await post('/deployments', {
          idempotencyKey: 'oa-2',
          environment: 'dev',
          component: 'component:default/api',
          version: '1.0.1',
          status: 'succeeded',
          rollback: true,
        }),
        201,
      );
      expectConforms(
        'post',
        '/deployments',
        await post('/deployments', {
          idempotencyKey: 'oa-1',
          environment: 'production',
          releaseId: r1.body.id,
          status: 'succeeded',
        }),
        409,
      );
      expectConforms(
        'post',
        '/deployments',
        await post('/deployments', {
          idempotencyKey: 'oa-3',
          environment: 'qa',
          releaseId: r1.body.id,
          status: 'succeeded',
        }),
        400,
      );
      expectConforms(
        'get',
        '/releases/{id}/diff',
        await get(`/releases/${r2.body.id}/diff?environment=dev`),
        200,
      );
      expectConforms(
        'get',
        '/releases/{id}/diff',
        await get(`/releases/${r2.body.id}/diff?environment=staging`),
        400,
      );
      expectConforms(
        'get',
        '/releases/{id}/diff',
        await get(`/releases/${r2.body.id}/diff?environment=nowhere`),
        400,
      );
      const againstLane = await get(`/releases/${r2.body.id}/diff?against=dev`);
      expectConforms('get', '/releases/{id}/diff', againstLane, 200);
      expect(againstLane.body.changes[0].commits[0]).toMatchObject({
        author: 'Grace Hopper',
        references: [{ kind: 'pullRequest', text: '#13' }],
      });
      expectConforms(
        'get',
        '/releases/{id}/diff',
        await get(`/releases/${r2.body.id}/diff?against=${r1.body.id}`),
        200,
      );
      expectConforms(
        'get',
        '/releases/{id}/diff',
        await get(`/releases/${r2.body.id}/diff?against=nowhere`),
        400,
      );
      expectConforms(
        'get',
        '/releases/{id}/diff',
        await get(`/releases/${r2.body.id}/diff?against=Not%20a%20lane`),
        400,
      );
      expectConforms(
        'get',
        '/deployments',
        await get('/deployments?system=system:default/shop&limit=1'),
        200,
      );
      expectConforms(
        'get',
        '/deployments/{id}',
        await get(`/deployments/${deployed.body.id}`),
        200,
      );
      const lanes = await get('/systems/default/shop/environments');
      expectConforms(
        'get',
        '/systems/{namespace}/{name}/environments',
        lanes,
        200,
      );
      expect(lanes.body.environments[0].drift.state).toBe('drifted');
      expectConforms(
        'get',
        '/systems/{namespace}/{name}/environments',
        await get('/systems/default/nope/environments'),
        404,
      );
      expectConforms(
        'get',
        '/audit',
        await get('/audit?entity=system:default/shop'),
        200,
      );
      const verify = await get('/audit/verify');
      expectConforms('get', '/audit/verify', verify, 200);
      expect(verify.body.valid).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'describes the incident and DORA responses on %p',
    async databaseId => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const api = '/api/release-orchestration';
      const ci = mockCredentials.service.header();
      const post = (p: string, body: object) =>
        request(server).post(`${api}${p}`).set('Authorization', ci).send(body);
      const patch = (p: string, body: object) =>
        request(server).patch(`${api}${p}`).set('Authorization', ci).send(body);
      const get = (p: string) => request(server).get(`${api}${p}`);
      const missing = '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
      await post(
        '/builds',
        buildInput('api', '1.0.0', { commitTime: '2026-11-03T08:00:00Z' }),
      );
      await post('/deployments', {
        idempotencyKey: 'oa-d',
        environment: 'production',
        component: 'component:default/api',
        version: '1.0.0',
        status: 'succeeded',
        finishedAt: '2026-11-03T10:00:00Z',
      });
      const incident = {
        externalId: 'INC-1',
        system: 'system:default/shop',
        title: 'Errors',
        openedAt: '2026-11-03T11:00:00Z',
      };
      const created = await post('/incidents', incident);
      expectConforms('post', '/incidents', created, 201);
      expectConforms(
        'post',
        '/incidents',
        await post('/incidents', incident),
        200,
      );
      expectConforms(
        'post',
        '/incidents',
        await post('/incidents', { ...incident, title: 'Other' }),
        409,
      );
      expectConforms(
        'post',
        '/incidents',
        await post('/incidents', { ...incident, openedAt: 'soon' }),
        400,
      );
      expectConforms(
        'post',
        '/incidents',
        await post('/incidents', {
          ...incident,
          system: 'system:default/nope',
        }),
        404,
      );
      expectConforms(
        'patch',
        '/incidents/{id}',
        await patch(`/incidents/${created.body.id}`, {
          resolvedAt: '2026-11-03T12:00:00Z',
        }),
        200,
      );
      expectConforms(
        'patch',
        '/incidents/{id}',
        await patch(`/incidents/${missing}`, { title: 'x' }),
        404,
      );
      expectConforms(
        'patch',
        '/incidents/{id}',
        await patch(`/incidents/${created.body.id}`, {}),
        400,
      );
      const event = (type: string) => ({
        event: {
          id: 'e1',
          event_type: type,
          resource_type: 'incident',
          occurred_at: '2026-11-04T09:00:00Z',
          data: {
            id: 'PD1',
            title: 'Down',
            created_at: '2026-11-04T08:55:00Z',
          },
        },
      });
      expectConforms(
        'post',
        '/incidents/webhook',
        await post(
          '/incidents/webhook?system=system:default/bank',
          event('incident.triggered'),
        ),
        200,
      );
      expectConforms(
        'post',
        '/incidents/webhook',
        await post(
          '/incidents/webhook?system=system:default/bank',
          event('incident.priority_updated'),
        ),
        200,
      );
      expectConforms(
        'post',
        '/incidents/webhook',
        await post(
          '/incidents/webhook?system=system:default/shop',
          event('incident.resolved'),
        ),
        409,
      );
      expectConforms(
        'post',
        '/incidents/webhook',
        await post('/incidents/webhook', event('incident.resolved')),
        400,
      );
      expectConforms(
        'get',
        '/incidents',
        await get('/incidents?system=system:default/shop'),
        200,
      );
      expectConforms(
        'get',
        '/incidents/{id}',
        await get(`/incidents/${created.body.id}`),
        200,
      );
      expectConforms(
        'get',
        '/incidents/{id}',
        await get(`/incidents/${missing}`),
        404,
      );
      const window = 'from=2026-11-02T00:00:00Z&to=2026-11-09T00:00:00Z';
      const report = await get(`/dora?entity=system:default/shop&${window}`);
      expectConforms('get', '/dora', report, 200);
      expect(report.body.current.changeFailureRate.rate).toBe(1);
      expectConforms(
        'get',
        '/dora',
        await get(`/dora?entity=org&${window}`),
        200,
      );
      expectConforms('get', '/dora', await get('/dora?entity=org'), 200);
      expectConforms('get', '/dora', await get('/dora?entity=nonsense'), 400);
      expectConforms(
        'get',
        '/dora',
        await get('/dora?entity=group:default/nobody'),
        404,
      );
      expectConforms(
        'get',
        '/dora/systems',
        await get(`/dora/systems?entity=org&limit=2&${window}`),
        200,
      );
      expectConforms(
        'get',
        '/dora/systems',
        await get('/dora/systems?entity=org&limit=0'),
        400,
      );
      expectConforms(
        'get',
        '/dora/systems',
        await get(
          `/dora/systems?sort=changeLeadTime&order=desc&limit=1&${window}`,
        ),
        200,
      );
      expectConforms(
        'get',
        '/dora/systems',
        await get('/dora/systems?sort=leadTime'),
        400,
      );
      expectConforms(
        'get',
        '/dora/teams',
        await get(`/dora/teams?${window}`),
        200,
      );
      expectConforms(
        'get',
        '/dora/teams',
        await get('/dora/teams?entity=org'),
        400,
      );
      for (const metric of [
        'deploymentFrequency',
        'changeLeadTime',
        'changeFailureRate',
        'failedDeploymentRecoveryTime',
        'reworkRate',
      ]) {
        expectConforms(
          'get',
          '/dora/facts',
          await get(
            `/dora/facts?entity=org&metric=${metric}&limit=2&${window}`,
          ),
          200,
        );
      }
      expectConforms(
        'get',
        '/dora/facts',
        await get('/dora/facts?entity=org&metric=leadTime'),
        400,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'describes the promotion responses on %p',
    async databaseId => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: promotionTestConfig,
        entities: promotionTestEntities(),
      });
      const api = promotionApi(server);
      const missing = '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
      const r1 = await api.cutRelease('1.0.0');
      expectConforms(
        'post',
        '/releases/{id}/evidence',
        await api.post(`/releases/${r1.id}/evidence`, {
          type: 'unit-tests',
          status: 'pass',
          url: 'https://ci.example/1',
          summary: 'ok',
          environment: 'dev',
          contentDigest: `sha256:${'a'.repeat(64)}`,
        }),
        201,
      );
      expectConforms(
        'post',
        '/releases/{id}/evidence',
        await api.post(`/releases/${r1.id}/evidence`, { type: 'x' }),
        400,
      );
      expectConforms(
        'post',
        '/releases/{id}/evidence',
        await api.post(`/releases/${missing}/evidence`, {
          type: 'x',
          status: 'pass',
          url: 'https://x',
          summary: 's',
        }),
        404,
      );
      await api.attachPassing(r1.id, 'unit-tests', 'security-scan');
      expectConforms(
        'post',
        '/releases/{id}/promotions',
        await api.request(r1.id, 'staging'),
        422,
      );
      const dev = await api.request(r1.id, 'dev');
      expectConforms('post', '/releases/{id}/promotions', dev, 201);
      expectConforms(
        'post',
        '/releases/{id}/promotions',
        await api.request(r1.id, 'dev'),
        409,
      );
      expectConforms(
        'post',
        '/promotions/{id}/transitions',
        await api.post(`/promotions/${dev.body.id}/transitions`, {
          to: 'succeeded',
        }),
        409,
      );
      await api.deploy(dev.body.id);
      await api.promote(r1.id, 'staging');
      expectConforms(
        'get',
        '/releases/{id}/promotions/check',
        await api.get(
          `/releases/${r1.id}/promotions/check?environment=production`,
          as('dev1'),
        ),
        200,
      );
      expectConforms(
        'get',
        '/releases/{id}/promotions/check',
        await api.get(`/releases/${r1.id}/promotions/check`),
        400,
      );
      const prod = await api.request(r1.id, 'production', 'dev1', {
        justification: 'go',
      });
      expectConforms('post', '/releases/{id}/promotions', prod, 201);
      expectConforms(
        'get',
        '/promotions',
        await api.get('/promotions?approver=me&limit=1', as('rita')),
        200,
      );
      expectConforms(
        'get',
        '/promotions',
        await api.get('/promotions?state=nope'),
        400,
      );
      const queueSize = await api.get(
        '/promotions/count?approver=me',
        as('rita'),
      );
      expectConforms('get', '/promotions/count', queueSize, 200);
      expect(queueSize.body).toEqual({ count: 1 });
      expectConforms(
        'get',
        '/promotions/count',
        await api.get('/promotions/count?state=nope'),
        400,
      );
      expectConforms(
        'get',
        '/promotions/{id}',
        await api.get(`/promotions/${prod.body.id}`),
        200,
      );
      expectConforms(
        'get',
        '/promotions/{id}',
        await api.get(`/promotions/${missing}`),
        404,
      );
      expectConforms(
        'post',
        '/promotions/{id}/approvals',
        await api.vote(prod.body.id, 'rita', 'approve', 'ok'),
        201,
      );
      expectConforms(
        'post',
        '/promotions/{id}/approvals',
        await api.vote(prod.body.id, 'rita'),
        409,
      );
      expectConforms(
        'post',
        '/promotions/{id}/approvals',
        await api.vote(prod.body.id, 'dev2'),
        403,
      );
      expectConforms(
        'post',
        '/promotions/{id}/approvals',
        await api.vote(prod.body.id, 'sam', 'reject'),
        400,
      );
      expectConforms(
        'post',
        '/promotions/{id}/cancel',
        await api.post(
          `/promotions/${prod.body.id}/cancel`,
          { reason: 'later' },
          as('dev1'),
        ),
        200,
      );
      expectConforms(
        'post',
        '/promotions/{id}/cancel',
        await api.post(`/promotions/${prod.body.id}/cancel`, {}, as('dev1')),
        409,
      );
      expectConforms(
        'post',
        '/promotions/{id}/transitions',
        await api.post(`/promotions/${missing}/transitions`, {
          to: 'deploying',
        }),
        404,
      );
      expectConforms(
        'get',
        '/systems/{namespace}/{name}/rollback/check',
        await api.get(
          '/systems/default/shop/rollback/check?environment=production',
          as('dev1'),
        ),
        200,
      );
      expectConforms(
        'get',
        '/systems/{namespace}/{name}/rollback/check',
        await api.get(
          '/systems/default/shop/rollback/check?environment=nowhere',
          as('dev1'),
        ),
        400,
      );
      expectConforms(
        'post',
        '/systems/{namespace}/{name}/rollback',
        await api.post(
          '/systems/default/shop/rollback',
          { environment: 'production' },
          as('dev1'),
        ),
        422,
      );
      expectConforms(
        'post',
        '/systems/{namespace}/{name}/rollback',
        await api.post(
          '/systems/default/shop/rollback',
          { environment: 'staging', toRelease: r1.id },
          as('dev1'),
        ),
        422,
      );
      const freeze = await api.post(
        '/freezes',
        {
          environment: 'production',
          systems: ['system:default/shop'],
          start: '2026-01-01T00:00:00Z',
          end: '2099-01-01T00:00:00Z',
          reason: 'audit',
        },
        as('rita'),
      );
      expectConforms('post', '/freezes', freeze, 201);
      expectConforms(
        'post',
        '/freezes',
        await api.post('/freezes', { environment: 'production' }, as('rita')),
        400,
      );
      expectConforms(
        'get',
        '/freezes',
        await api.get('/freezes?includePast=true'),
        200,
      );
      expectConforms(
        'get',
        '/freezes',
        await api.get('/freezes?includePast=maybe'),
        400,
      );
      const blocked = await api.request(r1.id, 'production');
      expect(blocked.body.state).toBe('blocked');
      expectConforms('post', '/releases/{id}/promotions', blocked, 201);
      expectConforms(
        'get',
        '/releases/{id}',
        await api.get(`/releases/${r1.id}`),
        200,
      );
      expectConforms(
        'get',
        '/environments',
        await api.get('/environments'),
        200,
      );
      expect(
        (await api.del(`/freezes/${freeze.body.id}`, as('rita'))).status,
      ).toBe(204);
      expectConforms(
        'delete',
        '/freezes/{id}',
        await api.del(`/freezes/${freeze.body.id}`, as('rita')),
        404,
      );
      expectConforms(
        'delete',
        '/freezes/{id}',
        await api.del('/freezes/nope', as('rita')),
        400,
      );
    },
  );
});
