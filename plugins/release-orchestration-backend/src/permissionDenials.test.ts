import { PermissionsServiceRequestOptions } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
  releaseOrchestrationPermissions,
} from '@release-orchestration/plugin-release-orchestration-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { Knex } from 'knex';
import { buildInput } from './__testUtils__/fixtures';
import {
  groupEntity,
  promotionTestEntities,
  userEntity,
} from './__testUtils__/orgFixtures';
import {
  as,
  base,
  ci,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';
import { artifactPackaged } from './service/cdevents/__fixtures__/cdevents';

jest.setTimeout(180_000);

const databases = createTestDatabases();

/** The caller whose permissions the tests take away, one at a time; a release manager. */
const PROBE = 'user:default/probe';
const probe = as('probe');

/** An annotation holding each System's and Component's own ref, for the tests' conditions. */
const REF_ANNOTATION = 'test.example/ref';

/** The org of the promotion tests, with the probe among the release managers. */
const entities = [
  ...promotionTestEntities().map(e =>
    e.kind === 'Group' && e.metadata.name === 'release-managers'
      ? groupEntity('release-managers', ['rita', 'ravi', 'probe'], ['sre'])
      : e,
  ),
  userEntity('probe', ['release-managers']),
].map(e =>
  e.kind === 'System' || e.kind === 'Component'
    ? {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: {
            ...e.metadata.annotations,
            [REF_ANNOTATION]: stringifyEntityRef(e).toLocaleLowerCase('en-US'),
          },
        },
      }
    : e,
);

type Api = ReturnType<typeof promotionApi>;
type Call = {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  body?: object;
  ndjson?: string;
  /** A CloudEvent in structured mode. */
  cloudEvent?: string;
  /** Undoes what would disturb the next rows (a freeze in force). */
  after?: () => Promise<unknown>;
};

/** One operation: what it needs, how to set it up, and what it answers when allowed. */
interface Row {
  operation: string;
  needs: string[];
  prepare(api: Api): Promise<Call>;
  allowed: number;
  /** What a denied caller gets when it is not a 403: the bulk import refuses the line. */
  whenDenied?: (body: any) => void;
}

const p = (name: string) => `release-orchestration.${name}`;
const shop = 'system:default/shop';
/** A System no row promotes: recurring windows declared for it never hold a request. */
const empty = 'system:default/empty';
const webhookEvent = {
  event: {
    id: '01ABC',
    event_type: 'incident.triggered',
    resource_type: 'incident',
    occurred_at: '2026-11-05T09:00:05Z',
    data: {
      id: 'PD1',
      type: 'incident',
      title: 'Checkout down',
      created_at: '2026-11-05T09:00:00Z',
    },
  },
};

let seq = 0;
/** A release of shop with fresh builds (unique versions per call). */
async function release(api: Api) {
  seq += 1;
  return api.cutRelease(`r${seq}`, `1.${seq}.0`);
}

/** A release that succeeded in dev and staging, with the production evidence. */
async function readyForProduction(api: Api) {
  const r = await release(api);
  await api.attachPassing(r.id, 'unit-tests', 'security-scan');
  await api.promote(r.id, 'dev');
  await api.promote(r.id, 'staging');
  return r;
}

async function pendingProduction(api: Api) {
  const r = await readyForProduction(api);
  const res = await api.request(r.id, 'production', 'dev1');
  expect(res.body.state).toBe('pending_approval');
  return res.body.id as string;
}

