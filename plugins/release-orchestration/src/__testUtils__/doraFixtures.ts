import { Entity } from '@backstage/catalog-model';
import {
  doraLevelOf,
  doraPerformanceLevels,
  DoraFactsPage,
  DoraMetric,
  DoraReport,
  DoraSystemRow,
  DoraTrend,
  DoraWeek,
  DoraWindowMetrics,
} from '@release-orchestration/plugin-release-orchestration-common';

const DAY_MS = 86_400_000;
const HOUR = 3600;

/** The end of the fixtures' current window. */
export const DORA_NOW = Date.parse('2026-03-30T00:00:00.000Z');

/** What a window's numbers are made of; the rest is derived like the backend does. */
export interface WindowSpec {
  /** Window end in days before {@link DORA_NOW} (0: the current window). */
  endsDaysAgo?: number;
  days?: number;
  deployments: number;
  rollbacks?: number;
  ratedSystems?: number;
  commits?: number;
  leadHours?: number;
  finished?: number;
  failedChanges?: number;
  failures?: number;
  recovered?: number;
  recoveryHours?: number;
  hotfixes?: number;
  incidents?: number;
  /** Deployments of a version CI reported a build for (default: all). */
  withCommitData?: number;
  /** Incidents attributed to a deployment (default: all). */
  attributedIncidents?: number;
}

/** A window's metrics with levels computed from the common level table. */
export function windowMetrics(spec: WindowSpec): DoraWindowMetrics {
  const days = spec.days ?? 90;
  const to = DORA_NOW - (spec.endsDaysAgo ?? 0) * DAY_MS;
  const from = to - days * DAY_MS;
  const perDay = spec.deployments / days;
  const ratedSystems = spec.ratedSystems ?? (spec.deployments > 0 ? 1 : 0);
  const finished = spec.finished ?? spec.deployments;
  const failedChanges = spec.failedChanges ?? 0;
  const leadSeconds =
    spec.leadHours === undefined ? undefined : spec.leadHours * HOUR;
  const recoverySeconds =
    spec.recoveryHours === undefined ? undefined : spec.recoveryHours * HOUR;
  const rate = finished > 0 ? failedChanges / finished : undefined;
  return {
    window: {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      days,
    },
    deploymentFrequency: {
      deployments: spec.deployments,
      rollbacks: spec.rollbacks ?? 0,
      perDay,
      perWeek: perDay * 7,
      days,
      daysWithDeployment: Math.min(days, spec.deployments),
      shareOfDaysWithDeployment: Math.min(days, spec.deployments) / days,
      weeks: Math.ceil(days / 7),
      weeksWithDeployment: Math.min(Math.ceil(days / 7), spec.deployments),
      shareOfWeeksWithDeployment: Math.min(
        1,
        spec.deployments / Math.ceil(days / 7),
      ),
      ratedSystems,
      ...(ratedSystems > 0
        ? {
            ratedPerDay: perDay,
            level: doraLevelOf('deploymentFrequency', perDay),
          }
        : {}),
    },
    changeLeadTime: {
      commits: spec.commits ?? 0,
      ...(leadSeconds !== undefined
        ? {
            medianSeconds: leadSeconds,
            p90Seconds: leadSeconds * 3,
            level: doraLevelOf('changeLeadTime', leadSeconds),
          }
        : {}),
    },
    changeFailureRate: {
      deployments: finished,
      failedChanges,
      ...(rate !== undefined
        ? { rate, level: doraLevelOf('changeFailureRate', rate) }
        : {}),
      failedToDeploy: failedChanges,
      rolledBack: 0,
      withIncident: 0,
      failedToDeployExcluded: false,
    },
    failedDeploymentRecoveryTime: {
      failures: spec.failures ?? 0,
      recovered: spec.recovered ?? 0,
      withIncident: spec.failures ?? 0,
      ...(recoverySeconds !== undefined
        ? {
            medianSeconds: recoverySeconds,
            level: doraLevelOf('failedDeploymentRecoveryTime', recoverySeconds),
          }
        : {}),
    },
    reworkRate: {
      deployments: finished,
      reworked: spec.hotfixes ?? 0,
      ...(finished > 0 ? { rate: (spec.hotfixes ?? 0) / finished } : {}),
      hotfixes: spec.hotfixes ?? 0,
      rollbacks: 0,
      restoring: 0,
    },
    coverage: {
      leadTime: {
        deployments: spec.deployments,
        withCommitData: spec.withCommitData ?? spec.deployments,
        ...(spec.deployments > 0
          ? {
              share:
                (spec.withCommitData ?? spec.deployments) / spec.deployments,
            }
          : {}),
      },
      incidentAttribution: {
        incidents: spec.incidents ?? 0,
        attributed: spec.attributedIncidents ?? spec.incidents ?? 0,
        ...(spec.incidents
          ? {
              share:
                (spec.attributedIncidents ?? spec.incidents) / spec.incidents,
            }
          : {}),
      },
      systems: { total: 1, withoutProductionData: 0 },
    },
    incidents: {
      opened: spec.incidents ?? 0,
      resolved: spec.incidents ?? 0,
      attributedExplicitly: spec.incidents ?? 0,
      attributedAutomatically: 0,
      withoutDeployment: 0,
    },
  };
}

