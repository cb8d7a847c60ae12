import {
  DoraCommitFact,
  DoraDeploymentFact,
  DoraFailureFact,
} from '@release-orchestration/plugin-release-orchestration-common';
import { DeploymentDayCounts } from '../service/dora/doraInputs';
import { BucketSlice } from '../service/dora/percentile';

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

/** A failed production deployment (failed, replaced by a rollback, or with an incident) as the roll-up keeps it. */
export interface FailureFact {
  systemRef: string;
  deploymentId: string;
  /** Epoch milliseconds. */
  startedAt: number;
  restoredAt?: number;
  incidentCount: number;
}

/** The writes that keep the DORA roll-ups up to date; call inside the change's transaction. */
export interface DoraFactStore {
  /** Serialises writers of one System's roll-ups (a row lock on PostgreSQL; SQLite has one writer). */
  lockSystem(systemRef: string): Promise<void>;
  /** {@link DoraFactStore.lockSystem} of several Systems in one statement, in code-point order. */
  lockSystems(systemRefs: string[]): Promise<void>;
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /** Empties every roll-up (before a rebuild). */
  clear(): Promise<void>;
  /**
   * Inserts the fact, with whether CI reported a build of its component versions (as
   * {@link DoraFactStore.refreshCommitData} would set it); false when the deployment already has one.
   */
  insertDeploymentFact(fact: NewDeploymentFact): Promise<boolean>;
  /**
   * Inserts the facts of deployments of distinct Systems (their locks held) in a few statements;
   * returns the deployment ids that had none yet.
   */
  insertDeploymentFacts(facts: NewDeploymentFact[]): Promise<Set<string>>;
  /** The newest fact of a System before a time, other than `excludeId`. */
  latestFactBefore(
    systemRef: string,
    before: string,
    excludeId: string,
  ): Promise<{ deploymentId: string; rolledBackBy?: string } | undefined>;
  markRolledBack(deploymentId: string, rollbackId: string): Promise<void>;
  /**
   * Failed deployments of a System without incidents whose failure began before `at` and that
   * were not restored by then: a success at `at` restores them.
   */
  unrestoredFailuresBefore(systemRef: string, at: string): Promise<string[]>;
  /** {@link DoraFactStore.unrestoredFailuresBefore} for several Systems at once, by System. */
  unrestoredFailuresBeforeMany(
    successes: Array<{ systemRef: string; at: string }>,
  ): Promise<Map<string, string[]>>;
  /**
   * Which of the Systems had a failure without incidents (restored or not) that began before the
   * time given for it: the Systems whose successes may restore one (the bulk path's check).
   */
  systemsWithFailuresBefore(
    systems: Array<{ systemRef: string; at: string }>,
  ): Promise<Set<string>>;
  /**
   * Recomputes each deployment's failure (DORA's "failed deployment": failed, replaced by a
   * rollback, or with an attributed incident) from its incidents and its System's later
   * successes: incident count, when the failure began, when and by what service was restored;
   * then whether the old and new restoring deployments restore service.
   */
  refreshFailures(deploymentIds: string[]): Promise<void>;
  /** Recomputes whether each deployment restored service: restored a failure, or fixes an incident. */
  refreshRestores(deploymentIds: string[]): Promise<void>;
  /** Recomputes whether CI reported a build for any component version each deployment carried. */
  refreshCommitData(deploymentIds: string[]): Promise<void>;
  /** Systems with facts, for a rebuild. */
  systemsWithFacts(): Promise<string[]>;
  /** The deployment ids of a System's facts. */
  factIds(systemRef: string): Promise<string[]>;
  /**
   * The commits a deployment of these component versions first brings to production at
   * `deployedAt`: per component, the commits of its builds up to and including the build of the
   * version (by build time) that have no lead time yet, or one from a later deployment. Builds
   * and commits dated after `deployedAt` (beyond a little clock skew) are not carried by it, the
   * deployed build's own excepted.
   */
  commitsFirstDeployed(
    components: Array<{ componentRef: string; version: string }>,
    deployedAt: string,
  ): Promise<Array<{ componentRef: string; sha: string; committedAt: string }>>;
  /**
   * {@link DoraFactStore.commitsFirstDeployed} of many deployments of distinct components in one
   * statement (a few for very many), by each deployment's `key`.
   */
  commitsFirstDeployedMany(
    deployments: Array<{
      key: string;
      components: Array<{ componentRef: string; version: string }>;
      deployedAt: string;
    }>,
  ): Promise<
    Map<
      string,
      Array<{ componentRef: string; sha: string; committedAt: string }>
    >
  >;
  /**
   * Inserts new lead times and moves existing ones to an earlier deployment, keeping the histogram
   * and the deployments' facts (their list of lead times) in step.
   */
  saveLeadTimes(facts: LeadTimeFact[]): Promise<void>;
  /** Finished deployments of an environment without a fact, oldest first. */
  /** Finished deployments in the lane(s) without a fact yet, oldest first. */
  pendingDeployments(
    environment: string | string[],
    limit: number,
  ): Promise<string[]>;
}

