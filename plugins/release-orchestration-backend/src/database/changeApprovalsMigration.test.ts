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
const name = '20261206113000_change_approvals.js';

jest.setTimeout(60_000);

describe('the change approvals migration', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'adds the owners-of-changes columns and owning groups, and goes down without touching promotions, approvals or transitions on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const at = MIGRATION_TEST_TIME;
      await insertReleaseAndPromotion(knex, {
        owners_of_changes_approve: 'also',
        commit_authors_cannot_approve: true,
        change_approvals: JSON.stringify({
          unownedComponents: [],
          commitAuthors: ['user:default/c'],
        }),
      });
      await knex('approvals').insert({
        id: 'a1',
        promotion_id: 'p1',
        approver: 'user:default/b',
        decision: 'approve',
        created_at: at,
      });
      await knex('promotion_owner_groups').insert({
        promotion_id: 'p1',
        group_ref: 'group:default/api-team',
        components: '["component:default/api"]',
        approval_id: 'a1',
        approved_by: 'user:default/b',
        approved_at: at,
      });
      // One row per promotion and owning group.
      // Compared as text: the driver's error may come from outside jest's realm, where
      // rejects.toThrow() does not always see an Error.
      const duplicate = await knex('promotion_owner_groups')
        .insert({
          promotion_id: 'p1',
          group_ref: 'group:default/api-team',
          components: '[]',
        })
        .then(
          () => 'inserted',
          (error: unknown) => String(error),
        );
      expect(duplicate).toMatch(/UNIQUE constraint failed|duplicate key value/);
      await knex('promotion_transitions').insert({
        promotion_id: 'p1',
        sequence: 1,
        to_state: 'pending_approval',
        actor: 'user:default/a',
        created_at: at,
      });

      await knex.migrate.down({ directory, name });
      for (const column of [
        'owners_of_changes_approve',
        'commit_authors_cannot_approve',
        'change_approvals',
      ]) {
        expect(await knex.schema.hasColumn('promotions', column)).toBe(false);
      }
      expect(await knex.schema.hasTable('promotion_owner_groups')).toBe(false);
      const counts = async () =>
        Promise.all(
          ['promotions', 'approvals', 'promotion_transitions'].map(async t =>
            Number((await knex(t).count({ n: '*' }))[0].n),
          ),
        );
      expect(await counts()).toEqual([1, 1, 1]);
      await knex.migrate.latest({ directory });
      expect(await knex('promotions').pluck('change_approvals')).toEqual([
        null,
      ]);
      expect(
        Number((await knex('promotion_owner_groups').count({ n: '*' }))[0].n),
      ).toBe(0);
    },
  );
});
