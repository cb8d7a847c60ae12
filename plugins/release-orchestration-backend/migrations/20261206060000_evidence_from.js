// @ts-check

/**
 * A lane's policy can require its evidence from service principals (`evidenceFrom: service`):
 * a promotion keeps that part of the policy it was requested under, like the rest of it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('promotions', table => {
    table
      .string('evidence_from', 16)
      .nullable()
      .comment(
        "'service': required evidence counts only when a service principal (CI) attached it; null: from anyone",
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('promotions', table => {
    table.dropColumn('evidence_from');
  });
};
