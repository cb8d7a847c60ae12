import { mockServices } from '@backstage/backend-test-utils';
import { EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import { FakePolicyCatalog } from '../__testUtils__/FakePolicyCatalog';
import { RecordingNotifications } from '../__testUtils__/RecordingNotifications';
import { seedRelease, testPolicy } from '../__testUtils__/seedRelease';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { createPromotionServices } from './createPromotionServices';
import { EventPublisher } from './EventPublisher';
import { RecurringFreeze } from './freezes/recurringFreezes';

jest.setTimeout(60_000);

const lanes: EnvironmentPolicy[] = [
  {
    name: 'dev',
    title: 'Dev',
    ...testPolicy({ approvers: [], minApprovals: 0 }),
  },
  { name: 'production', title: 'Production', ...testPolicy() },
];

async function setup(
  databases: ReturnType<typeof createTestDatabases>,
  databaseId: any,
  clock: { now: Date },
  recurringFreezes: RecurringFreeze[] = [],
) {
  const { stores } = await createTestStores(databases, databaseId);
  const notifications = new RecordingNotifications();
  const services = createPromotionServices({
    stores,
    environments: lanes,
    policies: new Map(),
    recurringFreezes,
    catalog: new FakePolicyCatalog({
      'group:default/release-managers': [
        'user:default/rita',
        'user:default/ravi',
      ],
    }),
    events: new EventPublisher([], mockServices.logger.mock()),
    notifications,
    logger: mockServices.logger.mock(),
    now: () => clock.now,
  });
  return { stores, services, notifications };
}

describe('PromotionService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("moves a promotion with the deployment that carries it out, inside the caller's transaction", async () => {
      const clock = { now: new Date('2026-11-23T10:00:00.000Z') };
      const { stores, services } = await setup(databases, databaseId, clock);
      const release = await seedRelease(stores, 'r1');
      const dev = await services.promotions.request(
        { releaseId: release.id, environment: 'dev' },
        'user:default/dev1',
      );
      expect(dev.state).toBe('approved');
      const record = (status: 'started' | 'succeeded' | 'failed') =>
        stores.transaction(tx =>
          services.promotions.recordDeploymentOutcome(
            tx,
            dev.id,
            status,
            'service:argo',
          ),
        );

      await expect(
        stores.transaction(async tx => {
          await services.promotions.recordDeploymentOutcome(
            tx,
            dev.id,
            'started',
            'service:argo',
          );
          throw new Error('the deployment insert failed');
        }),
      ).rejects.toThrow('the deployment insert failed');
      expect((await services.promotions.get(dev.id)).state).toBe('approved');

      expect((await record('started')).map(e => e.action)).toEqual([
        'promotion.deploying',
      ]);
      expect(await record('started')).toEqual([]);
      expect((await record('succeeded')).map(e => [e.action, e.actor])).toEqual(
        [['promotion.succeeded', 'service:argo']],
      );
      expect(await record('failed')).toEqual([]);
      expect((await services.promotions.get(dev.id)).state).toBe('succeeded');

      const second = await seedRelease(stores, 'r2');
      const direct = await services.promotions.request(
        { releaseId: second.id, environment: 'dev' },
        'user:default/dev1',
      );
      const events = await stores.transaction(tx =>
        services.promotions.recordDeploymentOutcome(
          tx,
          direct.id,
          'failed',
          'service:argo',
        ),
      );
      expect(events.map(e => e.action)).toEqual([
        'promotion.deploying',
        'promotion.failed',
      ]);

      const prod = await services.promotions.request(
        { releaseId: release.id, environment: 'production' },
        'user:default/dev1',
      );
      expect(prod.state).toBe('pending_approval');
      await expect(
        stores.transaction(tx =>
          services.promotions.recordDeploymentOutcome(
            tx,
            prod.id,
            'started',
            'service:argo',
          ),
        ),
      ).rejects.toThrow(
        'promotionId: the promotion is pending_approval; a deployment can only carry out an approved promotion',
      );
      await expect(
        stores.transaction(tx =>
          services.promotions.recordDeploymentOutcome(
            tx,
            '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
            'started',
            'x',
          ),
        ),
      ).rejects.toThrow('promotionId: no promotion with id');
      expect((await stores.audit.verify()).valid).toBe(true);
    });

    it('releases blocked promotions when their freeze window ends, and notifies the approvers', async () => {
      const clock = { now: new Date('2026-11-23T10:00:00.000Z') };
      const { stores, services, notifications } = await setup(
        databases,
        databaseId,
        clock,
      );
      const release = await seedRelease(stores, 'r1');
      await services.freezes.create(
        {
          environment: 'production',
          start: '2026-11-22T00:00:00.000Z',
          end: '2026-11-24T00:00:00.000Z',
          reason: 'Black Friday',
        },
        'user:default/rita',
      );
      await services.freezes.create(
        {
          environment: 'dev',
          systems: ['system:default/shop'],
          start: '2026-11-23T00:00:00.000Z',
          end: '2026-11-23T12:00:00.000Z',
          reason: 'demo day',
        },
        'user:default/rita',
      );
      const prod = await services.promotions.request(
        { releaseId: release.id, environment: 'production' },
        'user:default/dev1',
      );
      const dev = await services.promotions.request(
        { releaseId: release.id, environment: 'dev' },
        'user:default/dev1',
      );
      expect([prod.state, dev.state]).toEqual(['blocked', 'blocked']);
      expect(notifications.sent).toEqual([]);

      expect(await services.promotions.releaseEndedFreezes()).toBe(0);
      clock.now = new Date('2026-11-23T13:00:00.000Z');
      expect(await services.promotions.releaseEndedFreezes()).toBe(1);
      expect((await services.promotions.get(dev.id)).state).toBe('approved');
      clock.now = new Date('2026-11-24T00:00:00.000Z');
      expect(await services.promotions.releaseEndedFreezes()).toBe(1);
      expect(await services.promotions.releaseEndedFreezes()).toBe(0);
      expect((await services.promotions.get(prod.id)).state).toBe(
        'pending_approval',
      );
      expect(notifications.summary()).toEqual([
        {
          to: ['user:default/ravi', 'user:default/rita'],
          title: 'Approval needed: shop r1 to production',
        },
      ]);
      expect(await services.freezes.list({})).toEqual([]);
      expect(
        (await services.freezes.list({ includePast: true })).map(f => f.reason),
      ).toEqual(['Black Friday', 'demo day']);
    });

    it('releases promotions held by a recurring window when it closes, in its time zone across a DST switch', async () => {
      // Friday 2026-10-23 16:00 CEST (14:00Z) to Monday 2026-10-26 08:00 CET (07:00Z): clocks go back on the Sunday.
      const weekend: RecurringFreeze = {
        name: 'weekend',
        environments: ['production'],
        systems: [],
        timeZone: 'Europe/Berlin',
        every: ['fri'],
        from: { hour: 16, minute: 0 },
        until: { weekday: 'mon', hour: 8, minute: 0 },
        exceptions: [],
      };
      const clock = { now: new Date('2026-10-25T12:00:00.000Z') };
      const { stores, services } = await setup(databases, databaseId, clock, [
        weekend,
      ]);
      const release = await seedRelease(stores, 'r1');
      const dev = await services.promotions.request(
        { releaseId: release.id, environment: 'dev' },
        'user:default/dev1',
      );
      expect(dev.state).toBe('approved');
      const prod = await services.promotions.request(
        { releaseId: release.id, environment: 'production' },
        'user:default/dev1',
      );
      expect(prod.state).toBe('blocked');
      expect(prod.blockedReason).toContain(
        'production is frozen until 2026-10-26T07:00:00.000Z (Recurring: weekend, every Friday 16:00 - Monday 08:00 Europe/Berlin)',
      );

      clock.now = new Date('2026-10-26T06:59:00.000Z'); // 07:59 CET
      expect(await services.promotions.releaseEndedFreezes()).toBe(0);
      clock.now = new Date('2026-10-26T07:00:00.000Z'); // 08:00 CET
      expect(await services.promotions.releaseEndedFreezes()).toBe(1);
      const released = await services.promotions.get(prod.id);
      expect(released.state).toBe('pending_approval');
      expect(released.transitions.at(-1)?.reason).toContain(
        'the freeze window ended',
      );
      expect((await stores.audit.verify()).valid).toBe(true);
    });
  });
});
