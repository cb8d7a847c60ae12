// @ts-check

/**
 * Deferred DORA roll-ups (docs/data-sources.md#dora-roll-ups-of-an-import): production
 * deployments that a history import (`POST /import`) stored without recording them in the DORA
 * roll-ups, oldest first; the catch-up records them in batches and deletes their rows in the same
 * transaction.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_deferred_deployments', table => {
    table.comment(
      'Production deployments stored by an import whose DORA roll-ups are still to be recorded',
    );
    table
      .string('deployment_id', 36)
      .primary()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE')
      .comment('The deployment');
    table.string('system_ref').notNullable().comment('Full ref of its System');
    table
      .timestamp('deployed_at', { useTz: true })
      .notNullable()
      .comment('When it finished: the catch-up records the oldest first');
    table
      .timestamp('deferred_at', { useTz: true })
      .notNullable()
      .comment('When the import stored it');
    table.index(
      ['deployed_at', 'deployment_id'],
      'dora_deferred_deployments_order_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_deferred_deployments');
};
