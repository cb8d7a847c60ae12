import { DoraMetric } from '@release-orchestration/plugin-release-orchestration-common';
import {
  createTestDatabases,
  createTestStores,
} from '../../__testUtils__/testStores';
import {
  HistoryStep,
  historyDora,
  playHistory,
} from '../../__testUtils__/doraHistory';
import { DoraService } from './DoraService';

jest.setTimeout(120_000);

const WEEK = {
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-09T00:00:00.000Z',
};
const H = 3600;

/** d2 fails and d3 fixes it forward; d4 is rolled back by d5; one incident on d1. */
const history: HistoryStep[] = [
  {
    build: 'api@1',
    at: '2026-11-03T09:00:00Z',
    commits: ['2026-11-03T07:00:00Z'],
  },
  { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
  {
    incident: 'i1',
    opened: '2026-11-03T11:00:00Z',
    resolved: '2026-11-03T11:30:00Z',
  },
  {
    deploy: 'd2',
    components: ['api@2'],
    at: '2026-11-04T10:00:00Z',
    failed: true,
  },
  {
    build: 'api@3',
    at: '2026-11-04T12:00:00Z',
    commits: ['2026-11-04T11:00:00Z'],
  },
  { deploy: 'd3', components: ['api@3'], at: '2026-11-04T13:00:00Z' },
  { deploy: 'd4', components: ['api@4'], at: '2026-11-05T10:00:00Z' },
  {
    deploy: 'd5',
    components: ['api@3'],
    at: '2026-11-05T12:00:00Z',
    rollback: true,
  },
];

/** Every page of a metric's facts, following the cursor. */
async function allFacts(
  dora: DoraService,
  entity: string,
  metric: DoraMetric,
  limit: number,
) {
  const items = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await dora.facts({ entity, metric, limit, cursor, ...WEEK });
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

describe('GET /dora/facts: the rows behind each figure', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('lists the deployments, commits and failures each number is computed from, in pages', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const ids = await playHistory(stores, history);
      const name = new Map([...ids].map(([key, id]) => [id, key]));
      const dora = historyDora(stores);
      const report = await dora.report({
        entity: 'group:default/team-a',
        ...WEEK,
      });

      // change failure rate: all 5 finished, 2 pages of 2 and one of 1, oldest first
      const cfr = await allFacts(
        dora,
        'group:default/team-a',
        'changeFailureRate',
        2,
      );
      expect(cfr.pages).toBe(3);
      expect(
        cfr.items.map((f: any) => [name.get(f.deploymentId), f.failure]),
      ).toEqual([
        ['d1', ['withIncident']],
        ['d2', ['failedToDeploy']],
        ['d3', []],
        ['d4', ['rolledBack']],
        ['d5', []],
      ]);
      // 3 failed of 5, as the figure says
      expect(report.current.changeFailureRate).toMatchObject({
        deployments: 5,
        failedChanges: 3,
      });
      expect(cfr.items.filter((f: any) => f.failure.length > 0)).toHaveLength(
        3,
      );
      expect(cfr.items[3]).toMatchObject({
        rolledBackBy: ids.get('d5'),
        status: 'succeeded',
        commitData: false,
      });
      expect(cfr.items[0]).toMatchObject({
        incidentCount: 1,
        commitData: true,
      });

      // rework: d3 restored service after d2, d5 is a rollback and restored service after d4
      const rework = await allFacts(
        dora,
        'system:default/shop',
        'reworkRate',
        10,
      );
      expect(
        rework.items.map((f: any) => [name.get(f.deploymentId), f.rework]),
      ).toEqual([
        ['d1', []],
        ['d2', []],
        ['d3', ['restoredService']],
        ['d4', []],
        ['d5', ['rollback', 'restoredService']],
      ]);
      expect(report.current.reworkRate).toMatchObject({
        deployments: 5,
        reworked: 2,
      });

      // deployment frequency: the successful non-rollbacks
      const frequency = await allFacts(dora, 'org', 'deploymentFrequency', 10);
      expect(frequency.items.map((f: any) => name.get(f.deploymentId))).toEqual(
        ['d1', 'd3', 'd4'],
      );
      expect(report.current.deploymentFrequency.deployments).toBe(3);

      // recovery: d1 11:00 -> 11:30 by its incident; d2 10:00 -> d3 13:00; d4 10:00 -> d5 12:00
      const failures = await allFacts(
        dora,
        'system:default/shop',
        'failedDeploymentRecoveryTime',
        1,
      );
      expect(failures.pages).toBe(3);
      expect(
        failures.items.map((f: any) => [
          name.get(f.deploymentId),
          f.seconds,
          f.restoredBy && name.get(f.restoredBy),
          f.incidents.map((i: any) => i.externalId),
        ]),
      ).toEqual([
        ['d1', 0.5 * H, undefined, ['i1']],
        ['d2', 3 * H, 'd3', []],
        ['d4', 2 * H, 'd5', []],
      ]);
      // median of [0.5 h, 2 h, 3 h] = 2 h
      expect(report.current.failedDeploymentRecoveryTime).toMatchObject({
        failures: 3,
        medianSeconds: 2 * H,
      });

      // lead time: api@1's commit 3 h, api@3's 2 h (d3 at 13:00)
      const commits = await allFacts(
        dora,
        'system:default/shop',
        'changeLeadTime',
        10,
      );
      expect(
        commits.items.map((f: any) => [
          name.get(f.deploymentId),
          f.leadSeconds,
        ]),
      ).toEqual([
        ['d1', 3 * H],
        ['d3', 2 * H],
      ]);
      expect(report.current.changeLeadTime.commits).toBe(2);
    });

    it('leaves failed-to-deploy out of change failure rate facts when configured, and refuses a forged cursor', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const ids = await playHistory(stores, history);
      const dora = historyDora(stores, { excludeFailedToDeploy: true });
      const cfr = await allFacts(
        dora,
        'system:default/shop',
        'changeFailureRate',
        10,
      );
      expect(cfr.items.map((f: any) => f.deploymentId)).not.toContain(
        ids.get('d2'),
      );
      expect(cfr.items).toHaveLength(4);
      await expect(
        dora.facts({
          entity: 'org',
          metric: 'changeFailureRate',
          limit: 2,
          cursor: 'bm90LWEtY3Vyc29y',
          ...WEEK,
        }),
      ).rejects.toThrow('cursor: is not a cursor this API returned');
    });
  });
});
