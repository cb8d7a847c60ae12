import { DoraLevel, DoraLevelTable, DoraMetric } from './doraLevels';

/**
 * What a DORA report is about: one System, a Group (its Systems and its descendant groups'
 * Systems) or the whole organisation.
 * @public
 */
export type DoraEntityKind = 'system' | 'group' | 'org';

/**
 * A time window `[from, to)`.
 * @public
 */
export interface DoraTimeWindow {
  from: string;
  to: string;
  /** Length in days (fractional when the window is not whole days). */
  days: number;
}

/**
 * Deployment frequency: successful production deployments (rollbacks counted apart).
 * @public
 */
export interface DoraDeploymentFrequency {
  /** Successful production deployments that were not rollbacks. */
  deployments: number;
  /** Successful rollbacks, not included in `deployments`. */
  rollbacks: number;
  perDay: number;
  perWeek: number;
  /** UTC calendar days overlapping the window, and those with at least one deployment. */
  days: number;
  daysWithDeployment: number;
  shareOfDaysWithDeployment: number;
  /** ISO weeks (Monday to Sunday, UTC) overlapping the window, and those with a deployment. */
  weeks: number;
  weeksWithDeployment: number;
  shareOfWeeksWithDeployment: number;
  /** Systems the level is rated on: those that had deployed to production before the window ended. */
  ratedSystems: number;
  /** Deployments per day the level is rated on: the System's own, or the median rated System's. */
  ratedPerDay?: number;
  level?: DoraLevel;
}

/**
 * Change lead time: each commit's time from commit to its first successful production deployment.
 * @public
 */
export interface DoraChangeLeadTime {
  /** Commits first deployed to production in the window. */
  commits: number;
  medianSeconds?: number;
  p90Seconds?: number;
  level?: DoraLevel;
}

/**
 * Change failure rate: production deployments that needed intervention, over all of them.
 * @public
 */
export interface DoraChangeFailureRate {
  /**
   * Finished production deployments: succeeded or failed, rollbacks and hotfixes included; without
   * those that failed to deploy when `failedToDeployExcluded`.
   */
  deployments: number;
  /** Of those, deployments that failed, were rolled back, or have an incident attributed (each once). */
  failedChanges: number;
  rate?: number;
  /** Why: the numerator broken down by reason (a deployment can have several). */
  failedToDeploy: number;
  rolledBack: number;
  withIncident: number;
  /** Configured (`dora.changeFailureRate.excludeFailedToDeploy`): deployments that never served traffic are left out. */
  failedToDeployExcluded: boolean;
  level?: DoraLevel;
}

/**
 * Failed deployment recovery time: one sample per failed deployment (failed, rolled back, or with
 * an attributed incident), from when the failure began to when service was restored.
 * @public
 */
export interface DoraRecoveryTime {
  /** Failed deployments whose failure began in the window. */
  failures: number;
  /** Of those, restored (all their incidents resolved, or without incidents a later successful deployment). */
  recovered: number;
  /** Of `failures`, those measured by their incidents (the rest by the next successful deployment). */
  withIncident: number;
  medianSeconds?: number;
  level?: DoraLevel;
}

/**
 * Deployment rework rate: unplanned deployments over all finished production deployments. A
 * deployment is unplanned when it is a hotfix, a rollback, or restored service after a failed
 * deployment (or is named as an incident's fix). The 2024 default table has no levels for it.
 * @public
 */
export interface DoraReworkRate {
  deployments: number;
  /** Unplanned deployments, each counted once. */
  reworked: number;
  rate?: number;
  /** Why: the reasons, which can overlap. */
  hotfixes: number;
  rollbacks: number;
  /** Restored service after a failed deployment, or fixes an incident. */
  restoring: number;
  level?: DoraLevel;
}

/**
 * Production incidents opened in the window.
 * @public
 */
export interface DoraIncidentCounts {
  opened: number;
  resolved: number;
  attributedExplicitly: number;
  attributedAutomatically: number;
  /** Not attributed to any deployment: counted here, not in change failure rate or recovery time. */
  withoutDeployment: number;
}

/**
 * How much of reality the numbers see, shown next to them.
 * @public
 */
export interface DoraCoverage {
  /** Successful production deployments, and those of a version CI reported a build for (whose commits are known). */
  leadTime: { deployments: number; withCommitData: number; share?: number };
  /** Production incidents opened in the window, and those attributed to a deployment. */
  incidentAttribution: {
    incidents: number;
    attributed: number;
    share?: number;
  };
  /** Systems in scope, and those without any finished production deployment in the window. */
  systems: { total: number; withoutProductionData: number };
}

/**
 * The five metrics over one window, with sample sizes.
 * @public
 */
export interface DoraWindowMetrics {
  window: DoraTimeWindow;
  deploymentFrequency: DoraDeploymentFrequency;
  changeLeadTime: DoraChangeLeadTime;
  changeFailureRate: DoraChangeFailureRate;
  failedDeploymentRecoveryTime: DoraRecoveryTime;
  reworkRate: DoraReworkRate;
  coverage: DoraCoverage;
  incidents: DoraIncidentCounts;
}

/**
 * How a metric moved against the previous window of the same length.
 * @public
 */
export type DoraTrend = 'improved' | 'worsened' | 'unchanged' | 'unknown';

/**
 * One ISO week of the window (clipped to it), for charts.
 * @public
 */
