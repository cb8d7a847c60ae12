import { mockServices } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AuditCheckpoint,
  releaseOrchestrationEventsExtensionPoint,
} from '@release-orchestration/plugin-release-orchestration-node';
import request from 'supertest';
import { buildInput } from './__testUtils__/fixtures';
import {
  base,
  ci,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(60_000);

const config = {
  releaseOrchestration: {
    ...promotionTestConfig.releaseOrchestration,
    audit: {
      keys: [{ id: 'test-2026', secret: 'a-test-secret-of-32-characters!!' }],
    },
  },
};

describe('the audit trail over HTTP', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('keeps the chain valid when evidence carries a lone surrogate or NUL', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config,
      });
      const api = promotionApi(server);
      const release = await api.cutRelease('1.0.0');
      for (const poison of ['\\ud800', '\\udc00 tail', '\\u0000']) {
        const res = await request(server)
          .post(`${base}/releases/${release.id}/evidence`)
          .set('Authorization', ci)
          .set('Content-Type', 'application/json')
          .send(
            `{"type":"security-scan","status":"pass","url":"https://ci.example/s","summary":"scan ${poison} passed"}`,
          );
        // Refused by validation (naming the field) or stored well-formed: never a broken chain.
        expect([201, 400]).toContain(res.status);
        expect(
          res.status === 201 || /summary/.test(res.body.error?.message),
        ).toBe(true);
      }
      const verify = await api.get('/audit/verify');
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({
        valid: true,
        keyed: true,
        breakCount: 0,
        breaks: [],
        mode: 'incremental',
      });
      expect(verify.body.checkedEvents).toBeGreaterThanOrEqual(4);
      const trail = await api.get('/audit?limit=50');
      for (const event of trail.body.items) {
        expect(event.summary).toBe(
          Buffer.from(event.summary, 'utf8').toString('utf8'),
        );
        expect(event.summary).not.toContain('\u0000');
      }
    });

    it('restricts verification to release-orchestration.audit.verify', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config,
        permissions: {
          authorize: async requests =>
            requests.map(r => ({
              result:
                r.permission.name === 'release-orchestration.audit.verify'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        },
      });
      expect((await request(server).get(`${base}/audit/verify`)).status).toBe(
        403,
      );
      expect(
        (await request(server).post(`${base}/audit/verify/full`)).status,
      ).toBe(403);
      expect((await request(server).get(`${base}/audit`)).status).toBe(200);
    });

    it('runs the full re-verification on request, publishes its checkpoint, and verifies against a supplied one', async () => {
      const checkpoints: AuditCheckpoint[] = [];
      const anchor = createBackendModule({
        pluginId: 'release-orchestration',
        moduleId: 'test-anchor',
        register(env) {
          env.registerInit({
            deps: { events: releaseOrchestrationEventsExtensionPoint },
            async init({ events }) {
              events.addSubscriber({
                name: 'anchor',
                onEvent: async () => {},
                onCheckpoint: async checkpoint => {
                  checkpoints.push(checkpoint);
                },
              });
            },
          });
        },
      });
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
        config,
        features: [anchor],
      });
      for (const v of ['1.0.0', '1.1.0']) {
        await request(server)
          .post(`${base}/builds`)
          .set('Authorization', ci)
          .send(buildInput('api', v))
          .expect(201);
      }
      const full = await request(server).post(`${base}/audit/verify/full`);
      expect(full.status).toBe(202);
      expect(full.body).toMatchObject({
        state: 'finished',
        valid: true,
        checkedEvents: 2,
        targetSequence: 2,
      });
      expect(checkpoints).toEqual([
        expect.objectContaining({
          sequence: 2,
          keyId: 'test-2026',
          verified: true,
        }),
      ]);

      const supplied = await request(server)
        .get(`${base}/audit/verify`)
        .query({ checkpoint: checkpoints[0].token });
      expect(supplied.body).toMatchObject({
        valid: true,
        startedAfter: { sequence: 2 },
      });

      // Rewind: the last event and the stored checkpoint deleted, the head moved back.
      const first = await knex('audit_events').where({ sequence: 1 }).first();
      await knex('audit_events').where({ sequence: 2 }).delete();
      await knex('audit_checkpoints').delete();
      await knex('audit_head')
        .where({ id: 1 })
        .update({ last_sequence: 1, last_hash: first.hash });
      const rewound = await request(server)
        .get(`${base}/audit/verify`)
        .query({ checkpoint: checkpoints[0].token });
      expect(rewound.body).toMatchObject({
        valid: false,
        breaks: [expect.objectContaining({ kind: 'rewound', sequence: 2 })],
      });

      const forged = await request(server)
        .get(`${base}/audit/verify`)
        .query({ checkpoint: `${checkpoints[0].token}x` });
      expect(forged.status).toBe(400);
      expect(forged.body.error.message).toMatch(/^checkpoint: /);
    });

    it('sends every committed event to the auditor service, and a failing auditor undoes nothing', async () => {
      const success = jest.fn();
      const working = mockServices.auditor.mock({
        createEvent: jest.fn(async () => ({ success, fail: jest.fn() })),
      });
      const one = await startPluginBackend({
        databases,
        databaseId,
        config,
        features: [working.factory],
      });
      await request(one.server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '1.0.0'))
        .expect(201);
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(working.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'build-reported',
          severityLevel: 'medium',
          meta: expect.objectContaining({
            sequence: 1,
            subjectType: 'build',
            entityRef: 'component:default/api',
          }),
        }),
      );
      expect(success).toHaveBeenCalledTimes(1);

      const failing = mockServices.auditor.mock({
        createEvent: jest.fn(async () => {
          throw new Error('the audit log is down');
        }),
      });
      const two = await startPluginBackend({
        databases,
        databaseId,
        config,
        features: [failing.factory],
      });
      await request(two.server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '2.0.0'))
        .expect(201);
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(failing.createEvent).toHaveBeenCalled();
      const verify = await request(two.server).get(`${base}/audit/verify`);
      expect(verify.body).toMatchObject({ valid: true, checkedEvents: 1 });
    });
  });
});
