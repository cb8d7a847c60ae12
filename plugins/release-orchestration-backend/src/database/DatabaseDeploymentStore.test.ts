import { randomUUID } from 'node:crypto';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { NewDeployment } from './deploymentStoreTypes';

jest.setTimeout(60_000);

function newDeployment(
  key: string,
  createdAt: string,
  extra: Partial<NewDeployment> = {},
): NewDeployment {
  return {
    id: randomUUID(),
    idempotencyKey: key,
    systemRef: 'system:default/shop',
    environment: 'dev',
    status: 'started',
    rollback: false,
    hotfix: true,
    startedAt: createdAt,
    deployer: 'service:cd',
    createdAt,
    components: [
      { componentRef: 'component:default/web', version: '2.0.0' },
      { componentRef: 'component:default/api', version: '1.0.0' },
    ],
    ...extra,
  };
}

describe('DatabaseDeploymentStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores a deployment once per key, finishes it once, and lists newest first', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      expect(await stores.deployments.hasAny()).toBe(false);
      const first = newDeployment('k1', '2026-11-01T10:00:00.000Z');
      const a = await stores.deployments.insertIfAbsent(first);
      expect(a).toEqual({
        inserted: true,
        deployment: {
          id: first.id,
          idempotencyKey: 'k1',
          systemRef: 'system:default/shop',
          environment: 'dev',
          status: 'started',
          rollback: false,
          hotfix: true,
          startedAt: '2026-11-01T10:00:00.000Z',
          deployer: 'service:cd',
          createdAt: '2026-11-01T10:00:00.000Z',
          updatedAt: '2026-11-01T10:00:00.000Z',
          components: [
            { componentRef: 'component:default/api', version: '1.0.0' },
            { componentRef: 'component:default/web', version: '2.0.0' },
          ],
        },
      });
      const again = await stores.deployments.insertIfAbsent(
        newDeployment('k1', '2026-11-02T00:00:00.000Z', {
          environment: 'production',
        }),
      );
      expect(again).toEqual({ inserted: false, deployment: a.deployment });

      const outcome = {
        status: 'succeeded' as const,
        finishedAt: '2026-11-01T10:05:00.000Z',
        updatedAt: '2026-11-01T10:06:00.000Z',
      };
      expect(await stores.deployments.finish(first.id, outcome)).toBe(true);
      expect(
        await stores.deployments.finish(first.id, {
          ...outcome,
          status: 'failed',
        }),
      ).toBe(false);
      expect(await stores.deployments.getByIdempotencyKey('k1')).toMatchObject({
        status: 'succeeded',
        finishedAt: '2026-11-01T10:05:00.000Z',
        updatedAt: '2026-11-01T10:06:00.000Z',
      });

      await stores.deployments.insertIfAbsent(
        newDeployment('k2', '2026-11-03T00:00:00.000Z', {
          environment: 'production',
          rollback: true,
        }),
      );
      await stores.deployments.insertIfAbsent(
        newDeployment('k3', '2026-11-04T00:00:00.000Z', {
          systemRef: 'system:default/bank',
        }),
      );
      const page = await stores.deployments.list({
        systemRef: 'system:default/shop',
        limit: 1,
      });
      expect(page.map(d => [d.idempotencyKey, d.rollback])).toEqual([
        ['k2', true],
      ]);
      const rest = await stores.deployments.list({
        systemRef: 'system:default/shop',
        limit: 5,
        cursor: { createdAt: page[0].createdAt, id: page[0].id },
      });
      expect(rest.map(d => d.idempotencyKey)).toEqual(['k1']);
      expect(
        (
          await stores.deployments.list({
            systemRef: 'system:default/shop',
            environment: 'dev',
            limit: 5,
          })
        ).map(d => d.idempotencyKey),
      ).toEqual(['k1']);
      expect(await stores.deployments.get(randomUUID())).toBeUndefined();
    });
  });
});
