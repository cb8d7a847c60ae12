import { mockServices } from '@backstage/backend-test-utils';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  as,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(60_000);

/** The scheduler of backend-test-utils: tasks run only when a test triggers them. */
type TriggeredScheduler = SchedulerService & {
  factory(options?: {
    skipTaskRunOnStartup?: boolean;
  }): ServiceFactory<SchedulerService>;
};

const FREEZE_EXPIRY_TASK = 'release-orchestration-freeze-expiry';
const hour = 3600_000;

describe('freeze windows: the expiry task and rollbacks', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function start(
      options: { scheduler?: TriggeredScheduler; overrideFor?: string } = {},
    ) {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: promotionTestConfig,
        entities: promotionTestEntities(),
        features: options.scheduler
          ? [options.scheduler.factory({ skipTaskRunOnStartup: true })]
          : [],
        permissions: {
          authorize: async (requests, authorizeOptions) =>
            requests.map(r => ({
              result:
                r.permission.name === 'release-orchestration.freeze.override' &&
                (authorizeOptions?.credentials.principal as any)
                  .userEntityRef !== `user:default/${options.overrideFor}`
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        },
      });
      return promotionApi(server);
    }

    /** A release that succeeded in dev and staging, ready for production. */
    async function readyForProduction(
      api: ReturnType<typeof promotionApi>,
      version: string,
    ) {
      const release = await api.cutRelease(version);
      await api.attachPassing(release.id, 'unit-tests', 'security-scan');
      await api.promote(release.id, 'dev');
      await api.promote(release.id, 'staging');
      return release;
    }

    it('releases a blocked promotion when the scheduler runs the freeze-expiry task after the window ends', async () => {
      const scheduler = mockServices.scheduler() as TriggeredScheduler;
      const api = await start({ scheduler });
      expect((await scheduler.getScheduledTasks()).map(t => t.id)).toContain(
        FREEZE_EXPIRY_TASK,
      );
      const r1 = await readyForProduction(api, '1.0.0');
      const end = Date.now() + 2500;
      const freeze = await api.post(
        '/freezes',
        {
          environment: 'production',
          start: new Date(Date.now() - hour).toISOString(),
          end: new Date(end).toISOString(),
          reason: 'short window',
        },
        as('rita'),
      );
      expect(freeze.status).toBe(201);
      const blocked = await api.request(r1.id, 'production');
      expect(blocked.body.state).toBe('blocked');

      // While the window lasts, the task leaves the promotion blocked.
      await scheduler.triggerTask(FREEZE_EXPIRY_TASK);
      expect((await api.get(`/promotions/${blocked.body.id}`)).body.state).toBe(
        'blocked',
      );

      await new Promise(resolve =>
        setTimeout(resolve, Math.max(0, end - Date.now()) + 200),
      );
      // Nothing but the task moves it: the window has ended, and the promotion still waits.
      expect((await api.get(`/promotions/${blocked.body.id}`)).body.state).toBe(
        'blocked',
      );
      await scheduler.triggerTask(FREEZE_EXPIRY_TASK);
      const released = await api.get(`/promotions/${blocked.body.id}`);
      expect(released.body.state).toBe('pending_approval');
      expect(released.body.transitions.at(-1)).toMatchObject({
        from: 'blocked',
        to: 'pending_approval',
        actor: 'service:release-orchestration',
        reason: 'the freeze window ended',
      });
    });

    it('rolls back into a frozen lane only with an emergency override, which is recorded', async () => {
      const api = await start({ overrideFor: 'rita' });
      const r1 = await readyForProduction(api, '1.0.0');
      const r2 = await readyForProduction(api, '2.0.0');
      await api.promote(r1.id, 'production', ['rita', 'ravi']);
      await api.promote(r2.id, 'production', ['rita', 'ravi']);
      const freeze = await api.post(
        '/freezes',
        {
          environment: 'production',
          start: new Date(Date.now() - hour).toISOString(),
          end: new Date(Date.now() + hour).toISOString(),
          reason: 'year-end close',
        },
        as('rita'),
      );
      expect(freeze.status).toBe(201);

      const plain = await api.post(
        '/systems/default/shop/rollback',
        { environment: 'production', justification: 'errors' },
        as('dev1'),
      );
      expect(plain.status).toBe(201);
      expect(plain.body).toMatchObject({
        releaseId: r1.id,
        rollback: true,
        state: 'blocked',
      });
      expect(plain.body.blockedReason).toContain('(year-end close)');
      expect(plain.body.emergencyOverride).toBeUndefined();

      const override = {
        environment: 'production',
        emergencyOverride: {
          justification: 'Checkout is down for every customer',
        },
      };
      const notAllowed = await api.post(
        '/systems/default/shop/rollback',
        override,
        as('dev1'),
      );
      expect(notAllowed.status).toBe(403);
      expect(notAllowed.body.error.message).toContain(
        'release-orchestration.freeze.override',
      );

      // The blocked rollback still stands for 1.0.0; withdraw it before overriding.
      expect(
        (await api.post('/systems/default/shop/rollback', override, as('rita')))
          .status,
      ).toBe(409);
      const cancelled = await api.post(
        `/promotions/${plain.body.id}/cancel`,
        { reason: 'overriding instead' },
        as('dev1'),
      );
      expect(cancelled.status).toBe(200);
      const overridden = await api.post(
        '/systems/default/shop/rollback',
        override,
        as('rita'),
      );
      expect(overridden.status).toBe(201);
      expect(overridden.body).toMatchObject({
        releaseId: r1.id,
        rollback: true,
        state: 'pending_approval',
        emergencyOverride: {
          justification: 'Checkout is down for every customer',
          by: 'user:default/rita',
          freezeIds: [freeze.body.id],
        },
      });
      const audit = await api.get('/audit?entity=system:default/shop&limit=1');
      expect(audit.body.items[0].summary).toContain(
        'EMERGENCY OVERRIDE of freeze (year-end close): Checkout is down for every customer',
      );
    });
  });
});
