import { Knex } from 'knex';

/** The time the migration tests' rows carry. */
export const MIGRATION_TEST_TIME = '2026-11-01T10:00:00.000Z';

/**
 * Release `r1` of shop and its pending promotion `p1` into staging, written as raw rows (the
 * migration tests run below the stores); `promotionColumns` adds the columns a migration brings.
 */
export async function insertReleaseAndPromotion(
  knex: Knex,
  promotionColumns: Record<string, unknown>,
) {
  const at = MIGRATION_TEST_TIME;
  await knex('releases').insert({
    id: 'r1',
    system_ref: 'system:default/shop',
    version: '1',
    risk_class: 'low',
    component_count: 0,
    manifest_digest: `sha256:${'0'.repeat(64)}`,
    created_by: 'user:default/a',
    created_at: at,
  });
  await knex('promotions').insert({
    id: 'p1',
    release_id: 'r1',
    system_ref: 'system:default/shop',
    environment: 'staging',
    state: 'pending_approval',
    requested_by: 'user:default/a',
    approvers: '[]',
    min_approvals: 1,
    separation_of_duties: false,
    required_evidence: '[]',
    require_previous_environment: true,
    ...promotionColumns,
    created_at: at,
    updated_at: at,
  });
}
