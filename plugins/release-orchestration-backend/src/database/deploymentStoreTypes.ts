import {
  Deployment,
  DeploymentSummary,
  ReleaseComponent,
} from '@release-orchestration/plugin-release-orchestration-common';
import { ListCursor } from './types';

/**
 * A deployment to be stored: a {@link Deployment} before it was ever updated (`updatedAt` is
 * `createdAt`), with where it came from. `releaseVersion` is optional here too: when the caller
 * has it, the store need not read it back.
 */
export type NewDeployment = Omit<Deployment, 'updatedAt'> & {
  /** How it came in (`api`, `import`, `cdevents`, a source module id); `api` when absent. */
  source?: string;
};

/** Deployments reported by CD and deployment sources. */
export interface DeploymentStore {
  /** Inserts unless the idempotency key was used; returns the stored deployment either way. */
  insertIfAbsent(
    deployment: NewDeployment,
  ): Promise<{ deployment: Deployment; inserted: boolean }>;
  /**
   * {@link DeploymentStore.insertIfAbsent} for many deployments in a few multi-row statements
   * (deployments, their components, the running state of their lanes); one answer each, in order.
   * A later deployment with an idempotency key that comes earlier in the list is not inserted and
   * answers with the earlier one.
   */
  insertManyIfAbsent(
    deployments: NewDeployment[],
  ): Promise<Array<{ deployment: Deployment; inserted: boolean }>>;
  get(id: string): Promise<Deployment | undefined>;
  /** The deployments of these ids that exist, in the order of the ids. */
  getMany(ids: string[]): Promise<Deployment[]>;
  getByIdempotencyKey(key: string): Promise<Deployment | undefined>;
  /**
   * Moves a started deployment to its outcome. False when it is no longer `started` (another
   * writer finished it first); the caller re-reads.
   */
  finish(
    id: string,
    outcome: {
      status: 'succeeded' | 'failed';
      finishedAt: string;
      updatedAt: string;
    },
  ): Promise<boolean>;
  /** A System's deployments, newest reported first. */
  list(options: {
    systemRef: string;
    environment?: string;
    limit: number;
    cursor?: ListCursor;
  }): Promise<Deployment[]>;
  /** Whether any deployment was ever reported. */
  hasAny(): Promise<boolean>;
}

/** A succeeded deployment that carried a release. */
export interface ReleaseDeploymentRecord {
  deploymentId: string;
  environment: string;
  releaseId: string;
  releaseVersion: string;
  rollback: boolean;
  finishedAt: string;
  deployer: string;
  /** Whether it deployed the whole manifest rather than some of its components. */
  whole: boolean;
}

/** The newest succeeded deployment of one component in one environment. */
export interface RunningComponentRecord {
  environment: string;
  componentRef: string;
  version: string;
  deploymentId: string;
  deployedAt: string;
  releaseId?: string;
}

/**
 * The reads behind drift, current and known-good releases: each a single query over all the
 * given environments, whatever the number of components.
 */
export interface DriftStore {
  /** Succeeded release deployments, newest first, at most `perEnvironment` per environment. */
  succeededReleaseDeployments(
    systemRef: string,
    environments: string[],
    perEnvironment: number,
  ): Promise<ReleaseDeploymentRecord[]>;
  /** The newest succeeded deployment of a whole release manifest, per environment. */
  latestWholeReleaseDeployments(
    systemRef: string,
    environments: string[],
  ): Promise<ReleaseDeploymentRecord[]>;
  /** The newest succeeded deployment of each component, per environment. */
  runningComponents(
    systemRef: string,
    environments: string[],
  ): Promise<RunningComponentRecord[]>;
  /** The newest deployment of any status, per environment. */
  latestDeployments(
    systemRef: string,
    environments: string[],
  ): Promise<DeploymentSummary[]>;
  /** The manifests of several releases at once. */
  manifests(releaseIds: string[]): Promise<Map<string, ReleaseComponent[]>>;
}
