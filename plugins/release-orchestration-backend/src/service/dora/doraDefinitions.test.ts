import {
  createTestDatabases,
  createTestStores,
} from '../../__testUtils__/testStores';
import {
  HistoryStep,
  historyDora,
  playHistory,
  rounded,
} from '../../__testUtils__/doraHistory';
import { DoraSettings } from './collectDoraRows';

jest.setTimeout(120_000);

const H = 3600;

/** Monday 2 November 2026 to Monday 9 November (UTC). */
const WEEK = {
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-09T00:00:00.000Z',
};

interface DefinitionCase {
  name: string;
  steps: HistoryStep[];
  settings?: Partial<DoraSettings>;
  /** Hand-computed numbers of the current window, for shop, its team and the org. */
  expected: Record<string, unknown>;
  /** Fields (metric.field) that must be absent: no value can be computed yet. */
  absent?: string[];
}

/** Histories for DORA's January 2026 definitions (dora.dev): one rule each, computed by hand. */
const cases: DefinitionCase[] = [
  {
    name: 'rule 1: two incidents on one deployment are one failure, from the first opening to the last resolution',
    steps: [
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      // both attributed automatically to d1, the newest success before they opened
      {
        incident: 'i1',
        opened: '2026-11-03T11:00:00Z',
        resolved: '2026-11-03T12:00:00Z',
      },
      {
        incident: 'i2',
        opened: '2026-11-03T11:30:00Z',
        resolved: '2026-11-03T14:00:00Z',
      },
    ],
    expected: {
      // one deployment, with incidents: 1 of 1
      changeFailureRate: {
        deployments: 1,
        failedChanges: 1,
        withIncident: 1,
        rolledBack: 0,
        failedToDeploy: 0,
        rate: 1,
      },
      // one sample: 11:00 (i1 opened) to 14:00 (i2 resolved) = 3 h (per incident it would be 1 h and 2.5 h)
      failedDeploymentRecoveryTime: {
        failures: 1,
        recovered: 1,
        withIncident: 1,
        medianSeconds: 3 * H,
        level: 'high',
      },
      incidents: { opened: 2, resolved: 2, attributedAutomatically: 2 },
      reworkRate: { deployments: 1, reworked: 0, rate: 0 },
    },
  },
  {
    name: 'rule 1: a failed deployment with one incident still open counts as a failure, not in the median',
    steps: [
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      {
        incident: 'i1',
        opened: '2026-11-03T11:00:00Z',
        resolved: '2026-11-03T12:00:00Z',
      },
      { incident: 'i2', opened: '2026-11-03T13:00:00Z' },
    ],
    expected: {
      changeFailureRate: { deployments: 1, failedChanges: 1 },
      // i2 is open: the failure is not over
      failedDeploymentRecoveryTime: {
        failures: 1,
        recovered: 0,
        withIncident: 1,
      },
    },
    absent: [
      'failedDeploymentRecoveryTime.medianSeconds',
      'failedDeploymentRecoveryTime.level',
    ],
  },
  {
    name: 'rule 1: a failure is restored by the earliest success after it, even one reported late',
    steps: [
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      {
        deploy: 'd2',
        components: ['api@2'],
        at: '2026-11-04T10:00:00Z',
        failed: true,
      },
      { deploy: 'd4', components: ['api@4'], at: '2026-11-05T10:00:00Z' },
      // reported after d4, finished before it: d3 restored service, not d4
      { deploy: 'd3', components: ['api@3'], at: '2026-11-04T15:00:00Z' },
    ],
    expected: {
      // d2 failed: 1 of 4
      changeFailureRate: {
        deployments: 4,
        failedChanges: 1,
        failedToDeploy: 1,
        rate: 0.25,
      },
      // 10:00 to 15:00 on 4 November: 5 h (not the 24 h to d4)
      failedDeploymentRecoveryTime: {
        failures: 1,
        recovered: 1,
        withIncident: 0,
        medianSeconds: 5 * H,
      },
      // d3 restored service: 1 of 4; d4 no longer counts
      reworkRate: {
        deployments: 4,
        reworked: 1,
        rate: 0.25,
        hotfixes: 0,
        rollbacks: 0,
        restoring: 1,
      },
    },
  },
  {
    name: 'rule 2: a forward fix after a failed deployment is rework without a hotfix flag',
    steps: [
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      {
        deploy: 'd2',
        components: ['api@2'],
        at: '2026-11-04T10:00:00Z',
        failed: true,
      },
      { deploy: 'd3', components: ['api@3'], at: '2026-11-04T13:00:00Z' },
      { deploy: 'd4', components: ['api@4'], at: '2026-11-05T10:00:00Z' },
    ],
    expected: {
      changeFailureRate: {
        deployments: 4,
        failedChanges: 1,
        failedToDeploy: 1,
        rate: 0.25,
        failedToDeployExcluded: false,
      },
      // 10:00 to 13:00: 3 h
      failedDeploymentRecoveryTime: {
        failures: 1,
        recovered: 1,
        medianSeconds: 3 * H,
      },
      // d3 restored service: 1 of 4 finished deployments
      reworkRate: {
        deployments: 4,
        reworked: 1,
        rate: 0.25,
        hotfixes: 0,
        restoring: 1,
      },
    },
  },
  {
    name: 'rule 3: with failed-to-deploy excluded, change failure rate counts only deployments that ran',
    settings: { excludeFailedToDeploy: true },
    steps: [
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      {
        deploy: 'd2',
        components: ['api@2'],
        at: '2026-11-04T10:00:00Z',
        failed: true,
      },
      { deploy: 'd3', components: ['api@3'], at: '2026-11-04T13:00:00Z' },
      { deploy: 'd4', components: ['api@4'], at: '2026-11-05T10:00:00Z' },
      {
        deploy: 'd5',
        components: ['api@3'],
        at: '2026-11-05T12:00:00Z',
        rollback: true,
      },
    ],
    expected: {
      // d2 left out: 4 deployments ran (d1, d3, d4, d5); d4 was rolled back by d5: 1 of 4
      changeFailureRate: {
        deployments: 4,
        failedChanges: 1,
        failedToDeploy: 0,
        rolledBack: 1,
        rate: 0.25,
        failedToDeployExcluded: true,
      },
      // recovery is unchanged by the option: d2 10:00 -> d3 13:00 = 3 h, d4 10:00 -> d5 12:00 = 2 h; median 2.5 h
      failedDeploymentRecoveryTime: {
        failures: 2,
        recovered: 2,
        medianSeconds: 2.5 * H,
      },
      // d3 (restored d2) and d5 (rollback, restored d4): 2 of all 5 finished
      reworkRate: {
        deployments: 5,
        reworked: 2,
        rate: 0.4,
        rollbacks: 1,
        restoring: 2,
      },
    },
  },
  {
    name: 'rule 2: deployments that fix incidents are rework, once each; fixedByDeploymentId does the same',
    steps: [
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      {
        incident: 'i1',
        opened: '2026-11-03T11:00:00Z',
        resolved: '2026-11-03T12:05:00Z',
      },
      {
        incident: 'i2',
        opened: '2026-11-03T11:10:00Z',
        resolved: '2026-11-03T12:10:00Z',
      },
      // a hotfix that also names the incidents it fixes (by external id, by id): one unplanned deployment
      {
        deploy: 'd2',
        components: ['api@2'],
        at: '2026-11-03T12:00:00Z',
        hotfix: true,
        fixes: ['i1', 'id:i2'],
      },
      {
        incident: 'i3',
        opened: '2026-11-04T09:00:00Z',
        resolved: '2026-11-04T10:00:00Z',
      },
      { deploy: 'd3', components: ['api@3'], at: '2026-11-04T11:00:00Z' },
      // set on the incident afterwards
      {
        incident: 'i3',
        opened: '2026-11-04T09:00:00Z',
        resolved: '2026-11-04T10:00:00Z',
        fixedBy: 'd3',
      },
    ],
    expected: {
      // d1 (i1, i2) and d2 (i3, opened after d2 finished) failed: 2 of 3
      changeFailureRate: {
        deployments: 3,
        failedChanges: 2,
        withIncident: 2,
        rate: 2 / 3,
      },
      // d1: 11:00 -> 12:10 = 70 min = 4200 s; d2: 09:00 -> 10:00 = 3600 s; median 3900 s
      failedDeploymentRecoveryTime: {
        failures: 2,
        recovered: 2,
        withIncident: 2,
        medianSeconds: 3900,
        level: 'high',
      },
      // d2 (hotfix, fixes i1 and i2) and d3 (fixes i3): 2 of 3
      reworkRate: {
        deployments: 3,
        reworked: 2,
        rate: 2 / 3,
        hotfixes: 1,
        rollbacks: 0,
        restoring: 2,
      },
    },
  },
];

