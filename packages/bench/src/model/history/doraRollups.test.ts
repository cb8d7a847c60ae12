import { TestDatabases } from '@backstage/backend-test-utils';
import { applyMigrations } from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import { syncRollupsWithPlugin } from '../../load/loadDatabase';
import { readTable } from '../../load/readTable';
import { writeInstallation } from '../../load/writeInstallation';
import { scalePlan } from '../scalePlan';
import { ROLLUP_TABLES } from '../tables';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('generated DORA roll-ups on %p', databaseId => {
  it('equal what the plugin builds from the same rows with its own catch-up (syncDoraFacts)', async () => {
    const plan = scalePlan(0.001, { seed: 7 });
    const generated = await databases.init(databaseId);
    await applyMigrations(generated);
    await writeInstallation(generated, plan, { rollups: 'generate' });

    const rebuilt = await databases.init(databaseId);
    await applyMigrations(rebuilt);
    await writeInstallation(rebuilt, plan, { rollups: 'none' });
    expect(await readTable(rebuilt, 'dora_deployment_facts')).toEqual([]);
    const recorded = await syncRollupsWithPlugin(rebuilt);

    const facts = await readTable(generated, 'dora_deployment_facts');
    expect(recorded).toBe(facts.length);
    expect(facts.length).toBeGreaterThan(50);
    // The history exercises every path of the recorder: rollbacks, restored failures, incidents.
    const column = (name: string) => ['deployment_id', 'system_ref', 'release_id', 'deployed_at', 'day', 'succeeded', 'rollback', 'hotfix', 'rolled_back_by', 'incident_count', 'restored_at'].indexOf(name);
    expect(facts.some(f => f[column('rolled_back_by')] !== null)).toBe(true);
    expect(facts.some(f => f[column('restored_at')] !== null)).toBe(true);
    expect(facts.some(f => Number(f[column('incident_count')]) > 0)).toBe(true);

    for (const table of ROLLUP_TABLES) {
      expect({ table, rows: await readTable(rebuilt, table) }).toEqual({ table, rows: await readTable(generated, table) });
    }
    // Incidents were generated attributed as the plugin attributes them: its catch-up moved none.
    expect(await readTable(rebuilt, 'incidents')).toEqual(await readTable(generated, 'incidents'));
    expect(Number((await rebuilt('audit_events').count({ n: '*' }))[0].n)).toBe(0);
  });
});