const METRICS: DoraMetric[] = [
  'deploymentFrequency',
  'changeLeadTime',
  'changeFailureRate',
  'failedDeploymentRecoveryTime',
  'reworkRate',
];

function valueOf(m: DoraWindowMetrics, metric: DoraMetric): number | undefined {
  return {
    deploymentFrequency: m.deploymentFrequency.perDay,
    changeLeadTime: m.changeLeadTime.medianSeconds,
    changeFailureRate: m.changeFailureRate.rate,
    failedDeploymentRecoveryTime: m.failedDeploymentRecoveryTime.medianSeconds,
    reworkRate: m.reworkRate.rate,
  }[metric];
}

/** Trends the way the backend compares windows. */
export function trendsOf(
  current: DoraWindowMetrics,
  previous: DoraWindowMetrics,
): Record<DoraMetric, DoraTrend> {
  const trends = {} as Record<DoraMetric, DoraTrend>;
  for (const metric of METRICS) {
    const now = valueOf(current, metric);
    const before = valueOf(previous, metric);
    if (now === undefined || before === undefined) {
      trends[metric] = 'unknown';
    } else if (now === before) {
      trends[metric] = 'unchanged';
    } else {
      const higherIsBetter = metric === 'deploymentFrequency';
      trends[metric] =
        now > before === higherIsBetter ? 'improved' : 'worsened';
    }
  }
  return trends;
}

/** Weekly values over a window, Monday-aligned; the first week is cut by the window. */
export function weeks(
  values: Array<Partial<DoraWeek> & { deployments: number }>,
): DoraWeek[] {
  const firstMonday = Date.parse('2026-01-05T00:00:00.000Z');
  return values.map((v, i) => {
    const start = firstMonday + i * 7 * DAY_MS;
    const from = i === 0 ? start + 3 * DAY_MS : start;
    return {
      weekStart: new Date(start).toISOString().slice(0, 10),
      from: new Date(from).toISOString(),
      to: new Date(start + 7 * DAY_MS).toISOString(),
      rollbacks: 0,
      finishedDeployments: v.deployments,
      changes: v.deployments,
      failedChanges: 0,
      reworked: 0,
      leadTimeCommits: v.deployments * 3,
      recoveries: 0,
      ...v,
    };
  });
}

export function report(
  ref: string,
  systemCount: number,
  current: DoraWindowMetrics,
  previous: DoraWindowMetrics,
  weekly: DoraWeek[] = [],
): DoraReport {
  const kind =
    ref === 'org' ? 'org' : (ref.split(':')[0] as 'system' | 'group');
  return {
    entity: { ref, kind, systemCount },
    productionEnvironment: 'production',
    levels: doraPerformanceLevels,
    current,
    previous,
    trends: trendsOf(current, previous),
    weekly,
  };
}

/** payments: frequent, fast, a few failures, recovery from a small sample. */
export const paymentsCurrent = windowMetrics({
  deployments: 42,
  rollbacks: 2,
  commits: 120,
  leadHours: 5,
  finished: 48,
  failedChanges: 4,
  failures: 4,
  recovered: 4,
  recoveryHours: 3,
  hotfixes: 3,
  incidents: 2,
});
export const paymentsPrevious = windowMetrics({
  endsDaysAgo: 90,
  deployments: 30,
  commits: 90,
  leadHours: 11,
  finished: 40,
  failedChanges: 2,
  failures: 2,
  recovered: 2,
  recoveryHours: 2,
  hotfixes: 4,
});
export const paymentsReport = report(
  'system:default/payments',
  1,
  paymentsCurrent,
  paymentsPrevious,
);

/** A System that never deployed to production. */
export const quietReport = report(
  'system:default/quiet',
  1,
  windowMetrics({ deployments: 0 }),
  windowMetrics({ endsDaysAgo: 90, deployments: 0 }),
);

/** checkout: slowed down, its lead time more than doubled. */
export const checkoutCurrent = windowMetrics({
  deployments: 6,
  commits: 8,
  leadHours: 10 * 24,
  finished: 7,
  failedChanges: 2,
  failures: 2,
  recovered: 1,
  recoveryHours: 30,
  hotfixes: 1,
});
export const checkoutPrevious = windowMetrics({
  endsDaysAgo: 90,
  deployments: 12,
  commits: 20,
  leadHours: 4 * 24,
  finished: 12,
  failedChanges: 1,
  failures: 1,
  recovered: 1,
  recoveryHours: 20,
});

