import { mockServices } from '@backstage/backend-test-utils';
import {
  HistoryStep,
  historyCatalog,
  historyDora,
  playHistory,
} from '@release-orchestration/plugin-release-orchestration-backend/src/__testUtils__/doraHistory';
import {
  createTestDatabases,
  createTestStores,
} from '@release-orchestration/plugin-release-orchestration-backend/src/__testUtils__/testStores';
import { DoraFactRecorder } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/DoraFactRecorder';
import { seedDemoIncidents } from './seedDemoIncidents';

jest.setTimeout(60_000);

const now = new Date('2026-11-23T12:00:00.000Z');

/** Ten daily production deployments of shop and of bank. */
function deployments(): HistoryStep[] {
  const steps: HistoryStep[] = [];
  for (let day = 1; day <= 10; day++) {
    const date = `2026-11-${String(day).padStart(2, '0')}`;
    steps.push(
      {
        build: `api@${day}`,
        at: `${date}T08:00:00Z`,
        commits: [`${date}T07:00:00Z`],
      },
      {
        deploy: `shop-${day}`,
        components: [`api@${day}`],
        at: `${date}T10:00:00Z`,
      },
      {
        build: `ledger@${day}`,
        at: `${date}T08:00:00Z`,
        commits: [`${date}T06:00:00Z`],
      },
      {
        deploy: `bank-${day}`,
        system: 'bank',
        components: [`ledger@${day}`],
        at: `${date}T11:00:00Z`,
      },
    );
  }
  return steps;
}

describe('seedDemoIncidents', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'seeds a few incidents per System once, some attributed automatically, on %p',
    async databaseId => {
      const { stores } = await createTestStores(databases, databaseId);
      const recorder = new DoraFactRecorder('production');
      const options = {
        stores,
        catalog: historyCatalog,
        environments: ['staging', 'production'],
        recorder,
        logger: mockServices.logger.mock(),
        now,
      };
      expect(await seedDemoIncidents(options)).toBe('nothing-to-seed');
      await playHistory(stores, deployments());
      expect(await seedDemoIncidents(options)).toBe('seeded');
      expect(await seedDemoIncidents(options)).toBe('already-seeded');

      for (const systemRef of ['system:default/shop', 'system:default/bank']) {
        const list = await stores.incidents.list({ systemRef, limit: 100 });
        expect(list.length).toBeGreaterThanOrEqual(2);
        expect(
          list.some(i => i.attribution === 'automatic' && i.deploymentId),
        ).toBe(true);
        expect(
          list.some(i => i.attribution === 'explicit' && !i.deploymentId),
        ).toBe(true);
      }
      const window = {
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-23T00:00:00Z',
      };
      const bank = await historyDora(stores).report({
        entity: 'system:default/bank',
        ...window,
      });
      const shop = await historyDora(stores).report({
        entity: 'system:default/shop',
        ...window,
      });
      // bank is the steady profile, shop the average one: bank recovers faster
      expect(
        bank.current.failedDeploymentRecoveryTime.medianSeconds!,
      ).toBeLessThan(shop.current.failedDeploymentRecoveryTime.medianSeconds!);
      expect(shop.current.changeFailureRate.failedChanges).toBeGreaterThan(0);
      expect((await stores.audit.verify()).valid).toBe(true);
    },
  );
});
