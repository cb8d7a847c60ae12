import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { rederiveRunningComponents } from './DatabaseStores';
import { NewDeployment } from './deploymentStoreTypes';
import { Stores } from './types';

jest.setTimeout(60_000);

const SHOP = 'system:default/shop';
const WEB = 'component:default/web';
const API = 'component:default/api';

function deployment(
  key: string,
  at: string,
  versions: Record<string, string>,
  extra: Partial<NewDeployment> = {},
): NewDeployment {
  return {
    id: randomUUID(),
    idempotencyKey: key,
    systemRef: SHOP,
    environment: 'dev',
    status: 'succeeded',
    rollback: false,
    hotfix: false,
    startedAt: at,
    finishedAt: at,
    deployer: 'service:cd',
    createdAt: at,
    components: Object.entries(versions).map(([componentRef, version]) => ({
      componentRef,
      version,
    })),
    ...extra,
  };
}

async function running(stores: Stores, environments = ['dev', 'production']) {
  return (await stores.drift.runningComponents(SHOP, environments)).map(
    r => `${r.environment} ${r.componentRef} ${r.version}`,
  );
}

/** The running state as the migration's backfill derives it from the whole history. */
async function backfilled(knex: Knex) {
  await rederiveRunningComponents(knex);
  return knex('running_components')
    .orderBy(['system_ref', 'environment', 'component_ref'])
    .select(
      'system_ref',
      'environment',
      'component_ref',
      'version',
      'deployment_id',
      'finished_at',
    );
}

describe('running_components', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('keeps the newest succeeded version per lane and component, whatever order reports arrive in', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      expect(await running(stores)).toEqual([]);

      await stores.deployments.insertIfAbsent(
        deployment('a', '2026-11-01T10:00:00.000Z', {
          [WEB]: '1.0.0',
          [API]: '1.0.0',
        }),
      );
      await stores.deployments.insertIfAbsent(
        deployment('b', '2026-11-01T12:00:00.000Z', { [WEB]: '1.2.0' }),
      );
      // Reported late: finished before b, so it replaces api (b did not deploy it) but not web.
      await stores.deployments.insertIfAbsent(
        deployment('c', '2026-11-01T11:00:00.000Z', {
          [WEB]: '1.1.0',
          [API]: '1.1.0',
        }),
      );
      // Failed, and still running: neither is what runs.
      await stores.deployments.insertIfAbsent(
        deployment(
          'd',
          '2026-11-01T13:00:00.000Z',
          { [WEB]: '9.9.9' },
          { status: 'failed' },
        ),
      );
      const started = deployment(
        'e',
        '2026-11-01T14:00:00.000Z',
        { [API]: '2.0.0' },
        { status: 'started', finishedAt: undefined },
      );
      await stores.deployments.insertIfAbsent(started);
      // Another lane and another System are kept apart.
      await stores.deployments.insertIfAbsent(
        deployment(
          'f',
          '2026-11-01T09:00:00.000Z',
          { [WEB]: '0.9.0' },
          { environment: 'production' },
        ),
      );
      await stores.deployments.insertIfAbsent(
        deployment(
          'g',
          '2026-11-01T15:00:00.000Z',
          { [WEB]: '5.0.0' },
          { systemRef: 'system:default/bank' },
        ),
      );

      expect(await running(stores)).toEqual([
        `dev ${API} 1.1.0`,
        `dev ${WEB} 1.2.0`,
        `production ${WEB} 0.9.0`,
      ]);

      // The started deployment succeeds: now it runs.
      await stores.deployments.finish(started.id, {
        status: 'succeeded',
        finishedAt: '2026-11-01T14:05:00.000Z',
        updatedAt: '2026-11-01T14:05:00.000Z',
      });
      expect(await running(stores, ['dev'])).toEqual([
        `dev ${API} 2.0.0`,
        `dev ${WEB} 1.2.0`,
      ]);

      // The migration's backfill from the history agrees with what the store maintained.
      const maintained = await knex('running_components')
        .orderBy(['system_ref', 'environment', 'component_ref'])
        .select(
          'system_ref',
          'environment',
          'component_ref',
          'version',
          'deployment_id',
          'finished_at',
        );
      expect(maintained).toHaveLength(4);
      expect(await backfilled(knex)).toEqual(maintained);
    });

    it('breaks a tie of finish times by deployment id, as the backfill does', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      const at = '2026-11-01T10:00:00.000Z';
      const ids = [randomUUID(), randomUUID()].sort();
      // The higher id first, then the lower: the higher id keeps running.
      await stores.deployments.insertIfAbsent({
        ...deployment('x', at, { [WEB]: 'high' }),
        id: ids[1],
      });
      await stores.deployments.insertIfAbsent({
        ...deployment('y', at, { [WEB]: 'low' }),
        id: ids[0],
      });
      expect(await running(stores, ['dev'])).toEqual([`dev ${WEB} high`]);
      const maintained = await knex('running_components').select(
        'deployment_id',
        'version',
      );
      expect(await backfilled(knex)).toEqual([
        expect.objectContaining(maintained[0]),
      ]);
    });
  });
});