export const systemRows: DoraSystemRow[] = [
  {
    systemRef: 'system:default/checkout',
    current: checkoutCurrent,
    previous: checkoutPrevious,
    trends: trendsOf(checkoutCurrent, checkoutPrevious),
    outliers: [
      {
        metric: 'changeLeadTime',
        kind: 'doubled',
        previous: 4 * 24 * HOUR,
        current: 10 * 24 * HOUR,
      },
      {
        metric: 'deploymentFrequency',
        kind: 'halved',
        previous: 12 / 90,
        current: 6 / 90,
      },
    ],
  },
  {
    systemRef: 'system:default/payments',
    current: paymentsCurrent,
    previous: paymentsPrevious,
    trends: trendsOf(paymentsCurrent, paymentsPrevious),
    outliers: [],
  },
];

/** engineering: both Systems, through its child teams. */
export const engineeringReport = report(
  'group:default/engineering',
  2,
  windowMetrics({
    deployments: 48,
    ratedSystems: 2,
    commits: 128,
    leadHours: 7,
    finished: 55,
    failedChanges: 6,
    failures: 6,
    recovered: 5,
    recoveryHours: 4,
    hotfixes: 4,
  }),
  windowMetrics({
    endsDaysAgo: 90,
    deployments: 42,
    ratedSystems: 2,
    commits: 110,
    leadHours: 9,
    finished: 52,
    failedChanges: 3,
    failures: 3,
    recovered: 3,
    recoveryHours: 3,
    hotfixes: 4,
  }),
  weeks([
    { deployments: 2, leadTimeMedianSeconds: 6 * HOUR },
    {
      deployments: 5,
      leadTimeMedianSeconds: 8 * HOUR,
      changeFailureRate: 0.2,
      failedChanges: 1,
    },
    {
      deployments: 4,
      leadTimeMedianSeconds: 5 * HOUR,
      recoveries: 1,
      recoveryMedianSeconds: 4 * HOUR,
    },
    { deployments: 0 },
    {
      deployments: 6,
      leadTimeMedianSeconds: 7 * HOUR,
      changeFailureRate: 0,
      reworkRate: 0.17,
      reworked: 1,
    },
  ]),
);

export const teamReports: Record<string, DoraReport> = {
  'group:default/payments-team': report(
    'group:default/payments-team',
    1,
    paymentsCurrent,
    paymentsPrevious,
  ),
  'group:default/checkout-team': report(
    'group:default/checkout-team',
    1,
    checkoutCurrent,
    checkoutPrevious,
  ),
};

export const orgReport = report(
  'org',
  2,
  engineeringReport.current,
  engineeringReport.previous,
);

function entity(
  kind: string,
  name: string,
  spec: Entity['spec'],
  title?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
    spec,
  };
}

export const engineeringGroup = entity(
  'Group',
  'engineering',
  { type: 'department', children: ['payments-team', 'checkout-team'] },
  'Engineering',
);

/** The catalog behind the org page: two teams owning a System each, one group owning none. */
export const doraCatalog: Entity[] = [
  entity('System', 'payments', { owner: 'payments-team' }),
  entity('System', 'checkout', { owner: 'group:default/checkout-team' }),
  entity('System', 'legacy', { owner: 'user:default/alice' }),
  entity('Group', 'payments-team', {
    type: 'team',
    profile: { displayName: 'Payments Team' },
    children: [],
  }),
  entity(
    'Group',
    'checkout-team',
    { type: 'team', children: [] },
    'Checkout Team',
  ),
  entity('Group', 'release-managers', { type: 'team', children: [] }),
  engineeringGroup,
];

/** Rows behind a change failure rate: a deployment rolled back, and its rollback. */
export const doraFacts: DoraFactsPage['items'] = [
  {
    kind: 'deployment',
    deploymentId: '6a0c3f0e-1d3b-4c5e-9f00-000000000001',
    systemRef: 'system:default/payments',
    releaseId: '6a0c3f0e-1d3b-4c5e-9f00-0000000000a1',
    releaseVersion: '2026.3.1',
    deployedAt: '2026-03-20T10:00:00.000Z',
    status: 'succeeded',
    rollback: false,
    hotfix: false,
    failure: ['rolledBack'],
    rework: [],
    rolledBackBy: '6a0c3f0e-1d3b-4c5e-9f00-000000000002',
    incidentCount: 0,
    commitData: true,
  },
  {
    kind: 'deployment',
    deploymentId: '6a0c3f0e-1d3b-4c5e-9f00-000000000002',
    systemRef: 'system:default/payments',
    deployedAt: '2026-03-20T12:00:00.000Z',
    status: 'succeeded',
    rollback: true,
    hotfix: false,
    failure: [],
    rework: ['rollback', 'restoredService'],
    incidentCount: 0,
    commitData: true,
  },
];
