// @ts-check

/**
 * Owners of what changed approve (docs/promotion.md#owners-of-what-changed-approve): the
 * owners-of-changes options a promotion was requested under, the commit authors and owning groups
 * worked out then, and per owning group the one approval that counted for it. The primary key
 * (promotion, group) and the conditional update of `approved_by` make two members of a group
 * approving at once on two replicas count once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('promotions', table => {
    table
      .string('owners_of_changes_approve', 16)
      .nullable()
      .comment(
        'also or instead: owning groups of changed components approve; null when off',
      );
    table
      .boolean('commit_authors_cannot_approve')
      .nullable()
      .comment('Authors of the commits the release brings in may not vote');
    table
      .text('change_approvals')
      .nullable()
      .comment(
        'JSON: the release the lane ran at request time, commit authors (user refs) and unowned components; null when the options are off',
      );
  });
  await knex.schema.createTable('promotion_owner_groups', table => {
    table.comment(
      'Owning groups of the components a promotion changes, each of which must approve once',
    );
    table
      .string('promotion_id', 36)
      .notNullable()
      .references('id')
      .inTable('promotions')
      .onDelete('CASCADE')
      .comment('The promotion');
    table
      .string('group_ref')
      .notNullable()
      .comment('Group entity ref (spec.owner of the components), lower case');
    table
      .text('components')
      .notNullable()
      .comment('JSON array of the changed component refs the group owns');
    table
      .string('approval_id', 36)
      .nullable()
      .references('id')
      .inTable('approvals')
      .onDelete('CASCADE')
      .comment('The vote that counted for the group; null until one did');
    table
      .string('approved_by')
      .nullable()
      .comment('User entity ref whose approval counted for the group');
    table
      .timestamp('approved_at', { useTz: true })
      .nullable()
      .comment('When the group approved');
    table.primary(['promotion_id', 'group_ref']);
    table.index(['group_ref'], 'promotion_owner_groups_group_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('promotion_owner_groups');
  for (const column of [
    'change_approvals',
    'commit_authors_cannot_approve',
    'owners_of_changes_approve',
  ]) {
    await knex.raw('ALTER TABLE ?? DROP COLUMN ??', ['promotions', column]);
  }
};
