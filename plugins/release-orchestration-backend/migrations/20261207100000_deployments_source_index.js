// @ts-check

/**
 * The Sources panel's index on deployments, keyed so that a new row never joins a run of equal
 * keys. `(system_ref, source, environment)` held every deployment of a System, source and lane
 * under one key; PostgreSQL keeps such duplicates as one posting list, which each insert rewrites:
 * an import of 20,000 records into the scale-1 installation spent about 34 ms of each 217 ms
 * request on it (npm run bench -- --only import, with and without the index, 7 December). Keyed
 * on the deployment id as well (time-ordered, see newId), a new row goes to the end of its
 * group; on PostgreSQL `created_at` rides along (INCLUDE), so the panel's per-lane count and
 * newest report stay an index-only scan.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const client = String(knex.client.config.client);
  await knex.raw('DROP INDEX IF EXISTS deployments_system_source_idx');
  if (client === 'pg' || client === 'postgres' || client === 'postgresql') {
    await knex.raw(
      'CREATE INDEX deployments_system_source_idx ON deployments (system_ref, source, environment, id) INCLUDE (created_at)',
    );
  } else {
    await knex.raw(
      'CREATE INDEX deployments_system_source_idx ON deployments (system_ref, source, environment, id)',
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX IF EXISTS deployments_system_source_idx');
  await knex.raw(
    'CREATE INDEX deployments_system_source_idx ON deployments (system_ref, source, environment)',
  );
};
