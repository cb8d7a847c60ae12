import { IncidentAttribution } from '@release-orchestration/plugin-release-orchestration-common';

/**
 * Values as the two drivers return them. PostgreSQL returns booleans as booleans, `bigint`
 * aggregates (COUNT, SUM) as strings and timestamps as Dates; SQLite returns booleans as 0/1,
 * aggregates as numbers and timestamps as the stored text or epoch milliseconds.
 */
export type DbBoolean = boolean | number | string;
/** A number or an aggregate, see {@link DbBoolean}. */
export type DbNumber = number | string;
/** A timestamp column, see {@link DbBoolean}. */
export type DbTimestamp = Date | string | number;

/** A row of `dora_deployment_facts`: one finished production deployment. */
export interface DoraDeploymentFactRow {
  deployment_id: string;
  system_ref: string;
  release_id: string | null;
  deployed_at: DbTimestamp;
  day: string;
  succeeded: DbBoolean;
  rollback: DbBoolean;
  hotfix: DbBoolean;
  rolled_back_by: string | null;
  incident_count: DbNumber;
  restored_at: DbTimestamp | null;
  commit_data: DbBoolean;
  restores_service: DbBoolean;
  restored_by: string | null;
  failure_started_at: DbTimestamp | null;
}

/** A row of `dora_lead_times`: one commit first deployed to production. */
export interface DoraLeadTimeRow {
  component_ref: string;
  system_ref: string;
  deployment_id: string;
  sha: string;
  committed_at: DbTimestamp;
  deployed_at: DbTimestamp;
  lead_seconds: DbNumber;
  lead_bucket: DbNumber;
  day: string;
}

/** The incident columns the DORA reads use (a row of `incidents`). */
export interface DoraIncidentRow {
  id: string;
  source: string;
  external_id: string;
  deployment_id: string | null;
  title: string;
  url: string | null;
  opened_at: DbTimestamp;
  resolved_at: DbTimestamp | null;
}

/** The per-day (or per-System) sums of `DatabaseDoraMetricsStore.deploymentDays`. */
export interface DeploymentDaySumsRow {
  day?: string;
  system_ref?: string;
  deployed_days?: string | null;
  deployments: DbNumber | null;
  rollbacks: DbNumber | null;
  finished: DbNumber | null;
  changes: DbNumber | null;
  failed_changes: DbNumber | null;
  failed_to_deploy: DbNumber | null;
  rolled_back: DbNumber | null;
  with_incident: DbNumber | null;
  reworked: DbNumber | null;
  hotfixes: DbNumber | null;
  rework_rollbacks: DbNumber | null;
  restoring: DbNumber | null;
  succeeded: DbNumber | null;
  with_commit_data: DbNumber | null;
}

/** A System's count of one kind (`SELECT system_ref, SUM(...) AS deployments`). */
export interface SystemDeploymentsRow {
  system_ref: string;
  deployments: DbNumber | null;
}

/** A row of `dora_systems`. */
export interface DoraSystemRow {
  system_ref: string;
  first_deployed_at: DbTimestamp;
}

/** A deployment's lead times as a comma-separated list (`dora_deployment_lead_times`). */
export interface DeploymentLeadTimesRow {
  system_ref: string;
  deployedAt: DbNumber;
  lead_seconds: string;
}

/** A lead-time histogram bucket with its commit count. */
export interface LeadTimeBucketRow {
  bucket: DbNumber;
  commits: DbNumber;
}

/** A failed deployment's times as epoch milliseconds. */
export interface FailureTimesRow {
  system_ref: string;
  deployment_id: string;
  started_ms: DbNumber;
  restored_ms: DbNumber | null;
  incident_count: DbNumber;
}

/** An incident's times as epoch milliseconds. */
export interface IncidentTimesRow {
  system_ref: string;
  opened_ms: DbNumber;
  resolved_ms: DbNumber | null;
  attribution: IncidentAttribution;
  deployment_id: string | null;
}
