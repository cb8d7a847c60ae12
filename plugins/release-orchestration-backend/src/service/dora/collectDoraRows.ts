import { DoraLevelTable } from '@release-orchestration/plugin-release-orchestration-common';
import { DoraMetricsStore, DoraScope } from '../../database/doraStoreTypes';
import { inRange, TimeRange } from './doraCalendar';
import { DeploymentDayCounts, IncidentFact, RecoveryEvent } from './doraInputs';
import { DoraWindowInputs } from './computeDoraWindow';
import { LeadTimeSource, leadTimeStats } from './leadTimeSources';

/** How the metrics are computed, from configuration. */
export interface DoraSettings {
  excludeFailedToDeploy: boolean;
  levels: DoraLevelTable;
}

/** Everything read for an entity over the current and the previous window (range 0 and 1). */
export interface DoraRows {
  /** Per day; or, read per System, one entry per System and range with its `deployedDays`. */
  days: Array<
    DeploymentDayCounts & {
      range: number;
      systemRef?: string;
      deployedDays?: string[];
    }
  >;
  rated: [string[], string[]];
  perSystem: [Map<string, number>, Map<string, number>];
  recoveries: Array<RecoveryEvent & { systemRef: string }>;
  incidents: Array<IncidentFact & { systemRef: string }>;
  /** The Systems of the entity. */
  systems: string[];
}

const iso = (range: TimeRange) => ({
  from: new Date(range.from).toISOString(),
  to: new Date(range.to).toISOString(),
});

/** Reads the roll-ups for both windows in a handful of indexed queries. */
export async function collectDoraRows(
  store: DoraMetricsStore,
  scope: DoraScope,
  environment: string | string[],
  current: TimeRange,
  previous: TimeRange,
  systems: string[],
  options: {
    bySystem?: boolean;
    excludeFailedToDeploy?: boolean;
    /** The scope's {@link DoraMetricsStore.deployedSystems}, when the caller has read them already. */
    deployedSystems?: Promise<
      Array<{ systemRef: string; firstDeployedAt: string }>
    >;
  } = {},
): Promise<DoraRows> {
  const {
    bySystem = false,
    excludeFailedToDeploy = false,
    deployedSystems,
  } = options;
  const span = iso({ from: previous.from, to: current.to });
  const [days, deployed, perSystem, failures, incidents] = await Promise.all([
    store.deploymentDays(scope, [iso(current), iso(previous)], {
      bySystem,
      excludeFailedToDeploy,
    }),
    deployedSystems ?? store.deployedSystems(scope),
    // Per System, the day counts are already each System's totals.
    bySystem
      ? undefined
      : store.deploymentsPerSystem(scope, [iso(current), iso(previous)]),
    store.failures(scope, span),
    store.incidents(scope, environment, span),
  ]);
  // Rated: the Systems that had deployed to production before the window ended.
  const firstDeployed = deployed.map(s => Date.parse(s.firstDeployedAt));
  const ratedBefore = (to: number) =>
    deployed.filter((_, i) => firstDeployed[i] < to).map(s => s.systemRef);
  // One sample per failed deployment, in the window in which its failure began.
  const recoveries: DoraRows['recoveries'] = failures.map(f => ({
    systemRef: f.systemRef,
    startedAt: f.startedAt,
    ...(f.restoredAt !== undefined ? { restoredAt: f.restoredAt } : {}),
    withIncident: f.incidentCount > 0,
  }));
  const incidentFacts = incidents.map(i => ({
    systemRef: i.systemRef,
    openedAt: i.openedAt,
    ...(i.resolvedAt !== undefined ? { resolvedAt: i.resolvedAt } : {}),
    attribution: i.attribution,
    hasDeployment: i.deploymentId !== undefined,
  }));
  const totals = perSystem ?? [
    new Map<string, number>(),
    new Map<string, number>(),
  ];
  if (!perSystem) {
    for (const d of days) {
      totals[d.range].set(d.systemRef!, d.deployments);
    }
  }
  return {
    days,
    rated: [ratedBefore(current.to), ratedBefore(previous.to)],
    perSystem: [totals[0], totals[1]],
    recoveries,
    incidents: incidentFacts,
    systems,
  };
}

/** The inputs of one window (0 current, 1 previous), optionally for one System of the rows. */
export async function windowInputs(
  rows: DoraRows,
  index: 0 | 1,
  range: TimeRange,
  leadTimes: LeadTimeSource,
  settings: DoraSettings,
  systemRef?: string,
): Promise<DoraWindowInputs> {
  const mine = <T extends { systemRef?: string }>(items: T[]) =>
    systemRef ? items.filter(item => item.systemRef === systemRef) : items;
  const rated = rows.rated[index].filter(
    ref => !systemRef || ref === systemRef,
  );
  const inScope = systemRef ? [systemRef] : rows.systems;
  const days = mine(rows.days).filter(d => d.range === index);
  return {
    range,
    days,
    ...(days.some(d => d.deployedDays)
      ? { deployedDays: days.flatMap(d => d.deployedDays ?? []) }
      : {}),
    ratedSystemDeployments: rated.map(
      ref => rows.perSystem[index].get(ref) ?? 0,
    ),
    leadTime: await leadTimeStats(leadTimes, range),
    recoveries: mine(rows.recoveries).filter(r => inRange(r.startedAt, range)),
    incidents: mine(rows.incidents).filter(i => inRange(i.openedAt, range)),
    systems: inScope.length,
    systemsWithProductionData: inScope.filter(ref =>
      rows.perSystem[index].has(ref),
    ).length,
    ...settings,
  };
}
