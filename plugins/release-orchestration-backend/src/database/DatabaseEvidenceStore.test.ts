import { randomUUID } from 'node:crypto';
import { seedRelease } from '../__testUtils__/seedRelease';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';

jest.setTimeout(60_000);

describe('DatabaseEvidenceStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores evidence as given and lists it per release, newest first', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const r1 = await seedRelease(stores, 'r1');
      const r2 = await seedRelease(stores, 'r2');
      const scan = await stores.evidence.insert({
        id: randomUUID(),
        releaseId: r1.id,
        type: 'security-scan',
        status: 'warn',
        url: 'https://scanner.example/1',
        summary: '2 medium findings',
        environment: 'production',
        contentDigest: `sha256:${'d'.repeat(64)}`,
        createdBy: 'service:ci',
        createdAt: '2026-11-02T00:00:00.000Z',
      });
      const tests = await stores.evidence.insert({
        id: randomUUID(),
        releaseId: r1.id,
        type: 'unit-tests',
        status: 'pass',
        url: 'https://ci.example/1',
        summary: '812 passed',
        createdBy: 'service:ci',
        createdAt: '2026-11-03T00:00:00.000Z',
      });
      expect(tests).toEqual({
        id: tests.id,
        releaseId: r1.id,
        type: 'unit-tests',
        status: 'pass',
        url: 'https://ci.example/1',
        summary: '812 passed',
        createdBy: 'service:ci',
        createdAt: '2026-11-03T00:00:00.000Z',
      });
      expect(await stores.evidence.listForRelease(r1.id)).toEqual([
        tests,
        scan,
      ]);
      const byRelease = await stores.evidence.listForReleases([r1.id, r2.id]);
      expect(byRelease.get(r1.id)?.map(e => e.type)).toEqual([
        'unit-tests',
        'security-scan',
      ]);
      expect(byRelease.get(r2.id)).toBeUndefined();
      expect(await stores.evidence.listForRelease(r2.id)).toEqual([]);
    });
  });
});
