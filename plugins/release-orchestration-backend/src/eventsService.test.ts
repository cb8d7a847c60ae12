import { mockServices } from '@backstage/backend-test-utils';
import { EventParams } from '@backstage/plugin-events-node';
import request from 'supertest';
import { buildInput } from './__testUtils__/fixtures';
import { base, ci } from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';
import { RELEASE_ORCHESTRATION_AUDIT_TOPIC } from './service/publishToEventsService';

jest.setTimeout(60_000);

/** Waits until the asynchronous publishing has caught up (it never holds up the response). */
async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe("committed audit events on Backstage's events service", () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('publishes each committed audit event once, after its commit, as GET /audit shows it', async () => {
      const published: EventParams[] = [];
      const visibleAtPublish: boolean[] = [];
      const db: { knex?: any } = {};
      const events = mockServices.events.mock({
        publish: jest.fn(async (params: EventParams) => {
          // The row is readable from another connection: the transaction has committed.
          const sequence = (params.eventPayload as { sequence: number })
            .sequence;
          const row = await db.knex('audit_events').where({ sequence }).first();
          visibleAtPublish.push(row !== undefined);
          published.push(params);
        }),
      });
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
        features: [events.factory],
      });
      db.knex = knex;

      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '1.0.0'))
        .expect(201);
      await until(() => published.length >= 1);
      // Reporting the same build again changes nothing, and a clash is refused: nothing more is published.
      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '1.0.0'))
        .expect(200);
      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(
          buildInput('api', '1.0.0', {
            artifactDigest: `sha256:${'f'.repeat(64)}`,
          }),
        )
        .expect(409);
      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('web', '2.0.0'))
        .expect(201);
      await until(() => published.length >= 2);
      await new Promise(resolve => setTimeout(resolve, 100));

      const audit = await request(server).get(`${base}/audit`).expect(200);
      const trail = [...audit.body.items].sort(
        (a: any, b: any) => a.sequence - b.sequence,
      );
      expect(trail.map((e: any) => e.action)).toEqual([
        'build.reported',
        'build.reported',
      ]);
      expect(published).toEqual(
        trail.map((event: any) => ({
          topic: RELEASE_ORCHESTRATION_AUDIT_TOPIC,
          eventPayload: event,
          metadata: {
            action: event.action,
            entityRef: event.entityRef,
            subjectType: event.subjectType,
          },
        })),
      );
      expect(published.map(p => p.metadata?.entityRef)).toEqual([
        'component:default/api',
        'component:default/web',
      ]);
      expect(visibleAtPublish).toEqual([true, true]);
    });

    it('keeps the change when publishing fails', async () => {
      const publish = jest.fn(async () => {
        throw new Error('the event bus is down');
      });
      const events = mockServices.events.mock({ publish });
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        features: [events.factory],
      });
      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('api', '1.0.0'))
        .expect(201);
      await until(() => publish.mock.calls.length >= 1);
      expect(publish).toHaveBeenCalledTimes(1);
      const builds = await request(server)
        .get(`${base}/builds`)
        .query({ component: 'component:default/api' })
        .expect(200);
      expect(builds.body.items.map((b: any) => b.version)).toEqual(['1.0.0']);
      const verify = await request(server)
        .get(`${base}/audit/verify`)
        .expect(200);
      expect(verify.body).toMatchObject({ valid: true, checkedEvents: 1 });
    });
  });
});
