// @ts-check

/**
 * Sources: where each build and deployment came from, and the state of the sources that are run
 * on a schedule (GitHub, GitLab, Argo CD).
 *
 * Every way data comes in (the REST API, the bulk import, CDEvents, the source modules) ends in
 * the same ingest services; the row records which one it was, so the Sources panel can say which
 * sources report for a System. Rows written before this migration were reported through the API
 * (or the demo seed), hence the default. Incidents already carry a `source` (the tool that
 * reported them, part of their identity), so they get no new column.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('builds', table => {
    table
      .string('source', 64)
      .notNullable()
      .defaultTo('api')
      .comment(
        'How the build came in: api, import, cdevents, or a source module id such as github',
      );
  });
  await knex.schema.alterTable('deployments', table => {
    table
      .string('source', 64)
      .notNullable()
      .defaultTo('api')
      .comment(
        'How the deployment came in: api, import, cdevents, or a source module id such as argocd or github',
      );
    // The Sources panel: per System, the sources that reported and their last report per lane.
    table.index(
      ['system_ref', 'source', 'environment'],
      'deployments_system_source_idx',
    );
  });
  await knex.schema.createTable('source_state', table => {
    table.comment(
      'Progress and health of scheduled sources, per source and scope (e.g. a repository)',
    );
    table
      .string('source', 64)
      .notNullable()
      .comment('Source module id, e.g. github');
    table
      .string('scope', 255)
      .notNullable()
      .comment(
        'What within the source the row is about, e.g. a repository slug; empty for the whole source',
      );
    table
      .text('cursor')
      .nullable()
      .comment(
        'Opaque JSON the source resumes from on its next run (e.g. the newest deployment it has read)',
      );
    table
      .timestamp('backfilled_at', { useTz: true })
      .nullable()
      .comment(
        'When the first run (the history backfill) finished; null until it has',
      );
    table
      .timestamp('last_run_at', { useTz: true })
      .nullable()
      .comment('When the last run of this scope ended');
    table
      .timestamp('last_success_at', { useTz: true })
      .nullable()
      .comment('When a run of this scope last ended without error');
    table
      .text('last_error')
      .nullable()
      .comment('The error of the last run; null when it succeeded');
    table
      .text('counts')
      .nullable()
      .comment(
        'JSON counts of the last run: records read, created, unchanged, rejected',
      );
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When the row last changed');
    table.primary(['source', 'scope']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('source_state');
  await knex.raw('DROP INDEX IF EXISTS deployments_system_source_idx');
  // Since 20261207120000 the System's index carries `source` as well: back to its first form,
  // so that the column can go (SQLite refuses to drop an indexed column).
  await knex.raw('DROP INDEX IF EXISTS deployments_system_created_idx');
  await knex.raw(
    'CREATE INDEX deployments_system_created_idx ON deployments (system_ref, created_at)',
  );
  // A plain DROP COLUMN (SQLite 3.35+, PostgreSQL): knex's SQLite fallback copies the table,
  // which would cascade-delete the deployment_components and build_commits rows.
  await knex.raw('ALTER TABLE deployments DROP COLUMN source');
  await knex.raw('ALTER TABLE builds DROP COLUMN source');
};
