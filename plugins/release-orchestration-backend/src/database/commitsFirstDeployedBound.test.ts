import { Knex } from 'knex';
import { Stores } from './types';
import { HistoryStep, playHistory } from '../__testUtils__/doraHistory';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';

jest.setTimeout(180_000);

const HISTORY = 120;
const api = 'component:default/api';
const at = (i: number) =>
  new Date(
    Date.parse('2026-01-01T00:00:00.000Z') + i * 3_600_000,
  ).toISOString();

/** The commit times a deployment of api at `version` at `deployedAt` first brings, sorted. */
async function commitTimesOf(
  stores: Stores,
  version: string,
  deployedAt: string,
) {
  const commits = await stores.doraFacts.commitsFirstDeployed(
    [{ componentRef: api, version }],
    deployedAt,
  );
  return commits.map(c => c.committedAt).sort();
}

/**
 * A long history of the api component: each build (two listed commits) goes to staging and then to
 * production; then two builds nobody deployed yet.
 */
function longHistory(): HistoryStep[] {
  const steps: HistoryStep[] = [];
  for (let i = 1; i <= HISTORY + 2; i += 1) {
    steps.push({
      build: `api@${i}`,
      at: at(3 * i),
      commits: [at(3 * i - 1), at(3 * i)],
    });
    if (i <= HISTORY) {
      steps.push({
        deploy: `s${i}`,
        at: at(3 * i + 1),
        env: 'staging',
        components: [`api@${i}`],
      });
      steps.push({
        deploy: `p${i}`,
        at: at(3 * i + 2),
        components: [`api@${i}`],
      });
    }
  }
  return steps;
}

/** Runs `fn` and returns the statements it sent that read build_commits. */
async function statementsOf(knex: Knex, fn: () => Promise<unknown>) {
  const seen: Array<{ sql: string; bindings: unknown[] }> = [];
  const listener = (q: { sql: string; bindings?: unknown[] }) => {
    if (q.sql.includes('build_commits')) {
      seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
    }
  };
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.removeListener('query', listener);
  }
  return seen;
}

/** PostgreSQL's actual rows read from builds and build_commits (all loops) by one statement. */
async function rowsRead(knex: Knex, sql: string, bindings: unknown[]) {
  const connection = await (knex.client as any).acquireConnection();
  try {
    let n = 0;
    const positional = sql.includes('$1')
      ? sql
      : sql.replace(/\?/g, () => `$${(n += 1)}`);
    // The test's tables are small enough to read whole (scans, hash joins); at scale the planner
    // takes the indexes, the plan this shows.
    for (const method of ['seqscan', 'hashjoin', 'mergejoin']) {
      await connection.query(`set enable_${method} = off`);
    }
    const answer = await connection.query(
      `explain (analyze, format json) ${positional}`,
      bindings,
    );
    const read: Record<string, number> = {};
    const walk = (node: any) => {
      const name = node['Relation Name'];
      if (
        name === 'builds' ||
        name === 'build_commits' ||
        name === 'deployment_components'
      ) {
        // Rows a scan returned and those it read but its filter dropped, over all its loops.
        read[name] =
          (read[name] ?? 0) +
          (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) *
            node['Actual Loops'];
      }
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(answer.rows[0]['QUERY PLAN'][0].Plan);
    return read;
  } finally {
    for (const method of ['seqscan', 'hashjoin', 'mergejoin']) {
      await connection.query(`reset enable_${method}`);
    }
    await (knex.client as any).releaseConnection(connection);
  }
}

describe('commits first deployed with a long history', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reads only the builds after the one last deployed to production', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      await playHistory(stores, longHistory());
      expect(Number((await knex('dora_lead_times').count('* as n'))[0].n)).toBe(
        2 * HISTORY,
      );

      // Probe: forget the lead times of the oldest builds' commits. A statement that read the
      // whole history would return them as first deployed now; the bounded one never sees them.
      const old = await knex('builds')
        .where('component_ref', api)
        .orderBy('created_at')
        .limit(HISTORY - 1)
        .select('id');
      const oldShas = knex('build_commits')
        .whereIn(
          'build_id',
          old.map(b => b.id),
        )
        .select('sha');
      await knex('dora_lead_times').whereIn('sha', oldShas).delete();

      const deployedAt = at(3 * (HISTORY + 3));
      const statements = await statementsOf(knex, async () => {
        const commits = await stores.doraFacts.commitsFirstDeployed(
          [{ componentRef: api, version: String(HISTORY + 2) }],
          deployedAt,
        );
        // What the two undeployed builds bring, and nothing older.
        expect(commits.map(c => c.committedAt).sort()).toEqual([
          at(3 * (HISTORY + 1) - 1),
          at(3 * (HISTORY + 1)),
          at(3 * (HISTORY + 2) - 1),
          at(3 * (HISTORY + 2)),
        ]);
      });
      expect(statements).toHaveLength(1);

      // A redeploy of the last production version brings nothing, a rollback to an older version
      // nothing either (its commits were forgotten above, but an earlier deployment carried them).
      expect(
        await stores.doraFacts.commitsFirstDeployed(
          [{ componentRef: api, version: String(HISTORY) }],
          deployedAt,
        ),
      ).toEqual([]);
      expect(
        await stores.doraFacts.commitsFirstDeployed(
          [{ componentRef: api, version: '3' }],
          deployedAt,
        ),
      ).toEqual([]);
      // Before any production deployment, the first one brings every build up to its own.
      expect(await commitTimesOf(stores, '2', at(4))).toEqual([
        at(2),
        at(3),
        at(5),
        at(6),
      ]);
      // But nothing committed after it: at at(4) build 2's commits (at(5), at(6)) were not made
      // yet, so a deployment of build 3 then carries build 1 and itself (the deployed build
      // always counts, whatever its commits' clocks say).
      expect(await commitTimesOf(stores, '3', at(4))).toEqual([
        at(2),
        at(3),
        at(8),
        at(9),
      ]);

      // PostgreSQL counts each scan's rows (SQLite has no such counts: the probe above covers it).
      if (knex.client.config.client === 'pg') {
        // Statistics as a running installation has them (a fresh test database has none).
        await knex.raw('analyze');
        const read = await rowsRead(
          knex,
          statements[0].sql,
          statements[0].bindings,
        );
        // The deployed build; walking back from it, the two not deployed yet and the last one
        // deployed; the two not deployed read again for their commits: 6 of HISTORY + 2 builds.
        // eslint-disable-next-line jest/no-conditional-expect
        expect(read.builds).toBe(6);
        // eslint-disable-next-line jest/no-conditional-expect
        expect(read.build_commits).toBe(4);
      }
    });
  });
});

