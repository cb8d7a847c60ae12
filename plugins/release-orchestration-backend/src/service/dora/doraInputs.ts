import { IncidentAttribution } from '@release-orchestration/plugin-release-orchestration-common';

/** Finished production deployments of one UTC day (within one window), as the roll-up counts them. */
export interface DeploymentDayCounts {
  day: string;
  /** Succeeded, not rollbacks. */
  deployments: number;
  /** Succeeded rollbacks. */
  rollbacks: number;
  /** Succeeded or failed. */
  finished: number;
  /** Failed, rolled back, or with an incident attributed. */
  failedChanges: number;
  failed: number;
  rolledBack: number;
  withIncident: number;
  hotfixes: number;
}

/** A failure caused by a deployment, and when service came back. */
export interface RecoveryEvent {
  kind: 'incident' | 'failedDeployment';
  /** Epoch ms: the incident opened, or the deployment failed. */
  startedAt: number;
  /** Epoch ms: the incident was resolved, or the next successful deployment finished. */
  restoredAt?: number;
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
