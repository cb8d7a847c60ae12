// @ts-check

/**
 * Keyed audit chain: a key id per event (HMAC-SHA256 with a secret from config that the database
 * does not hold), signed checkpoints of the chain head, and the state of the background full
 * re-verification.
 *
 * Events written before this migration keep `key_id` null and keep verifying with the original
 * scheme (sha256 over millisecond timestamps).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table
      .string('key_id', 64)
      .nullable()
      .comment(
        "Id of the configured key whose HMAC-SHA256 is `hash`; 'unkeyed' for plain sha256 when no key was configured; null for events written before keys existed",
      );
  });

  await knex.schema.createTable('audit_checkpoints', table => {
    table.comment(
      'Signed checkpoints of the audit chain head, also published outside the database',
    );
    table
      .increments('id')
      .primary()
      .comment('Order in which checkpoints were taken');
    table
      .bigInteger('sequence')
      .notNullable()
      .comment('Sequence of the newest event at the checkpoint');
    table.string('head_hash', 64).notNullable().comment('Hash of that event');
    // Text, not a timestamp column: the signature covers exactly these characters on both databases.
    table
      .string('created_at', 32)
      .notNullable()
      .comment('When it was taken, ISO 8601 UTC with microseconds');
    table
      .string('key_id', 64)
      .notNullable()
      .comment("Key that signed it, or 'unkeyed'");
    table
      .boolean('verified')
      .notNullable()
      .comment('Whether the chain up to it had verified before it was signed');
    table
      .string('signature', 64)
      .notNullable()
      .comment('HMAC-SHA256 of the fields above');
    table.index(['sequence'], 'audit_checkpoints_sequence_idx');
  });

  await knex.schema.createTable('audit_verification', table => {
    table.comment(
      'One row: progress and result of the scheduled full re-verification of the chain',
    );
    table.integer('id').primary().comment('Always 1');
    table
      .string('state', 16)
      .notNullable()
      .comment('never, running or finished');
    table
      .string('started_at', 32)
      .nullable()
      .comment('When the current or last run started (ISO 8601)');
    table
      .string('finished_at', 32)
      .nullable()
      .comment('When the last run finished (ISO 8601)');
    table
      .bigInteger('target_sequence')
      .notNullable()
      .comment('Chain head the run verifies up to');
    table
      .bigInteger('checked_events')
      .notNullable()
      .comment('Events verified so far in the run');
    table
      .boolean('valid')
      .nullable()
      .comment('Result of the last finished run');
    table
      .integer('break_count')
      .notNullable()
      .comment('Breaks the last finished run found');
    table
      .text('breaks')
      .nullable()
      .comment('JSON: the first breaks the last finished run found');
  });
  await knex('audit_verification').insert({
    id: 1,
    state: 'never',
    target_sequence: 0,
    checked_events: 0,
    break_count: 0,
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_verification');
  await knex.schema.dropTable('audit_checkpoints');
  await knex.schema.alterTable('audit_events', table => {
    table.dropColumn('key_id');
  });
};
