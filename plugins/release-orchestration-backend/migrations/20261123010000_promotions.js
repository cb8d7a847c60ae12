// @ts-check

/**
 * Evidence, promotions with their approvals and state transitions, and freeze windows.
 *
 * Races between replicas are settled here: one open promotion per release and environment (a
 * partial unique index), one vote per person and promotion, and one transition per promotion
 * and sequence number. Timestamps are ISO 8601 strings in UTC written by the store, as in the
 * other tables.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('evidence', table => {
    table.comment(
      'Immutable evidence attached to a release: test reports, scans, change tickets',
    );
    table.string('id', 36).primary().comment('UUID of the evidence');
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE')
      .comment('The release the evidence is about');
    table
      .string('type', 64)
      .notNullable()
      .comment('Kind of evidence, e.g. unit-tests; policies require types');
    table.string('status', 8).notNullable().comment('pass, fail or warn');
    table.text('url').notNullable().comment('Where the report is');
    table.text('summary').notNullable().comment('One line a person can read');
    table
      .string('environment', 63)
      .nullable()
      .comment('The environment it is about; null for every environment');
    table
      .string('content_digest', 200)
      .nullable()
      .comment('Digest of the report, algorithm:hex');
    table
      .string('created_by')
      .notNullable()
      .comment('Principal that attached it');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was attached');
    table.index(['release_id', 'created_at'], 'evidence_release_created_idx');
  });

  await knex.schema.createTable('promotions', table => {
    table.comment(
      'Requests to move a release into an environment, with the policy they were requested under',
    );
    table.string('id', 36).primary().comment('UUID of the promotion');
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE')
      .comment('The release promoted');
    table
      .string('system_ref')
      .notNullable()
      .comment("Full ref of the release's System");
    table
      .string('environment', 63)
      .notNullable()
      .comment('Target environment lane');
    table
      .string('state', 32)
      .notNullable()
      .comment(
        'blocked, pending_approval, approved, deploying, succeeded, failed, rejected or cancelled',
      );
    table
      .string('requested_by')
      .notNullable()
      .comment('Principal that asked for the promotion');
    table
      .text('justification')
      .nullable()
      .comment("Why, in the requester's words");
    table
      .boolean('rollback')
      .notNullable()
      .defaultTo(false)
      .comment('A rollback to an earlier release');
    table
      .text('emergency_override_justification')
      .nullable()
      .comment(
        'Written justification of a freeze override; null when no freeze was overridden',
      );
    table
      .string('emergency_override_by')
      .nullable()
      .comment('Who overrode the freeze');
    table
      .text('emergency_override_freeze_ids')
      .nullable()
      .comment('JSON array of the overridden freeze ids');
    table
      .text('blocked_reason')
      .nullable()
      .comment('Why the promotion is blocked');
    table
      .string('policy_name', 63)
      .nullable()
      .comment('Named policy the System selected, if any');
    table
      .text('approvers')
      .notNullable()
      .comment('JSON array of approver Group refs at request time');
    table
      .integer('min_approvals')
      .notNullable()
      .comment('Approvals needed, at request time');
    table
      .boolean('separation_of_duties')
      .notNullable()
      .comment('Requester and release author may not approve');
    table
      .text('required_evidence')
      .notNullable()
      .comment('JSON array of evidence types required at request time');
    table
      .boolean('require_previous_environment')
      .notNullable()
      .comment('Previous lane had to succeed');
    table
      .integer('approval_count')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Approve votes so far; incremented under a row lock with the vote',
      );
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was requested');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When its state last changed');
    table.index(['release_id'], 'promotions_release_idx');
    // Known-good and rollback look-ups: succeeded promotions of a System into a lane.
    table.index(
      ['system_ref', 'environment', 'state'],
      'promotions_system_env_state_idx',
    );
    // The approval queue: pending promotions, newest first.
    table.index(['state', 'created_at'], 'promotions_state_created_idx');
  });
  // At most one open promotion per release and environment, whichever replica asks.
  await knex.raw(
    `CREATE UNIQUE INDEX promotions_open_uq ON promotions (release_id, environment)
     WHERE state IN ('blocked', 'pending_approval', 'approved', 'deploying')`,
  );

  await knex.schema.createTable('promotion_approver_groups', table => {
    table.comment(
      'Approver groups of each promotion, for the approval queue query',
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
      .comment('Full ref of an approver Group');
    table.primary(['promotion_id', 'group_ref']);
    table.index(['group_ref'], 'promotion_approver_groups_group_idx');
  });

  await knex.schema.createTable('approvals', table => {
    table.comment(
      'Votes on promotions; immutable, one per person and promotion',
    );
    table.string('id', 36).primary().comment('UUID of the vote');
    table
      .string('promotion_id', 36)
      .notNullable()
      .references('id')
      .inTable('promotions')
      .onDelete('CASCADE')
      .comment('The promotion voted on');
    table
      .string('approver')
      .notNullable()
      .comment('User entity ref of the voter');
    table.string('decision', 8).notNullable().comment('approve or reject');
    table
      .text('comment')
      .nullable()
      .comment('What the voter said; required to reject');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the vote was cast');
    table.unique(['promotion_id', 'approver'], {
      indexName: 'approvals_promotion_approver_uq',
    });
  });

  await knex.schema.createTable('promotion_transitions', table => {
    table.comment('Every state change of a promotion: from, to, who and when');
    table
      .string('promotion_id', 36)
      .notNullable()
      .references('id')
      .inTable('promotions')
      .onDelete('CASCADE')
      .comment('The promotion');
    table
      .integer('sequence')
      .notNullable()
      .comment('1 for the creation, then one more per change');
    table
      .string('from_state', 32)
      .nullable()
      .comment('State before; null for the creation');
    table.string('to_state', 32).notNullable().comment('State after');
    table.string('actor').notNullable().comment('Who caused the change');
    table.text('reason').nullable().comment('Why, when known');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it changed');
    table.primary(['promotion_id', 'sequence']);
  });

  await knex.schema.createTable('freezes', table => {
    table.comment(
      'Freeze windows: periods in which promotions into an environment are blocked',
    );
    table.string('id', 36).primary().comment('UUID of the freeze');
    table
      .string('environment', 63)
      .notNullable()
      .comment('The frozen environment lane');
    table
      .text('systems')
      .notNullable()
      .comment('JSON array of System refs; empty for every System');
    table
      .timestamp('starts_at', { useTz: true })
      .notNullable()
      .comment('Start, inclusive');
    table
      .timestamp('ends_at', { useTz: true })
      .notNullable()
      .comment('End, exclusive');
    table.text('reason').notNullable().comment('Why the lane is frozen');
    table.string('created_by').notNullable().comment('Who declared it');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was declared');
    table.index(['environment', 'ends_at'], 'freezes_environment_end_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('freezes');
  await knex.schema.dropTable('promotion_transitions');
  await knex.schema.dropTable('approvals');
  await knex.schema.dropTable('promotion_approver_groups');
  await knex.raw('DROP INDEX promotions_open_uq');
  await knex.schema.dropTable('promotions');
  await knex.schema.dropTable('evidence');
};
