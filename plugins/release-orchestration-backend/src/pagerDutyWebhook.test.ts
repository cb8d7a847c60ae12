import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { componentEntity, systemEntity } from './__testUtils__/fixtures';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

const base = '/api/release-orchestration';
const SECRETS = ['old-subscription-secret', 'new-subscription-secret'];

/** shop is paged through its api component's PagerDuty service, bank through its own. */
const entities: Entity[] = [
  systemEntity('shop'),
  {
    ...componentEntity('api', 'shop'),
    metadata: {
      name: 'api',
      namespace: 'default',
      annotations: { 'pagerduty.com/service-id': 'PSHOP01' },
    },
  },
  {
    ...systemEntity('bank'),
    metadata: {
      name: 'bank',
      namespace: 'default',
      annotations: { 'pagerduty.com/service-id': 'PBANK01' },
    },
  },
  systemEntity('empty'),
];

/** A PagerDuty V3 webhook event about incident `id` of PagerDuty service `service`. */
function event(
  eventType: string,
  occurredAt: string,
  id: string,
  service: string,
) {
  return {
    event: {
      id: `${eventType}-${occurredAt}`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: occurredAt,
      data: {
        id,
        type: 'incident',
        title: 'Checkout errors',
        created_at: '2026-11-05T09:00:00Z',
        service: {
          id: service,
          summary: 'A service',
          type: 'service_reference',
        },
      },
    },
  };
}

const sign = (secret: string, body: string) =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('PagerDuty webhooks', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function start() {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        entities,
        config: {
          releaseOrchestration: {
            incidents: { pagerDuty: { webhookSecrets: SECRETS } },
          },
        },
      });
      /** Sends the body as PagerDuty does: no Backstage token, the given signature header. */
      return (
        payload: object,
        signature?: (raw: string) => string,
        query = '',
      ) => {
        const raw = JSON.stringify(payload);
        const req = request(server)
          .post(`${base}/incidents/webhook${query}`)
          .set('Authorization', mockCredentials.none.header())
          .set('Content-Type', 'application/json');
        return (
          signature ? req.set('X-PagerDuty-Signature', signature(raw)) : req
        ).send(raw);
      };
    }

    it('accepts only bodies signed with a subscription secret, without a Backstage token', async () => {
      const hook = await start();
      const payload = event(
        'incident.triggered',
        '2026-11-05T09:00:05Z',
        'PD-SIG',
        'PBANK01',
      );
      const refused = [
        await hook(payload),
        await hook(payload, raw => sign('not-the-secret', raw)),
        await hook(payload, raw => sign(SECRETS[0], `${raw} `)),
        await hook(payload, () => 'v0=abc'),
      ];
      expect(refused.map(r => [r.status, r.body.error?.message])).toEqual(
        refused.map(() => [
          401,
          expect.stringContaining('X-PagerDuty-Signature'),
        ]),
      );
      // PagerDuty sends several signatures while a secret is rotated: one match is enough.
      const accepted = await hook(
        payload,
        raw => `v1=${'0'.repeat(64)}, ${sign(SECRETS[1], raw)}`,
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        outcome: 'created',
        incident: { systemRef: 'system:default/bank', externalId: 'PD-SIG' },
      });
      expect(
        (await hook(payload, raw => sign(SECRETS[0], raw))).body.outcome,
      ).toBe('unchanged');
    });

    it('finds the System by the pagerduty.com/service-id annotation, on the System or one of its Components', async () => {
      const hook = await start();
      const signed = (raw: string) => sign(SECRETS[0], raw);
      const viaComponent = await hook(
        event('incident.triggered', '2026-11-05T09:00:05Z', 'PD-1', 'PSHOP01'),
        signed,
      );
      expect(viaComponent.body.incident.systemRef).toBe('system:default/shop');
      // An unannotated service needs ?system= (the per-System subscription of before).
      const unknown = await hook(
        event('incident.triggered', '2026-11-05T09:00:05Z', 'PD-2', 'PNOBODY'),
        signed,
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain(
        'pagerduty.com/service-id: PNOBODY',
      );
      const fallback = await hook(
        event('incident.triggered', '2026-11-05T09:00:05Z', 'PD-2', 'PNOBODY'),
        signed,
        '?system=system:default/empty',
      );
      expect(fallback.body.incident.systemRef).toBe('system:default/empty');
      // The annotation wins over the query.
      const annotated = await hook(
        event('incident.triggered', '2026-11-05T09:00:05Z', 'PD-3', 'PBANK01'),
        signed,
        '?system=system:default/empty',
      );
      expect(annotated.body.incident.systemRef).toBe('system:default/bank');
    });

    it('reopens a resolved incident on incident.reopened, once', async () => {
      const hook = await start();
      const signed = (raw: string) => sign(SECRETS[0], raw);
      await hook(
        event('incident.triggered', '2026-11-05T09:00:05Z', 'PD-R', 'PSHOP01'),
        signed,
      ).expect(200);
      const resolved = await hook(
        event('incident.resolved', '2026-11-05T10:00:00Z', 'PD-R', 'PSHOP01'),
        signed,
      );
      expect(resolved.body).toMatchObject({
        outcome: 'updated',
        incident: { resolvedAt: '2026-11-05T10:00:00.000Z' },
      });
      const reopened = await hook(
        event('incident.reopened', '2026-11-05T11:00:00Z', 'PD-R', 'PSHOP01'),
        signed,
      );
      expect(reopened.body.outcome).toBe('updated');
      expect(reopened.body.incident.resolvedAt).toBeUndefined();
      const again = await hook(
        event('incident.reopened', '2026-11-05T11:00:00Z', 'PD-R', 'PSHOP01'),
        signed,
      );
      expect(again.body.outcome).toBe('unchanged');
      const resolvedAgain = await hook(
        event('incident.resolved', '2026-11-05T12:30:00Z', 'PD-R', 'PSHOP01'),
        signed,
      );
      expect(resolvedAgain.body.incident.resolvedAt).toBe(
        '2026-11-05T12:30:00.000Z',
      );
    });

    it('records an incident whose resolution arrives before its trigger, and keeps it resolved', async () => {
      const hook = await start();
      const signed = (raw: string) => sign(SECRETS[0], raw);
      const resolvedFirst = await hook(
        event('incident.resolved', '2026-11-05T09:40:00Z', 'PD-L', 'PSHOP01'),
        signed,
      );
      expect(resolvedFirst.body).toMatchObject({
        outcome: 'created',
        incident: {
          openedAt: '2026-11-05T09:00:00.000Z',
          resolvedAt: '2026-11-05T09:40:00.000Z',
          systemRef: 'system:default/shop',
        },
      });
      const lateTrigger = await hook(
        event('incident.triggered', '2026-11-05T09:00:05Z', 'PD-L', 'PSHOP01'),
        signed,
      );
      expect(lateTrigger.body).toMatchObject({
        outcome: 'unchanged',
        incident: { resolvedAt: '2026-11-05T09:40:00.000Z' },
      });
    });
  });
});
