import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { buildInput } from '../__testUtils__/fixtures';
import { startPluginBackend } from '../__testUtils__/startPluginBackend';
import { createTestDatabases } from '../__testUtils__/testStores';
import {
  artifactPackaged,
  cdevent,
  incident,
  serviceDeployed,
  testSuiteRunFinished,
} from '../service/cdevents/__fixtures__/cdevents';
import {
  specExamples,
  withOverrides,
} from '../service/cdevents/__fixtures__/specExamples';

jest.setTimeout(60_000);

const base = '/api/release-orchestration';
const ci = mockCredentials.service.header();

/** Structured mode: the CloudEvent with the CDEvent as its data. */
function structured(
  server: any,
  data: ReturnType<typeof cdevent>,
  id = data.context.id,
) {
  return request(server)
    .post(`${base}/cdevents`)
    .set('Authorization', ci)
    .set('Content-Type', 'application/cloudevents+json')
    .send(
      JSON.stringify({
        specversion: '1.0',
        id,
        source: data.context.source,
        type: data.context.type,
        datacontenttype: 'application/json',
        data,
      }),
    );
}

/** Binary mode: the attributes as ce-* headers, the CDEvent as the body. */
function binary(
  server: any,
  data: ReturnType<typeof cdevent>,
  headers: Record<string, string> = {},
) {
  return request(server)
    .post(`${base}/cdevents`)
    .set('Authorization', ci)
    .set({
      'ce-specversion': '1.0',
      'ce-id': data.context.id,
      'ce-source': data.context.source,
      'ce-type': data.context.type,
      ...headers,
    })
    .send(data);
}

