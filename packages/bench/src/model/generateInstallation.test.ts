import { TestDatabases } from '@backstage/backend-test-utils';
import { applyMigrations } from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import { CountingSink } from '../load/CountingSink';
import { HashingSink } from '../load/HashingSink';
import { readTable } from '../load/readTable';
import { writeInstallation } from '../load/writeInstallation';
import { generateInstallation } from './generateInstallation';
import { REFERENCE_INSTALLATION, scalePlan } from './scalePlan';
import { TABLE_NAMES } from './tables';

jest.setTimeout(120_000);

async function fingerprint(scale: number, seed: number) {
  const sink = new HashingSink();
  await generateInstallation(scalePlan(scale, { seed }), sink);
  return sink.digests();
}

async function count(scale: number) {
  const sink = new CountingSink();
  await generateInstallation(scalePlan(scale), sink);
  return sink.toJSON();
}

describe('generateInstallation', () => {
  it('writes the same rows for the same seed, and other rows for another seed', async () => {
    const first = await fingerprint(0.001, 3);
    expect(Object.keys(first).sort()).toEqual([...TABLE_NAMES].sort());
    expect(await fingerprint(0.001, 3)).toEqual(first);
    const other = await fingerprint(0.001, 4);
    for (const table of [
      'builds',
      'deployments',
      'incidents',
      'dora_lead_times',
    ]) {
      expect(other[table]).not.toEqual(first[table]);
    }
  });

  it('scales every count with --scale, exactly where the plan fixes it', async () => {
    const small = await count(0.002);
    const large = await count(0.004);
    for (const [table, reference] of [
      ['builds', REFERENCE_INSTALLATION.builds],
      ['releases', REFERENCE_INSTALLATION.releases],
      ['incidents', REFERENCE_INSTALLATION.incidents],
      ['deployments', REFERENCE_INSTALLATION.deployments],
    ] as const) {
      expect({ table, rows: small[table] }).toEqual({
        table,
        rows: Math.round(reference * 0.002),
      });
      expect({ table, rows: large[table] }).toEqual({
        table,
        rows: Math.round(reference * 0.004),
      });
    }
    // Derived tables grow in proportion too (within the noise of a random history).
    for (const table of [
      'build_commits',
      'deployment_components',
      'dora_lead_times',
      'dora_deployment_facts',
    ]) {
      expect(large[table] / small[table]).toBeGreaterThan(1.7);
      expect(large[table] / small[table]).toBeLessThan(2.3);
    }
    expect(small.promotions).toBeGreaterThan(0);
    expect(small.approvals).toBeGreaterThan(0);
  });

  it('keeps a minimal organisation at tiny scales', () => {
    const plan = scalePlan(0.0001);
    expect(plan).toMatchObject({
      systems: 2,
      teams: 1,
      departments: 1,
      groups: 3,
    });
    expect(() => scalePlan(0)).toThrow('--scale');
    expect(() => scalePlan(0.01, { end: 'yesterday' })).toThrow('--end');
  });
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'writeInstallation on %p',
  databaseId => {
    it('stores exactly the generated rows, the same on either database', async () => {
      const plan = scalePlan(0.001, { seed: 5 });
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const result = await writeInstallation(knex, plan);
      for (const table of TABLE_NAMES) {
        const stored = Number((await knex(table).count({ n: '*' }))[0].n);
        expect({ table, stored }).toEqual({
          table,
          stored: result.counts[table] ?? 0,
        });
      }
      // What a reader gets back is independent of the database: compare with a fresh SQLite copy.
      const reference = await databases.init('SQLITE_3');
      await applyMigrations(reference);
      await writeInstallation(reference, plan);
      for (const table of [
        'deployments',
        'dora_deployment_facts',
        'promotions',
        'incidents',
      ] as const) {
        expect(await readTable(knex, table)).toEqual(
          await readTable(reference, table),
        );
      }
    });
  },
);
