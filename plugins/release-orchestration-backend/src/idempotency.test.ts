import fs from 'node:fs';
import path from 'node:path';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import YAML from 'yaml';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { buildInput } from './__testUtils__/fixtures';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  as,
  base,
  ci,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';
import { idempotentCreateRoutes } from './router/idempotency/idempotentCreateRoutes';

jest.setTimeout(120_000);

type Api = ReturnType<typeof promotionApi>;

/** One create request, a different request for the same key, and the rows it must make once. */
interface CreateCase {
  method: 'post' | 'patch';
  path: string;
  body: object;
  otherBody: object;
  auth?: string;
  /** Rows the request makes in its own table (exactly one after the first request). */
  rows(knex: Knex): Promise<number>;
}

/**
 * `releaseOrchestration.idempotency.answerWaitSeconds` of these backends: a retry whose answer
 * was lost waits this long (the default, 5 s, made the 39 cases of this file take 3 minutes).
 */
const ANSWER_WAIT_SECONDS = 0.3;

async function count(
  knex: Knex,
  table: string,
  where: Record<string, unknown> = {},
) {
  const [row] = await knex(table).where(where).count({ n: '*' });
  return Number(row.n);
}

function soon(hours: number) {
  return new Date(Date.now() + hours * 3_600_000).toISOString();
}

/** A release whose dev and staging promotions succeeded, with the evidence production needs. */
async function stagedRelease(api: Api, version: string) {
  const release = await api.cutRelease(version);
  await api.attachPassing(release.id, 'unit-tests', 'security-scan');
  await api.promote(release.id, 'dev');
  await api.promote(release.id, 'staging');
  return release;
}

/** An approved (not yet deploying) promotion of a new release into dev. */
async function approvedDevPromotion(api: Api, version: string) {
  const release = await api.cutRelease(version);
  const res = await api.request(release.id, 'dev');
  expect(res.body.state).toBe('approved');
  return res.body.id as string;
}

/**
 * The create routes; all run against one backend per database, each with its own release
 * version `v` and names, so they do not meet.
 */