export interface DoraWeek {
  /** Monday of the week, `YYYY-MM-DD`. */
  weekStart: string;
  from: string;
  to: string;
  deployments: number;
  rollbacks: number;
  /** Finished production deployments (the denominator of rework rate). */
  finishedDeployments: number;
  /** The denominator of change failure rate (see {@link DoraChangeFailureRate}). */
  changes: number;
  failedChanges: number;
  changeFailureRate?: number;
  /** Unplanned deployments (rework). */
  reworked: number;
  reworkRate?: number;
  leadTimeCommits: number;
  leadTimeMedianSeconds?: number;
  recoveries: number;
  recoveryMedianSeconds?: number;
}

/**
 * The entity a report is about.
 * @public
 */
export interface DoraEntity {
  /** The System or Group ref, or `org`. */
  ref: string;
  kind: DoraEntityKind;
  /** Systems in scope per the catalog (for `org`, the Systems with production deployments or in the catalog). */
  systemCount: number;
}

/**
 * Response of `GET /dora`.
 * @public
 */
export interface DoraReport {
  entity: DoraEntity;
  productionEnvironment: string;
  /** The level table the levels were rated with: the 2024 default, or the configured one. */
  levels: DoraLevelTable;
  current: DoraWindowMetrics;
  /** The window of equal length just before `current`. */
  previous: DoraWindowMetrics;
  trends: Record<DoraMetric, DoraTrend>;
  /** The current window, week by week. */
  weekly: DoraWeek[];
}

/**
 * Why a System stands out against its previous window.
 * `doubled`: a time (lead, recovery) at least doubled. `halved`: deployments per day at most halved.
 * `rose`: a rate (change failure, rework) rose by 10 percentage points or more.
 * `levelDropped`: the performance level fell.
 * @public
 */
export type DoraOutlierKind = 'doubled' | 'halved' | 'rose' | 'levelDropped';

/**
 * One way a System stands out.
 * @public
 */
export interface DoraOutlier {
  metric: DoraMetric;
  kind: DoraOutlierKind;
  previous?: number;
  current?: number;
  previousLevel?: DoraLevel;
  currentLevel?: DoraLevel;
}

/**
 * One System's row in a Group's or the organisation's table.
 * @public
 */
export interface DoraSystemRow {
  systemRef: string;
  current: DoraWindowMetrics;
  previous: DoraWindowMetrics;
  trends: Record<DoraMetric, DoraTrend>;
  outliers: DoraOutlier[];
}

/**
 * Response of `GET /dora/systems`: a page of the per-System breakdown, in the order asked for.
 * @public
 */
export interface DoraSystemsPage {
  entity: DoraEntity;
  productionEnvironment: string;
  window: DoraTimeWindow;
  previousWindow: DoraTimeWindow;
  items: DoraSystemRow[];
  nextCursor?: string;
}

/**
 * One team's row of `GET /dora/teams`: the figures `GET /dora` answers for the Group (without the
 * weekly series).
 * @public
 */
export interface DoraTeamRow {
  /** The Group ref. */
  ref: string;
  /** Display name (profile display name, title or name). */
  title: string;
  /** Systems the team covers: its own and its descendant groups'. */
  systemCount: number;
  current: DoraWindowMetrics;
  previous: DoraWindowMetrics;
  trends: Record<DoraMetric, DoraTrend>;
}

/**
 * Response of `GET /dora/teams`: every team (a Group that owns Systems), ordered by ref.
 * @public
 */
export interface DoraTeamsResponse {
  productionEnvironment: string;
  levels: DoraLevelTable;
  window: DoraTimeWindow;
  previousWindow: DoraTimeWindow;
  items: DoraTeamRow[];
}

/**
 * A finished production deployment behind deployment frequency, change failure rate or rework
 * rate, with why it is a failure or rework.
 * @public
 */
export interface DoraDeploymentFact {
  kind: 'deployment';
  deploymentId: string;
  systemRef: string;
  releaseId?: string;
  releaseVersion?: string;
  /** When it finished: its time in every window. */
  deployedAt: string;
  status: 'succeeded' | 'failed';
  rollback: boolean;
  hotfix: boolean;
  /** Why it is a failed deployment (empty when it is not). */
  failure: Array<'failedToDeploy' | 'rolledBack' | 'withIncident'>;
  /** Why it is rework (empty when it is not). */
  rework: Array<'hotfix' | 'rollback' | 'restoredService'>;
  rolledBackBy?: string;
  incidentCount: number;
  /** CI reported a build for a version it carried. */
  commitData: boolean;
}

/**
 * A commit behind change lead time: its first successful production deployment.
 * @public
 */
export interface DoraCommitFact {
  kind: 'commit';
  componentRef: string;
  sha: string;
  systemRef: string;
  deploymentId: string;
  committedAt: string;
  deployedAt: string;
  leadSeconds: number;
}

/**
 * A failed deployment behind recovery time, with its incidents.
 * @public
 */
export interface DoraFailureFact {
  kind: 'failure';
  deploymentId: string;
  systemRef: string;
  releaseId?: string;
  startedAt: string;
  restoredAt?: string;
  /** Without incidents: the deployment that restored service. */
  restoredBy?: string;
  seconds?: number;
  incidents: Array<{
    id: string;
    externalId: string;
    source: string;
    title: string;
    openedAt: string;
    resolvedAt?: string;
    url?: string;
  }>;
}

/**
 * Response of `GET /dora/facts`: a page of the rows behind a metric, oldest first.
 * @public
 */
export interface DoraFactsPage {
  entity: DoraEntity;
  metric: DoraMetric;
  window: DoraTimeWindow;
  items: Array<DoraDeploymentFact | DoraCommitFact | DoraFailureFact>;
  nextCursor?: string;
}
