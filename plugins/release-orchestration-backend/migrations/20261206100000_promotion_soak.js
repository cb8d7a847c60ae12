// @ts-check

/**
 * Soak time (docs/promotion.md#soak-time): the soak a promotion was requested under, so that the
 * scheduled re-evaluation of a blocked promotion applies the policy it was requested with.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('promotions', table => {
    table
      .integer('min_soak_seconds')
      .nullable()
      .comment(
        'Seconds the release had to run in the previous lane without an open incident, at request time; null for none',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // Not knex's dropColumn: on SQLite it rebuilds the table, and dropping the old one inside the
  // migration's transaction cascades to approvals and transitions. Both databases drop a column natively.
  await knex.raw('ALTER TABLE ?? DROP COLUMN ??', [
    'promotions',
    'min_soak_seconds',
  ]);
};