describe('POST /cdevents (CDEvents v0.4 examples)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('records artifacts as builds and service events as deployments, once per CloudEvent id and source', async () => {
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
      });
      const packaged = await structured(
        server,
        artifactPackaged({ id: 'a-1' }),
      );
      expect(packaged.status).toBe(201);
      expect(packaged.body).toMatchObject({
        type: 'dev.cdevents.artifact.packaged.0.2.0',
        outcome: 'created',
        recordedAs: 'build',
      });
      const published = await structured(
        server,
        cdevent(
          'dev.cdevents.artifact.published.0.2.0',
          { ...artifactPackaged().subject, content: {} },
          {
            id: 'a-2',
            overrides: {
              commitSha: '4e1c2f0d9a',
              commitTime: '2026-11-20T09:00:00Z',
            },
          },
        ),
      );
      expect(published.body).toMatchObject({
        outcome: 'unchanged',
        id: packaged.body.id,
      });

      const deployed = await binary(
        server,
        serviceDeployed('production', { id: 'd-1' }),
      );
      expect(deployed.status).toBe(201);
      expect(deployed.body).toMatchObject({
        outcome: 'created',
        recordedAs: 'deployment',
      });
      const again = await structured(
        server,
        serviceDeployed('production', { id: 'd-1' }),
      );
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        outcome: 'unchanged',
        id: deployed.body.id,
      });
      const later = await binary(
        server,
        serviceDeployed('production', {
          id: 'd-2',
          timestamp: '2026-11-21T10:00:00Z',
        }),
      );
      expect(later.body.id).not.toBe(deployed.body.id);

      expect(await knex('builds').select('version', 'source')).toEqual([
        { version: '1.4.0', source: 'cdevents' },
      ]);
      expect(
        (await knex('deployments').select('source')).map(r => r.source),
      ).toEqual(['cdevents', 'cdevents']);
      const deployment = await request(server).get(
        `${base}/deployments/${deployed.body.id}`,
      );
      expect(deployment.body).toMatchObject({
        systemRef: 'system:default/shop',
        environment: 'production',
        status: 'succeeded',
        components: [
          { componentRef: 'component:default/api', version: '1.4.0' },
        ],
      });
    });

    it('opens an incident once, resolves it, and attaches test results to a release as evidence', async () => {
      const { server } = await startPluginBackend({ databases, databaseId });
      await binary(
        server,
        serviceDeployed('production', {
          id: 'd-1',
          timestamp: '2026-11-20T09:00:00Z',
        }),
      ).expect(201);
      const detected = await structured(
        server,
        incident('detected', { id: 'i-1' }),
      );
      expect(detected.status).toBe(201);
      const reported = await structured(
        server,
        incident('reported', { id: 'i-2', timestamp: '2026-11-20T10:10:00Z' }),
      );
      expect(reported.body).toMatchObject({
        outcome: 'unchanged',
        id: detected.body.id,
      });
      const resolved = await binary(
        server,
        incident('resolved', { id: 'i-3', timestamp: '2026-11-20T11:00:00Z' }),
      );
      expect(resolved.body).toMatchObject({
        outcome: 'updated',
        recordedAs: 'incident',
        id: detected.body.id,
      });
      expect(
        (
          await binary(
            server,
            incident('resolved', {
              id: 'i-3',
              timestamp: '2026-11-20T11:00:00Z',
            }),
          )
        ).body.outcome,
      ).toBe('unchanged');
      const stored = await request(server).get(
        `${base}/incidents/${detected.body.id}`,
      );
      expect(stored.body).toMatchObject({
        source: 'cdevents',
        externalId: 'incident-42',
        systemRef: 'system:default/shop',
        environment: 'production',
        title: 'Checkout errors above 5%',
        openedAt: '2026-11-20T10:04:00.000Z',
        resolvedAt: '2026-11-20T11:00:00.000Z',
      });
      expect(stored.body.deploymentId).toBeDefined();

      for (const [component, version] of [
        ['api', '1.4.0'],
        ['web', '2.0.0'],
        ['worker', '0.9.0'],
      ]) {
        await request(server)
          .post(`${base}/builds`)
          .set('Authorization', ci)
          .send(buildInput(component, version))
          .expect(r => expect(r.status).toBeLessThan(300));
      }
      const release = await request(server)
        .post(`${base}/releases`)
        .send({ system: 'system:default/shop', version: 'r1' });
      expect(release.status).toBe(201);
      const passed = await structured(
        server,
        testSuiteRunFinished('pass', release.body.id, { id: 't-1' }),
      );
      expect(passed.status).toBe(201);
      expect(passed.body).toMatchObject({
        outcome: 'created',
        recordedAs: 'evidence',
      });
      expect(
        (
          await structured(
            server,
            testSuiteRunFinished('pass', release.body.id, { id: 't-1' }),
          )
        ).body,
      ).toMatchObject({ outcome: 'unchanged', id: passed.body.id });
      const failed = await binary(
        server,
        testSuiteRunFinished('error', release.body.id, { id: 't-2' }),
      );
      expect(failed.status).toBe(201);
      const detail = await request(server).get(
        `${base}/releases/${release.body.id}`,
      );
      expect(
        detail.body.evidence.map((e: any) => [e.type, e.status, e.url]),
      ).toEqual(
        expect.arrayContaining([
          ['unit-tests', 'pass', 'https://ci.example/api/runs/7'],
          ['unit-tests', 'fail', 'https://ci.example/api/runs/7'],
        ]),
      );
    });

    it('answers what it cannot take with a 4xx naming the attribute or field, and acknowledges what it ignores', async () => {
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
      });
      const merged = await structured(
        server,
        cdevent('dev.cdevents.change.merged.0.2.0', {
          id: 'pr-9',
          type: 'change',
          content: { repository: { id: 'acme/api' } },
        }),
      );
      expect(merged.status).toBe(202);
      expect(merged.body).toMatchObject({
        outcome: 'ignored',
        reason: expect.stringContaining('change.merged'),
      });
      const removed = await binary(
        server,
        cdevent('dev.cdevents.service.removed.0.2.0', {
          id: 'service/api',
          type: 'service',
          content: { environment: { id: 'dev' } },
        }),
      );
      expect(removed.status).toBe(202);

      const cases: Array<[request.Test, number, string]> = [
        [
          structured(
            server,
            cdevent('dev.cdevents.pipelinerun.queued.0.2.0', {
              id: 'p',
              content: {},
            }),
          ),
          400,
          'Unsupported CDEvent type pipelinerun.queued',
        ],
        [
          binary(server, serviceDeployed('dev'), { 'ce-source': '' }),
          400,
          'header ce-source',
        ],
        [
          binary(server, serviceDeployed('dev'), { 'ce-specversion': '0.3' }),
          400,
          "header ce-specversion: must be '1.0'",
        ],
        [
          request(server)
            .post(`${base}/cdevents`)
            .set('Authorization', ci)
            .send(serviceDeployed('dev')),
          400,
          'send a CloudEvent in structured mode',
        ],
        [
          binary(server, serviceDeployed('moon')),
          400,
          "environment: 'moon' is not a configured environment",
        ],
        [
          binary(
            server,
            cdevent('dev.cdevents.service.deployed.0.2.0', {
              id: 's',
              type: 'service',
              content: {
                environment: { id: 'dev' },
                artifactId: 'pkg:oci/nope?tag=1.0.0',
              },
            }),
          ),
          400,
          'component:default/nope is not in the catalog',
        ],
        [
          structured(
            server,
            incident('detected', {
              overrides: { system: 'system:default/nowhere' },
            }),
          ),
          404,
          'system:default/nowhere is not in the catalog',
        ],
      ];
      for (const [pending, status, message] of cases) {
        const res = await pending;
        expect({
          status: res.status,
          message: res.body?.error?.message,
        }).toEqual({ status, message: expect.stringContaining(message) });
      }
      expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(
        0,
      );
    });
  });
});

