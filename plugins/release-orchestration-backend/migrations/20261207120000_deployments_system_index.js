// @ts-check

/**
 * One index on a System's deployments instead of two. `deployments_system_created_idx`
 * `(system_ref, created_at)` served the deployment list (newest first) and
 * `deployments_system_source_idx` `(system_ref, source, environment, id) INCLUDE (created_at)`
 * the Sources panel, which counts a System's deployments per source and lane and so reads all of
 * them either way. Both are now `(system_ref, created_at, id)`, with `source` and `environment`
 * carried along (INCLUDE on PostgreSQL, trailing key columns on SQLite): the list reads it
 * backwards in its exact order (created_at, id), and the panel's counts stay an index-only scan
 * (scale-1 installation, the System with the most deployments: 4.6 ms, against 5.9 ms on the
 * old index). Every deployment insert updates one index fewer: 1,000 deployments spread over the
 * installation's Systems took 101-134 ms against 125-137 ms (psql, rolled-back inserts,
 * alternating, 7 December).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const client = String(knex.client.config.client);
  const postgres =
    client === 'pg' || client === 'postgres' || client === 'postgresql';
  await knex.raw('DROP INDEX IF EXISTS deployments_system_source_idx');
  await knex.raw('DROP INDEX IF EXISTS deployments_system_created_idx');
  await knex.raw(
    postgres
      ? 'CREATE INDEX deployments_system_created_idx ON deployments (system_ref, created_at, id) INCLUDE (source, environment)'
      : 'CREATE INDEX deployments_system_created_idx ON deployments (system_ref, created_at, id, source, environment)',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const client = String(knex.client.config.client);
  const postgres =
    client === 'pg' || client === 'postgres' || client === 'postgresql';
  await knex.raw('DROP INDEX IF EXISTS deployments_system_created_idx');
  await knex.raw(
    'CREATE INDEX deployments_system_created_idx ON deployments (system_ref, created_at)',
  );
  await knex.raw(
    postgres
      ? 'CREATE INDEX deployments_system_source_idx ON deployments (system_ref, source, environment, id) INCLUDE (created_at)'
      : 'CREATE INDEX deployments_system_source_idx ON deployments (system_ref, source, environment, id)',
  );
};
