// @ts-check

/**
 * dora_deployment_lead_times: for each production deployment that first brought commits to
 * production, the lead times of those commits as one list — a copy of its rows of
 * dora_lead_times, kept in step by the same writes (DatabaseDoraFactStore.saveLeadTimes).
 *
 * Why: a team's or a System's lead-time percentiles are exact, so they need every value of the
 * window. Read from dora_lead_times that is one index entry and one heap row per commit (about
 * a million for every team over two 90-day windows at the reference scale, in random heap
 * order); read from this table it is one row per deployment (about 30,000). `GET /dora/teams`,
 * `GET /dora/systems` and the System and Group reports read it; the org-wide report keeps its
 * histogram. A table of its own rather than a column of dora_deployment_facts, so that the
 * org-wide aggregates over the facts keep reading narrow rows.
 *
 * Existing roll-ups are backfilled in one statement (one grouped pass over dora_lead_times).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_deployment_lead_times', table => {
    table.comment(
      'DORA roll-up: per production deployment, the lead times of the commits it first brought to production (its rows of dora_lead_times)',
    );
    table
      .string('deployment_id', 36)
      .primary()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE')
      .comment('The deployment');
    table.string('system_ref').notNullable().comment('Full ref of its System');
    table
      .timestamp('deployed_at', { useTz: true })
      .notNullable()
      .comment('When it finished, as in dora_lead_times');
    table
      .text('lead_seconds')
      .notNullable()
      .comment('The lead times in whole seconds, comma-separated, ascending');
    // A System's or Group's windows.
    table.index(
      ['system_ref', 'deployed_at'],
      'dora_deployment_lead_times_system_time_idx',
    );
    // Every System's windows (GET /dora/teams, GET /dora/systems for the org).
    table.index(['deployed_at'], 'dora_deployment_lead_times_time_idx');
  });
  const client = knex.client.config.client;
  const list =
    typeof client === 'string' && /^(pg|postgres)/.test(client)
      ? "string_agg(lead_seconds::text, ',' ORDER BY lead_seconds)"
      : "group_concat(lead_seconds, ',' ORDER BY lead_seconds)";
  await knex.raw(
    `INSERT INTO dora_deployment_lead_times (deployment_id, system_ref, deployed_at, lead_seconds)
     SELECT deployment_id, system_ref, deployed_at, ${list}
     FROM dora_lead_times GROUP BY deployment_id, system_ref, deployed_at`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_deployment_lead_times');
};