async function deployment(api: Api) {
  const r = await release(api);
  seq += 1;
  const res = await api.post('/deployments', {
    idempotencyKey: `cd:${seq}`,
    environment: 'dev',
    releaseId: r.id,
    status: 'succeeded',
    deployer: 'user:default/carol',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function incident(api: Api) {
  seq += 1;
  const res = await api.post('/incidents', {
    externalId: `INC-${seq}`,
    system: shop,
    environment: 'production',
    title: 'Checkout errors',
    openedAt: '2026-11-05T09:00:00Z',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function freeze(api: Api, systems?: string[]) {
  const res = await api.post(
    '/freezes',
    {
      environment: 'dev',
      start: '2030-01-01T00:00:00Z',
      end: '2030-01-02T00:00:00Z',
      reason: 'Quarter end',
      ...(systems ? { systems } : {}),
    },
    as('rita'),
  );
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** A recurring window declared in the portal (Saturdays 22:00-23:00 UTC in production). */
function recurringWindow(systems?: string[]) {
  seq += 1;
  return {
    name: `denials-${seq}`,
    environments: ['production'],
    ...(systems ? { systems } : {}),
    every: ['sat'],
    from: '22:00',
    until: '23:00',
    timeZone: 'UTC',
    reason: 'Maintenance',
  };
}

async function declaredWindow(api: Api, systems?: string[]) {
  const res = await api.post(
    '/recurring-freezes',
    recurringWindow(systems),
    as('rita'),
  );
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Deletes every window declared in the portal, so none holds the next rows' promotions. */
async function deleteDeclaredWindows(api: Api) {
  const listed = await api.get('/recurring-freezes', as('rita'));
  for (const window of listed.body.items) {
    if (window.source === 'portal') {
      await api.del(`/recurring-freezes/${window.id}`, as('rita'));
    }
  }
}

const now = () => new Date().toISOString();
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** Every operation of the API (but /health), with the permissions it needs. */
const rows: Row[] = [
  {
    operation: 'GET /environments',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: '/environments' }),
  },
  {
    operation: 'POST /builds',
    needs: [p('build.report')],
    allowed: 201,
    prepare: async () => ({
      method: 'post',
      path: '/builds',
      body: buildInput('api', `9.${++seq}.0`),
    }),
  },
  {
    operation: 'GET /builds',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({
      method: 'get',
      path: '/builds?component=component:default/api',
    }),
  },
  {
    operation: 'GET /builds/{id}',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => {
      const res = await api.post('/builds', buildInput('web', `8.${++seq}.0`));
      return { method: 'get', path: `/builds/${res.body.id}` };
    },
  },
  {
    operation: 'POST /releases',
    needs: [p('release.create')],
    allowed: 201,
    prepare: async api => {
      await release(api);
      await api.post('/builds', buildInput('api', `7.${++seq}.0`));
      return {
        method: 'post',
        path: '/releases',
        body: { system: shop, version: `v${seq}` },
      };
    },
  },
  {
    operation: 'GET /releases',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: `/releases?system=${shop}` }),
  },
  {
    operation: 'GET /releases/{id}',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/releases/${(await release(api)).id}`,
    }),
  },
  {
    operation: 'GET /releases/{id}/diff',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/releases/${(await release(api)).id}/diff`,
    }),
  },
  {
    operation: 'GET /systems/{namespace}/{name}/rollback/check',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({
      method: 'get',
      path: '/systems/default/shop/rollback/check?environment=production',
    }),
  },
  {
    operation: 'GET /releases/{id}/evidence-pack',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/releases/${(await release(api)).id}/evidence-pack`,
    }),
  },
  {
    operation: 'GET /releases/{id}/notes',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/releases/${(await release(api)).id}/notes`,
    }),
  },
  {
    operation: 'GET /releases/{id}/evidence-pack',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/releases/${(await release(api)).id}/evidence-pack`,
    }),
  },
  {
    operation: 'GET /releases/{id}/notes',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/releases/${(await release(api)).id}/notes`,
    }),
  },
  {
    operation: 'POST /releases/{id}/quarantine',
    needs: [p('release.quarantine')],
    allowed: 200,
    prepare: async api => ({
      method: 'post',
      path: `/releases/${(await release(api)).id}/quarantine`,
      body: { reason: 'Corrupts carts on checkout' },
    }),
  },
  {
    operation: 'POST /releases/{id}/quarantine/lift',
    needs: [p('release.quarantine')],
    allowed: 200,
    prepare: async api => {
      const r = await release(api);
      const res = await api.post(`/releases/${r.id}/quarantine`, {
        reason: 'Corrupts carts on checkout',
      });
      expect(res.status).toBe(200);
      return {
        method: 'post',
        path: `/releases/${r.id}/quarantine/lift`,
        body: { reason: 'The bug was in the test data' },
      };
    },
  },
  {
    operation: 'GET /systems/{namespace}/{name}/components',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({
      method: 'get',
      path: '/systems/default/shop/components',
    }),
  },
  {
    operation: 'GET /audit',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => {
      await release(api);
      return { method: 'get', path: `/audit?entity=${shop}` };
    },
  },
  {
    operation: 'GET /audit/verify',
    needs: [p('audit.verify')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: '/audit/verify' }),
  },
  {
    operation: 'POST /audit/verify/full',
    needs: [p('audit.verify')],
    allowed: 202,
    prepare: async () => ({ method: 'post', path: '/audit/verify/full' }),
  },
  {
    operation: 'POST /deployments',
    needs: [p('deployment.report')],
    allowed: 201,
    prepare: async api => ({
      method: 'post',
      path: '/deployments',
      body: {
        idempotencyKey: `cd:${++seq}`,
        environment: 'dev',
        releaseId: (await release(api)).id,
        status: 'succeeded',
        deployer: 'user:default/carol',
      },
    }),
  },
  {
    operation: 'GET /deployments',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({
      method: 'get',
      path: `/deployments?system=${shop}`,
    }),
  },
  {
    operation: 'GET /deployments/{id}',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/deployments/${await deployment(api)}`,
    }),
  },
  {
    operation: 'GET /systems/{namespace}/{name}/environments',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({
      method: 'get',
      path: '/systems/default/shop/environments',
    }),
  },
  {
    operation: 'POST /releases/{id}/evidence',
    needs: [p('evidence.create')],
    allowed: 201,
    prepare: async api => ({
      method: 'post',
      path: `/releases/${(await release(api)).id}/evidence`,
      body: {
        type: 'unit-tests',
        status: 'pass',
        url: 'https://ci.example/t',
        summary: 'All green',
      },
    }),
  },
  {
    operation: 'POST /releases/{id}/promotions',
    needs: [p('promotion.create')],
    allowed: 201,
    prepare: async api => ({
      method: 'post',
      path: `/releases/${(await release(api)).id}/promotions`,
      body: { environment: 'dev' },
    }),
  },
  {
    operation: 'POST /promotions',
    needs: [p('promotion.create')],
    allowed: 201,
    prepare: async api => ({
      method: 'post',
      path: '/promotions',
      body: { releaseId: (await release(api)).id, environments: ['dev'] },
    }),
  },
  {
    operation:
      'POST /releases/{id}/promotions (emergency override of a freeze)',
    needs: [p('promotion.create'), p('freeze.override')],
    allowed: 201,
    prepare: async api => {
      const r = await release(api);
      const res = await api.post(
        '/freezes',
        {
          environment: 'dev',
          systems: [shop],
          start: hourAgo(),
          end: inAnHour(),
          reason: 'Incident review',
        },
        as('rita'),
      );
      expect(res.status).toBe(201);
      return {
        method: 'post',
        path: `/releases/${r.id}/promotions`,
        body: {
          environment: 'dev',
          emergencyOverride: { justification: 'Hotfix for the outage' },
        },
        after: () => api.del(`/freezes/${res.body.id}`, as('rita')),
      };
    },
  },
  {
    operation: 'GET /releases/{id}/promotions/check',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/releases/${
        (await release(api)).id
      }/promotions/check?environment=dev`,
    }),
  },
  {
    operation: 'GET /promotions',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => {
      await pendingProduction(api);
      return { method: 'get', path: '/promotions?state=pending_approval' };
    },
  },
  {
    operation: 'GET /promotions/count',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => {
      await pendingProduction(api);
      return {
        method: 'get',
        path: '/promotions/count?state=pending_approval&approver=me',
      };
    },
  },
  {
    operation: 'GET /promotions/{id}',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/promotions/${await pendingProduction(api)}`,
    }),
  },
  {
    operation: 'POST /promotions/{id}/approvals',
    needs: [p('promotion.approve')],
    allowed: 201,
    prepare: async api => ({
      method: 'post',
      path: `/promotions/${await pendingProduction(api)}/approvals`,
      body: { decision: 'approve' },
    }),
  },
  {
    // Someone else's request: the requester (dev1) could always withdraw it.
    operation: 'POST /promotions/{id}/cancel',
    needs: [p('promotion.create')],
    allowed: 200,
    prepare: async api => ({
      method: 'post',
      path: `/promotions/${await pendingProduction(api)}/cancel`,
      body: { reason: 'Superseded' },
    }),
  },
  {
    operation: 'POST /promotions/{id}/transitions',
    needs: [p('promotion.create')],
    allowed: 200,
    prepare: async api => {
      const res = await api.request((await release(api)).id, 'dev', 'dev1');
      return {
        method: 'post',
        path: `/promotions/${res.body.id}/transitions`,
        body: { to: 'deploying' },
      };
    },
  },
  {
    operation: 'POST /systems/{namespace}/{name}/rollback',
    needs: [p('promotion.create')],
    allowed: 201,
    prepare: async api => {
      await api.promote((await release(api)).id, 'dev');
      await api.promote((await release(api)).id, 'dev');
      return {
        method: 'post',
        path: '/systems/default/shop/rollback',
        body: { environment: 'dev' },
      };
    },
  },
  {
    operation: 'GET /freezes',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: '/freezes' }),
  },
  {
    operation: 'POST /freezes (named Systems)',
    needs: [p('freeze.manage')],
    allowed: 201,
    prepare: async () => ({
      method: 'post',
      path: '/freezes',
      body: {
        environment: 'production',
        systems: [shop],
        start: '2031-01-01T00:00:00Z',
        end: '2031-01-02T00:00:00Z',
        reason: 'Sale',
      },
    }),
  },
  {
    operation: 'POST /freezes (every System of a lane)',
    needs: [p('freeze.manage-all')],
    allowed: 201,
    prepare: async () => ({
      method: 'post',
      path: '/freezes',
      body: {
        environment: 'production',
        start: '2031-02-01T00:00:00Z',
        end: '2031-02-02T00:00:00Z',
        reason: 'Holidays',
      },
    }),
  },
  {
    operation: 'DELETE /freezes/{id} (named Systems)',
    needs: [p('freeze.manage')],
    allowed: 204,
    prepare: async api => ({
      method: 'delete',
      path: `/freezes/${await freeze(api, [shop])}`,
    }),
  },
  {
    operation: 'DELETE /freezes/{id} (every System of a lane)',
    needs: [p('freeze.manage-all')],
    allowed: 204,
    prepare: async api => ({
      method: 'delete',
      path: `/freezes/${await freeze(api)}`,
    }),
  },
  {
    operation: 'GET /recurring-freezes',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: '/recurring-freezes' }),
  },
  {
    operation: 'POST /recurring-freezes/preview',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({
      method: 'post',
      path: '/recurring-freezes/preview',
      body: recurringWindow([empty]),
    }),
  },
  {
    operation: 'POST /recurring-freezes (named Systems)',
    needs: [p('freeze.manage')],
    allowed: 201,
    prepare: async api => ({
      method: 'post',
      path: '/recurring-freezes',
      body: recurringWindow([empty]),
      after: () => deleteDeclaredWindows(api),
    }),
  },
  {
    operation: 'POST /recurring-freezes (every System)',
    needs: [p('freeze.manage-all')],
    allowed: 201,
    prepare: async api => ({
      method: 'post',
      path: '/recurring-freezes',
      body: recurringWindow(),
      after: () => deleteDeclaredWindows(api),
    }),
  },
  {
    operation: 'POST /recurring-freezes/{id}/exceptions',
    needs: [p('freeze.manage')],
    allowed: 200,
    prepare: async api => ({
      method: 'post',
      path: `/recurring-freezes/${await declaredWindow(api, [
        empty,
      ])}/exceptions`,
      body: { date: '2031-01-04' },
    }),
  },
  {
    operation: 'DELETE /recurring-freezes/{id}',
    needs: [p('freeze.manage')],
    allowed: 204,
    prepare: async api => ({
      method: 'delete',
      path: `/recurring-freezes/${await declaredWindow(api, [empty])}`,
    }),
  },
  {
    operation: 'POST /incidents',
    needs: [p('incident.report')],
    allowed: 201,
    prepare: async () => ({
      method: 'post',
      path: '/incidents',
      body: {
        externalId: `INC-${++seq}`,
        system: shop,
        environment: 'production',
        title: 'Errors',
        openedAt: '2026-11-05T09:00:00Z',
      },
    }),
  },
  {
    operation: 'POST /incidents/webhook',
    needs: [p('incident.report')],
    allowed: 200,
    prepare: async () => {
      seq += 1;
      return {
        method: 'post',
        path: `/incidents/webhook?system=${shop}&environment=production`,
        body: {
          event: {
            ...webhookEvent.event,
            data: { ...webhookEvent.event.data, id: `PD${seq}` },
          },
        },
      };
    },
  },
  {
    operation: 'PATCH /incidents/{id}',
    needs: [p('incident.report')],
    allowed: 200,
    prepare: async api => ({
      method: 'patch',
      path: `/incidents/${await incident(api)}`,
      body: { resolvedAt: now() },
    }),
  },
  {
    operation: 'GET /incidents',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: `/incidents?system=${shop}` }),
  },
  {
    operation: 'GET /incidents/{id}',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async api => ({
      method: 'get',
      path: `/incidents/${await incident(api)}`,
    }),
  },
  {
    operation: 'GET /dora',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: `/dora?entity=${shop}` }),
  },
  {
    operation: 'GET /dora/systems',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: '/dora/systems?entity=org' }),
  },
  {
    operation: 'GET /dora/teams',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: '/dora/teams' }),
  },
  {
    operation: 'GET /dora/teams',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({ method: 'get', path: '/dora/teams' }),
  },
  {
    operation: 'GET /dora/facts',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({
      method: 'get',
      path: `/dora/facts?entity=${shop}&metric=deploymentFrequency`,
    }),
  },
  {
    operation: 'GET /systems/{namespace}/{name}/sources',
    needs: [p('release.read')],
    allowed: 200,
    prepare: async () => ({
      method: 'get',
      path: '/systems/default/shop/sources',
    }),
  },
  {
    operation: 'POST /cdevents',
    needs: [p('build.report')],
    allowed: 201,
    prepare: async () => {
      const data = artifactPackaged({ id: `cdevent-${++seq}` });
      return {
        method: 'post',
        path: '/cdevents',
        cloudEvent: JSON.stringify({
          specversion: '1.0',
          id: data.context.id,
          source: data.context.source,
          type: data.context.type,
          datacontenttype: 'application/json',
          data,
        }),
      };
    },
  },
  {
    operation: 'POST /import',
    needs: [p('build.report')],
    allowed: 200,
    whenDenied: body =>
      expect(body.results).toEqual([
        expect.objectContaining({ outcome: 'rejected', status: 403 }),
      ]),
    prepare: async () => ({
      method: 'post',
      path: '/import',
      ndjson: `${JSON.stringify({
        kind: 'build',
        ...buildInput('worker', `6.${++seq}.0`),
      })}\n`,
    }),
  },
];

function send(server: any, call: Call, auth: string) {
  const url = `${base}${call.path}`;
  if (call.cloudEvent !== undefined) {
    return request(server)
      .post(url)
      .set('Authorization', auth)
      .set('Content-Type', 'application/cloudevents+json')
      .send(call.cloudEvent);
  }
  if (call.ndjson !== undefined) {
    return request(server)
      .post(url)
      .set('Authorization', auth)
      .set('Content-Type', 'application/x-ndjson')
      .send(call.ndjson);
  }
  const req = request(server)[call.method](url).set('Authorization', auth);
  return call.body ? req.send(call.body) : req;
}

/** Rows of every table and the audit chain's head: what a refused request must leave alone. */
async function snapshot(knex: Knex) {
  const tables: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex('pg_tables')
            .where({ schemaname: knex.raw('current_schema()') })
            .select('tablename')
        ).map((r: any) => r.tablename)
      : (
          await knex('sqlite_master').where({ type: 'table' }).select('name')
        ).map((r: any) => r.name);
  const counts: Record<string, number> = {};
  for (const table of tables
    .filter(t => !t.startsWith('knex_') && !t.startsWith('sqlite_'))
    .sort()) {
    const [{ n }] = await knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  const head = await knex('audit_events')
    .orderBy('sequence', 'desc')
    .first('sequence', 'hash');
  return { counts, head };
}

describe.each(databases.eachSupportedId())(
  'permissions on every route (%p)',
  databaseId => {
    /** Permissions refused to the probe; `all` refuses every permission to every caller. */
    let refused: Set<string> | 'all' = new Set();
    /** Systems the probe may not read. */
    let unreadable = new Set<string>();
    const decide = (
      name: string,
      options?: PermissionsServiceRequestOptions,
      resourceRef?: string,
    ) => {
      const principal =
        options && 'credentials' in options
          ? (options.credentials.principal as { userEntityRef?: string })
          : undefined;
      const isProbe = principal?.userEntityRef === PROBE;
      const denied =
        refused === 'all' ||
        (isProbe && refused.has(name)) ||
        (isProbe &&
          name === p('release.read') &&
          resourceRef !== undefined &&
          unreadable.has(resourceRef));
      return denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;
    };

    async function start() {
      return startPluginBackend({
        databases,
        databaseId,
        entities,
        config: promotionTestConfig,
        permissions: {
          authorize: async (requests, options) =>
            requests.map(r => ({
              result: decide(r.permission.name, options, r.resourceRef),
            })) as any,
          // As a policy would say "not these Systems": conditions the plugin applies to each
          // System's catalog entity (here, by the ref annotation every test entity carries).
          authorizeConditional: async (requests, options) =>
            requests.map(r => {
              const result = decide(r.permission.name, options);
              const principal =
                options && 'credentials' in options
                  ? (options.credentials.principal as {
                      userEntityRef?: string;
                    })
                  : undefined;
              if (
                result === AuthorizeResult.ALLOW &&
                principal?.userEntityRef === PROBE &&
                r.permission.name === p('release.read') &&
                unreadable.size > 0
              ) {
                return {
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'release-orchestration',
                  resourceType: RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
                  conditions: {
                    not: {
                      anyOf: [...unreadable].map(ref => ({
                        rule: 'HAS_ANNOTATION',
                        resourceType:
                          RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
                        params: { annotation: REF_ANNOTATION, value: ref },
                      })),
                    },
                  },
                };
              }
              return { result };
            }) as any,
        },
      });
    }

    it('covers every operation of the OpenAPI document', () => {
      const document = parse(
        fs.readFileSync(
          path.resolve(__dirname, './schema/openapi.yaml'),
          'utf8',
        ),
      );
      const documented = Object.entries<any>(document.paths)
        .flatMap(([route, item]) =>
          Object.keys(item).map(method => `${method.toUpperCase()} ${route}`),
        )
        .filter(op => op !== 'GET /health');
      const covered = new Set(
        rows.map(r => r.operation.replace(/ \(.*\)$/, '')),
      );
      expect(documented.filter(op => !covered.has(op))).toEqual([]);
      const names = releaseOrchestrationPermissions.map(x => x.name);
      expect(
        names.filter(name => !rows.some(r => r.needs.includes(name))).sort(),
      ).toEqual([]);
    });

    it('answers 403 on every route when one permission it needs is denied, and 2xx with it', async () => {
      const { server } = await start();
      const api = promotionApi(server);
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const row of rows) {
        for (const permission of row.needs) {
          refused = new Set([permission]);
          const call = await row.prepare(api);
          const denied = await send(server, call, probe);
          if (row.whenDenied) {
            outcomes.push(
              `${row.operation} without ${permission}: ${denied.status}`,
            );
            expected.push(`${row.operation} without ${permission}: 200`);
            row.whenDenied(denied.body);
          } else {
            outcomes.push(
              `${row.operation} without ${permission}: ${
                denied.status
              } ${denied.body.error?.message?.includes(permission)}`,
            );
            expected.push(`${row.operation} without ${permission}: 403 true`);
          }
          refused = new Set();
          const allowed = await send(server, call, probe);
          outcomes.push(
            `${row.operation} with ${permission}: ${allowed.status}${
              allowed.status >= 400 ? ` ${allowed.body.error?.message}` : ''
            }`,
          );
          expected.push(`${row.operation} with ${permission}: ${row.allowed}`);
          await call.after?.();
        }
      }
      expect(outcomes).toEqual(expected);
    });

    it('with a deny-all policy, answers 403 on every mutating route and changes nothing', async () => {
      const { server, knex } = await start();
      const api = promotionApi(server);
      refused = new Set();
      const calls: Array<[string, Call]> = [];
      for (const row of rows) {
        const call = await row.prepare(api);
        await call.after?.();
        if (call.method !== 'get') {
          calls.push([row.operation, call]);
        }
      }
      const before = await snapshot(knex);
      expect(before.head).toBeDefined();
      refused = 'all';
      const statuses: string[] = [];
      for (const [operation, call] of calls) {
        for (const auth of [probe, ci]) {
          const res = await send(server, call, auth);
          const status =
            call.ndjson !== undefined
              ? res.body.results?.[0]?.status
              : res.status;
          statuses.push(`${operation}: ${status}`);
        }
      }
      refused = new Set();
      expect(statuses).toEqual(
        calls.flatMap(([operation]) => [
          `${operation}: 403`,
          `${operation}: 403`,
        ]),
      );
      expect(calls.length).toBeGreaterThanOrEqual(18);
      expect(await snapshot(knex)).toEqual(before);
    });

    it("leaves out of every list what the caller may not read, and refuses that System's pages", async () => {
      const { server } = await start();
      const api = promotionApi(server);
      await pendingProduction(api);
      const bank = await api.post('/builds', buildInput('ledger', '1.0.0'));
      expect(bank.status).toBe(201);
      const lists = [
        '/promotions?state=pending_approval',
        `/audit?entity=${shop}`,
        '/audit',
        '/dora/systems?entity=org',
      ];
      const systemsOf = async () => {
        const out: Record<string, string[]> = {};
        for (const list of lists) {
          const res = await send(server, { method: 'get', path: list }, probe);
          expect(res.status).toBe(200);
          out[list] = [
            ...new Set<string>(
              res.body.items.map(
                (i: any) =>
                  i.promotion?.systemRef ?? i.systemRef ?? i.entityRef,
              ),
            ),
          ].sort();
        }
        return out;
      };
      const count = async () =>
        (
          await send(
            server,
            { method: 'get', path: '/promotions/count?state=pending_approval' },
            probe,
          )
        ).body.count;
      unreadable = new Set();
      const all = await systemsOf();
      expect(all['/promotions?state=pending_approval']).toEqual([shop]);
      expect(await count()).toBeGreaterThan(0);
      expect(all['/audit']).toEqual(
        expect.arrayContaining([shop, 'component:default/ledger']),
      );
      unreadable = new Set([shop]);
      const some = await systemsOf();
      expect(some['/promotions?state=pending_approval']).toEqual([]);
      expect(await count()).toBe(0);
      expect(some[`/audit?entity=${shop}`]).toEqual([]);
      expect(some['/audit']).toContain('component:default/ledger');
      expect(
        some['/audit'].filter(
          ref =>
            ref === shop || ref.match(/component:default\/(api|web|worker)/),
        ),
      ).toEqual([]);
      expect(some['/dora/systems?entity=org']).not.toContain(shop);
      expect(all['/dora/systems?entity=org']).toContain(shop);
      const page = await send(
        server,
        { method: 'get', path: '/systems/default/shop/environments' },
        probe,
      );
      expect(page.status).toBe(403);
      unreadable = new Set();
    });
  },
);