const CASES: Record<string, (api: Api, v: string) => Promise<CreateCase>> = {
  'POST /builds': async (_api, v) => ({
    method: 'post',
    path: '/builds',
    body: buildInput('api', v),
    otherBody: buildInput('api', `${v}-other`),
    rows: knex => count(knex, 'builds', { version: v }),
  }),
  'POST /releases': async (api, v) => {
    await api.cutRelease(`${v}-first`);
    return {
      method: 'post',
      path: '/releases',
      body: { system: 'system:default/shop', version: v },
      otherBody: { system: 'system:default/shop', version: `${v}-other` },
      rows: knex => count(knex, 'releases', { version: v }),
    };
  },
  'POST /releases/{id}/evidence': async (api, v) => {
    const release = await api.cutRelease(v);
    const evidence = {
      type: 'unit-tests',
      status: 'pass',
      url: 'https://ci.example/1',
      summary: '412 passed',
    };
    return {
      method: 'post',
      path: `/releases/${release.id}/evidence`,
      body: evidence,
      otherBody: { ...evidence, summary: '413 passed' },
      rows: knex => count(knex, 'evidence', { release_id: release.id }),
    };
  },
  'POST /releases/{id}/promotions': async (api, v) => {
    const release = await api.cutRelease(v);
    return {
      method: 'post',
      path: `/releases/${release.id}/promotions`,
      body: { environment: 'dev' },
      otherBody: { environment: 'dev', justification: 'another' },
      auth: as('dev1'),
      rows: knex => count(knex, 'promotions', { release_id: release.id }),
    };
  },
  'POST /promotions': async (api, v) => {
    const release = await api.cutRelease(v);
    return {
      method: 'post',
      path: '/promotions',
      body: { releaseId: release.id, environments: ['dev'] },
      otherBody: {
        releaseId: release.id,
        environments: ['dev'],
        justification: 'another',
      },
      auth: as('dev1'),
      rows: knex => count(knex, 'promotions', { release_id: release.id }),
    };
  },
  'POST /promotions/{id}/approvals': async (api, v) => {
    const release = await stagedRelease(api, v);
    const requested = await api.request(release.id, 'production', 'dev1');
    expect(requested.body.state).toBe('pending_approval');
    return {
      method: 'post',
      path: `/promotions/${requested.body.id}/approvals`,
      body: { decision: 'approve', comment: 'looks good' },
      otherBody: { decision: 'approve', comment: 'fine' },
      auth: as('rita'),
      rows: knex =>
        count(knex, 'approvals', { promotion_id: requested.body.id }),
    };
  },
  'POST /promotions/{id}/cancel': async (api, v) => {
    const id = await approvedDevPromotion(api, v);
    return {
      method: 'post',
      path: `/promotions/${id}/cancel`,
      body: { reason: 'not today' },
      otherBody: { reason: 'not tomorrow' },
      rows: knex =>
        count(knex, 'promotion_transitions', {
          promotion_id: id,
          to_state: 'cancelled',
        }),
    };
  },
  'POST /promotions/{id}/transitions': async (api, v) => {
    const id = await approvedDevPromotion(api, v);
    return {
      method: 'post',
      path: `/promotions/${id}/transitions`,
      body: { to: 'deploying' },
      otherBody: { to: 'deploying', reason: 'pipeline 7' },
      rows: knex =>
        count(knex, 'promotion_transitions', {
          promotion_id: id,
          to_state: 'deploying',
        }),
    };
  },
  'POST /deployments': async (_api, v) => {
    const deployment = {
      idempotencyKey: `deploy-api-${v}`,
      environment: 'dev',
      status: 'started',
      component: 'component:default/api',
      version: v,
    };
    return {
      method: 'post',
      path: '/deployments',
      body: deployment,
      otherBody: { ...deployment, idempotencyKey: `deploy-api-${v}-other` },
      rows: knex =>
        count(knex, 'deployments', { idempotency_key: `deploy-api-${v}` }),
    };
  },
  'POST /systems/{namespace}/{name}/rollback': async (api, v) => {
    const r1 = await api.cutRelease(`${v}-first`);
    await api.promote(r1.id, 'dev');
    const r2 = await api.cutRelease(v);
    await api.promote(r2.id, 'dev');
    return {
      method: 'post',
      path: '/systems/default/shop/rollback',
      body: { environment: 'dev' },
      otherBody: { environment: 'dev', justification: 'other' },
      auth: as('dev1'),
      rows: knex => count(knex, 'promotions', { rollback: true }),
    };
  },
  'POST /freezes': async () => {
    const freeze = {
      environment: 'production',
      start: soon(1),
      end: soon(3),
      reason: 'Launch week',
    };
    return {
      method: 'post',
      path: '/freezes',
      body: freeze,
      otherBody: { ...freeze, reason: 'Another launch' },
      auth: as('rita'),
      rows: knex => count(knex, 'freezes'),
    };
  },
  'POST /recurring-freezes': async (_api, v) => {
    const window = {
      name: `idem-${v.replace(/\./g, '-')}`,
      environments: ['production'],
      every: ['fri'],
      from: '16:00',
      until: 'mon 08:00',
      timeZone: 'Europe/Berlin',
      reason: 'Weekend',
    };
    return {
      method: 'post',
      path: '/recurring-freezes',
      body: window,
      otherBody: { ...window, name: `${window.name}-other` },
      auth: as('rita'),
      rows: knex => count(knex, 'recurring_freezes', { name: window.name }),
    };
  },
  'POST /recurring-freezes/{id}/exceptions': async (api, v) => {
    const created = await api.post(
      '/recurring-freezes',
      {
        name: `skip-${v.replace(/\./g, '-')}`,
        environments: ['production'],
        every: ['sat'],
        from: '00:00',
        until: 'sun 23:00',
        timeZone: 'UTC',
        reason: 'Weekend',
      },
      as('rita'),
    );
    const id = created.body.id;
    return {
      method: 'post',
      path: `/recurring-freezes/${id}/exceptions`,
      body: { date: '2027-01-02' },
      otherBody: { date: '2027-01-09' },
      auth: as('rita'),
      rows: knex =>
        count(knex, 'audit_events', {
          action: 'recurring-freeze.exception-added',
          subject_id: id,
        }),
    };
  },
  'POST /incidents': async (_api, v) => {
    const incident = {
      externalId: `INC-${v}`,
      system: 'system:default/shop',
      title: 'Checkout is down',
      openedAt: '2026-11-01T10:00:00.000Z',
    };
    return {
      method: 'post',
      path: '/incidents',
      body: incident,
      otherBody: { ...incident, externalId: `INC-${v}-other` },
      rows: knex => count(knex, 'incidents', { external_id: `INC-${v}` }),
    };
  },
  'PATCH /incidents/{id}': async (api, v) => {
    const created = await api.post('/incidents', {
      externalId: `INC-${v}`,
      system: 'system:default/shop',
      title: 'Checkout is down',
      openedAt: '2026-11-01T10:00:00.000Z',
    });
    expect(created.status).toBe(201);
    return {
      method: 'patch',
      path: `/incidents/${created.body.id}`,
      body: { resolvedAt: '2026-11-01T11:00:00.000Z' },
      otherBody: { resolvedAt: '2026-11-01T12:00:00.000Z' },
      rows: async knex =>
        count(knex, 'incidents', {
          id: created.body.id,
          resolved_at: await resolvedAt(knex),
        }),
    };
  },
};

