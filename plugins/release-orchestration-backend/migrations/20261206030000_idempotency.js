// @ts-check

/**
 * Idempotency keys: the `Idempotency-Key` header of create requests, so that a retried request
 * is answered with the original result instead of creating twice (or answering 409).
 *
 * A key is scoped to the authenticated principal that sent it. Its row is inserted in the same
 * transaction as the change the request makes (so a commit and its key are never separated), and
 * the response is added once it is known. Rows older than the retention period are removed by a
 * scheduled task.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('idempotency_keys', table => {
    table.comment(
      'Idempotency-Key headers of create requests and the answers they got',
    );
    table
      .string('principal', 512)
      .notNullable()
      .comment(
        'The authenticated principal that sent the key (user entity ref or service:<subject>)',
      );
    table
      .string('idempotency_key', 255)
      .notNullable()
      .comment('The Idempotency-Key header, as sent');
    table
      .string('request_hash', 64)
      .notNullable()
      .comment(
        'sha256 over method, route, path parameters and canonical JSON body of the first request',
      );
    table
      .string('method', 10)
      .notNullable()
      .comment('HTTP method of the first request');
    table
      .string('route', 200)
      .notNullable()
      .comment(
        'Route template of the first request, e.g. /releases/:id/evidence',
      );
    table
      .string('subject_type', 50)
      .nullable()
      .comment(
        'Type of the first thing the request changed (from its audit event), for answering after a lost response',
      );
    table.string('subject_id', 100).nullable().comment('Id of that thing');
    table
      .integer('response_status')
      .nullable()
      .comment('HTTP status of the answer; null until the answer is known');
    table
      .text('response_body')
      .nullable()
      .comment('JSON body of the answer; null until the answer is known');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the key was first used');
    table
      .timestamp('completed_at', { useTz: true })
      .nullable()
      .comment('When the answer was stored');
    table.primary(['principal', 'idempotency_key']);
    table.index(['created_at'], 'idempotency_keys_created_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('idempotency_keys');
};
