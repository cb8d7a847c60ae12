import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { buildInput } from './__testUtils__/fixtures';
import { snapshotter } from './__testUtils__/fuzz/fuzzSnapshot';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(120_000);

const api = '/api/release-orchestration';
const ci = mockCredentials.service.header();
const longRef = (kind: string) => `${kind}:default/${'n'.repeat(300)}`;

describe('input validation', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function start() {
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
      });
      const post = (path: string, body: unknown) =>
        request(server)
          .post(`${api}${path}`)
          .set('Authorization', ci)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body));
      const get = (path: string) =>
        request(server).get(`${api}${path}`).set('Authorization', ci);
      for (const component of ['api', 'web', 'worker']) {
        expect(
          (await post('/builds', buildInput(component, '1.0.0'))).status,
        ).toBe(201);
      }
      const release = await post('/releases', {
        system: 'system:default/shop',
        version: 'r1',
      });
      expect(release.status).toBe(201);
      return {
        server,
        post,
        get,
        releaseId: release.body.id as string,
        snapshot: await snapshotter(knex),
      };
    }

    it('refuses NUL, lone surrogates, impossible dates and over-long refs with a 400 naming the field, and writes nothing', async () => {
      const { post, get, releaseId, snapshot } = await start();
      const before = await snapshot();
      const cases: Array<[string, unknown, string]> = [
        [
          '/releases',
          { system: 'system:default/shop', version: 'r2', notes: 'a\u0000b' },
          'notes: must not contain the NUL character',
        ],
        [
          `/releases/${releaseId}/evidence`,
          {
            type: 'unit-tests',
            status: 'pass',
            url: 'https://ci.example/1',
            summary: 'ok \ud800',
          },
          'summary: must be well-formed Unicode',
        ],
        [
          `/releases/${releaseId}/promotions`,
          { environment: 'dev', justification: 'why\u0000' },
          'justification: must not contain the NUL character',
        ],
        [
          '/builds',
          buildInput('api', '2.0.0', { artifactUri: 'registry/x\u0000' }),
          'artifactUri: must not contain the NUL character',
        ],
        [
          '/builds',
          buildInput('api', '2.0.0', { commitTime: '0000-06-01T00:00:00Z' }),
          'commitTime: must be in the years 0001-9999',
        ],
        [
          '/builds',
          buildInput('api', '2.0.0', { commitTime: '2026-02-30T00:00:00Z' }),
          'commitTime: is not a calendar date: 2026-02 has no day 30',
        ],
        [
          '/builds',
          { ...buildInput('api', '2.0.0'), component: longRef('component') },
          'component: must be at most 255 characters',
        ],
        [
          '/builds',
          buildInput('nope', '2.0.0'),
          'component: component:default/nope is not in the catalog',
        ],
        [
          '/deployments',
          {
            idempotencyKey: 'k1',
            environment: 'dev',
            component: longRef('component'),
            version: '1',
            status: 'succeeded',
          },
          'component: must be at most 255 characters',
        ],
        [
          '/deployments',
          {
            idempotencyKey: 'k1',
            environment: 'dev\u0000',
            releaseId,
            status: 'succeeded',
          },
          'environment: must not contain the NUL character',
        ],
        [
          '/deployments',
          {
            idempotencyKey: 'k1',
            environment: 'dev',
            component: 'component:default/nope',
            version: '1',
            status: 'succeeded',
            system: 'system:default/shop',
          },
          'component: component:default/nope is not in the catalog',
        ],
        [
          '/freezes',
          {
            environment: 'dev',
            systems: [longRef('system')],
            start: '2099-01-01T00:00:00Z',
            end: '2099-01-02T00:00:00Z',
            reason: 'x',
          },
          'systems.0: must be at most 255 characters',
        ],
        [
          '/freezes',
          {
            environment: 'dev',
            start: '2099-01-01T00:00:00Z',
            end: '2099-01-02T00:00:00Z',
            reason: 'stop\u0000',
          },
          'reason: must not contain the NUL character',
        ],
        [
          '/incidents',
          {
            externalId: 'I\u0000',
            system: 'system:default/shop',
            title: 't',
            openedAt: '2026-11-01T00:00:00Z',
          },
          'externalId: must not contain the NUL character',
        ],
      ];
      for (const [path, body, message] of cases) {
        const res = await post(path, body);
        expect({
          path,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          path,
          status: 400,
          message: expect.stringContaining(message),
        });
      }
      const reads: Array<[string, string]> = [
        [
          '/deployments?system=system:default/shop&environment=dev%00',
          'environment: must not contain the NUL character',
        ],
        [
          `/builds?component=${longRef('component')}`,
          'component: must be at most 255 characters',
        ],
        [
          `/systems/default/${'n'.repeat(64)}/environments`,
          'name: must be at most 63 characters',
        ],
        [
          '/dora?entity=org&from=0001-01-01T00:00:00Z&to=0002-01-01T00:00:00Z',
          'from: the previous window, compared against, would start before the year 0001',
        ],
        [
          '/dora?entity=org&from=1100-01-01T00:00:00Z',
          'from: the window may be at most 731 days',
        ],
        [
          '/dora?entity=org&to=0001-01-15T00:00:00Z',
          'from: the previous window, compared against, would start before the year 0001',
        ],
      ];
      for (const [path, message] of reads) {
        const res = await get(path);
        expect({
          path,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          path,
          status: 400,
          message: expect.stringContaining(message),
        });
      }
      expect(await snapshot()).toBe(before);
    });

    it('accepts only cursors the API issued', async () => {
      const { post, get } = await start();
      await post('/releases', { system: 'system:default/shop', version: 'r2' });
      const page = await get('/releases?system=system:default/shop&limit=1');
      expect(page.body.nextCursor).toEqual(expect.any(String));
      expect(
        (
          await get(
            `/releases?system=system:default/shop&limit=1&cursor=${page.body.nextCursor}`,
          )
        ).body.items,
      ).toHaveLength(1);
      const audit = await get('/audit?limit=1');
      expect(audit.body.nextCursor).toMatch(/^[1-9][0-9]*$/);
      expect(
        (await get(`/audit?limit=1&cursor=${audit.body.nextCursor}`)).status,
      ).toBe(200);
      const forged = (value: unknown) =>
        Buffer.from(JSON.stringify(value)).toString('base64url');
      const refused = [
        `/releases?system=system:default/shop&cursor=${forged([
          'not a time',
          '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        ])}`,
        `/releases?system=system:default/shop&cursor=${forged([
          '0000-01-01T00:00:00.000Z',
          '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        ])}`,
        `/releases?system=system:default/shop&cursor=${forged([
          '2026-11-01T00:00:00Z',
          '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        ])}`,
        `/releases?system=system:default/shop&cursor=${forged([
          '2026-11-01T00:00:00.000Z',
          "x' OR 1=1",
        ])}`,
        `/deployments?system=system:default/shop&cursor=%00`,
        ...[
          '1e308',
          '99999999999999999999',
          '0x10',
          '1e3',
          '0',
          '-1',
          '1.5',
          ' 1',
          '01',
        ].map(c => `/audit?cursor=${encodeURIComponent(c)}`),
        `/dora/systems?entity=org&cursor=${Buffer.from(
          'system:default/\u0000',
        ).toString('base64url')}`,
      ];
      for (const path of refused) {
        const res = await get(path);
        expect({
          path,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          path,
          status: 400,
          message: expect.stringMatching(/^(Invalid request query: )?cursor: /),
        });
      }
    });

    it('answers unknown routes, unsupported methods, oversized and non-JSON bodies with JSON errors', async () => {
      const { server, releaseId, snapshot } = await start();
      const before = await snapshot();
      const unknown = await request(server)
        .get(`${api}/nope`)
        .set('Authorization', ci);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({
        error: { name: 'NotFoundError', message: 'No such route: GET /nope' },
        response: { statusCode: 404 },
      });

      const put = await request(server)
        .put(`${api}/builds`)
        .set('Authorization', ci)
        .send({});
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('GET, HEAD, POST');
      expect(put.body).toMatchObject({
        error: {
          name: 'MethodNotAllowedError',
          message: expect.stringContaining('PUT is not allowed on /builds'),
        },
      });
      const del = await request(server)
        .delete(`${api}/releases/${releaseId}`)
        .set('Authorization', ci);
      expect([del.status, del.headers.allow]).toEqual([405, 'GET, HEAD']);

      const huge = await request(server)
        .post(`${api}/releases`)
        .set('Authorization', ci)
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify({
            system: 'system:default/shop',
            version: 'big',
            notes: 'x'.repeat(1_100_000),
          }),
        );
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({
        error: {
          name: 'PayloadTooLargeError',
          message: expect.stringContaining('too large'),
        },
      });

      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const res = await request(server)
          .post(`${api}/releases`)
          .set('Authorization', ci)
          .set('Content-Type', type)
          .send('system=system:default/shop&version=r9');
        expect({
          type,
          status: res.status,
          name: res.body.error?.name,
        }).toEqual({ type, status: 415, name: 'UnsupportedMediaTypeError' });
        expect(res.body.error.message).toContain(
          `Content-Type must be application/json, got "${type}"`,
        );
      }
      expect(await snapshot()).toBe(before);

      // A route without a required body may still be called without one.
      const promotion = await request(server)
        .post(`${api}/releases/${releaseId}/promotions`)
        .set('Authorization', ci)
        .send({ environment: 'dev' });
      expect(promotion.status).toBe(201);
      const cancel = await request(server)
        .post(`${api}/promotions/${promotion.body.id}/cancel`)
        .set('Authorization', ci);
      expect([cancel.status, cancel.body.error?.name]).not.toEqual([
        415,
        'UnsupportedMediaTypeError',
      ]);
      expect(cancel.status).toBeLessThan(500);
    });
  });
});
