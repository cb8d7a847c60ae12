// @ts-check

/**
 * Commits carry their author as CI reported it (a name or e-mail), so a release's changes say
 * who made each commit. Null for commits reported before, or without one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('build_commits', table => {
    table
      .string('author', 200)
      .nullable()
      .comment('Commit author as CI reported it; null when not sent');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('build_commits', table => {
    table.dropColumn('author');
  });
};
