import { IncidentAttribution } from '@release-orchestration/plugin-release-orchestration-common';

/** Finished production deployments of one UTC day (within one window), as the roll-up counts them. */
export interface DeploymentDayCounts {
  day: string;
  /** Succeeded, not rollbacks. */
  deployments: number;
  /** Succeeded rollbacks. */
  rollbacks: number;
  /** Succeeded or failed: the denominator of rework rate. */
  finished: number;
  /** The denominator of change failure rate: `finished`, less those that failed to deploy when configured so. */
  changes: number;
  /** Of `changes`: failed, rolled back, or with an incident attributed (each once). */
  failedChanges: number;
  /** Of `changes`, the reasons, which can overlap. */
  failedToDeploy: number;
  rolledBack: number;
  withIncident: number;
  /** Unplanned deployments (each once): hotfix, rollback, or restored service. */
  reworked: number;
  /** The reasons of rework, which can overlap. */
  hotfixes: number;
  reworkRollbacks: number;
  restoring: number;
  /** Succeeded (rollbacks included), and of those carrying a version CI reported a build for. */
  succeeded: number;
  withCommitData: number;
}

/** A failed deployment, and when service came back. */
export interface RecoveryEvent {
  /** Epoch ms: its earliest incident opened, or without incidents it finished. */
  startedAt: number;
  /** Epoch ms: its last incident was resolved, or without incidents the next success finished. */
  restoredAt?: number;
  /** Measured by its incidents (rather than by the next successful deployment). */
  withIncident: boolean;
}

/** A production incident as the metrics see it. */
export interface IncidentFact {
  openedAt: number;
  resolvedAt?: number;
  attribution: IncidentAttribution;
  hasDeployment: boolean;
}

/** Lead-time statistics of the commits first deployed in a range. */
export interface LeadTimeStats {
  commits: number;
  medianSeconds?: number;
  p90Seconds?: number;
}