/** The reads the DORA metrics are computed from. */
export interface DoraMetricsStore {
  /** The rows behind the figures, a page at a time. */
  readonly facts: DoraFactsReader;
  /**
   * Finished deployments per UTC day, separately for each of the given ranges; with `bySystem`,
   * per System instead (`day` empty): its totals in the range and `deployedDays`, the UTC days on
   * which it had a successful non-rollback deployment. With `excludeFailedToDeploy`, deployments
   * that failed are left out of the change-failure counts.
   */
  deploymentDays(
    scope: DoraScope,
    ranges: IsoRange[],
    options?: { bySystem?: boolean; excludeFailedToDeploy?: boolean },
  ): Promise<
    Array<
      DeploymentDayCounts & {
        range: number;
        systemRef?: string;
        deployedDays?: string[];
      }
    >
  >;
  /**
   * Successful non-rollback deployments per System, separately for each of the given ranges; a
   * System with finished production deployments in a range is in its map even with 0.
   */
  deploymentsPerSystem(
    scope: DoraScope,
    ranges: IsoRange[],
  ): Promise<Array<Map<string, number>>>;
  /** Systems of the scope that have deployed to production, with their first production deployment. */
  deployedSystems(
    scope: DoraScope,
  ): Promise<Array<{ systemRef: string; firstDeployedAt: string }>>;
  /** Lead times of commits first deployed in a range, per deployment time, in no particular order. */
  leadTimes(scope: DoraScope, range: IsoRange): Promise<DeploymentLeadTimes[]>;
  /** Lead times of commits first deployed in a range, per System of the scope that has any, in no particular order. */
  leadTimesPerSystem(
    scope: DoraScope,
    range: IsoRange,
  ): Promise<Map<string, Float64Array>>;
  /** Org-wide lead-time counts per bucket in a range. */
  leadTimeHistogram(range: IsoRange): Promise<Map<number, number>>;
  /**
   * Org-wide lead times of one bucket in a range: the values at positions `from` to `to`
   * (inclusive) of the bucket's values in ascending order (fewer when it holds fewer).
   */
  leadTimesInBucket(
    range: IsoRange,
    bucket: number,
    from: number,
    to: number,
  ): Promise<BucketSlice>;
  /** Failed deployments whose failure began in a range, with their restoration. */
  failures(scope: DoraScope, range: IsoRange): Promise<Array<FailureFact>>;
  /** Incidents of an environment (or any of several) opened in a range. */
  incidents(
    scope: DoraScope,
    environment: string | string[],
    range: IsoRange,
  ): Promise<
    Array<{
      systemRef: string;
      /** Epoch milliseconds. */
      openedAt: number;
      resolvedAt?: number;
      attribution: 'explicit' | 'automatic';
      deploymentId?: string;
    }>
  >;
}

/** A page of fact rows: of some Systems (all when absent), in a range, after a keyset cursor. */
export interface FactsPageQuery {
  systems?: string[];
  range: IsoRange;
  /** The `cursor` of the last row of the previous page. */
  after?: string[];
  limit: number;
}

/** The rows behind the DORA figures (`GET /dora/facts`), each with its keyset `cursor`. */
export interface DoraFactsReader {
  deployments(
    options: FactsPageQuery & {
      succeededOnly: boolean;
      excludeFailedToDeploy: boolean;
    },
  ): Promise<Array<DoraDeploymentFact & { cursor: string[] }>>;
  commits(
    options: FactsPageQuery,
  ): Promise<Array<DoraCommitFact & { cursor: string[] }>>;
  failures(
    options: FactsPageQuery,
  ): Promise<Array<DoraFailureFact & { cursor: string[] }>>;
}
