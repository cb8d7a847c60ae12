import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM } from '@release-orchestration/plugin-release-orchestration-common';
import { buildInput, testEntities } from '../__testUtils__/fixtures';
import { startPluginBackend } from '../__testUtils__/startPluginBackend';
import { createTestDatabases } from '../__testUtils__/testStores';

jest.setTimeout(60_000);

const base = '/api/release-orchestration';
const ci = mockCredentials.service.header();

const ndjson = (...lines: Array<object | string>) =>
  lines.map(l => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

function postImport(server: any, body: string, type = 'application/x-ndjson') {
  return request(server)
    .post(`${base}/import`)
    .set('Authorization', ci)
    .set('Content-Type', type)
    .send(body);
}

const history = ndjson(
  { kind: 'build', ...buildInput('api', '1.0.0') },
  { kind: 'build', ...buildInput('web', '2.0.0') },
  '',
  {
    kind: 'deployment',
    idempotencyKey: 'old-cd:42',
    environment: 'production',
    component: 'component:default/api',
    version: '1.0.0',
    status: 'started',
    startedAt: '2026-10-01T10:00:00Z',
  },
  {
    kind: 'deployment',
    idempotencyKey: 'old-cd:42',
    environment: 'production',
    component: 'component:default/api',
    version: '1.0.0',
    status: 'succeeded',
    startedAt: '2026-10-01T10:00:00Z',
    finishedAt: '2026-10-01T10:04:00Z',
  },
  {
    kind: 'incident',
    source: 'old-pager',
    externalId: 'P-1',
    system: 'system:default/shop',
    title: 'Checkout errors',
    openedAt: '2026-10-01T11:00:00Z',
  },
);

describe('POST /import', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('records every kind through the single-report rules, tagged as imported, once', async () => {
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
      });
      const res = await postImport(server, history);
      expect(res.status).toBe(200);
      expect(res.body.summary).toEqual({
        lines: 5,
        created: 4,
        finished: 1,
        unchanged: 0,
        rejected: 0,
      });
      expect(
        res.body.results.map((r: any) => [r.line, r.kind, r.outcome]),
      ).toEqual([
        [1, 'build', 'created'],
        [2, 'build', 'created'],
        [4, 'deployment', 'created'],
        [5, 'deployment', 'finished'],
        [6, 'incident', 'created'],
      ]);
      expect(res.body.summary.lines).toBe(res.body.results.length);

      expect(
        await knex('builds').orderBy('version').select('version', 'source'),
      ).toEqual([
        { version: '1.0.0', source: 'import' },
        { version: '2.0.0', source: 'import' },
      ]);
      expect(
        await knex('deployments').select('idempotency_key', 'status', 'source'),
      ).toEqual([
        { idempotency_key: 'old-cd:42', status: 'succeeded', source: 'import' },
      ]);
      const incident = await request(server).get(
        `${base}/incidents/${res.body.results[4].id}`,
      );
      expect(incident.body).toMatchObject({
        source: 'old-pager',
        externalId: 'P-1',
        deploymentId: res.body.results[2].id,
      });
      const actions = (
        await knex('audit_events').orderBy('sequence').select('action')
      ).map(r => r.action);
      expect(actions.filter(a => a === 'build.reported')).toHaveLength(2);
      expect(actions.filter(a => a.startsWith('deployment.'))).toEqual([
        'deployment.started',
        'deployment.succeeded',
      ]);
      expect(actions.filter(a => a === 'incident.reported')).toHaveLength(1);
      expect(
        (await request(server).get(`${base}/audit/verify`)).body,
      ).toMatchObject({ valid: true });

      // The same file again changes nothing.
      const events = actions.length;
      const again = await postImport(server, history);
      expect(again.body.summary).toEqual({
        lines: 5,
        created: 0,
        finished: 0,
        unchanged: 5,
        rejected: 0,
      });
      expect(again.body.results.map((r: any) => r.id)).toEqual(
        res.body.results.map((r: any) => r.id),
      );
      expect(Number((await knex('audit_events').count({ n: '*' }))[0].n)).toBe(
        events,
      );

      // A single report still says it came through the API.
      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('worker', '0.9.0'))
        .expect(201);
      expect(
        await knex('builds').where({ version: '0.9.0' }).first('source'),
      ).toEqual({ source: 'api' });
    });

    it('answers each bad line with the status and field its single report would get, and keeps the good ones', async () => {
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
      });
      const body = ndjson(
        { kind: 'build', ...buildInput('api', '1.0.0') },
        '{"kind": "build", ',
        { kind: 'release', version: '1' },
        { kind: 'build', ...buildInput('api', '1.1.0'), artifactDigest: 'md5' },
        { kind: 'build', ...buildInput('nope', '1.0.0') },
        {
          kind: 'build',
          ...buildInput('api', '1.0.0'),
          artifactDigest: `sha256:${'f'.repeat(64)}`,
        },
        {
          kind: 'deployment',
          idempotencyKey: 'k1',
          environment: 'moon',
          component: 'component:default/api',
          version: '1.0.0',
          status: 'succeeded',
        },
        { kind: 'build', ...buildInput('web', '2.0.0') },
      );
      const res = await postImport(server, body);
      expect(res.status).toBe(200);
      expect(res.body.summary).toEqual({
        lines: 8,
        created: 2,
        finished: 0,
        unchanged: 0,
        rejected: 6,
      });
      const byLine = Object.fromEntries(
        res.body.results.map((r: any) => [r.line, r]),
      );
      expect(byLine[1]).toMatchObject({ outcome: 'created' });
      expect(byLine[2]).toMatchObject({
        outcome: 'rejected',
        status: 400,
        error: expect.stringContaining('line 2: not valid JSON'),
      });
      expect(byLine[3]).toMatchObject({
        outcome: 'rejected',
        status: 400,
        error: expect.stringContaining('kind:'),
      });
      expect(byLine[4]).toMatchObject({
        outcome: 'rejected',
        status: 400,
        error: expect.stringContaining('artifactDigest'),
      });
      expect(byLine[5]).toMatchObject({
        outcome: 'rejected',
        status: 400,
        error: expect.stringContaining(
          'component: component:default/nope is not in the catalog',
        ),
      });
      expect(byLine[6]).toMatchObject({
        outcome: 'rejected',
        status: 409,
        error: expect.stringContaining('already reported with digest'),
      });
      expect(byLine[7]).toMatchObject({
        outcome: 'rejected',
        status: 400,
        error: expect.stringContaining("environment: 'moon'"),
      });
      expect(byLine[8]).toMatchObject({ kind: 'build', outcome: 'created' });
      expect(
        (await knex('builds').orderBy('version').select('version')).map(
          r => r.version,
        ),
      ).toEqual(['1.0.0', '2.0.0']);
      expect(
        Number(
          (
            await knex('audit_events')
              .where({ action: 'build.reported' })
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(2);
    });

    it('refuses the lines of Systems the caller may not report on, and only those', async () => {
      // The policy allows reporting on Systems without the lock annotation; bank has it.
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
        entities: testEntities.map(e =>
          e.kind === 'System' && e.metadata.name === 'bank'
            ? {
                ...e,
                metadata: {
                  ...e.metadata,
                  annotations: { 'example.com/locked': 'true' },
                },
              }
            : e,
        ),
        permissions: {
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async requests =>
            requests.map(() => ({
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'release-orchestration',
              resourceType: RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
              conditions: {
                not: {
                  rule: 'HAS_ANNOTATION',
                  resourceType: RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
                  params: { annotation: 'example.com/locked' },
                },
              },
            })) as any,
        },
      });
      const res = await postImport(
        server,
        ndjson(
          { kind: 'build', ...buildInput('ledger', '1.0.0') },
          { kind: 'build', ...buildInput('api', '1.0.0') },
          {
            kind: 'incident',
            externalId: 'X',
            system: 'system:default/bank',
            title: 'down',
            openedAt: '2026-10-01T11:00:00Z',
          },
        ),
      );
      expect(res.body.results.map((r: any) => [r.outcome, r.status])).toEqual([
        ['rejected', 403],
        ['created', undefined],
        ['rejected', 403],
      ]);
      expect(res.body.results[0].error).toContain(
        'release-orchestration.build.report was denied on system:default/bank',
      );
      expect(
        (await knex('builds').select('component_ref')).map(
          r => r.component_ref,
        ),
      ).toEqual(['component:default/api']);
    });

    it('takes only NDJSON, with at least one record, from an authenticated caller', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      const json = await postImport(
        server,
        JSON.stringify({ kind: 'build' }),
        'application/json',
      );
      expect(json.status).toBe(415);
      expect(json.body.error.message).toContain('application/x-ndjson');
      const empty = await postImport(server, '\n\n');
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toContain('no records');
      const anonymous = await request(server)
        .post(`${base}/import`)
        .set('Authorization', mockCredentials.none.header())
        .set('Content-Type', 'application/x-ndjson')
        .send(history);
      expect(anonymous.status).toBe(401);
      // Other routes still refuse NDJSON.
      const build = await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .set('Content-Type', 'application/x-ndjson')
        .send('{}');
      expect(build.status).toBe(415);
    });
  });
});
