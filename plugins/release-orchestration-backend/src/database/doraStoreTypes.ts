import { DeploymentDayCounts } from '../service/dora/doraInputs';

/** Which Systems a query covers: the given ones, or every System when `systems` is undefined. */
export interface DoraScope {
  systems?: string[];
}

/** A time range `[from, to)` as ISO strings. */
export interface IsoRange {
  from: string;
  to: string;
}

/** A finished production deployment as the roll-up keeps it. */
export interface NewDeploymentFact {
  deploymentId: string;
  systemRef: string;
  releaseId?: string;
  deployedAt: string;
  succeeded: boolean;
  rollback: boolean;
  hotfix: boolean;
}

/** A commit with its first successful production deployment. */
export interface LeadTimeFact {
  componentRef: string;
  sha: string;
  systemRef: string;
  deploymentId: string;
  committedAt: string;
  deployedAt: string;
}

/**
 * The lead times of the commits one deployment first brought to production, which share its time:
 * read grouped, so a Group's thousands of commits arrive as a few hundred rows of numbers.
 */
export interface DeploymentLeadTimes {
  systemRef: string;
  /** Epoch milliseconds of the deployment. */
  deployedAt: number;
  /** Each commit's lead time in seconds, in no particular order. */
  leadSeconds: number[];
}

/** The writes that keep the DORA roll-ups up to date; call inside the change's transaction. */
export interface DoraFactStore {
  /** Serialises writers of one System's roll-ups (a row lock on PostgreSQL; SQLite has one writer). */
  lockSystem(systemRef: string): Promise<void>;
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /** Empties every roll-up (before a rebuild). */
  clear(): Promise<void>;
  /** Inserts the fact; false when the deployment already has one. */
  insertDeploymentFact(fact: NewDeploymentFact): Promise<boolean>;
  /** The newest fact of a System before a time, other than `excludeId`. */
  latestFactBefore(systemRef: string, before: string, excludeId: string): Promise<{ deploymentId: string; rolledBackBy?: string } | undefined>;
  markRolledBack(deploymentId: string, rollbackId: string): Promise<void>;
  /** Failed deployments of a System before `at` not yet restored earlier: restored at `at`. */
  restoreFailuresBefore(systemRef: string, at: string): Promise<void>;
  /** The first successful deployment of a System after a time. */
  firstSuccessAfter(systemRef: string, after: string): Promise<string | undefined>;
  setRestoredAt(deploymentId: string, at: string): Promise<void>;
  /** Recounts the incidents attributed to each deployment that has a fact. */
  recountIncidents(deploymentIds: string[]): Promise<void>;
  /**
   * The commits a deployment of these component versions first brings to production at
   * `deployedAt`: per component, the commits of its builds up to and including the build of the
   * version (by build time) that have no lead time yet, or one from a later deployment.
   */
  commitsFirstDeployed(
    components: Array<{ componentRef: string; version: string }>,
    deployedAt: string,
  ): Promise<Array<{ componentRef: string; sha: string; committedAt: string }>>;
  /** Inserts new lead times and moves existing ones to an earlier deployment, keeping the histogram in step. */
  saveLeadTimes(facts: LeadTimeFact[]): Promise<void>;
  /** Finished deployments of an environment without a fact, oldest first. */
  pendingDeployments(environment: string, limit: number): Promise<string[]>;
}

/** The reads the DORA metrics are computed from. */
export interface DoraMetricsStore {
  /** Finished deployments per UTC day (and System), separately for each of the given ranges. */
  deploymentDays(
    scope: DoraScope,
    ranges: IsoRange[],
    options?: { bySystem?: boolean },
  ): Promise<Array<DeploymentDayCounts & { range: number; systemRef?: string }>>;
  /** Successful non-rollback deployments per System, separately for each of the given ranges. */
  deploymentsPerSystem(scope: DoraScope, ranges: IsoRange[]): Promise<Array<Map<string, number>>>;
  /** Systems of the scope that have deployed to production, with their first production deployment. */
  deployedSystems(scope: DoraScope): Promise<Array<{ systemRef: string; firstDeployedAt: string }>>;
  /** Lead times of commits first deployed in a range, per deployment time, in no particular order. */
  leadTimes(scope: DoraScope, range: IsoRange): Promise<DeploymentLeadTimes[]>;
  /** Org-wide lead-time counts per bucket in a range. */
  leadTimeHistogram(range: IsoRange): Promise<Map<number, number>>;
  /** Org-wide lead times of one bucket in a range. */
  leadTimesInBucket(range: IsoRange, bucket: number): Promise<number[]>;
  /** Failed deployments in a range without an incident attributed, with their restoration. */
  failedDeployments(scope: DoraScope, range: IsoRange): Promise<Array<{ systemRef: string; deployedAt: string; restoredAt?: string }>>;
  /** Incidents of an environment opened in a range. */
  incidents(scope: DoraScope, environment: string, range: IsoRange): Promise<Array<{
    systemRef: string;
    openedAt: string;
    resolvedAt?: string;
    attribution: 'explicit' | 'automatic';
    deploymentId?: string;
  }>>;
}
