/** A column value as the generator produces it; timestamps are ISO 8601 strings in UTC. */
export type Value = string | number | boolean | null;

/**
 * The plugin's tables the generator fills, with the columns it writes, in write order (parents
 * before children, so SQLite's foreign keys hold at every insert). Columns left out keep their
 * defaults.
 */
export const TABLES = {
  builds: [
    'id',
    'component_ref',
    'version',
    'artifact_uri',
    'artifact_digest',
    'build_url',
    'commit_sha',
    'commit_time',
    'reported_by',
    'created_at',
  ],
  build_commits: ['build_id', 'sha', 'committed_at', 'message'],
  releases: [
    'id',
    'system_ref',
    'version',
    'notes',
    'risk_class',
    'component_count',
    'created_by',
    'created_at',
  ],
  release_components: ['release_id', 'component_ref', 'build_id'],
  evidence: [
    'id',
    'release_id',
    'type',
    'status',
    'url',
    'summary',
    'environment',
    'content_digest',
    'created_by',
    'created_at',
  ],
  promotions: [
    'id',
    'release_id',
    'system_ref',
    'environment',
    'state',
    'requested_by',
    'justification',
    'rollback',
    'policy_name',
    'approvers',
    'min_approvals',
    'separation_of_duties',
    'required_evidence',
    'require_previous_environment',
    'approval_count',
    'created_at',
    'updated_at',
  ],
  promotion_approver_groups: ['promotion_id', 'group_ref'],
  approvals: [
    'id',
    'promotion_id',
    'approver',
    'decision',
    'comment',
    'created_at',
  ],
  promotion_transitions: [
    'promotion_id',
    'sequence',
    'from_state',
    'to_state',
    'actor',
    'reason',
    'created_at',
  ],
  deployments: [
    'id',
    'idempotency_key',
    'system_ref',
    'environment',
    'release_id',
    'promotion_id',
    'status',
    'rollback',
    'hotfix',
    'started_at',
    'finished_at',
    'deployer',
    'created_at',
    'updated_at',
  ],
  deployment_components: ['deployment_id', 'component_ref', 'version'],
  incidents: [
    'id',
    'source',
    'external_id',
    'system_ref',
    'environment',
    'title',
    'url',
    'opened_at',
    'resolved_at',
    'deployment_id',
    'release_id',
    'attribution',
    'reported_by',
    'created_at',
    'updated_at',
  ],
  dora_deployment_facts: [
    'deployment_id',
    'system_ref',
    'release_id',
    'deployed_at',
    'day',
    'succeeded',
    'rollback',
    'hotfix',
    'rolled_back_by',
    'incident_count',
    'restored_at',
  ],
  dora_lead_times: [
    'component_ref',
    'sha',
    'system_ref',
    'deployment_id',
    'committed_at',
    'deployed_at',
    'day',
    'lead_seconds',
    'lead_bucket',
  ],
  dora_lead_time_histogram: ['day', 'bucket', 'commits'],
  dora_deployment_lead_times: [
    'deployment_id',
    'system_ref',
    'deployed_at',
    'lead_seconds',
  ],
  dora_systems: ['system_ref', 'first_deployed_at'],
  dora_settings: ['key', 'value'],
} as const;

/** A table the generator writes. */
export type TableName = keyof typeof TABLES;

/** Every table, in write order. */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The DORA roll-up tables: written by the generator, or rebuilt by the plugin's own catch-up. */
export const ROLLUP_TABLES: TableName[] = [
  'dora_deployment_facts',
  'dora_lead_times',
  'dora_lead_time_histogram',
  'dora_deployment_lead_times',
  'dora_systems',
  'dora_settings',
];

/** Where generated rows go: a database, a hash, a counter. */
export interface RowSink {
  write(table: TableName, row: Value[]): void;
  /** Called after each System's rows: a chance to flush and to wait for the database. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
