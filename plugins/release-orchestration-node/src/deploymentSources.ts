import {
  createExtensionPoint,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { DeploymentStatus } from '@release-orchestration/plugin-release-orchestration-common';
import { ObservedBuild } from './sourceMapping';

/**
 * A deployment a source observed, e.g. an Argo CD sync. It is recorded like a `POST /deployments`
 * report, with the idempotency key `<source id>:<key>`, so observing it again changes nothing and a
 * `started` one that is later seen `succeeded` or `failed` is finished once.
 *
 * @public
 */
export interface ObservedDeployment {
  /**
   * Identifies this rollout within the source and stays the same while it is observed again,
   * e.g. `<instance>/<application>@<revision>/<operation start>`.
   */
  key: string;
  /** A configured environment lane, e.g. `production`. */
  environment: string;
  /** Full ref of the Component deployed. */
  component: string;
  /** The version that was deployed (e.g. the image tag). */
  version: string;
  /** Full ref of the System; derived from the catalog when absent. */
  system?: string;
  status: DeploymentStatus;
  /** ISO 8601. */
  startedAt?: string;
  /** ISO 8601; only with `succeeded` or `failed`. */
  finishedAt?: string;
  /** Who deployed, as the source knows it; defaults to the source. */
  deployer?: string;
  /** A redeployment of an earlier version. */
  rollback?: boolean;
  /**
   * The build of the deployed version when the source knows its commits (e.g. from a compare
   * API); recorded before the deployment, like a `POST /builds` report.
   */
  build?: ObservedBuild;
}

/**
 * A module that observes what runs where (a CD system, a cluster) and reports it.
 * The backend reads it on its schedule with the `SchedulerService`, so one replica does it at a time.
 *
 * @public
 */
export interface DeploymentSource {
  /** Unique among sources, e.g. `argocd`; prefixes the idempotency keys of what it observes. */
  readonly id: string;
  /** How often to read; defaults to every 5 minutes with a 3 minute timeout. */
  readonly schedule?: SchedulerServiceTaskScheduleDefinition;
  /**
   * The deployments currently observable; observing the same one again is harmless. `state`
   * holds where each scope (e.g. a repository) stopped on an earlier run, on any replica; the
   * backend passes one kept in its database. A source without it keeps its own in memory.
   */
  readDeployments(options: {
    signal?: AbortSignal;
    state?: DeploymentSourceState;
  }): Promise<ObservedDeployment[]>;
  /**
   * Called once at start-up with a way to record observations as they happen (e.g. from a
   * webhook), through the same path and idempotency keys as the scheduled reads.
   */
  connect?(recorder: ObservationRecorder): void;
}

/**
 * Records observations outside the scheduled reads, e.g. from a webhook.
 *
 * @public
 */
export interface ObservationRecorder {
  record(observations: ObservedDeployment[]): Promise<void>;
}

/**
 * How far one scope of a source (a repository, a project) has read, for the admin view.
 *
 * @public
 */
export interface ScopeProgress {
  /** Observations this run read for the scope. */
  read: number;
  /** Whether this run was the scope's first (the history backfill). */
  backfill: boolean;
}

/**
 * Where a source's scopes stopped, kept across runs and replicas. Cursors set during a run are
 * only persisted once that run's observations have been recorded, so a run that fails half-way
 * is read again (recording is idempotent) instead of skipping what it did not record.
 *
 * @public
 */
export interface DeploymentSourceState {
  /** The cursor a scope saved on an earlier run; undefined before its first (the backfill). */
  get(scope: string): Promise<unknown | undefined>;
  /** Where the scope's next run starts (JSON-serialisable), and how this run went. */
  set(scope: string, cursor: unknown, progress: ScopeProgress): void;
  /** The scope could not be read this run; its cursor stays where it was. */
  fail(scope: string, error: string): void;
}

/**
 * Lets backend modules add {@link DeploymentSource}s.
 *
 * @public
 */
export interface ReleaseOrchestrationDeploymentSourcesExtensionPoint {
  addDeploymentSource(source: DeploymentSource): void;
}

/**
 * Extension point for {@link DeploymentSource}s.
 *
 * @public
 */
export const releaseOrchestrationDeploymentSourcesExtensionPoint =
  createExtensionPoint<ReleaseOrchestrationDeploymentSourcesExtensionPoint>({
    id: 'release-orchestration.deployment-sources',
  });
