import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { promotionTestEntities } from '../__testUtils__/orgFixtures';
import {
  promotionApi,
  promotionTestConfig,
} from '../__testUtils__/promotionHarness';
import { startPluginBackend } from '../__testUtils__/startPluginBackend';
import { createTestDatabases } from '../__testUtils__/testStores';

jest.setTimeout(60_000);

/** A backend with the plugin whose actions registry the test holds (the mock names actions `test:<name>`). */
async function start(
  databases: ReturnType<typeof createTestDatabases>,
  databaseId: any,
  permissions?: any,
) {
  const registry = actionsRegistryServiceMock();
  const { server } = await startPluginBackend({
    databases,
    databaseId,
    config: promotionTestConfig,
    entities: promotionTestEntities(),
    permissions,
    features: [
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => registry,
      }),
    ],
  });
  const invoke = (name: string, input: object, user = 'rita') =>
    registry.invoke({
      id: `test:${name}`,
      input: input as any,
      credentials: mockCredentials.user(`user:default/${user}`),
    });
  return { server, registry, invoke };
}

describe('read-only actions in the actions registry', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('registers three read-only actions', async () => {
      const { registry } = await start(databases, databaseId);
      const { actions } = await registry.list();
      expect(actions.map(a => [a.name, a.attributes])).toEqual([
        [
          'get-system-environments',
          { readOnly: true, idempotent: true, destructive: false },
        ],
        [
          'list-my-pending-approvals',
          { readOnly: true, idempotent: true, destructive: false },
        ],
        [
          'get-dora-metrics',
          { readOnly: true, idempotent: true, destructive: false },
        ],
      ]);
    });

    it('answers what runs where, what waits for my approval, and DORA figures, as the caller', async () => {
      const { server, invoke } = await start(databases, databaseId);
      const api = promotionApi(server);
      const r1 = await api.cutRelease('1.0.0');
      await api.attachPassing(r1.id, 'unit-tests', 'security-scan');
      await api.promote(r1.id, 'dev');
      await api.promote(r1.id, 'staging');
      const deployed = await api.post('/deployments', {
        idempotencyKey: 'dev-1',
        environment: 'dev',
        releaseId: r1.id,
        status: 'succeeded',
      });
      expect(deployed.status).toBe(201);
      const pending = await api.request(r1.id, 'production', 'dev1', {
        justification: 'Ship it',
      });
      expect(pending.status).toBe(201);

      const where = (
        await invoke('get-system-environments', {
          system: 'system:default/shop',
        })
      ).output as any;
      expect(where.systemRef).toBe('system:default/shop');
      expect(
        where.environments.map((e: any) => [
          e.environment,
          e.currentRelease?.version,
          e.drift.state,
        ]),
      ).toEqual([
        ['dev', '1.0.0', 'in_sync'],
        ['staging', undefined, 'unknown'],
        ['production', undefined, 'unknown'],
      ]);
      const environments = await api.get('/systems/default/shop/environments');
      expect(where.environments.map((e: any) => e.running)).toEqual(
        environments.body.environments.map((e: any) =>
          e.running.map((r: any) => ({
            componentRef: r.componentRef,
            version: r.version,
            deployedAt: r.deployedAt,
          })),
        ),
      );

      const mine = (await invoke('list-my-pending-approvals', {}))
        .output as any;
      expect(mine).toEqual({
        items: [
          expect.objectContaining({
            promotionId: pending.body.id,
            systemRef: 'system:default/shop',
            releaseId: r1.id,
            releaseVersion: '1.0.0',
            environment: 'production',
            requestedBy: 'user:default/dev1',
            emergencyOverride: false,
            evidence: { pass: 2, fail: 0, warn: 0, missingRequired: [] },
            canVote: true,
            releaseUrl: `/catalog/default/system/shop/releases/${r1.id}`,
          }),
        ],
        more: false,
      });
      // The requester is no approver of their own promotion; a filter on another lane finds nothing.
      expect(
        ((await invoke('list-my-pending-approvals', {}, 'dev1')).output as any)
          .items,
      ).toEqual([]);
      expect(
        (
          (
            await invoke('list-my-pending-approvals', {
              environment: 'staging',
            })
          ).output as any
        ).items,
      ).toEqual([]);

      const window = {
        from: '2026-01-01T00:00:00.000Z',
        to: new Date(Date.now() + 60_000).toISOString(),
      };
      const dora = (
        await invoke('get-dora-metrics', {
          entity: 'system:default/shop',
          ...window,
        })
      ).output as any;
      const direct = await api.get(
        `/dora?entity=system:default/shop&from=${window.from}&to=${window.to}`,
      );
      expect(direct.status).toBe(200);
      expect(dora.window).toEqual(window);
      expect(dora.productionEnvironment).toBe('production');
      expect(dora.metrics.deploymentFrequency).toEqual(
        direct.body.current.deploymentFrequency,
      );
      expect(dora.metrics.changeFailureRate).toEqual(
        direct.body.current.changeFailureRate,
      );
      expect(dora.trends).toEqual(direct.body.trends);
      expect(dora.coverage).toEqual(direct.body.current.coverage);
      // A Component's figures are its System's.
      const ofComponent = (
        await invoke('get-dora-metrics', {
          entity: 'component:default/api',
          ...window,
        })
      ).output as any;
      expect(ofComponent).toEqual({
        ...dora,
        resolvedFrom: 'component:default/api',
      });
    });

    it("names the bad input and applies the caller's permissions", async () => {
      const { invoke } = await start(databases, databaseId);
      await expect(
        invoke('get-system-environments', { system: 'group:default/team-a' }),
      ).rejects.toThrow(
        'system: must be a System ref like system:default/payments; got group:default/team-a',
      );
      await expect(
        invoke('get-dora-metrics', { entity: 'api:default/payments' }),
      ).rejects.toThrow(/entity: must be a System or Group ref/);
      await expect(
        invoke('get-dora-metrics', { entity: 'component:default/nope' }),
      ).rejects.toThrow(
        'entity: no Component component:default/nope in the catalog',
      );
      await expect(
        invoke('get-system-environments', { system: 'system:default/nope' }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });

      const denied = await start(databases, databaseId, {
        authorize: async (requests: any[]) =>
          requests.map(() => ({ result: AuthorizeResult.DENY })),
      });
      await expect(
        denied.invoke('get-system-environments', {
          system: 'system:default/shop',
        }),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      await expect(
        denied.invoke('get-dora-metrics', { entity: 'system:default/shop' }),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
    });
  });
});
