import fs from 'node:fs';
import path from 'node:path';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import YAML from 'yaml';
import { releaseOrchestrationPermissions } from '@release-orchestration/plugin-release-orchestration-common';
import { createRouter } from './router/createRouter';
import { buildInput } from './__testUtils__/fixtures';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import { as, promotionApi, promotionTestConfig } from './__testUtils__/promotionHarness';

jest.setTimeout(60_000);

const document = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../openapi.yaml'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, 'openapi');

/** Every `METHOD /path` the express router serves, with `:param` written as `{param}`. */
function routesOf(router: any, prefix = ''): string[] {
  const routes: string[] = [];
  for (const layer of router.stack ?? []) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        routes.push(`${method.toUpperCase()} ${prefix}${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      }
    } else if (layer.handle?.stack) {
      routes.push(...routesOf(layer.handle, prefix));
    }
  }
  return routes;
}

function documentedRoutes(): string[] {
  return Object.entries(document.paths).flatMap(([p, item]: [string, any]) =>
    Object.keys(item).filter(k => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).map(m => `${m.toUpperCase()} ${p}`),
  );
}

function expectConforms(method: string, template: string, res: request.Response) {
  const operation = document.paths[template]?.[method];
  expect(operation).toBeDefined();
  const documented = operation.responses[String(res.status)];
  if (!documented) {
    throw new Error(`${method.toUpperCase()} ${template} answered ${res.status}, which the document does not list`);
  }
  const schemaPath = documented.$ref
    ? 'openapi#/components/responses/Error/content/application~1json/schema'
    : `openapi#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${res.status}/content/application~1json/schema`;
  const validate = ajv.getSchema(schemaPath);
  expect(validate).toBeDefined();
  if (!validate!(res.body)) {
    throw new Error(`${method.toUpperCase()} ${template} ${res.status}: ${ajv.errorsText(validate!.errors)}`);
  }
}

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      environments: [],
      builds: {} as any,
      releases: {} as any,
      audit: {} as any,
      deployments: {} as any,
      drift: {} as any,
      evidence: {} as any,
      promotions: {} as any,
      approvals: {} as any,
      promotionQueue: {} as any,
      freezes: {} as any,
      incidents: {} as any,
      incidentWebhook: {} as any,
      dora: {} as any,
    });
    expect(routesOf(router).sort()).toEqual(documentedRoutes().sort());
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
  it.each(databases.eachSupportedId())('describes the responses the plugin gives on %p', async databaseId => {
    const { server } = await startPluginBackend({ databases, databaseId });
    const api = '/api/release-orchestration';
    const ci = mockCredentials.service.header();
    const post = (p: string, body: object) => request(server).post(`${api}${p}`).set('Authorization', ci).send(body);
    const get = (p: string) => request(server).get(`${api}${p}`);

    expectConforms('get', '/health', await get('/health'));
    expectConforms('get', '/environments', await get('/environments'));
    for (const [c, v] of [['api', '1.0.0'], ['web', '1.0.0'], ['worker', '1.0.0']]) {
      expectConforms('post', '/builds', await post('/builds', buildInput(c, v, { commits: [{ sha: 'abcdef1', time: '2026-10-01T00:00:00Z' }] })));
    }
    expectConforms('post', '/builds', await post('/builds', buildInput('api', '1.0.0')));
    expectConforms('post', '/builds', await post('/builds', { component: 'x' }));
    const r1 = await post('/releases', { system: 'system:default/shop', version: 'r1' });
    expectConforms('post', '/releases', r1);
    await post('/builds', buildInput('api', '1.0.1'));
    const r2 = await post('/releases', { system: 'system:default/shop', version: 'r2' });
    expectConforms('post', '/releases', r2);
    expectConforms('post', '/releases', await post('/releases', { system: 'system:default/shop', version: 'r2' }));
    expectConforms('get', '/releases', await get('/releases?system=system:default/shop&limit=1'));
    expectConforms('get', '/releases/{id}', await get(`/releases/${r2.body.id}`));
    expectConforms('get', '/releases/{id}/diff', await get(`/releases/${r2.body.id}/diff`));
    expectConforms('get', '/releases/{id}/diff', await get(`/releases/${r1.body.id}/diff`));
    const builds = await get('/builds?component=component:default/api');
    expectConforms('get', '/builds', builds);
    expectConforms('get', '/builds/{id}', await get(`/builds/${builds.body.items[0].id}`));
    expectConforms('get', '/systems/{namespace}/{name}/components', await get('/systems/default/shop/components'));
    const deployed = await post('/deployments', { idempotencyKey: 'oa-1', environment: 'dev', releaseId: r1.body.id, status: 'started' });
    expectConforms('post', '/deployments', deployed);
    expectConforms('post', '/deployments', await post('/deployments', { idempotencyKey: 'oa-1', environment: 'dev', releaseId: r1.body.id, status: 'succeeded' }));
    expectConforms('post', '/deployments', await post('/deployments', { idempotencyKey: 'oa-2', environment: 'dev', component: 'component:default/api', version: '1.0.1', status: 'succeeded', rollback: true }));
    expectConforms('post', '/deployments', await post('/deployments', { idempotencyKey: 'oa-1', environment: 'production', releaseId: r1.body.id, status: 'succeeded' }));
    expectConforms('post', '/deployments', await post('/deployments', { idempotencyKey: 'oa-3', environment: 'qa', releaseId: r1.body.id, status: 'succeeded' }));
    expectConforms('get', '/deployments', await get('/deployments?system=system:default/shop&limit=1'));
    expectConforms('get', '/deployments/{id}', await get(`/deployments/${deployed.body.id}`));
    const lanes = await get('/systems/default/shop/environments');
    expectConforms('get', '/systems/{namespace}/{name}/environments', lanes);
    expect(lanes.body.environments[0].drift.state).toBe('drifted');
    expectConforms('get', '/systems/{namespace}/{name}/environments', await get('/systems/default/nope/environments'));
    expectConforms('get', '/audit', await get('/audit?entity=system:default/shop'));
    const verify = await get('/audit/verify');
    expectConforms('get', '/audit/verify', verify);
    expect(verify.body.valid).toBe(true);
  });

  it.each(databases.eachSupportedId())('describes the incident and DORA responses on %p', async databaseId => {
    const { server } = await startPluginBackend({ databases, databaseId });
    const api = '/api/release-orchestration';
    const ci = mockCredentials.service.header();
    const post = (p: string, body: object) => request(server).post(`${api}${p}`).set('Authorization', ci).send(body);
    const patch = (p: string, body: object) => request(server).patch(`${api}${p}`).set('Authorization', ci).send(body);
    const get = (p: string) => request(server).get(`${api}${p}`);
    const missing = '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    await post('/builds', buildInput('api', '1.0.0', { commitTime: '2026-11-03T08:00:00Z' }));
    await post('/deployments', { idempotencyKey: 'oa-d', environment: 'production', component: 'component:default/api', version: '1.0.0', status: 'succeeded', finishedAt: '2026-11-03T10:00:00Z' });
    const incident = { externalId: 'INC-1', system: 'system:default/shop', title: 'Errors', openedAt: '2026-11-03T11:00:00Z' };
    const created = await post('/incidents', incident);
    expectConforms('post', '/incidents', created);
    expectConforms('post', '/incidents', await post('/incidents', incident));
    expectConforms('post', '/incidents', await post('/incidents', { ...incident, title: 'Other' }));
    expectConforms('post', '/incidents', await post('/incidents', { ...incident, openedAt: 'soon' }));
    expectConforms('post', '/incidents', await post('/incidents', { ...incident, system: 'system:default/nope' }));
    expectConforms('patch', '/incidents/{id}', await patch(`/incidents/${created.body.id}`, { resolvedAt: '2026-11-03T12:00:00Z' }));
    expectConforms('patch', '/incidents/{id}', await patch(`/incidents/${missing}`, { title: 'x' }));
    expectConforms('patch', '/incidents/{id}', await patch(`/incidents/${created.body.id}`, {}));
    const event = (type: string) => ({ event: { id: 'e1', event_type: type, resource_type: 'incident', occurred_at: '2026-11-04T09:00:00Z', data: { id: 'PD1', title: 'Down', created_at: '2026-11-04T08:55:00Z' } } });
    expectConforms('post', '/incidents/webhook', await post('/incidents/webhook?system=system:default/bank', event('incident.triggered')));
    expectConforms('post', '/incidents/webhook', await post('/incidents/webhook?system=system:default/bank', event('incident.priority_updated')));
    expectConforms('post', '/incidents/webhook', await post('/incidents/webhook?system=system:default/shop', event('incident.resolved')));
    expectConforms('post', '/incidents/webhook', await post('/incidents/webhook', event('incident.resolved')));
    expectConforms('get', '/incidents', await get('/incidents?system=system:default/shop'));
    expectConforms('get', '/incidents/{id}', await get(`/incidents/${created.body.id}`));
    expectConforms('get', '/incidents/{id}', await get(`/incidents/${missing}`));
    const window = 'from=2026-11-02T00:00:00Z&to=2026-11-09T00:00:00Z';
    const report = await get(`/dora?entity=system:default/shop&${window}`);
    expectConforms('get', '/dora', report);
    expect(report.body.current.changeFailureRate.rate).toBe(1);
    expectConforms('get', '/dora', await get(`/dora?entity=org&${window}`));
    expectConforms('get', '/dora', await get('/dora?entity=org'));
    expectConforms('get', '/dora', await get('/dora?entity=nonsense'));
    expectConforms('get', '/dora', await get('/dora?entity=group:default/nobody'));
    expectConforms('get', '/dora/systems', await get(`/dora/systems?entity=org&limit=2&${window}`));
    expectConforms('get', '/dora/systems', await get('/dora/systems?entity=org&limit=0'));
  });

  it.each(databases.eachSupportedId())('describes the promotion responses on %p', async databaseId => {
    const { server } = await startPluginBackend({
      databases,
      databaseId,
      config: promotionTestConfig,
      entities: promotionTestEntities(),
    });
    const api = promotionApi(server);
    const missing = '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const r1 = await api.cutRelease('1.0.0');
    expectConforms('post', '/releases/{id}/evidence', await api.post(`/releases/${r1.id}/evidence`, {
      type: 'unit-tests', status: 'pass', url: 'https://ci.example/1', summary: 'ok', environment: 'dev', contentDigest: `sha256:${'a'.repeat(64)}`,
    }));
    expectConforms('post', '/releases/{id}/evidence', await api.post(`/releases/${r1.id}/evidence`, { type: 'x' }));
    expectConforms('post', '/releases/{id}/evidence', await api.post(`/releases/${missing}/evidence`, { type: 'x', status: 'pass', url: 'https://x', summary: 's' }));
    await api.attachPassing(r1.id, 'unit-tests', 'security-scan');
    expectConforms('post', '/releases/{id}/promotions', await api.request(r1.id, 'staging'));
    const dev = await api.request(r1.id, 'dev');
    expectConforms('post', '/releases/{id}/promotions', dev);
    expectConforms('post', '/releases/{id}/promotions', await api.request(r1.id, 'dev'));
    expectConforms('post', '/promotions/{id}/transitions', await api.post(`/promotions/${dev.body.id}/transitions`, { to: 'succeeded' }));
    await api.deploy(dev.body.id);
    await api.promote(r1.id, 'staging');
    expectConforms('get', '/releases/{id}/promotions/check', await api.get(`/releases/${r1.id}/promotions/check?environment=production`, as('dev1')));
    expectConforms('get', '/releases/{id}/promotions/check', await api.get(`/releases/${r1.id}/promotions/check`));
    const prod = await api.request(r1.id, 'production', 'dev1', { justification: 'go' });
    expectConforms('post', '/releases/{id}/promotions', prod);
    expectConforms('get', '/promotions', await api.get('/promotions?approver=me&limit=1', as('rita')));
    expectConforms('get', '/promotions', await api.get('/promotions?state=nope'));
    expectConforms('get', '/promotions/{id}', await api.get(`/promotions/${prod.body.id}`));
    expectConforms('get', '/promotions/{id}', await api.get(`/promotions/${missing}`));
    expectConforms('post', '/promotions/{id}/approvals', await api.vote(prod.body.id, 'rita', 'approve', 'ok'));
    expectConforms('post', '/promotions/{id}/approvals', await api.vote(prod.body.id, 'rita'));
    expectConforms('post', '/promotions/{id}/approvals', await api.vote(prod.body.id, 'dev2'));
    expectConforms('post', '/promotions/{id}/approvals', await api.vote(prod.body.id, 'sam', 'reject'));
    expectConforms('post', '/promotions/{id}/cancel', await api.post(`/promotions/${prod.body.id}/cancel`, { reason: 'later' }, as('dev1')));
    expectConforms('post', '/promotions/{id}/cancel', await api.post(`/promotions/${prod.body.id}/cancel`, {}, as('dev1')));
    expectConforms('post', '/promotions/{id}/transitions', await api.post(`/promotions/${missing}/transitions`, { to: 'deploying' }));
    expectConforms('post', '/systems/{namespace}/{name}/rollback', await api.post('/systems/default/shop/rollback', { environment: 'production' }, as('dev1')));
    expectConforms('post', '/systems/{namespace}/{name}/rollback', await api.post('/systems/default/shop/rollback', { environment: 'staging', toRelease: r1.id }, as('dev1')));
    const freeze = await api.post('/freezes', { environment: 'production', systems: ['system:default/shop'], start: '2026-01-01T00:00:00Z', end: '2099-01-01T00:00:00Z', reason: 'audit' }, as('rita'));
    expectConforms('post', '/freezes', freeze);
    expectConforms('post', '/freezes', await api.post('/freezes', { environment: 'production' }, as('rita')));
    expectConforms('get', '/freezes', await api.get('/freezes?includePast=true'));
    expectConforms('get', '/freezes', await api.get('/freezes?includePast=maybe'));
    const blocked = await api.request(r1.id, 'production');
    expect(blocked.body.state).toBe('blocked');
    expectConforms('post', '/releases/{id}/promotions', blocked);
    expectConforms('get', '/releases/{id}', await api.get(`/releases/${r1.id}`));
    expectConforms('get', '/environments', await api.get('/environments'));
    expect((await api.del(`/freezes/${freeze.body.id}`, as('rita'))).status).toBe(204);
    expectConforms('delete', '/freezes/{id}', await api.del(`/freezes/${freeze.body.id}`, as('rita')));
    expectConforms('delete', '/freezes/{id}', await api.del('/freezes/nope', as('rita')));
  });
});
