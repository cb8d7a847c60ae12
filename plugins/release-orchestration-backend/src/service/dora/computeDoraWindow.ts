import {
  DoraCoverage,
  doraLevelOf,
  DoraLevelTable,
  DoraWindowMetrics,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  DAY_MS,
  startOfUtcDay,
  startOfUtcWeek,
  TimeRange,
} from './doraCalendar';

const WEEK_MS = 7 * DAY_MS;
import {
  DeploymentDayCounts,
  IncidentFact,
  LeadTimeStats,
  RecoveryEvent,
} from './doraInputs';
import { median } from './percentile';

/** Everything one window's metrics are computed from. */
export interface DoraWindowInputs {
  range: TimeRange;
  /** Day counts of this window only (a day cut by the window edge holds only its part inside). */
  days: DeploymentDayCounts[];
  /**
   * The UTC days of the window with a deployment, when `days` holds totals rather than one entry
   * per day (every team's or System's figures at once); otherwise derived from `days`.
   */
  deployedDays?: string[];
  /** Successful non-rollback deployments of each rated System (one entry per System). */
  ratedSystemDeployments: number[];
  leadTime: LeadTimeStats;
  /** Failures caused by deployments that began in the window. */
  recoveries: RecoveryEvent[];
  /** Production incidents opened in the window. */
  incidents: IncidentFact[];
  /** Systems of the entity (or the one System), and of those with finished production deployments in the window. */
  systems: number;
  systemsWithProductionData: number;
  /** Whether change failure rate leaves out deployments that failed to deploy (configuration). */
  excludeFailedToDeploy: boolean;
  /** The performance levels to rate with (configuration). */
  levels: DoraLevelTable;
}

function sum(
  days: DeploymentDayCounts[],
  key: keyof Omit<DeploymentDayCounts, 'day'>,
) {
  return days.reduce((total, d) => total + d[key], 0);
}

function ratio(numerator: number, denominator: number) {
  return denominator > 0 ? numerator / denominator : undefined;
}

/** How much of the reality the numbers see: commit data, incident attribution, Systems reporting. */
function coverageOf(input: DoraWindowInputs): DoraCoverage {
  const succeeded = sum(input.days, 'succeeded');
  const withCommitData = sum(input.days, 'withCommitData');
  const attributed = input.incidents.filter(i => i.hasDeployment).length;
  return {
    leadTime: {
      deployments: succeeded,
      withCommitData,
      ...(succeeded > 0 ? { share: withCommitData / succeeded } : {}),
    },
    incidentAttribution: {
      incidents: input.incidents.length,
      attributed,
      ...(input.incidents.length > 0
        ? { share: attributed / input.incidents.length }
        : {}),
    },
    systems: {
      total: input.systems,
      withoutProductionData: input.systems - input.systemsWithProductionData,
    },
  };
}

/** Seconds from failure to restoration of the recovered events. */
export function recoverySeconds(events: RecoveryEvent[]): number[] {
  return events.flatMap(e =>
    e.restoredAt !== undefined ? [(e.restoredAt - e.startedAt) / 1000] : [],
  );
}

/** The five DORA metrics of one window, with their levels and sample sizes. */
export function computeDoraWindow(input: DoraWindowInputs): DoraWindowMetrics {
  const { range, levels } = input;
  const windowDays = (range.to - range.from) / DAY_MS;
  const deployments = sum(input.days, 'deployments');
  const finished = sum(input.days, 'finished');
  const changes = sum(input.days, 'changes');
  const failedChanges = sum(input.days, 'failedChanges');
  const reworked = sum(input.days, 'reworked');

  const deployedDays = new Set(
    input.deployedDays ??
      input.days.filter(d => d.deployments > 0).map(d => d.day),
  );
  // Counted, not listed: this runs once per System and window for GET /dora/systems.
  const weeks = Math.ceil((range.to - startOfUtcWeek(range.from)) / WEEK_MS);
  const weeksWithDeployment = new Set(
    [...deployedDays].map(day =>
      startOfUtcWeek(Date.parse(`${day}T00:00:00Z`)),
    ),
  ).size;
  const allDays = Math.ceil((range.to - startOfUtcDay(range.from)) / DAY_MS);
  const ratedPerDay = median(
    input.ratedSystemDeployments.map(n => n / windowDays),
  );

  const recovered = recoverySeconds(input.recoveries);
  const recoveryMedian = median(recovered);
  const changeFailureRate = ratio(failedChanges, changes);

  return {
    window: {
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      days: windowDays,
    },
    deploymentFrequency: {
      deployments,
      rollbacks: sum(input.days, 'rollbacks'),
      perDay: deployments / windowDays,
      perWeek: (deployments / windowDays) * 7,
      days: allDays,
      daysWithDeployment: deployedDays.size,
      shareOfDaysWithDeployment: deployedDays.size / allDays,
      weeks,
      weeksWithDeployment,
      shareOfWeeksWithDeployment: weeksWithDeployment / weeks,
      ratedSystems: input.ratedSystemDeployments.length,
      ...(ratedPerDay !== undefined
        ? {
            ratedPerDay,
            level: doraLevelOf('deploymentFrequency', ratedPerDay, levels),
          }
        : {}),
    },
    changeLeadTime: {
      ...input.leadTime,
      ...(input.leadTime.medianSeconds !== undefined
        ? {
            level: doraLevelOf(
              'changeLeadTime',
              input.leadTime.medianSeconds,
              levels,
            ),
          }
        : {}),
    },
    changeFailureRate: {
      deployments: changes,
      failedChanges,
      ...(changeFailureRate !== undefined
        ? {
            rate: changeFailureRate,
            level: doraLevelOf('changeFailureRate', changeFailureRate, levels),
          }
        : {}),
      failedToDeploy: sum(input.days, 'failedToDeploy'),
      rolledBack: sum(input.days, 'rolledBack'),
      withIncident: sum(input.days, 'withIncident'),
      failedToDeployExcluded: input.excludeFailedToDeploy,
    },
    failedDeploymentRecoveryTime: {
      failures: input.recoveries.length,
      recovered: recovered.length,
      withIncident: input.recoveries.filter(e => e.withIncident).length,
      ...(recoveryMedian !== undefined
        ? {
            medianSeconds: recoveryMedian,
            level: doraLevelOf(
              'failedDeploymentRecoveryTime',
              recoveryMedian,
              levels,
            ),
          }
        : {}),
    },
    reworkRate: {
      deployments: finished,
      reworked,
      ...(finished > 0
        ? {
            rate: reworked / finished,
            level: doraLevelOf('reworkRate', reworked / finished, levels),
          }
        : {}),
      hotfixes: sum(input.days, 'hotfixes'),
      rollbacks: sum(input.days, 'reworkRollbacks'),
      restoring: sum(input.days, 'restoring'),
    },
    coverage: coverageOf(input),
    incidents: {
      opened: input.incidents.length,
      resolved: input.incidents.filter(i => i.resolvedAt !== undefined).length,
      attributedExplicitly: input.incidents.filter(
        i => i.hasDeployment && i.attribution === 'explicit',
      ).length,
      attributedAutomatically: input.incidents.filter(
        i => i.hasDeployment && i.attribution === 'automatic',
      ).length,
      withoutDeployment: input.incidents.filter(i => !i.hasDeployment).length,
    },
  };
}
