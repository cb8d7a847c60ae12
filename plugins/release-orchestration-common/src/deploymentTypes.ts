import { ComponentChange } from './types';

/**
 * Outcome of a deployment as CD reports it: `started` may later become `succeeded` or `failed`,
 * once.
 * @public
 */
export type DeploymentStatus = 'started' | 'succeeded' | 'failed';

/**
 * A component version that a deployment put into an environment.
 * @public
 */
export interface DeployedComponent {
  componentRef: string;
  version: string;
}

/**
 * A deployment without its component lines.
 * @public
 */
export interface DeploymentSummary {
  id: string;
  /** The client-supplied key that makes reporting idempotent. */
  idempotencyKey: string;
  systemRef: string;
  environment: string;
  /** Set when a release (all of its manifest, or one component of it) was deployed. */
  releaseId?: string;
  releaseVersion?: string;
  /** The promotion this deployment carries out, if any. */
  promotionId?: string;
  status: DeploymentStatus;
  /** A deployment of an earlier version, made to undo a bad one. */
  rollback: boolean;
  /** An unplanned deployment made to fix a production incident (DORA rework rate). */
  hotfix: boolean;
  startedAt: string;
  /** When the deployment succeeded or failed; absent while it runs. */
  finishedAt?: string;
  /**
   * The authenticated principal that reported the deployment: a user ref or `service:<subject>`
   * (deployments reported before the principals migration may hold the name CD reported).
   */
  deployer: string;
  /** Who the reporting caller says deployed (the request's `deployer`), unverified. */
  deployerClaim?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A deployment: what CD (or a deployment source such as Argo CD) reported running.
 * @public
 */
export interface Deployment extends DeploymentSummary {
  components: DeployedComponent[];
}

/**
 * Drift state of one System in one environment.
 * `unknown`: nothing succeeded there yet. `in_sync`: every component of the expected release runs
 * at its version and nothing else runs. `drifted`: see the components.
 * @public
 */
export type DriftState = 'in_sync' | 'drifted' | 'unknown';

/**
 * Why a component is out of line with the expected release.
 * @public
 */
export type DriftReason = 'version-differs' | 'not-deployed' | 'not-in-release';

/**
 * One component that differs from the expected release in an environment.
 * @public
 */
export interface ComponentDrift {
  componentRef: string;
  reason: DriftReason;
  /** The version the expected release ships; absent for `not-in-release`. */
  expectedVersion?: string;
  /** The version that runs; absent for `not-deployed`. */
  runningVersion?: string;
  /** When the difference began: the later of the running deployment and the expected release's deployment. */
  since: string;
  /** The deployment that introduced the difference. */
  sinceDeploymentId: string;
}

/**
 * A component version running in an environment: its newest succeeded deployment.
 * @public
 */
export interface RunningComponent {
  componentRef: string;
  version: string;
  deploymentId: string;
  deployedAt: string;
  /** The release the deployment carried, if any. */
  releaseId?: string;
}

/**
 * Expected manifest against what runs, for one environment.
 * @public
 */
export interface EnvironmentDrift {
  state: DriftState;
  components: ComponentDrift[];
}

/**
 * A release as deployed to an environment.
 * @public
 */
export interface DeployedRelease {
  id: string;
  version: string;
  /** The succeeded deployment that made it current (or, for known-good, its newest success there). */
  deploymentId: string;
  deployedAt: string;
  /** Who ran that deployment, as in {@link DeploymentSummary.deployer}. */
  deployer: string;
  rollback: boolean;
  /** Why the release is quarantined, while it is. */
  quarantineReason?: string;
}

/**
 * What promoting the previous lane's current release into this lane would change.
 * @public
 */
export interface IncomingChanges {
  fromEnvironment: string;
  /** The previous lane's current release; absent when nothing was released there. */
  release?: { id: string; version: string };
  /** Component diff of that release against this lane's current release; empty without one. */
  changes: ComponentChange[];
}

/**
 * Everything about one System in one environment lane.
 * @public
 */
export interface EnvironmentState {
  environment: string;
  title: string;
  /** The release of the newest succeeded release deployment: the expected manifest. */
  currentRelease?: DeployedRelease;
  /** The newest release that fully succeeded there and was not rolled back: what a rollback returns to. */
  knownGoodRelease?: DeployedRelease;
  /** The newest deployment of any status, e.g. one still running or one that failed. */
  lastDeployment?: DeploymentSummary;
  running: RunningComponent[];
  drift: EnvironmentDrift;
  /** Absent on the first lane. */
  incoming?: IncomingChanges;
}

/**
 * Response of `GET /systems/{namespace}/{name}/environments`: every lane, in promotion order.
 * @public
 */
export interface SystemEnvironments {
  systemRef: string;
  environments: EnvironmentState[];
}