describe('commits first deployed by history imported after later history', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('carries only what was committed by then, not the builds of the later history', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      // Two years later, the installation already knows api's history (stamped then); the
      // older history is imported now, so its builds are stamped after all of those.
      const later = (i: number) => at(24 * 365 * 2 + i);
      const steps: HistoryStep[] = [];
      for (let i = 1; i <= 40; i += 1) {
        steps.push({
          build: `api@${i}`,
          at: later(3 * i),
          commits: [later(3 * i - 1), later(3 * i)],
        });
        steps.push({
          deploy: `p${i}`,
          at: later(3 * i + 2),
          components: [`api@${i}`],
        });
      }
      steps.push({
        build: 'api@0.1',
        at: later(1000),
        commits: [at(1), at(2)],
      });
      steps.push({
        build: 'api@0.2',
        at: later(1001),
        commits: [at(4), at(5)],
      });
      await playHistory(stores, steps);
      const before = await knex('dora_lead_times').orderBy('sha').select();
      expect(before).toHaveLength(80);

      // The first imported deployment carries its build's commits and nothing of the later
      // history (whose commits have later lead times, which a deployment then would lower).
      expect(await commitTimesOf(stores, '0.2', at(6))).toEqual([
        at(1),
        at(2),
        at(4),
        at(5),
      ]);
      // An older deployment still (of the first build) carries only that build.
      expect(await commitTimesOf(stores, '0.1', at(3))).toEqual([at(1), at(2)]);
      // And a deployment in the later history is unchanged by the import.
      expect(
        await stores.doraFacts.commitsFirstDeployed(
          [{ componentRef: api, version: '40' }],
          later(3 * 40 + 2),
        ),
      ).toEqual([]);
    });
  });
});

describe('commits first deployed to several production lanes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('bounds by the last build deployed to any of them, late reports included', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      const ids = await playHistory(
        stores,
        [
          { build: 'api@1', at: at(1), commits: [at(0), at(1)] },
          { build: 'api@2', at: at(3), commits: [at(2), at(3)] },
          { build: 'api@3', at: at(5), commits: [at(4), at(5)] },
          { build: 'api@4', at: at(7), commits: [at(6), at(7)] },
          { deploy: 'eu1', at: at(10), env: 'eu', components: ['api@1'] },
          { deploy: 'us3', at: at(12), components: ['api@3'] },
          { deploy: 'eu3', at: at(13), env: 'eu', components: ['api@3'] },
          { deploy: 'rollback', at: at(14), components: ['api@1'] },
          { deploy: 'eu4', at: at(15), env: 'eu', components: ['api@4'] },
          // Reported last, deployed before us3: api@2's commits move to it.
          { deploy: 'late', at: at(11), env: 'eu', components: ['api@2'] },
        ],
        ['production', 'eu'],
      );
      const rows = await knex('dora_lead_times')
        .orderBy('committed_at')
        .select('committed_at', 'deployment_id');
      const deployment = new Map([...ids].map(([k, v]) => [v, k]));
      expect(rows.map(row => deployment.get(row.deployment_id))).toEqual([
        'eu1',
        'eu1',
        'late',
        'late',
        'us3',
        'us3',
        'eu4',
        'eu4',
      ]);
    });
  });
});
