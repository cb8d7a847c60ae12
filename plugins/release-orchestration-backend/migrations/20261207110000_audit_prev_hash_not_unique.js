// @ts-check

/**
 * Drops the unique index on `audit_events.prev_hash`. It was a second guard against a fork (two
 * events chained onto the same predecessor), next to the ones that make a fork impossible:
 * events are appended under the lock of the `audit_head` row, which moves only from the sequence
 * it was read at, and `sequence` is the primary key, so one event at most follows each event;
 * `GET /audit/verify` reports any event whose `prev_hash` is not its predecessor's hash.
 *
 * The index cost every append a random page (hashes are random): inserting 1,000 events into the
 * scale-1 installation's chain of a million took 83-146 ms with it and 32-50 ms without
 * (psql, one multi-row insert in a rolled-back transaction, alternating, 7 December), the largest
 * single cost of a `POST /import` request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.dropUnique(['prev_hash'], 'audit_events_prev_hash_unique');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.unique(['prev_hash'], { indexName: 'audit_events_prev_hash_unique' });
  });
};
