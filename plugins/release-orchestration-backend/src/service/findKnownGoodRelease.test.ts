import { seedRelease, newPromotion } from '../__testUtils__/seedRelease';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { DatabaseStores } from '../database/DatabaseStores';
import {
  findKnownGoodRelease,
  rolledBackReleases,
} from './findKnownGoodRelease';

jest.setTimeout(60_000);

describe('rolledBackReleases', () => {
  const succeeded = (releaseId: string, rollback = false) => ({
    promotionId: `p-${releaseId}`,
    releaseId,
    releaseCreatedAt: '2026-11-01T00:00:00.000Z',
    rollback,
    succeededAt: '2026-11-01T00:00:00.000Z',
  });

  it('marks the release a rollback replaced, until it succeeds again normally', () => {
    // newest success first
    expect([
      ...rolledBackReleases([
        succeeded('r1', true),
        succeeded('r3'),
        succeeded('r2'),
        succeeded('r1'),
      ]),
    ]).toEqual(['r3']);
    expect([
      ...rolledBackReleases([
        succeeded('r3'),
        succeeded('r1', true),
        succeeded('r3'),
        succeeded('r1'),
      ]),
    ]).toEqual([]);
    expect([...rolledBackReleases([succeeded('r1', true)])]).toEqual([]);
  });
});

describe('findKnownGoodRelease', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'picks the newest success that no rollback replaced on %p',
    async databaseId => {
      const { stores } = await createTestStores(databases, databaseId);
      let minute = 0;
      const succeed = async (
        stores_: DatabaseStores,
        release: { id: string; systemRef: string },
        rollback = false,
      ) => {
        minute += 3;
        const at = (m: number) =>
          `2026-11-02T10:${String(m).padStart(2, '0')}:00.000Z`;
        const p = newPromotion(release, 'production', {
          state: 'approved',
          rollback,
          createdAt: at(minute),
        });
        await stores_.promotions.insertUnlessOpen(p);
        await stores_.promotions.transition(p.id, {
          from: 'approved',
          to: 'deploying',
          actor: 'ci',
          createdAt: at(minute + 1),
        });
        await stores_.promotions.transition(p.id, {
          from: 'deploying',
          to: 'succeeded',
          actor: 'ci',
          createdAt: at(minute + 2),
        });
      };
      const find = (exclude?: string) =>
        findKnownGoodRelease(stores, 'system:default/shop', 'production', {
          exclude: id => id === exclude,
        }).then(r => r?.version);

      expect(await find()).toBeUndefined();
      const r1 = await seedRelease(stores, 'r1', {
        createdAt: '2026-11-01T01:00:00.000Z',
      });
      const r2 = await seedRelease(stores, 'r2', {
        createdAt: '2026-11-01T02:00:00.000Z',
      });
      const r3 = await seedRelease(stores, 'r3', {
        createdAt: '2026-11-01T03:00:00.000Z',
      });
      await succeed(stores, r1);
      await succeed(stores, r2);
      await succeed(stores, r3);
      expect(await find()).toBe('r3');
      expect(await find(r3.id)).toBe('r2');
      await succeed(stores, r1, true); // rolled back from r3 straight to r1
      expect(await find()).toBe('r1');
      expect(await find(r1.id)).toBe('r2');
      expect(
        await findKnownGoodRelease(stores, 'system:default/shop', 'staging'),
      ).toBeUndefined();

      // An open incident against r1 in production takes it out; resolving it puts it back.
      await stores.incidents.insertIfAbsent({
        id: 'inc-1',
        source: 'test',
        externalId: 'INC-1',
        systemRef: 'system:default/shop',
        environment: 'production',
        title: 'Checkout errors',
        openedAt: '2026-11-02T11:00:00.000Z',
        releaseId: r1.id,
        attribution: 'explicit',
        reportedBy: 'service:test',
        createdAt: '2026-11-02T11:00:00.000Z',
      });
      expect(await find()).toBe('r2');
      await stores.incidents.update('inc-1', {
        resolvedAt: '2026-11-02T12:00:00.000Z',
        updatedAt: '2026-11-02T12:00:00.000Z',
      });
      expect(await find()).toBe('r1');
    },
  );
});