/** The stored form of 2026-11-01T11:00:00Z (a Date on PostgreSQL, ISO text on SQLite). */
async function resolvedAt(knex: Knex) {
  return knex.client.config.client === 'pg'
    ? new Date('2026-11-01T11:00:00.000Z')
    : '2026-11-01T11:00:00.000Z';
}

describe('Idempotency-Key on create routes', () => {
  const databases = createTestDatabases();
  const extraConnections: Knex[] = [];
  afterAll(async () => {
    for (const connection of extraConnections) {
      await connection.destroy();
    }
  });

  async function start(databaseId: TestDatabaseId) {
    const { server, knex } = await startPluginBackend({
      databases,
      databaseId,
      // A retry of a request whose answer was lost waits this long before rebuilding it.
      config: {
        releaseOrchestration: {
          ...promotionTestConfig.releaseOrchestration,
          idempotency: { answerWaitSeconds: ANSWER_WAIT_SECONDS },
        },
      },
      entities: promotionTestEntities(),
    });
    return { server, knex, api: promotionApi(server) };
  }

  function send(
    server: any,
    c: Pick<CreateCase, 'method' | 'path' | 'auth'>,
    body: object,
    key?: string,
  ) {
    const req = request(server)
      [c.method](`${base}${c.path}`)
      .set('Authorization', c.auth ?? ci);
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(
      body,
    );
  }

  it('covers, and openapi.yaml documents with its 422, exactly the routes that take the header', () => {
    const routes = idempotentCreateRoutes({} as any)
      .map(r => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(Object.keys(CASES).sort()).toEqual(routes);
    const document = YAML.parse(
      fs.readFileSync(path.resolve(__dirname, './schema/openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(document.paths).flatMap(
      ([p, item]: [string, any]) =>
        Object.entries(item)
          .filter(([, op]: [string, any]) =>
            op.parameters?.some(
              (x: any) => x.$ref === '#/components/parameters/idempotencyKey',
            ),
          )
          .map(([method, op]: [string, any]) => {
            expect({
              [`${method} ${p}`]: Boolean(op.responses['422']),
            }).toEqual({ [`${method} ${p}`]: true });
            return `${method.toUpperCase()} ${p}`;
          }),
    );
    expect(documented.sort()).toEqual(routes);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let shared: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      shared = await start(databaseId);
    });

    it.each(Object.keys(CASES).map((name, i) => [name, i]))(
      '%s: a repeat gets the original answer and changes nothing; another request with the key is a 422; a lost answer is rebuilt',
      async (name, i) => {
        const { server, knex, api } = shared;
        const c = await CASES[name](api, `${i + 1}.0.0`);
        const key = `test:${name.replace(/\W+/g, '-')}`;

        const first = await send(server, c, c.body, key);
        expect([200, 201]).toContain(first.status);
        expect(first.headers['idempotent-replayed']).toBeUndefined();
        expect(await c.rows(knex)).toBe(1);
        const events = await count(knex, 'audit_events');

        const repeat = await send(server, c, c.body, key);
        expect(repeat.status).toBe(first.status);
        expect(repeat.body).toEqual(first.body);
        expect(repeat.headers['idempotent-replayed']).toBe('true');

        const other = await send(server, c, c.otherBody, key);
        expect(other.status).toBe(422);
        expect(other.body.error.message).toContain(
          `Idempotency-Key header: '${key}' was already used`,
        );

        // The replica died after its commit, before the answer was stored: only the key and what
        // the request changed are in the database.
        expect(
          await count(knex, 'idempotency_keys', {
            idempotency_key: key,
            subject_type: null,
          }),
        ).toBe(0);
        await knex('idempotency_keys').where({ idempotency_key: key }).update({
          response_status: null,
          response_body: null,
          completed_at: null,
        });
        const retriedAt = Date.now();
        const retry = await send(server, c, c.body, key);
        const waited = Date.now() - retriedAt;
        expect(retry.status).toBe(first.status);
        expect(retry.body).toEqual(first.body);
        // It waited for an answer as configured before rebuilding it (not the 5 s default).
        expect(waited).toBeGreaterThanOrEqual(ANSWER_WAIT_SECONDS * 1000);
        expect(waited).toBeLessThan(4000);

        expect(await c.rows(knex)).toBe(1);
        expect(await count(knex, 'audit_events')).toBe(events);
        expect(
          await count(knex, 'idempotency_keys', { idempotency_key: key }),
        ).toBe(1);
        expect(
          await count(knex, 'idempotency_keys', {
            idempotency_key: key,
            response_status: first.status,
          }),
        ).toBe(1);
      },
    );

    it('scopes keys to the principal, ignores a missing header and refuses a malformed one naming it', async () => {
      const { server, knex, api } = shared;
      const release = await api.cutRelease('scope-1.0.0');
      const c = {
        method: 'post' as const,
        path: `/releases/${release.id}/evidence`,
      };
      const evidence = {
        type: 'unit-tests',
        status: 'pass',
        url: 'https://ci.example/1',
        summary: '412 passed',
      };

      const byDev1 = await send(
        server,
        { ...c, auth: as('dev1') },
        evidence,
        'same-key',
      );
      const byDev2 = await send(
        server,
        { ...c, auth: as('dev2') },
        evidence,
        'same-key',
      );
      expect([byDev1.status, byDev2.status]).toEqual([201, 201]);
      expect(byDev2.body.id).not.toBe(byDev1.body.id);

      const plain = await send(server, c, evidence);
      expect(plain.status).toBe(201);
      expect(await count(knex, 'evidence', { release_id: release.id })).toBe(3);

      for (const bad of ['', 'a'.repeat(256), 'with space', 'caf\u00e9']) {
        const res = await request(server)
          .post(`${base}${c.path}`)
          .set('Authorization', ci)
          .set('Idempotency-Key', bad)
          .send(evidence);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain('Idempotency-Key header');
      }
      expect(await count(knex, 'evidence', { release_id: release.id })).toBe(3);
    });

    it('keeps the body idempotencyKey of deployments: each report of one deployment has its own header key', async () => {
      const { server, knex } = shared;
      const c = { method: 'post' as const, path: '/deployments' };
      const report = {
        idempotencyKey: 'deploy-7',
        environment: 'dev',
        component: 'component:default/api',
        version: '7.0.0',
      };

      const started = await send(
        server,
        c,
        { ...report, status: 'started' },
        'deploy-7:started',
      );
      expect(started.status).toBe(201);
      const finished = await send(
        server,
        c,
        { ...report, status: 'succeeded' },
        'deploy-7:succeeded',
      );
      expect(finished.status).toBe(200);
      expect(finished.body).toMatchObject({
        id: started.body.id,
        status: 'succeeded',
      });
      // A late retry of the first report answers what it answered then.
      const retry = await send(
        server,
        c,
        { ...report, status: 'started' },
        'deploy-7:started',
      );
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(started.body);
      expect(
        await count(knex, 'deployments', { idempotency_key: 'deploy-7' }),
      ).toBe(1);
    });

    it('a request that failed stored nothing: its retry runs again', async () => {
      const { server, knex, api } = shared;
      const c = { method: 'post' as const, path: '/releases' };
      const body = {
        system: 'system:default/shop',
        version: 'fail-1.0.0',
        components: [{ component: 'component:default/api', version: '77.0.0' }],
      };
      const refused = await send(server, c, body, 'release-fail');
      expect(refused.status).toBe(400); // no such build yet
      expect(
        await count(knex, 'idempotency_keys', {
          idempotency_key: 'release-fail',
        }),
      ).toBe(0);
      expect(
        (await api.post('/builds', buildInput('api', '77.0.0'))).status,
      ).toBe(201);
      const created = await send(server, c, body, 'release-fail');
      expect(created.status).toBe(201);
      expect(await count(knex, 'releases', { version: 'fail-1.0.0' })).toBe(1);
    });
  });

  it.each(databases.eachSupportedId())(
    'concurrent requests with one key through two replicas make one row and all get its answer on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let second = knex;
      if (databaseId.startsWith('POSTGRES')) {
        second = knexFactory(knex.client.config);
        extraConnections.push(second);
      }
      const options = {
        databases,
        databaseId,
        config: promotionTestConfig,
        entities: promotionTestEntities(),
      };
      const a = await startPluginBackend({ ...options, knex });
      const b = await startPluginBackend({ ...options, knex: second });
      const release = await promotionApi(a.server).cutRelease('1.0.0');
      const evidence = {
        type: 'security-scan',
        status: 'pass',
        url: 'https://ci.example/scan',
        summary: 'clean',
      };

      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          send(
            i % 2 === 0 ? a.server : b.server,
            { method: 'post', path: `/releases/${release.id}/evidence` },
            evidence,
            'scan-1',
          ),
        ),
      );
      expect(answers.map(r => r.status)).toEqual(Array(12).fill(201));
      expect(new Set(answers.map(r => r.body.id)).size).toBe(1);
      expect(await count(knex, 'evidence', { release_id: release.id })).toBe(1);

      const promotions = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          send(
            i % 2 === 0 ? a.server : b.server,
            {
              method: 'post',
              path: `/releases/${release.id}/promotions`,
              auth: as('dev1'),
            },
            { environment: 'dev' },
            'promote-1',
          ),
        ),
      );
      expect(promotions.map(r => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(promotions.map(r => r.body.id)).size).toBe(1);
      expect(await count(knex, 'promotions', { release_id: release.id })).toBe(
        1,
      );

      // The deciding vote: requests that pass the key look-up before the winner commits, and
      // then find the promotion no longer pending, get the winner's answer too.
      const staged = await stagedRelease(promotionApi(a.server), '2.0.0');
      const requested = await promotionApi(a.server).request(
        staged.id,
        'production',
        'dev1',
      );
      expect(
        (await promotionApi(b.server).vote(requested.body.id, 'rita')).status,
      ).toBe(201);
      const votes = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          send(
            i % 2 === 0 ? a.server : b.server,
            {
              method: 'post',
              path: `/promotions/${requested.body.id}/approvals`,
              auth: as('ravi'),
            },
            { decision: 'approve' },
            'ravi-vote-1',
          ),
        ),
      );
      expect(votes.map(r => r.status)).toEqual(Array(8).fill(201));
      expect(votes.map(r => r.body.state)).toEqual(Array(8).fill('approved'));
      expect(
        await count(knex, 'approvals', { promotion_id: requested.body.id }),
      ).toBe(2);
    },
  );
});
