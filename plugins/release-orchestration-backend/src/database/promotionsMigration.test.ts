import { randomUUID } from 'node:crypto';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testStores';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@release-orchestration/plugin-release-orchestration-backend',
  'migrations',
);

/** The message a query fails with, or 'no error'. */
async function failureOf(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
    return 'no error';
  } catch (error) {
    return String((error as { message?: unknown })?.message ?? error);
  }
}

describe('20261123010000_promotions', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'lets the database refuse a second open promotion and a second vote on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const now = '2026-11-23T00:00:00.000Z';
      await knex('releases').insert({
        id: 'r1',
        system_ref: 'system:default/shop',
        version: '1',
        risk_class: 'low',
        component_count: 0,
        created_by: 'user:default/a',
        created_at: now,
      });
      const promotion = (state: string) => ({
        id: randomUUID(),
        release_id: 'r1',
        system_ref: 'system:default/shop',
        environment: 'production',
        state,
        requested_by: 'user:default/a',
        approvers: '[]',
        min_approvals: 0,
        separation_of_duties: false,
        required_evidence: '[]',
        require_previous_environment: false,
        created_at: now,
        updated_at: now,
      });
      const first = promotion('pending_approval');
      await knex('promotions').insert(first);
      expect(
        await failureOf(knex('promotions').insert(promotion('blocked'))),
      ).toMatch(/unique/i);
      await knex('promotions').insert(promotion('succeeded'));
      await knex('promotions').insert(promotion('cancelled'));
      await knex('promotions')
        .where({ id: first.id })
        .update({ state: 'rejected' });
      await knex('promotions').insert(promotion('deploying'));
      expect(Number((await knex('promotions').count({ n: '*' }))[0].n)).toBe(4);

      const vote = () => ({
        id: randomUUID(),
        promotion_id: first.id,
        approver: 'user:default/b',
        decision: 'approve',
        created_at: now,
      });
      await knex('approvals').insert(vote());
      expect(await failureOf(knex('approvals').insert(vote()))).toMatch(
        /unique/i,
      );
    },
  );
});
