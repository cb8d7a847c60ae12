import { mockServices } from '@backstage/backend-test-utils';
import { CatalogGateway } from '../service/CatalogGateway';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { generateDemoHistory } from './generateDemoHistory';
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

describe('generateDemoHistory', () => {
  it('is deterministic and stays inside the last 90 days, every release built from earlier builds', () => {
    const input = Object.entries(systems).map(([systemRef, componentRefs]) => ({
      systemRef,
      componentRefs,
    }));
    const a = generateDemoHistory(input, now);
    expect(generateDemoHistory(input, now)).toEqual(a);
    const from = now.getTime() - 90 * 86_400_000;
    for (const b of a.builds) {
      expect(Date.parse(b.createdAt)).toBeGreaterThanOrEqual(from);
      expect(Date.parse(b.createdAt)).toBeLessThan(now.getTime());
      expect(b.commits.length).toBeGreaterThan(0);
    }
    const byId = new Map(a.builds.map(b => [b.id, b]));
    for (const r of a.releases) {
      expect(r.components).toHaveLength(
        systems[r.systemRef as keyof typeof systems].length,
      );
      for (const c of r.components) {
        expect(byId.get(c.buildId)!.createdAt < r.createdAt).toBe(true);
      }
    }
    expect(
      a.releases.filter(r => r.systemRef === 'system:default/payments').length,
    ).toBeGreaterThanOrEqual(5);
  });
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
});