describe('POST /cdevents with the specification examples (v0.4.1 and v0.5.1)', () => {
  const databases = createTestDatabases();
  const send = { structured, binary };

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it.each([
      ['0.4.1', 'structured'],
      ['0.4.1', 'binary'],
      ['0.5.1', 'structured'],
      ['0.5.1', 'binary'],
    ] as const)(
      'takes every accepted type of v%s in %s mode',
      async (version, mode) => {
        const { server, knex } = await startPluginBackend({
          databases,
          databaseId,
        });
        const examples = specExamples(version);
        const post = (name: string, overrides: Record<string, unknown> = {}) =>
          send[mode](
            server,
            withOverrides(examples[name], `${name}-${mode}`, overrides),
          );
        const api = {
          component: 'component:default/api',
          version: '1.4.0',
          environment: 'production',
        };
        const digest = `sha256:${'0b31b1c0'.repeat(8)}`;

        const outcomes: Array<[string, number, string, string?]> = [];
        const record = async (
          name: string,
          overrides?: Record<string, unknown>,
        ) => {
          const res = await post(name, overrides);
          outcomes.push([
            name,
            res.status,
            res.body.outcome ?? res.body.error?.message,
            res.body.recordedAs,
          ]);
          return res;
        };
        const built = await record('artifact.packaged', {
          ...api,
          environment: undefined,
          artifactDigest: digest,
          commitSha: '234fd47e07d1004f0aed9c',
        });
        await record('artifact.published', {
          component: api.component,
          version: api.version,
          artifactDigest: digest,
          commitSha: '234fd47e07d1004f0aed9c',
        });
        await record('service.deployed', api);
        await record('service.upgraded', { ...api, version: '1.4.1' });
        await record('service.rolledback', api);
        await record('service.removed');
        const detected = await record('incident.detected', {
          system: 'system:default/shop',
          environment: 'production',
        });
        await record('incident.reported', {
          system: 'system:default/shop',
          environment: 'production',
        });
        await record('incident.resolved', {
          system: 'system:default/shop',
          environment: 'production',
        });
        for (const [component, v] of [
          ['web', '2.0.0'],
          ['worker', '0.9.0'],
        ]) {
          await request(server)
            .post(`${base}/builds`)
            .set('Authorization', ci)
            .send(buildInput(component, v))
            .expect(201);
        }
        const release = await request(server)
          .post(`${base}/releases`)
          .send({ system: 'system:default/shop', version: 'r1' })
          .expect(201);
        await record('testsuiterun.finished', {
          releaseId: release.body.id,
          url: 'https://testkube.example/runs/myTestSuiteRun123',
        });
        await record('change.merged');

        expect(outcomes).toEqual([
          ['artifact.packaged', 201, 'created', 'build'],
          ['artifact.published', 200, 'unchanged', 'build'],
          ['service.deployed', 201, 'created', 'deployment'],
          ['service.upgraded', 201, 'created', 'deployment'],
          ['service.rolledback', 201, 'created', 'deployment'],
          ['service.removed', 202, 'ignored', undefined],
          ['incident.detected', 201, 'created', 'incident'],
          ['incident.reported', 200, 'unchanged', 'incident'],
          ['incident.resolved', 200, 'updated', 'incident'],
          ['testsuiterun.finished', 201, 'created', 'evidence'],
          ['change.merged', 202, 'ignored', undefined],
        ]);
        expect(
          await knex('builds')
            .where({ source: 'cdevents' })
            .select('version', 'commit_sha'),
        ).toEqual([{ version: '1.4.0', commit_sha: '234fd47e07d1004f0aed9c' }]);
        const deployments = await request(server).get(
          `${base}/deployments?system=system:default/shop&environment=production`,
        );
        expect(
          deployments.body.items
            .map((d: any) => [d.components[0].version, d.rollback])
            .sort(),
        ).toEqual(
          [
            ['1.4.0', false],
            ['1.4.1', false],
            ['1.4.0', true],
          ].sort(),
        );
        const incidentBody = (
          await request(server).get(`${base}/incidents/${detected.body.id}`)
        ).body;
        expect(incidentBody).toMatchObject({
          source: 'cdevents',
          externalId: 'incident-123',
          title: 'Response time above threshold of 100ms',
          openedAt: '2022-11-11T13:52:20.079Z',
          resolvedAt: '2022-11-11T13:52:20.079Z',
        });
        const evidence = (
          await request(server).get(`${base}/releases/${release.body.id}`)
        ).body.evidence;
        expect(evidence.map((e: any) => [e.type, e.status, e.summary])).toEqual(
          [
            [
              'tests',
              'fail',
              `Test suite Auth TestSuite: ${
                version === '0.4.1' ? 'fail' : 'failure'
              } (Host 123.34.23.32 not found)`,
            ],
          ],
        );
        expect(built.body.id).toBeDefined();
      },
    );

    it('refuses spec examples that break their schema with a 400 naming the JSON pointer, in both modes, and records nothing', async () => {
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
      });
      const deployed = specExamples('0.4.1')['service.deployed'];
      const finished = specExamples('0.5.1')['testsuiterun.finished'];
      const cases: Array<[any, string]> = [
        [
          {
            ...deployed,
            subject: { ...deployed.subject, content: { artifactId: 'x' } },
          },
          'Invalid CDEvent: /subject/content/environment: Required (CDEvents v0.4.1 schema of dev.cdevents.service.deployed.0.2.0)',
        ],
        [
          {
            ...finished,
            subject: {
              ...finished.subject,
              content: { ...finished.subject.content, url: 'https://x' },
            },
          },
          'Invalid CDEvent: /subject/content/url: is not a property the schema allows here (CDEvents v0.5.1 schema of dev.cdevents.testsuiterun.finished.0.3.0)',
        ],
        [
          { ...deployed, context: { ...deployed.context, timestamp: 'now' } },
          'Invalid CDEvent: /context/timestamp: must match format "date-time"',
        ],
        [
          {
            ...deployed,
            context: {
              ...deployed.context,
              type: 'dev.cdevents.service.deployed.0.1.0',
            },
          },
          'Unsupported CDEvent version "dev.cdevents.service.deployed.0.1.0"',
        ],
      ];
      for (const [data, message] of cases) {
        for (const mode of ['structured', 'binary'] as const) {
          const res = await send[mode](server, data);
          expect({
            mode,
            status: res.status,
            message: res.body?.error?.message,
          }).toEqual({
            mode,
            status: 400,
            message: expect.stringContaining(message),
          });
        }
      }
      expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(
        0,
      );
    });
  });
});
