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
    expectConforms('get', '/audit', await get('/audit?entity=system:default/shop'));
    const verify = await get('/audit/verify');
    expectConforms('get', '/audit/verify', verify);
    expect(verify.body.valid).toBe(true);
  });
});