describe('DORA definitions (dora.dev, January 2026) on hand-computed histories', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it.each(cases.map(c => [c.name, c] as const))(
      '%s',
      async (_name, testCase) => {
        const { stores } = await createTestStores(databases, databaseId);
        await playHistory(stores, testCase.steps);
        const dora = historyDora(stores, testCase.settings);
        for (const entity of [
          'system:default/shop',
          'group:default/team-a',
          'org',
        ]) {
          const { current } = await dora.report({ entity, ...WEEK });
          expect({ asked: entity, ...rounded(current) }).toMatchObject({
            asked: entity,
            ...rounded(testCase.expected),
          });
          for (const path of testCase.absent ?? []) {
            const [metric, field] = path.split('.');
            expect({
              asked: entity,
              path,
              value: (current as any)[metric][field],
            }).toEqual({ asked: entity, path, value: undefined });
          }
        }
      },
    );

    it('puts coverage next to the numbers: commit data, incident attribution, Systems without production data', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      await playHistory(stores, [
        {
          build: 'api@1',
          at: '2026-11-03T09:00:00Z',
          commits: ['2026-11-03T08:00:00Z'],
        },
        { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
        // a version CI never reported: no commit data
        { deploy: 'd2', components: ['api@9'], at: '2026-11-04T10:00:00Z' },
        {
          deploy: 'd3',
          components: ['api@9'],
          at: '2026-11-04T11:00:00Z',
          failed: true,
        },
        {
          incident: 'i1',
          opened: '2026-11-04T12:00:00Z',
          resolved: '2026-11-04T13:00:00Z',
        },
        { incident: 'i2', opened: '2026-11-04T14:00:00Z', deployment: null },
      ]);
      const dora = historyDora(stores);
      // 2 successful deployments, 1 with commit data: 50%; 2 incidents, 1 attributed: 50%
      const expected = {
        leadTime: { deployments: 2, withCommitData: 1, share: 0.5 },
        incidentAttribution: { incidents: 2, attributed: 1, share: 0.5 },
      };
      const shop = await dora.report({
        entity: 'system:default/shop',
        ...WEEK,
      });
      expect(shop.current.coverage).toEqual({
        ...expected,
        systems: { total: 1, withoutProductionData: 0 },
      });
      // the org has bank too, which reported nothing to production
      const org = await dora.report({ entity: 'org', ...WEEK });
      expect(org.current.coverage).toEqual({
        ...expected,
        systems: { total: 2, withoutProductionData: 1 },
      });
      // the previous week saw nothing: no shares
      expect(org.previous.coverage).toEqual({
        leadTime: { deployments: 0, withCommitData: 0 },
        incidentAttribution: { incidents: 0, attributed: 0 },
        systems: { total: 2, withoutProductionData: 2 },
      });
    });
  });
});
