import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyMigrations } from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import { syncRollupsWithPlugin } from '../../load/loadDatabase';
import { readTable } from '../../load/readTable';
import { writeInstallation } from '../../load/writeInstallation';
import { scalePlan } from '../scalePlan';
import { ROLLUP_TABLES } from '../tables';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'generated DORA roll-ups on %p',
  databaseId => {
    it('equal what the plugin builds from the same rows with its own catch-up (syncDoraFacts)', async () => {
      const plan = scalePlan(0.001, { seed: 7 });
      const generated = await databases.init(databaseId);
      await applyMigrations(generated);
      await writeInstallation(generated, plan, { rollups: 'generate' });
      // bench:data's next step: the catch-up finds every deployment recorded and only moves the
      // generated facts to the current definitions (failures, restorations, rework, commit data).
      expect(await syncRollupsWithPlugin(generated)).toBe(0);

      const rebuilt = await databases.init(databaseId);
      await applyMigrations(rebuilt);
      await writeInstallation(rebuilt, plan, { rollups: 'none' });
      expect(await readTable(rebuilt, 'dora_deployment_facts')).toEqual([]);
      const recorded = await syncRollupsWithPlugin(rebuilt);

      const facts = await readTable(generated, 'dora_deployment_facts');
      expect(recorded).toBe(facts.length);
      expect(facts.length).toBeGreaterThan(50);
      // The history exercises every path of the recorder: rollbacks, restored failures, incidents.
      const column = (name: string) =>
        [
          'deployment_id',
          'system_ref',
          'release_id',
          'deployed_at',
          'day',
          'succeeded',
          'rollback',
          'hotfix',
          'rolled_back_by',
          'incident_count',
          'restored_at',
        ].indexOf(name);
      expect(facts.some(f => f[column('rolled_back_by')] !== null)).toBe(true);
      expect(facts.some(f => f[column('restored_at')] !== null)).toBe(true);
      expect(facts.some(f => Number(f[column('incident_count')]) > 0)).toBe(
        true,
      );

      for (const table of ROLLUP_TABLES) {
        expect({ table, rows: await readTable(rebuilt, table) }).toEqual({
          table,
          rows: await readTable(generated, table),
        });
      }
      // The columns the definitions' refresh derives, which the generator does not write.
      const derived = async (knex: Knex) =>
        (
          await knex('dora_deployment_facts')
            .orderBy('deployment_id')
            .select(
              'deployment_id',
              'failure_started_at',
              'restored_by',
              'restores_service',
              'commit_data',
            )
        ).map(r => [
          r.deployment_id,
          r.failure_started_at
            ? new Date(r.failure_started_at).toISOString()
            : null,
          r.restored_by,
          Boolean(r.restores_service),
          Boolean(r.commit_data),
        ]);
      const rebuiltDerived = await derived(rebuilt);
      expect(rebuiltDerived.some(r => r[1] !== null && r[2] !== null)).toBe(
        true,
      );
      expect(rebuiltDerived.some(r => r[3] === true)).toBe(true);
      expect(rebuiltDerived.some(r => r[4] === true)).toBe(true);
      expect(await derived(generated)).toEqual(rebuiltDerived);
      // Incidents were generated attributed as the plugin attributes them: its catch-up moved none.
      expect(await readTable(rebuilt, 'incidents')).toEqual(
        await readTable(generated, 'incidents'),
      );
      expect(
        Number((await rebuilt('audit_events').count({ n: '*' }))[0].n),
      ).toBe(0);
    });
  },
);
