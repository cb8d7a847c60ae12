import { mockServices } from '@backstage/backend-test-utils';
import { CatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import {
  createTestDatabases,
  createTestStores,
} from '@release-orchestration/plugin-release-orchestration-backend/src/__testUtils__/testStores';
import { seedDemoData } from './seedDemoData';

jest.setTimeout(60_000);

const now = new Date('2026-11-23T12:00:00.000Z');
const systems = {
  'system:default/payments': [
    'component:default/payments-api',
    'component:default/ledger',
  ],
  'system:default/checkout': ['component:default/cart'],
};
const catalog = (known: Record<string, string[]>): CatalogGateway => ({
  listSystems: async () => Object.keys(known),
  getSystemComponents: async ref =>
    known[ref]?.map(componentRef => ({ componentRef })),
  getComponentSystem: async ref => {
    const systemRef = Object.keys(known).find(system =>
      known[system].includes(ref),
    );
    return systemRef ? { systemRef } : undefined;
  },
  getOwnedSystems: async ref => (known[ref] ? [ref] : undefined),
});

describe('seedDemoData', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'seeds once, with a valid audit chain, on %p',
    async databaseId => {
      const { stores } = await createTestStores(databases, databaseId);
      const logger = mockServices.logger.mock();
      expect(
        await seedDemoData({ stores, catalog: catalog({}), logger, now }),
      ).toBe('catalog-not-ready');
      expect(
        await seedDemoData({ stores, catalog: catalog(systems), logger, now }),
      ).toBe('seeded');
      expect(
        await seedDemoData({ stores, catalog: catalog(systems), logger, now }),
      ).toBe('already-seeded');

      const releases = await stores.releases.list({
        systemRef: 'system:default/payments',
        limit: 100,
      });
      expect(releases.length).toBeGreaterThanOrEqual(5);
      const manifest = await stores.releases.getManifest(releases[0].id);
      expect(manifest.map(c => c.componentRef)).toEqual([
        'component:default/ledger',
        'component:default/payments-api',
      ]);
      const verification = await stores.audit.verify();
      expect(verification.valid).toBe(true);
      expect(verification.checkedEvents).toBeGreaterThan(releases.length);
    },
  );

  it.each(databases.eachSupportedId())(
    'waits until two attempts see the same Systems when it has no list to wait for, on %p',
    async databaseId => {
      const { stores } = await createTestStores(databases, databaseId);
      const logger = mockServices.logger.mock();
      const settle = {};
      const attempt = (known: Record<string, string[]>) =>
        seedDemoData({ stores, catalog: catalog(known), logger, now, settle });
      // The catalog is still processing: checkout first, then payments too.
      const checkout = {
        'system:default/checkout': systems['system:default/checkout'],
      };
      expect(await attempt(checkout)).toBe('catalog-not-ready');
      expect(await attempt(systems)).toBe('catalog-not-ready');
      expect(await stores.builds.hasAny()).toBe(false);
      expect(await attempt(systems)).toBe('seeded');
      for (const systemRef of Object.keys(systems)) {
        expect(
          await stores.releases.list({ systemRef, limit: 1 }),
        ).toHaveLength(1);
      }
    },
  );
});
