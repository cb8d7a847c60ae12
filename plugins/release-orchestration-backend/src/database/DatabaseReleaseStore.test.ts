import { randomUUID } from 'node:crypto';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { DatabaseStores } from './DatabaseStores';

jest.setTimeout(60_000);

async function seedBuild(
  stores: DatabaseStores,
  component: string,
  version: string,
) {
  const { build } = await stores.builds.insertIfAbsent({
    id: randomUUID(),
    componentRef: `component:default/${component}`,
    version,
    artifactUri: `registry/${component}:${version}`,
    artifactDigest: `sha256:${'b'.repeat(64)}`,
    commitSha: 'abcdef1',
    commitTime: '2026-10-01T00:00:00.000Z',
    commits: [],
    reportedBy: 'ci',
    createdAt: '2026-10-01T00:00:00.000Z',
  });
  return build;
}

describe('DatabaseReleaseStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reads what a deployment records of a release in one statement: System, version, component versions', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      const web = await seedBuild(stores, 'web', '3.0.0');
      const api = await seedBuild(stores, 'api', '1.0.0');
      const base = {
        systemRef: 'system:default/shop',
        riskClass: 'low' as const,
        createdBy: 'user:default/alice',
      };
      const full = {
        ...base,
        id: randomUUID(),
        version: 'r1',
        createdAt: '2026-10-02T00:00:00.000Z',
        components: [
          { componentRef: web.componentRef, buildId: web.id },
          { componentRef: api.componentRef, buildId: api.id },
        ],
      };
      const empty = {
        ...base,
        id: randomUUID(),
        version: 'r0',
        createdAt: '2026-10-01T00:00:00.000Z',
        components: [],
      };
      await stores.releases.insertIfAbsent(full);
      await stores.releases.insertIfAbsent(empty);
      let statements = 0;
      const count = () => {
        statements += 1;
      };
      knex.on('query', count);
      expect(await stores.releases.getDeployable(full.id)).toEqual({
        id: full.id,
        systemRef: 'system:default/shop',
        version: 'r1',
        components: [
          { componentRef: 'component:default/api', version: '1.0.0' },
          { componentRef: 'component:default/web', version: '3.0.0' },
        ],
      });
      expect(statements).toBe(1);
      knex.removeListener('query', count);
      expect(await stores.releases.getDeployable(empty.id)).toEqual({
        id: empty.id,
        systemRef: 'system:default/shop',
        version: 'r0',
        components: [],
      });
      expect(await stores.releases.getDeployable(randomUUID())).toBeUndefined();
    });

    it('stores a manifest, refuses a taken version name, and links releases in order', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const api1 = await seedBuild(stores, 'api', '1.0.0');
      const api2 = await seedBuild(stores, 'api', '1.1.0');
      const web1 = await seedBuild(stores, 'web', '3.0.0');
      const base = {
        systemRef: 'system:default/shop',
        riskClass: 'low' as const,
        createdBy: 'user:default/alice',
      };
      const r1 = {
        ...base,
        id: randomUUID(),
        version: 'r1',
        createdAt: '2026-10-02T00:00:00.000Z',
        components: [
          { componentRef: api1.componentRef, buildId: api1.id },
          { componentRef: web1.componentRef, buildId: web1.id },
        ],
      };
      const r2 = {
        ...base,
        id: randomUUID(),
        version: 'r2',
        notes: 'second',
        createdAt: '2026-10-03T00:00:00.000Z',
        components: [{ componentRef: api2.componentRef, buildId: api2.id }],
      };
      expect(await stores.releases.insertIfAbsent(r1)).toEqual({
        inserted: true,
      });
      expect(await stores.releases.insertIfAbsent(r2)).toEqual({
        inserted: true,
      });
      expect(
        await stores.releases.insertIfAbsent({ ...r2, id: randomUUID() }),
      ).toEqual({ inserted: false });

      const summary2 = await stores.releases.get(r2.id);
      expect(summary2).toEqual({
        id: r2.id,
        systemRef: 'system:default/shop',
        version: 'r2',
        notes: 'second',
        riskClass: 'low',
        createdBy: 'user:default/alice',
        createdAt: '2026-10-03T00:00:00.000Z',
        componentCount: 1,
        // sha256 of "component:default/api sha256:bbb…b\n", computed outside this code base
        manifestDigest:
          'sha256:da7e21401271fcbd743a4ad36a9eac30782b27f87d4ddb4fbc010f0aa6f1f38b',
      });
      expect((await stores.releases.get(r1.id))?.manifestDigest).toBe(
        'sha256:83dba122ea613ac43b07add78a5d6a755852dfca0a481d52fd274650a362b08e',
      );
      expect((await stores.releases.getPrevious(summary2!))?.id).toBe(r1.id);
      expect(
        await stores.releases.getPrevious((await stores.releases.get(r1.id))!),
      ).toBeUndefined();

      expect(await stores.releases.getManifest(r1.id)).toEqual([
        expect.objectContaining({
          componentRef: 'component:default/api',
          version: '1.0.0',
          buildId: api1.id,
        }),
        expect.objectContaining({
          componentRef: 'component:default/web',
          version: '3.0.0',
          buildId: web1.id,
        }),
      ]);

      const page = await stores.releases.list({
        systemRef: 'system:default/shop',
        limit: 1,
      });
      expect(page.map(r => r.version)).toEqual(['r2']);
      const next = await stores.releases.list({
        systemRef: 'system:default/shop',
        limit: 5,
        cursor: { createdAt: page[0].createdAt, id: page[0].id },
      });
      expect(next.map(r => r.version)).toEqual(['r1']);

      const containing = await stores.releases.listContainingBuilds([
        api1.id,
        api2.id,
        web1.id,
      ]);
      expect(containing.get(api1.id)).toEqual([
        { id: r1.id, version: 'r1', systemRef: 'system:default/shop' },
      ]);
      expect(containing.get(api2.id)?.map(r => r.version)).toEqual(['r2']);
    });
  });
});
