// @ts-check

/**
 * Builds, releases (immutable manifests) and the hash-chained audit trail.
 *
 * Timestamps are written as ISO 8601 strings in UTC by the store, so they sort the
 * same way on SQLite (text) and PostgreSQL (timestamptz).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('builds', table => {
    table.comment('Component versions reported by CI; immutable');
    table.string('id', 36).primary().comment('UUID of the build');
    table
      .string('component_ref')
      .notNullable()
      .comment('Full ref of the Component');
    table
      .string('version', 128)
      .notNullable()
      .comment('Version reported by CI');
    table
      .text('artifact_uri')
      .notNullable()
      .comment('Where the artifact is, e.g. an image');
    table
      .string('artifact_digest', 200)
      .notNullable()
      .comment('Content digest, algorithm:hex');
    table.text('build_url').nullable().comment('Link to the CI run');
    table
      .string('commit_sha', 64)
      .notNullable()
      .comment('Head commit of the build');
    table
      .timestamp('commit_time', { useTz: true })
      .notNullable()
      .comment('Time of the head commit');
    table
      .string('reported_by')
      .notNullable()
      .comment('Principal that reported the build');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the build was reported');
    table.unique(['component_ref', 'version'], {
      indexName: 'builds_component_version_uq',
    });
    table.index(
      ['component_ref', 'created_at'],
      'builds_component_created_idx',
    );
  });

  await knex.schema.createTable('build_commits', table => {
    table.comment(
      'Commits a build carries since the previous build of its component (lead time)',
    );
    table
      .string('build_id', 36)
      .notNullable()
      .references('id')
      .inTable('builds')
      .onDelete('CASCADE')
      .comment('The build');
    table.string('sha', 64).notNullable().comment('Commit SHA');
    table
      .timestamp('committed_at', { useTz: true })
      .notNullable()
      .comment('Commit time');
    table
      .text('message')
      .nullable()
      .comment('First line of the commit message');
    table.primary(['build_id', 'sha']);
  });

  await knex.schema.createTable('releases', table => {
    table.comment('Immutable release manifests of a System');
    table.string('id', 36).primary().comment('UUID of the release');
    table.string('system_ref').notNullable().comment('Full ref of the System');
    table
      .string('version', 128)
      .notNullable()
      .comment('Release name, unique per System');
    table.text('notes').nullable().comment('Release notes');
    table.string('risk_class', 16).notNullable().comment('low, medium or high');
    table
      .integer('component_count')
      .notNullable()
      .comment('Number of manifest lines');
    table
      .string('created_by')
      .notNullable()
      .comment('Principal that cut the release');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the release was cut');
    table.unique(['system_ref', 'version'], {
      indexName: 'releases_system_version_uq',
    });
    table.index(['system_ref', 'created_at'], 'releases_system_created_idx');
  });

  await knex.schema.createTable('release_components', table => {
    table.comment(
      'Manifest lines: which build of each component ships in a release',
    );
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('releases')
      .onDelete('CASCADE')
      .comment('The release');
    table
      .string('component_ref')
      .notNullable()
      .comment('Full ref of the Component');
    table
      .string('build_id', 36)
      .notNullable()
      .references('id')
      .inTable('builds')
      .comment('The build shipped');
    table.primary(['release_id', 'component_ref']);
    table.index(['build_id'], 'release_components_build_idx');
  });

  await knex.schema.createTable('audit_events', table => {
    table.comment('Append-only, hash-chained trail of every state change');
    table
      .bigInteger('sequence')
      .primary()
      .comment('Position in the chain, from 1');
    table.string('id', 36).notNullable().unique().comment('UUID of the event');
    table
      .string('actor')
      .notNullable()
      .comment('User entity ref or service:<subject>');
    table
      .string('action', 64)
      .notNullable()
      .comment('What happened, e.g. release.created');
    table
      .string('entity_ref')
      .notNullable()
      .comment('Catalog entity the event is about');
    table
      .string('subject_type', 32)
      .notNullable()
      .comment('build, release, ...');
    table.string('subject_id', 64).notNullable().comment('Id of the subject');
    table.text('summary').notNullable().comment('One line a person can read');
    table.text('data').nullable().comment('JSON details, part of the hash');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it happened');
    table
      .string('prev_hash', 64)
      .notNullable()
      .unique()
      .comment('Hash of the previous event');
    table
      .string('hash', 64)
      .notNullable()
      .comment('sha256 over prev_hash and this event');
    table.index(['entity_ref', 'sequence'], 'audit_events_entity_idx');
  });

  await knex.schema.createTable('audit_head', table => {
    table.comment('One row: the chain head, locked while an event is appended');
    table.integer('id').primary().comment('Always 1');
    table
      .bigInteger('last_sequence')
      .notNullable()
      .comment('Sequence of the newest event');
    table
      .string('last_hash', 64)
      .notNullable()
      .comment('Hash of the newest event');
  });
  await knex('audit_head').insert({
    id: 1,
    last_sequence: 0,
    last_hash: '0'.repeat(64),
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_head');
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('release_components');
  await knex.schema.dropTable('releases');
  await knex.schema.dropTable('build_commits');
  await knex.schema.dropTable('builds');
};
