// @ts-check

/**
 * Recurring freeze windows declared in the portal (docs/promotion.md#recurring-freeze-windows),
 * next to those of app-config: one row per window, its rule as declared. Names are unique so
 * that two replicas creating the same window race safely (the second gets a 409).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('recurring_freezes', table => {
    table.comment('Recurring freeze windows declared in the portal');
    table.string('id', 36).primary().comment('UUID of the window');
    table
      .string('name', 63)
      .notNullable()
      .unique()
      .comment('Name, unique; windows show as recurring:<name>:<lane>');
    table
      .text('environments')
      .notNullable()
      .comment('JSON array of the lane names it covers');
    table
      .text('systems')
      .notNullable()
      .comment('JSON array of System refs; empty for every System');
    table
      .string('every', 64)
      .notNullable()
      .comment('Days it opens on, comma-separated: mon,tue,...');
    table.string('from_time', 5).notNullable().comment('Opens at HH:MM');
    table
      .string('until_time', 9)
      .notNullable()
      .comment('Closes at HH:MM, or a day and HH:MM such as mon 08:00');
    table
      .string('time_zone', 64)
      .notNullable()
      .comment('IANA time zone of the times');
    table
      .text('exceptions')
      .notNullable()
      .comment(
        'JSON array of local dates YYYY-MM-DD on which it does not open',
      );
    table.text('reason').notNullable().comment('Why, shown with the window');
    table
      .string('created_by')
      .notNullable()
      .comment('Principal that declared it');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was declared');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('recurring_freezes');
};
