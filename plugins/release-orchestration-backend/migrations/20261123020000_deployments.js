// @ts-check

/**
 * Deployments: what CD (or a deployment source such as Argo CD) reported running where.
 * Drift, known-good releases and the DORA metrics are derived from these rows.
 *
 * Timestamps are ISO 8601 strings in UTC written by the store, like the other tables, so they
 * sort the same way on SQLite (text) and PostgreSQL (timestamptz).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment(
      'Deployments of a System (a whole release, part of one, or one component) to an environment',
    );
    table.string('id', 36).primary().comment('UUID of the deployment');
    table
      .text('idempotency_key')
      .notNullable()
      .comment(
        'Client-supplied key; reporting the same key again never appends a second deployment',
      );
    table.string('system_ref').notNullable().comment('Full ref of the System');
    table
      .string('environment', 63)
      .notNullable()
      .comment('Environment lane name from app-config');
    table
      .string('release_id', 36)
      .nullable()
      .references('id')
      .inTable('releases')
      .comment('The release deployed, when it was a release deployment');
    // No foreign key: the promotions table belongs to another migration and feature; the
    // service checks the promotion when it moves it.
    table
      .string('promotion_id', 36)
      .nullable()
      .comment('The promotion this deployment carries out');
    table
      .string('status', 16)
      .notNullable()
      .comment('started, succeeded or failed');
    table
      .boolean('rollback')
      .notNullable()
      .defaultTo(false)
      .comment('A deployment of an earlier version, made to undo a bad one');
    table
      .boolean('hotfix')
      .notNullable()
      .defaultTo(false)
      .comment(
        'An unplanned deployment to fix a production incident (DORA rework rate)',
      );
    table
      .timestamp('started_at', { useTz: true })
      .notNullable()
      .comment('When the deployment started');
    table
      .timestamp('finished_at', { useTz: true })
      .nullable()
      .comment('When it succeeded or failed; null while it runs');
    table
      .string('deployer')
      .notNullable()
      .comment('Who deployed: user ref, service:<subject> or a CD name');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was first reported');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When its status last changed');
    table.unique(['idempotency_key'], {
      indexName: 'deployments_idempotency_key_uq',
    });
    // Drift and known-good: "the newest succeeded deployment per System x environment (x component)"
    // filters on system_ref, environment and status and orders by finished_at; DORA windows per
    // System use the same prefix.
    table.index(
      ['system_ref', 'environment', 'status', 'finished_at'],
      'deployments_drift_idx',
    );
    // Moving a promotion: the deployments that carry it out.
    table.index(['promotion_id'], 'deployments_promotion_idx');
    // Deployment history of a System (GET /deployments), newest first by when it was reported.
    table.index(['system_ref', 'created_at'], 'deployments_system_created_idx');
  });

  await knex.schema.createTable('deployment_components', table => {
    table.comment('Component versions a deployment put into its environment');
    table
      .string('deployment_id', 36)
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE')
      .comment('The deployment');
    table
      .string('component_ref')
      .notNullable()
      .comment('Full ref of the Component');
    table
      .string('version', 128)
      .notNullable()
      .comment('Version deployed (the build version when CI reported one)');
    table.primary(['deployment_id', 'component_ref']);
    // Where a component version runs, and lead time: joining a deployed version to its build.
    table.index(
      ['component_ref', 'version'],
      'deployment_components_component_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_components');
  await knex.schema.dropTable('deployments');
};
