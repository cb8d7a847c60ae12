import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testStores';

const migrationsDir = resolvePackagePath(
  '@release-orchestration/plugin-release-orchestration-backend',
  'migrations',
);

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'migrate up, down and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of [
        'builds',
        'build_commits',
        'releases',
        'release_components',
        'audit_events',
        'audit_head',
        'deployments',
        'deployment_components',
        'evidence',
        'promotions',
        'promotion_approver_groups',
        'approvals',
        'promotion_transitions',
        'freezes',
        'incidents',
        'dora_deployment_facts',
        'dora_lead_times',
        'dora_lead_time_histogram',
        'dora_deployment_lead_times',
        'dora_systems',
        'dora_settings',
        'source_state',
        'idempotency_keys',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      expect(await knex('audit_head').select('last_sequence')).toEqual([
        { last_sequence: expect.anything() },
      ]);

      expect(await knex.schema.hasColumn('builds', 'source')).toBe(true);
      expect(await knex.schema.hasColumn('deployments', 'source')).toBe(true);

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      for (const table of [
        'builds',
        'releases',
        'audit_events',
        'audit_head',
        'deployments',
        'deployment_components',
        'evidence',
        'promotions',
        'approvals',
        'promotion_transitions',
        'freezes',
        'incidents',
        'dora_deployment_facts',
        'dora_lead_times',
        'dora_lead_time_histogram',
        'dora_systems',
        'dora_settings',
        'idempotency_keys',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('releases')).toBe(true);
    },
  );
});
