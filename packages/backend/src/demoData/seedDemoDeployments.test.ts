import { mockServices } from '@backstage/backend-test-utils';
import { EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import { FakePolicyCatalog } from '@release-orchestration/plugin-release-orchestration-backend/src/__testUtils__/FakePolicyCatalog';
import { testPolicy } from '@release-orchestration/plugin-release-orchestration-backend/src/__testUtils__/seedRelease';
import {
  createTestDatabases,
  createTestStores,
} from '@release-orchestration/plugin-release-orchestration-backend/src/__testUtils__/testStores';
import { CatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import { DriftService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/DriftService';
import { seedDemoData } from './seedDemoData';
import { seedDemoDeployments } from './seedDemoDeployments';
import { seedDemoPromotions } from './seedDemoPromotions';

jest.setTimeout(120_000);

const now = new Date('2026-11-23T12:00:00.000Z');
const systems: Record<string, string[]> = {
  'system:default/checkout': [
    'component:default/cart',
    'component:default/checkout-web',
  ],
  'system:default/payments': [
    'component:default/payments-api',
    'component:default/ledger',
    'component:default/fraud',
  ],
  'system:default/platform': [
    'component:default/gateway',
    'component:default/config',
  ],
};
const catalog = Object.assign(
  new FakePolicyCatalog({
    'group:default/engineering': [
      'user:default/alice',
      'user:default/bob',
      'user:default/erin',
    ],
    'group:default/release-managers': [
      'user:default/carol',
      'user:default/dave',
    ],
  }),
  {
    listSystems: async () => Object.keys(systems),
    getSystemComponents: async (ref: string) =>
      systems[ref]?.map(componentRef => ({ componentRef })),
    getComponentSystem: async () => undefined,
  },
);
const environments: EnvironmentPolicy[] = [
  {
    name: 'dev',
    title: 'Dev',
    ...testPolicy({ approvers: [], minApprovals: 0 }),
  },
  {
    name: 'staging',
    title: 'Staging',
    ...testPolicy({ approvers: ['group:default/engineering'] }),
  },
  { name: 'production', title: 'Production', ...testPolicy() },
];

describe('seedDemoDeployments', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives every System deployments that match its promotions, once, on %p',
    async databaseId => {
      const { stores } = await createTestStores(databases, databaseId);
      const logger = mockServices.logger.mock();
      const seed = () =>
        seedDemoDeployments({ stores, catalog, environments, logger, now });
      await seedDemoData({
        stores,
        catalog: catalog as unknown as CatalogGateway,
        logger,
        now,
      });
      expect(await seed()).toBe('nothing-to-seed');
      await seedDemoPromotions({
        stores,
        catalog,
        environments,
        policies: new Map(),
        logger,
        now,
      });
      expect(await seed()).toBe('seeded');
      expect(await seed()).toBe('already-seeded');

      const productionPerSystem: Record<string, number> = {};
      const all = [];
      for (const systemRef of Object.keys(systems)) {
        const deployments = await stores.deployments.list({
          systemRef,
          limit: 1000,
        });
        all.push(...deployments);
        for (const lane of ['dev', 'staging', 'production']) {
          const carried = deployments.filter(
            d =>
              d.environment === lane &&
              d.promotionId &&
              d.status === 'succeeded',
          );
          expect({ systemRef, lane, some: carried.length > 0 }).toEqual({
            systemRef,
            lane,
            some: true,
          });
        }
        productionPerSystem[systemRef] = deployments.filter(
          d => d.environment === 'production' && d.status === 'succeeded',
        ).length;
        for (const d of deployments) {
          expect(d.finishedAt! < now.toISOString()).toBe(true);
          expect(d.startedAt <= d.finishedAt!).toBe(true);
        }
      }
      // About daily, twice a week and weekly.
      expect(productionPerSystem['system:default/payments']).toBeGreaterThan(
        productionPerSystem['system:default/checkout'],
      );
      expect(productionPerSystem['system:default/checkout']).toBeGreaterThan(
        productionPerSystem['system:default/platform'],
      );
      expect(
        all.filter(d => d.status === 'failed').length,
      ).toBeGreaterThanOrEqual(1);
      expect(all.filter(d => d.rollback).length).toBeGreaterThanOrEqual(1);
      expect(all.filter(d => d.hotfix).length).toBeGreaterThanOrEqual(1);
      for (const d of all.filter(x => x.promotionId)) {
        const promotion = await stores.promotions.get(d.promotionId!);
        expect({
          env: promotion?.environment,
          release: promotion?.releaseId,
          state: promotion?.state,
        }).toEqual({
          env: d.environment,
          release: d.releaseId,
          state: 'succeeded',
        });
      }

      const drift = new DriftService(
        stores,
        catalog as unknown as CatalogGateway,
        environments,
      );
      const drifted = [];
      for (const systemRef of Object.keys(systems)) {
        for (const lane of (await drift.systemEnvironments(systemRef))
          .environments) {
          expect(lane.drift.state).not.toBe('unknown');
          if (lane.drift.state === 'drifted') {
            drifted.push([
              systemRef,
              lane.environment,
              lane.drift.components.map(c => c.reason),
            ]);
          }
        }
      }
      expect(drifted).toEqual([
        ['system:default/payments', 'staging', ['version-differs']],
      ]);
      expect((await stores.audit.verify()).valid).toBe(true);
    },
  );
});
