import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { buildInput, componentEntity } from './__testUtils__/fixtures';
import { groupEntity } from './__testUtils__/orgFixtures';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(90_000);

const base = '/api/release-orchestration';
const ci = mockCredentials.service.header();

function ownedSystem(name: string, team: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner: `group:default/${team}` },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${team}` }],
  };
}

/** eng is the parent of team-a (owns shop) and team-b (owns bank). */
const entities: Entity[] = [
  groupEntity('eng', [], ['team-a', 'team-b']),
  groupEntity('team-a', []),
  groupEntity('team-b', []),
  ownedSystem('shop', 'team-a'),
  ownedSystem('bank', 'team-b'),
  componentEntity('api', 'shop'),
  componentEntity('ledger', 'bank'),
];

/** PagerDuty V3 webhook event, as PagerDuty sends it (trimmed of fields the plugin ignores). */
function pagerDuty(
  eventType: string,
  occurredAt: string,
  id = 'Q1P8VNNJ8Z7J1A',
) {
  return {
    event: {
      id: `01${eventType.length}ABC`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: occurredAt,
      agent: { id: 'PLH1HKV', type: 'user_reference' },
      data: {
        id,
        type: 'incident',
        self: `https://api.pagerduty.com/incidents/${id}`,
        html_url: `https://acme.pagerduty.com/incidents/${id}`,
        number: 2,
        status: eventType === 'incident.resolved' ? 'resolved' : 'triggered',
        incident_key: 'd3640fbd41094207a1c11e58e46b1662',
        created_at: '2026-11-05T09:00:00Z',
        title: 'Ledger writes failing',
        service: {
          id: 'PF9KMXH',
          summary: 'Ledger',
          type: 'service_reference',
        },
        urgency: 'high',
      },
    },
  };
}

