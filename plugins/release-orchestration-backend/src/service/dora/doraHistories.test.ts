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

jest.setTimeout(120_000);

const H = 3600;

/** Monday 2 November 2026 to Monday 9 November (UTC); the previous window is the week before. */
const WEEK = {
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-09T00:00:00.000Z',
};
const ALL = ['system:default/shop', 'group:default/team-a', 'org'];

interface HistoryCase {
  name: string;
  steps: HistoryStep[];
  window?: { from: string; to: string };
  /** The entities that must all give these numbers (default: shop, its team, and the org). */
  entities?: string[];
  /** Hand-computed numbers; every field given is checked, and no others. */
  expected: Record<string, unknown>;
}

const v1: HistoryStep = {
  build: 'api@1',
  at: '2026-11-03T09:00:00Z',
  commits: ['2026-11-03T06:00:00Z', '2026-11-03T08:00:00Z'],
};

const cases: HistoryCase[] = [
  {
    name: 'an empty window',
    steps: [],
    expected: {
      current: {
        deploymentFrequency: {
          deployments: 0,
          rollbacks: 0,
          perDay: 0,
          days: 7,
          daysWithDeployment: 0,
          weeks: 1,
          weeksWithDeployment: 0,
          ratedSystems: 0,
        },
        changeLeadTime: { commits: 0 },
        changeFailureRate: { deployments: 0, failedChanges: 0 },
        failedDeploymentRecoveryTime: { failures: 0, recovered: 0 },
        reworkRate: { deployments: 0, reworked: 0 },
        incidents: { opened: 0 },
      },
      trends: {
        deploymentFrequency: 'unchanged',
        changeLeadTime: 'unknown',
        changeFailureRate: 'unknown',
      },
    },
  },
  {
    name: 'a single deployment, after one in the previous window',
    steps: [
      // v0: committed 04:00, deployed 10:00 on 28 October: 6 h
      {
        build: 'api@0',
        at: '2026-10-28T08:00:00Z',
        commits: ['2026-10-28T04:00:00Z'],
      },
      { deploy: 'd0', components: ['api@0'], at: '2026-10-28T10:00:00Z' },
      // v1: commits at 06:00 and 08:00, deployed 10:00: 4 h and 2 h
      v1,
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
    ],
    expected: {
      current: {
        deploymentFrequency: {
          deployments: 1,
          perDay: 1 / 7,
          perWeek: 1,
          daysWithDeployment: 1,
          shareOfDaysWithDeployment: 1 / 7,
          weeksWithDeployment: 1,
          shareOfWeeksWithDeployment: 1,
          ratedSystems: 1,
          ratedPerDay: 1 / 7,
          level: 'high',
        },
        // [2 h, 4 h]: median 3 h; p90 = 2 h + 0.9 * 2 h
        changeLeadTime: {
          commits: 2,
          medianSeconds: 3 * H,
          p90Seconds: 2 * H + 0.9 * 2 * H,
          level: 'elite',
        },
        changeFailureRate: {
          deployments: 1,
          failedChanges: 0,
          rate: 0,
          level: 'elite',
        },
        reworkRate: { deployments: 1, reworked: 0, rate: 0 },
      },
      previous: {
        deploymentFrequency: { deployments: 1 },
        changeLeadTime: { commits: 1, medianSeconds: 6 * H, p90Seconds: 6 * H },
      },
      trends: {
        deploymentFrequency: 'unchanged',
        changeLeadTime: 'improved',
        changeFailureRate: 'unchanged',
      },
      weekly: [
        {
          weekStart: '2026-11-02',
          deployments: 1,
          finishedDeployments: 1,
          leadTimeCommits: 2,
          leadTimeMedianSeconds: 3 * H,
        },
      ],
    },
  },
  {
    name: 'a rollback: counted apart, and the deployment it replaced is a failed change',
    steps: [
      v1,
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      {
        build: 'api@2',
        at: '2026-11-04T09:00:00Z',
        commits: ['2026-11-04T07:00:00Z'],
      },
      { deploy: 'd2', components: ['api@2'], at: '2026-11-04T10:00:00Z' },
      {
        deploy: 'd3',
        components: ['api@1'],
        at: '2026-11-04T12:00:00Z',
        rollback: true,
      },
    ],
    expected: {
      current: {
        deploymentFrequency: {
          deployments: 2,
          rollbacks: 1,
          daysWithDeployment: 2,
          perDay: 2 / 7,
        },
        // [2 h, 3 h, 4 h]; the rollback to v1 brings no new commit
        changeLeadTime: {
          commits: 3,
          medianSeconds: 3 * H,
          p90Seconds: 3 * H + 0.8 * H,
        },
        changeFailureRate: {
          deployments: 3,
          failedChanges: 1,
          rate: 1 / 3,
          rolledBack: 1,
          failedToDeploy: 0,
          withIncident: 0,
          level: 'low',
        },
        // d2 is a failed deployment (rolled back) without incidents: from its finish at 10:00 to
        // the next success, the rollback, at 12:00: 2 h
        failedDeploymentRecoveryTime: {
          failures: 1,
          recovered: 1,
          withIncident: 0,
          medianSeconds: 2 * H,
          level: 'high',
        },
        // the rollback is unplanned: 1 of 3 finished deployments
        reworkRate: {
          deployments: 3,
          reworked: 1,
          rate: 1 / 3,
          hotfixes: 0,
          rollbacks: 1,
          restoring: 1,
        },
      },
    },
  },
  {
    name: 'a failed deployment fixed by a hotfix',
    steps: [
      v1,
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      {
        build: 'api@2',
        at: '2026-11-04T09:00:00Z',
        commits: ['2026-11-04T07:00:00Z'],
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
        commits: ['2026-11-04T11:30:00Z'],
      },
      {
        deploy: 'd3',
        components: ['api@3'],
        at: '2026-11-04T13:00:00Z',
        hotfix: true,
      },
    ],
    expected: {
      current: {
        deploymentFrequency: { deployments: 2, rollbacks: 0 },
        // v1: 4 h, 2 h; v2 never ran, so its commit waits for v3: 07:00 -> 13:00 = 6 h; v3: 1.5 h
        // [1.5 h, 2 h, 4 h, 6 h]: median 3 h; p90 at rank 2.7 = 4 h + 0.7 * 2 h
        changeLeadTime: {
          commits: 4,
          medianSeconds: 3 * H,
          p90Seconds: 4 * H + 0.7 * 2 * H,
        },
        changeFailureRate: {
          deployments: 3,
          failedChanges: 1,
          failedToDeploy: 1,
          rate: 1 / 3,
        },
        // failed at 10:00, restored by the hotfix at 13:00
        failedDeploymentRecoveryTime: {
          failures: 1,
          recovered: 1,
          withIncident: 0,
          medianSeconds: 3 * H,
          level: 'high',
        },
        // d3 is a hotfix and restored service: one unplanned deployment, counted once
        reworkRate: {
          deployments: 3,
          reworked: 1,
          rate: 1 / 3,
          hotfixes: 1,
          restoring: 1,
        },
      },
    },
  },
  {
    name: 'incidents: automatic, not caused by a deployment, and before any deployment',
    steps: [
      {
        incident: 'before',
        opened: '2026-11-02T08:00:00Z',
        resolved: '2026-11-02T09:00:00Z',
      },
      v1,
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      {
        incident: 'auto',
        opened: '2026-11-03T12:00:00Z',
        resolved: '2026-11-03T12:30:00Z',
      },
      {
        incident: 'none',
        opened: '2026-11-05T09:00:00Z',
        resolved: '2026-11-05T11:00:00Z',
        deployment: null,
      },
    ],
    expected: {
      current: {
        changeFailureRate: {
          deployments: 1,
          failedChanges: 1,
          withIncident: 1,
          rate: 1,
          level: 'low',
        },
        // only the incident attributed to a deployment makes a failed deployment: 30 minutes
        failedDeploymentRecoveryTime: {
          failures: 1,
          recovered: 1,
          withIncident: 1,
          medianSeconds: 1800,
          level: 'elite',
        },
        incidents: {
          opened: 3,
          resolved: 3,
          attributedAutomatically: 1,
          attributedExplicitly: 0,
          withoutDeployment: 2,
        },
      },
    },
  },
  {
    name: 'commits deployed twice count once, at their first production deployment',
    steps: [
      {
        build: 'api@1',
        at: '2026-11-03T09:00:00Z',
        commits: ['2026-11-03T06:00:00Z', ['c2', '2026-11-03T08:00:00Z']],
      },
      // staging is not production: nothing counts here
      {
        deploy: 's1',
        components: ['api@1'],
        at: '2026-11-03T09:30:00Z',
        env: 'staging',
      },
      { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      // v2 lists c2 again, plus a new commit at 07:00
      {
        build: 'api@2',
        at: '2026-11-05T08:00:00Z',
        commits: [['c2', '2026-11-03T08:00:00Z'], '2026-11-05T07:00:00Z'],
      },
      { deploy: 'd2', components: ['api@2'], at: '2026-11-05T10:00:00Z' },
      { deploy: 'd3', components: ['api@2'], at: '2026-11-06T10:00:00Z' },
    ],
    expected: {
      current: {
        deploymentFrequency: { deployments: 3, daysWithDeployment: 3 },
        // [2 h (c2), 3 h (v2's new commit), 4 h]
        changeLeadTime: {
          commits: 3,
          medianSeconds: 3 * H,
          p90Seconds: 3 * H + 0.8 * H,
        },
        changeFailureRate: { deployments: 3, failedChanges: 0 },
      },
    },
  },
  {
    name: 'time zones and window edges given in other offsets',
    window: {
      from: '2026-11-02T09:00:00+09:00',
      to: '2026-11-08T19:00:00-05:00',
    },
    steps: [
      // committed 23:00Z, deployed a millisecond before the window: previous window, 1 h
      {
        build: 'api@1',
        at: '2026-11-01T23:10:00Z',
        commits: ['2026-11-01T22:00:00-01:00'],
      },
      { deploy: 'd0', components: ['api@1'], at: '2026-11-01T23:59:59.999Z' },
      // committed 23:00Z the day before, deployed exactly at the window start: 1 h
      {
        build: 'api@2',
        at: '2026-11-01T23:20:00Z',
        commits: ['2026-11-02T08:00:00+09:00'],
      },
      { deploy: 'd1', components: ['api@2'], at: '2026-11-02T01:00:00+01:00' },
      // committed and deployed in the last second of the window: 0 s
      {
        build: 'api@3',
        at: '2026-11-08T23:59:59Z',
        commits: ['2026-11-08T18:59:59-05:00'],
      },
      { deploy: 'd2', components: ['api@3'], at: '2026-11-08T23:59:59Z' },
      // exactly at the window end: outside it
      {
        build: 'api@4',
        at: '2026-11-09T00:00:00Z',
        commits: ['2026-11-08T22:00:00Z'],
      },
      { deploy: 'd3', components: ['api@4'], at: '2026-11-09T00:00:00Z' },
    ],
    expected: {
      current: {
        window: {
          from: '2026-11-02T00:00:00.000Z',
          to: '2026-11-09T00:00:00.000Z',
          days: 7,
        },
        deploymentFrequency: {
          deployments: 2,
          days: 7,
          daysWithDeployment: 2,
          weeks: 1,
          weeksWithDeployment: 1,
        },
        // [0 s, 1 h]
        changeLeadTime: {
          commits: 2,
          medianSeconds: 1800,
          p90Seconds: 0.9 * H,
        },
      },
      previous: {
        deploymentFrequency: { deployments: 1, daysWithDeployment: 1 },
        changeLeadTime: { commits: 1, medianSeconds: H },
      },
    },
  },
  {
    name: 'a window that starts and ends inside UTC days',
    window: { from: '2026-11-01T23:30:00Z', to: '2026-11-08T23:30:00Z' },
    steps: [
      {
        build: 'api@1',
        at: '2026-11-01T23:10:00Z',
        commits: ['2026-11-01T23:00:00Z'],
      },
      { deploy: 'd0', components: ['api@1'], at: '2026-11-01T23:59:59.999Z' },
      {
        build: 'api@2',
        at: '2026-11-01T23:20:00Z',
        commits: ['2026-11-01T23:00:00Z'],
      },
      { deploy: 'd1', components: ['api@2'], at: '2026-11-02T00:00:00Z' },
      {
        build: 'api@3',
        at: '2026-11-08T23:40:00Z',
        commits: ['2026-11-08T23:35:00Z'],
      },
      { deploy: 'd2', components: ['api@3'], at: '2026-11-08T23:45:00Z' },
    ],
    expected: {
      current: {
        // Sunday 1 November and Monday 2 November: two days, two ISO weeks
        deploymentFrequency: {
          deployments: 2,
          days: 8,
          daysWithDeployment: 2,
          weeks: 2,
          weeksWithDeployment: 2,
          perDay: 2 / 7,
        },
        changeLeadTime: { commits: 2, medianSeconds: H, p90Seconds: H },
      },
      previous: {
        deploymentFrequency: { deployments: 0 },
        changeLeadTime: { commits: 0 },
      },
      weekly: [
        {
          weekStart: '2026-10-26',
          from: '2026-11-01T23:30:00.000Z',
          to: '2026-11-02T00:00:00.000Z',
          deployments: 1,
          leadTimeCommits: 1,
          leadTimeMedianSeconds: H,
        },
        {
          weekStart: '2026-11-02',
          from: '2026-11-02T00:00:00.000Z',
          to: '2026-11-08T23:30:00.000Z',
          deployments: 1,
          leadTimeCommits: 1,
          leadTimeMedianSeconds: H,
        },
      ],
    },
  },
  {
    name: "a multi-component release deployed together counts once, with every component's commits",
    steps: [
      {
        build: 'api@1',
        at: '2026-11-03T07:00:00Z',
        commits: ['2026-11-03T06:00:00Z'],
      },
      {
        build: 'web@1',
        at: '2026-11-03T08:00:00Z',
        commits: ['2026-11-03T04:00:00Z', '2026-11-03T07:00:00Z'],
      },
      {
        build: 'worker@1',
        at: '2026-11-02T11:00:00Z',
        commits: ['2026-11-02T10:00:00Z'],
      },
      { release: 'r1', components: ['api@1', 'web@1', 'worker@1'] },
      {
        deploy: 'd1',
        release: 'r1',
        components: ['api@1', 'web@1', 'worker@1'],
        at: '2026-11-03T10:00:00Z',
      },
      {
        incident: 'by-release',
        opened: '2026-11-03T11:00:00Z',
        resolved: '2026-11-03T13:00:00Z',
        release: 'r1',
      },
    ],
    expected: {
      current: {
        deploymentFrequency: { deployments: 1, daysWithDeployment: 1 },
        // [3 h (web), 4 h (api), 6 h (web), 24 h (worker)]: median 5 h; p90 at rank 2.7 = 6 h + 0.7 * 18 h
        changeLeadTime: {
          commits: 4,
          medianSeconds: 5 * H,
          p90Seconds: 6 * H + 0.7 * 18 * H,
          level: 'elite',
        },
        changeFailureRate: {
          deployments: 1,
          failedChanges: 1,
          withIncident: 1,
        },
        failedDeploymentRecoveryTime: {
          failures: 1,
          recovered: 1,
          medianSeconds: 2 * H,
          level: 'high',
        },
        incidents: { opened: 1, attributedExplicitly: 1 },
      },
    },
  },
];

/** Two Systems in two teams under one parent group; an incident reported before its deployment. */
const twoSystems: HistoryStep[] = [
  v1,
  { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
  {
    build: 'ledger@1',
    at: '2026-11-04T09:00:00Z',
    commits: ['2026-11-04T08:00:00Z'],
  },
  {
    deploy: 'd2',
    system: 'bank',
    components: ['ledger@1'],
    at: '2026-11-04T10:00:00Z',
  },
  {
    build: 'ledger@2',
    at: '2026-11-06T09:00:00Z',
    commits: ['2026-11-06T06:00:00Z'],
  },
  // opened after d3 finished, but reported before d3: first attributed to d2, then moved to d3
  {
    incident: 'late',
    system: 'bank',
    opened: '2026-11-06T12:00:00Z',
    resolved: '2026-11-06T14:00:00Z',
  },
  {
    deploy: 'd3',
    system: 'bank',
    components: ['ledger@2'],
    at: '2026-11-06T10:00:00Z',
  },
];

cases.push(
  {
    name: 'a group covers the Systems of its descendant teams',
    steps: twoSystems,
    entities: ['group:default/eng', 'org'],
    expected: {
      current: {
        // shop deployed 1 time in 7 days, bank 2: the median System deploys 1.5 times a week
        deploymentFrequency: {
          deployments: 3,
          ratedSystems: 2,
          ratedPerDay: 1.5 / 7,
          level: 'high',
        },
        // shop 4 h and 2 h, ledger@1 2 h, ledger@2 4 h: [2, 2, 4, 4] h
        changeLeadTime: { commits: 4, medianSeconds: 3 * H, p90Seconds: 4 * H },
        changeFailureRate: {
          deployments: 3,
          failedChanges: 1,
          withIncident: 1,
          rate: 1 / 3,
        },
        failedDeploymentRecoveryTime: { failures: 1, medianSeconds: 2 * H },
      },
    },
  },
  {
    name: 'one System of two',
    steps: twoSystems,
    entities: ['system:default/bank', 'group:default/team-b'],
    expected: {
      current: {
        deploymentFrequency: {
          deployments: 2,
          ratedSystems: 1,
          ratedPerDay: 2 / 7,
        },
        changeLeadTime: {
          commits: 2,
          medianSeconds: 3 * H,
          p90Seconds: 2 * H + 0.9 * 2 * H,
        },
        // the incident belongs to d3, the newest deployment before it opened
        changeFailureRate: { deployments: 2, failedChanges: 1, rate: 0.5 },
      },
    },
  },
);

describe('DORA metrics of hand-computed histories', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it.each(cases.map(c => [c.name, c] as const))(
      '%s',
      async (_name, testCase) => {
        const { stores } = await createTestStores(databases, databaseId);
        await playHistory(stores, testCase.steps);
        const dora = historyDora(stores);
        for (const entity of testCase.entities ?? ALL) {
          const report = await dora.report({
            entity,
            ...(testCase.window ?? WEEK),
          });
          expect({ asked: entity, ...rounded(report) }).toMatchObject({
            asked: entity,
            ...rounded(testCase.expected),
          });
        }
      },
    );
  });
});
