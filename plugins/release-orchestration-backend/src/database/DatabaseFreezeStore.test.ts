import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';

jest.setTimeout(60_000);

const freeze = (
  id: string,
  environment: string,
  start: string,
  end: string,
  systems: string[] = [],
) => ({
  id,
  environment,
  systems,
  start,
  end,
  reason: `freeze ${id}`,
  createdBy: 'user:default/rita',
  createdAt: '2026-11-01T00:00:00.000Z',
});

describe('DatabaseFreezeStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('finds the windows in force at a time, lists upcoming ones and deletes', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const ids = [
        '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-000000000002',
        '00000000-0000-4000-8000-000000000003',
      ];
      const past = await stores.freezes.insert(
        freeze(
          ids[0],
          'production',
          '2026-11-01T00:00:00.000Z',
          '2026-11-02T00:00:00.000Z',
        ),
      );
      const now = await stores.freezes.insert(
        freeze(
          ids[1],
          'production',
          '2026-11-10T00:00:00.000Z',
          '2026-11-12T00:00:00.000Z',
          ['system:default/shop'],
        ),
      );
      const staging = await stores.freezes.insert(
        freeze(
          ids[2],
          'staging',
          '2026-11-10T00:00:00.000Z',
          '2026-11-30T00:00:00.000Z',
        ),
      );
      expect(now.systems).toEqual(['system:default/shop']);
      expect(await stores.freezes.get(ids[1])).toEqual(now);

      expect(
        await stores.freezes.listActive(
          'production',
          '2026-11-11T00:00:00.000Z',
        ),
      ).toEqual([now]);
      expect(
        await stores.freezes.listActive(
          'production',
          '2026-11-10T00:00:00.000Z',
        ),
      ).toEqual([now]);
      expect(
        await stores.freezes.listActive(
          'production',
          '2026-11-12T00:00:00.000Z',
        ),
      ).toEqual([]);
      expect(await stores.freezes.list({})).toEqual([past, now, staging]);
      expect(
        await stores.freezes.list({ endsAfter: '2026-11-05T00:00:00.000Z' }),
      ).toEqual([now, staging]);
      expect(await stores.freezes.list({ environment: 'staging' })).toEqual([
        staging,
      ]);

      expect(await stores.freezes.delete(ids[1])).toBe(true);
      expect(await stores.freezes.delete(ids[1])).toBe(false);
      expect(await stores.freezes.get(ids[1])).toBeUndefined();
    });
  });
});
