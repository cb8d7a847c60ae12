// @ts-check

/**
 * Who acts is the authenticated principal; what a caller says about it is a claim kept beside it.
 *
 * `deployments.deployer` holds the principal that reported the deployment (a user ref or
 * `service:<subject>`) from now on; the `deployer` a caller names (e.g. the person a CD
 * pipeline ran for) goes to the new `deployer_claim`. Rows reported before this migration keep
 * what they had in `deployer` (the claim where one was given, else the principal) and have no
 * claim.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table
      .string('deployer_claim', 255)
      .nullable()
      .comment(
        'Who the reporting caller says deployed (unverified); deployer holds the authenticated principal',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('deployer_claim');
  });
};
