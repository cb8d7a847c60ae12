import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testStores';
import {
  insertReleaseAndPromotion,
  MIGRATION_TEST_TIME,
} from '../__testUtils__/migrationRows';

const directory = resolvePackagePath(
  '@release-orchestration/plugin-release-orchestration-backend',
  'migrations',
);
const name = '20261206100000_promotion_soak.js';

jest.setTimeout(60_000);

describe('the promotion soak migration', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'adds min_soak_seconds and goes down without touching promotions, approvals or transitions on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const at = MIGRATION_TEST_TIME;
      await insertReleaseAndPromotion(knex, {
        min_soak_seconds: 7200,
      });
      await knex('approvals').insert({
        id: 'a1',
        promotion_id: 'p1',
        approver: 'user:default/b',
        decision: 'approve',
        created_at: at,
      });
      await knex('promotion_transitions').insert({
        promotion_id: 'p1',
        sequence: 1,
        to_state: 'pending_approval',
        actor: 'user:default/a',
        created_at: at,
      });

      await knex.migrate.down({ directory, name });
      expect(
        await knex.schema.hasColumn('promotions', 'min_soak_seconds'),
      ).toBe(false);
      const counts = async () =>
        Promise.all(
          ['promotions', 'approvals', 'promotion_transitions'].map(async t =>
            Number((await knex(t).count({ n: '*' }))[0].n),
          ),
        );
      expect(await counts()).toEqual([1, 1, 1]);
      await knex.migrate.latest({ directory });
      expect(await knex('promotions').pluck('min_soak_seconds')).toEqual([
        null,
      ]);
    },
  );
});
