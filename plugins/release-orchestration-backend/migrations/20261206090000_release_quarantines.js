// @ts-check

/**
 * Quarantine of releases (docs/promotion.md): a release marked bad cannot be promoted anywhere
 * and is never known-good until the quarantine is lifted. One row per release; quarantining
 * again after a lift reuses the row (the audit trail keeps every quarantine and lift). Its own
 * table, so going down drops it without touching `releases` or their manifests.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_quarantines', table => {
    table.comment(
      'Releases marked bad by a release manager or by a production incident',
    );
    table
      .string('release_id', 36)
      .primary()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE')
      .comment('The quarantined release');
    table
      .string('id', 36)
      .notNullable()
      .comment(
        'UUID of the current quarantine; a new one each time the release is quarantined',
      );
    table
      .text('reason')
      .notNullable()
      .comment(
        'Why the release is bad, in the words of whoever quarantined it',
      );
    table
      .string('quarantined_by')
      .notNullable()
      .comment('Principal that quarantined it');
    table
      .timestamp('quarantined_at', { useTz: true })
      .notNullable()
      .comment('When it was quarantined');
    table
      .string('incident_id', 36)
      .nullable()
      .comment(
        'The production incident that quarantined it automatically; null when a person did',
      );
    table
      .timestamp('lifted_at', { useTz: true })
      .nullable()
      .comment('When the quarantine was lifted; null while it is in force');
    table.string('lifted_by').nullable().comment('Principal that lifted it');
    table.text('lift_reason').nullable().comment('Why it was lifted');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_quarantines');
};