describe('incidents and DORA over HTTP', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reports, attributes, changes and rates incidents, and answers DORA per System, Group and org', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        entities,
      });
      const post = (path: string, body: object) =>
        request(server)
          .post(`${base}${path}`)
          .set('Authorization', ci)
          .send(body);

      // shop: api 1.0.0 committed at 08:00, deployed to production at 10:00 on 3 November
      await post(
        '/builds',
        buildInput('api', '1.0.0', { commitTime: '2026-11-03T08:00:00Z' }),
      ).expect(201);
      const deployment = await post('/deployments', {
        idempotencyKey: 'cd:1',
        environment: 'production',
        component: 'component:default/api',
        version: '1.0.0',
        status: 'succeeded',
        startedAt: '2026-11-03T09:50:00Z',
        finishedAt: '2026-11-03T10:00:00Z',
      });
      expect(deployment.status).toBe(201);

      const incident = {
        externalId: 'INC-1',
        system: 'system:default/shop',
        title: 'Checkout errors',
        url: 'https://status.example/inc-1',
        openedAt: '2026-11-03T11:00:00+01:00',
      };
      const created = await post('/incidents', incident);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        source: 'api',
        externalId: 'INC-1',
        systemRef: 'system:default/shop',
        environment: 'production',
        openedAt: '2026-11-03T10:00:00.000Z',
        deploymentId: deployment.body.id,
        attribution: 'automatic',
      });
      expect((await post('/incidents', incident)).status).toBe(200);
      const clash = await post('/incidents', { ...incident, title: 'Other' });
      expect(clash.status).toBe(409);
      expect(clash.body.error.message).toContain(
        'already reported with another title',
      );

      const patch = (id: string, body: object) =>
        request(server)
          .patch(`${base}/incidents/${id}`)
          .set('Authorization', ci)
          .send(body);
      const resolved = await patch(created.body.id, {
        resolvedAt: '2026-11-03T10:45:00Z',
      });
      expect(resolved.body).toMatchObject({
        resolvedAt: '2026-11-03T10:45:00.000Z',
        deploymentId: deployment.body.id,
      });
      const unlinked = await patch(created.body.id, { deploymentId: null });
      expect(unlinked.body).toMatchObject({ attribution: 'explicit' });
      expect(unlinked.body.deploymentId).toBeUndefined();

      const window = 'from=2026-11-02T00:00:00Z&to=2026-11-09T00:00:00Z';
      const unlinkedDora = await request(server).get(
        `${base}/dora?entity=system:default/shop&${window}`,
      );
      expect(unlinkedDora.body.current.changeFailureRate).toMatchObject({
        deployments: 1,
        failedChanges: 0,
        rate: 0,
      });
      expect(unlinkedDora.body.current.incidents).toMatchObject({
        opened: 1,
        withoutDeployment: 1,
      });

      const relinked = await patch(created.body.id, {
        attribution: 'automatic',
      });
      expect(relinked.body).toMatchObject({
        attribution: 'automatic',
        deploymentId: deployment.body.id,
      });

      // bank: an incident from PagerDuty, opened with no deployment to blame
      const hook = (body: object, query = 'system=system:default/bank') =>
        request(server)
          .post(`${base}/incidents/webhook?${query}`)
          .set('Authorization', ci)
          .send(body);
      const triggered = await hook(
        pagerDuty('incident.triggered', '2026-11-05T09:00:05Z'),
      );
      expect(triggered.status).toBe(200);
      expect(triggered.body).toMatchObject({
        outcome: 'created',
        incident: {
          source: 'pagerduty',
          externalId: 'Q1P8VNNJ8Z7J1A',
          title: 'Ledger writes failing',
          openedAt: '2026-11-05T09:00:00.000Z',
          attribution: 'automatic',
        },
      });
      expect(
        (await hook(pagerDuty('incident.acknowledged', '2026-11-05T09:01:00Z')))
          .body,
      ).toMatchObject({ outcome: 'ignored' });
      const resolvedHook = await hook(
        pagerDuty('incident.resolved', '2026-11-05T10:30:00Z'),
      );
      expect(resolvedHook.body).toMatchObject({
        outcome: 'updated',
        incident: { resolvedAt: '2026-11-05T10:30:00.000Z' },
      });
      expect(
        (await hook(pagerDuty('incident.resolved', '2026-11-05T10:30:00Z')))
          .body,
      ).toMatchObject({ outcome: 'unchanged' });
      expect(
        (
          await hook(
            pagerDuty('incident.triggered', '2026-11-05T09:00:05Z'),
            'system=system:default/shop',
          )
        ).status,
      ).toBe(409);

      const list = await request(server).get(
        `${base}/incidents?system=system:default/bank`,
      );
      expect(list.body.items.map((i: any) => i.externalId)).toEqual([
        'Q1P8VNNJ8Z7J1A',
      ]);
      expect(
        (await request(server).get(`${base}/incidents/${created.body.id}`)).body
          .id,
      ).toBe(created.body.id);

      const group = await request(server).get(
        `${base}/dora?entity=group:default/eng&${window}`,
      );
      expect(group.status).toBe(200);
      expect(group.body.entity).toEqual({
        ref: 'group:default/eng',
        kind: 'group',
        systemCount: 2,
      });
      expect(group.body.current).toMatchObject({
        deploymentFrequency: {
          deployments: 1,
          daysWithDeployment: 1,
          ratedSystems: 1,
        },
        changeLeadTime: { commits: 1, medianSeconds: 7200, level: 'elite' },
        changeFailureRate: {
          deployments: 1,
          failedChanges: 1,
          rate: 1,
          level: 'low',
        },
        failedDeploymentRecoveryTime: {
          failures: 1,
          recovered: 1,
          medianSeconds: 2700,
          level: 'elite',
        },
        incidents: {
          opened: 2,
          attributedAutomatically: 1,
          withoutDeployment: 1,
        },
      });
      expect(group.body.weekly).toHaveLength(1);

      const systems = await request(server).get(
        `${base}/dora/systems?entity=group:default/eng&limit=1&${window}`,
      );
      expect(systems.body.items.map((row: any) => row.systemRef)).toEqual([
        'system:default/bank',
      ]);
      const next = await request(server).get(
        `${base}/dora/systems?entity=group:default/eng&limit=1&cursor=${systems.body.nextCursor}&${window}`,
      );
      expect(
        next.body.items.map((row: any) => [
          row.systemRef,
          row.current.changeFailureRate.rate,
        ]),
      ).toEqual([['system:default/shop', 1]]);
      expect(next.body.nextCursor).toBeUndefined();

      const org = await request(server).get(
        `${base}/dora?entity=org&${window}`,
      );
      expect(org.body.current.changeLeadTime).toEqual(
        group.body.current.changeLeadTime,
      );

      const audit = await request(server).get(
        `${base}/audit?entity=system:default/shop`,
      );
      expect(
        audit.body.items
          .map((e: any) => e.action)
          .filter((a: string) => a.startsWith('incident.')),
      ).toEqual([
        'incident.updated',
        'incident.updated',
        'incident.updated',
        'incident.reported',
      ]);
      expect(
        (await request(server).get(`${base}/audit/verify`)).body.valid,
      ).toBe(true);
    });

    it('answers bad input with 4xx messages that name the problem', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        entities,
      });
      await request(server)
        .post(`${base}/builds`)
        .set('Authorization', ci)
        .send(buildInput('ledger', '1.0.0'))
        .expect(201);
      const bankDeployment = await request(server)
        .post(`${base}/deployments`)
        .set('Authorization', ci)
        .send({
          idempotencyKey: 'cd:bank',
          environment: 'production',
          component: 'component:default/ledger',
          version: '1.0.0',
          status: 'succeeded',
        });
      const ok = {
        externalId: 'X',
        system: 'system:default/shop',
        title: 't',
        openedAt: '2026-11-03T10:00:00Z',
      };
      const cases: Array<[string, string, unknown, number, string]> = [
        [
          'post',
          '/incidents',
          { ...ok, system: 'shop' },
          400,
          'system: must be a full system entity ref',
        ],
        [
          'post',
          '/incidents',
          { ...ok, openedAt: 'yesterday' },
          400,
          'openedAt: must be an ISO 8601 date-time',
        ],
        [
          'post',
          '/incidents',
          { ...ok, resolvedAt: '2026-11-03T09:00:00Z' },
          400,
          'resolvedAt: must not be before openedAt',
        ],
        [
          'post',
          '/incidents',
          { ...ok, environment: 'moon' },
          400,
          "environment: 'moon' is not a configured environment",
        ],
        [
          'post',
          '/incidents',
          { ...ok, system: 'system:default/nope' },
          404,
          'system: system:default/nope is not in the catalog',
        ],
        [
          'post',
          '/incidents',
          { ...ok, deploymentId: bankDeployment.body.id },
          400,
          `deploymentId: deployment ${bankDeployment.body.id} is of system:default/bank`,
        ],
        [
          'post',
          '/incidents',
          { ...ok, deploymentId: '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b' },
          404,
          'deploymentId: no deployment with id',
        ],
        [
          'post',
          '/incidents',
          {
            ...ok,
            releaseId: '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
            deploymentId: bankDeployment.body.id,
          },
          400,
          'give deploymentId or releaseId, not both',
        ],
        [
          'post',
          '/incidents',
          { ...ok, extra: 1 },
          400,
          "Unrecognized key(s) in object: 'extra'",
        ],
        [
          'patch',
          '/incidents/not-a-uuid',
          { title: 'x' },
          400,
          'id: must be an incident id',
        ],
        [
          'patch',
          '/incidents/3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
          { title: 'x' },
          404,
          'No incident with id',
        ],
        [
          'patch',
          '/incidents/3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
          {},
          400,
          'give at least one field to change',
        ],
        [
          'post',
          '/incidents/webhook',
          { event: {} },
          400,
          'Invalid request body: event.id',
        ],
        [
          'post',
          '/incidents/webhook?system=system:default/shop',
          { event: { id: 'e' } },
          400,
          'event.event_type: Required',
        ],
        [
          'get',
          '/dora?entity=shop',
          undefined,
          400,
          'entity: must be a System or Group ref',
        ],
        [
          'get',
          '/dora?entity=org&from=2026-11-09T00:00:00Z&to=2026-11-02T00:00:00Z',
          undefined,
          400,
          'to: must be after from',
        ],
        [
          'get',
          '/dora?entity=org&from=2020-01-01T00:00:00Z&to=2026-11-02T00:00:00Z',
          undefined,
          400,
          'from: the window may be at most 731 days',
        ],
        [
          'get',
          '/dora?entity=group:default/nobody',
          undefined,
          404,
          'entity: group:default/nobody is not in the catalog',
        ],
        [
          'get',
          '/dora/systems?entity=org&cursor=garbage',
          undefined,
          400,
          'cursor: is not a cursor this API returned',
        ],
        ['get', '/incidents', undefined, 400, 'system: Required'],
        [
          'post',
          '/deployments',
          {
            idempotencyKey: 'cd:fix',
            environment: 'production',
            component: 'component:default/ledger',
            version: '1.0.0',
            status: 'succeeded',
            fixesIncidents: ['INC-404'],
          },
          400,
          "fixesIncidents[0]: no incident 'INC-404' of system:default/bank in production",
        ],
        [
          'post',
          '/deployments',
          {
            idempotencyKey: 'cd:fix2',
            environment: 'production',
            component: 'component:default/ledger',
            version: '1.0.0',
            status: 'succeeded',
            fixesIncidents: [''],
          },
          400,
          'fixesIncidents.0',
        ],
        [
          'patch',
          '/incidents/3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
          { fixedByDeploymentId: 'x' },
          400,
          'fixedByDeploymentId: must be a deployment id',
        ],
        [
          'get',
          '/dora/facts?entity=org&metric=leadTime',
          undefined,
          400,
          'metric: must be one of deploymentFrequency',
        ],
        [
          'get',
          '/dora/facts?entity=org&metric=changeLeadTime&cursor=garbage',
          undefined,
          400,
          'cursor: is not a cursor this API returned',
        ],
        [
          'get',
          '/dora/facts?entity=group:default/nobody&metric=reworkRate',
          undefined,
          404,
          'entity: group:default/nobody is not in the catalog',
        ],
      ];
      for (const [method, path, body, status, message] of cases) {
        const req =
          method === 'get'
            ? request(server).get(`${base}${path}`)
            : (method === 'post'
                ? request(server).post(`${base}${path}`)
                : request(server).patch(`${base}${path}`)
              )
                .set('Authorization', ci)
                .send(body as object);
        const res = await req;
        expect({
          path,
          status: res.status,
          message: res.body?.error?.message,
        }).toEqual({
          path,
          status,
          message: expect.stringContaining(message),
        });
      }
    });

    it('needs release-orchestration.incident.report to report or change, and writes nothing when denied', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        entities,
        permissions: {
          authorize: async requests =>
            requests.map(r => ({
              result:
                r.permission.name === 'release-orchestration.incident.report'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        },
      });
      const ok = {
        externalId: 'X',
        system: 'system:default/shop',
        title: 't',
        openedAt: '2026-11-03T10:00:00Z',
      };
      const denied = await request(server)
        .post(`${base}/incidents`)
        .set('Authorization', ci)
        .send(ok);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain(
        'release-orchestration.incident.report',
      );
      const hook = await request(server)
        .post(`${base}/incidents/webhook?system=system:default/shop`)
        .set('Authorization', ci)
        .send(pagerDuty('incident.triggered', '2026-11-05T09:00:05Z'));
      expect(hook.status).toBe(403);
      expect(
        (
          await request(server).get(
            `${base}/incidents?system=system:default/shop`,
          )
        ).body.items,
      ).toEqual([]);
    });
  });
});
