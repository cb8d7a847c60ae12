// @ts-check

/**
 * DORA's current definitions (dora.dev guide, January 2026):
 *
 * - failed deployment recovery time is measured once per failed deployment (failed, replaced by a
 *   rollback, or with an attributed incident), from the earliest of its incidents' openings (or
 *   its own finish) to the latest resolution (or the next successful production deployment);
 * - deployment rework rate counts unplanned deployments: hotfixes, rollbacks, and the deployments
 *   that restored service (the next success after a failure without incidents, or a deployment
 *   named as the fix of a production incident).
 *
 * - coverage: whether CI reported a build for any component version a deployment carried (the
 *   share of deployments with commit data is shown next to lead time).
 *
 * The new columns are filled for existing data by the DORA catch-up task, which rebuilds them
 * for every System once (the `definitions` setting in dora_settings records that it did).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    // No foreign key: SQLite cannot add one to an existing table; the services check the id.
    table
      .string('fixed_by_deployment_id', 36)
      .nullable()
      .comment(
        'The deployment that fixed it (fixesIncidents on the report, or set on the incident): rework',
      );
    // Whether a deployment restored service by fixing an incident (rework rate).
    table.index(['fixed_by_deployment_id'], 'incidents_fixed_by_idx');
  });
  await knex.schema.alterTable('dora_deployment_facts', table => {
    table
      .timestamp('failure_started_at', { useTz: true })
      .nullable()
      .comment(
        'Set for a failed deployment: its earliest incident opening, or its own finish without incidents',
      );
    table
      .string('restored_by', 36)
      .nullable()
      .comment(
        'Without incidents: the next successful production deployment, which restored service',
      );
    table
      .boolean('restores_service')
      .notNullable()
      .defaultTo(false)
      .comment(
        'It restored service after a failed deployment or is named as the fix of an incident (rework)',
      );
    table
      .boolean('commit_data')
      .notNullable()
      .defaultTo(false)
      .comment(
        'CI reported a build for a component version it deployed: lead-time coverage',
      );
    // Failures that began in a System's or Group's window (recovery time), and the failures
    // without incidents a new success restores.
    table.index(
      ['system_ref', 'failure_started_at'],
      'dora_facts_system_failure_idx',
    );
    // Org-wide failures in a window.
    table.index(['failure_started_at'], 'dora_facts_failure_idx');
    // Whether a deployment restored a failure (rework rate).
    table.index(['restored_by'], 'dora_facts_restored_by_idx');
  });
  // Facts written under the old definitions are rebuilt by the catch-up task.
  await knex('dora_settings').where({ key: 'definitions' }).delete();
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_deployment_facts', table => {
    table.dropIndex([], 'dora_facts_restored_by_idx');
    table.dropIndex([], 'dora_facts_failure_idx');
    table.dropIndex([], 'dora_facts_system_failure_idx');
    table.dropColumn('commit_data');
    table.dropColumn('restores_service');
    table.dropColumn('restored_by');
    table.dropColumn('failure_started_at');
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_fixed_by_idx');
    table.dropColumn('fixed_by_deployment_id');
  });
  await knex('dora_settings').where({ key: 'definitions' }).delete();
};
