// @ts-check

/**
 * Incidents, and the roll-ups the DORA metrics are answered from.
 *
 * The roll-ups are maintained incrementally, in the transaction of the change that moves them
 * (a production deployment finishing, an incident reported or re-attributed), so that reading
 * the metrics never scans the deployments, builds or commits themselves:
 *
 * - dora_deployment_facts: one row per finished production deployment, with its failure flags;
 * - dora_lead_times: one row per commit and component, for its first production deployment;
 * - dora_lead_time_histogram: org-wide daily counts of those lead times in logarithmic buckets;
 * - dora_systems: the Systems that have deployed to production, and since when.
 *
 * Timestamps are ISO 8601 strings in UTC written by the stores, like the other tables, so they
 * sort the same way on SQLite (text) and PostgreSQL (timestamptz). `day` columns are the UTC date
 * (`YYYY-MM-DD`) of the row's timestamp.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.comment(
      'Failures reported by incident tools or people, attributed to a deployment',
    );
    table.string('id', 36).primary().comment('UUID of the incident');
    table
      .string('source', 64)
      .notNullable()
      .comment('Where it was reported from, e.g. pagerduty or api');
    table
      .string('external_id', 200)
      .notNullable()
      .comment('The id in the source, unique per source');
    table
      .string('system_ref')
      .notNullable()
      .comment('Full ref of the System that failed');
    table
      .string('environment', 63)
      .notNullable()
      .comment('Environment lane where it failed');
    table.text('title').notNullable().comment('One line a person can read');
    table.text('url').nullable().comment('Link to the incident in its tool');
    table
      .timestamp('opened_at', { useTz: true })
      .notNullable()
      .comment('When the failure began');
    table
      .timestamp('resolved_at', { useTz: true })
      .nullable()
      .comment('When service was restored; null while open');
    table
      .string('deployment_id', 36)
      .nullable()
      .references('id')
      .inTable('deployments')
      .onDelete('SET NULL')
      .comment('The deployment it is attributed to');
    table
      .string('release_id', 36)
      .nullable()
      .references('id')
      .inTable('releases')
      .comment(
        'The release of that deployment, or the release the reporter named',
      );
    table
      .string('attribution', 16)
      .notNullable()
      .comment(
        'explicit (named by the reporter, possibly "none") or automatic',
      );
    table
      .string('reported_by')
      .notNullable()
      .comment('Principal that reported it');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was reported');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When it last changed');
    // Idempotent reporting and webhooks: one incident per id in its source.
    table.unique(['source', 'external_id'], {
      indexName: 'incidents_source_external_uq',
    });
    // GET /incidents?system=, DORA incidents per System or Group in a window, and re-attributing
    // automatic incidents when a deployment is reported late.
    table.index(['system_ref', 'opened_at'], 'incidents_system_opened_idx');
    // Org-wide DORA incidents in a window.
    table.index(['opened_at'], 'incidents_opened_idx');
    // Recounting the incidents of a deployment (change failure rate).
    table.index(['deployment_id'], 'incidents_deployment_idx');
    // Incidents against a release (known-good state, attribution by release).
    table.index(['release_id'], 'incidents_release_idx');
  });

  await knex.schema.createTable('dora_deployment_facts', table => {
    table.comment(
      'DORA roll-up: one row per finished production deployment, with its failure flags',
    );
    table
      .string('deployment_id', 36)
      .primary()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE')
      .comment('The deployment');
    table.string('system_ref').notNullable().comment('Full ref of the System');
    table
      .string('release_id', 36)
      .nullable()
      .comment('The release deployed, if any');
    table
      .timestamp('deployed_at', { useTz: true })
      .notNullable()
      .comment(
        'When it finished (succeeded or failed): its time in every window',
      );
    table.string('day', 10).notNullable().comment('UTC date of deployed_at');
    table
      .boolean('succeeded')
      .notNullable()
      .comment('True when it succeeded, false when it failed');
    table
      .boolean('rollback')
      .notNullable()
      .comment('A rollback (counted apart in deployment frequency)');
    table.boolean('hotfix').notNullable().comment('A hotfix (rework rate)');
    table
      .string('rolled_back_by', 36)
      .nullable()
      .comment(
        'The rollback that replaced this deployment, which makes it a failed change',
      );
    table
      .integer('incident_count')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Incidents attributed to it; more than zero makes it a failed change',
      );
    table
      .timestamp('restored_at', { useTz: true })
      .nullable()
      .comment(
        'For a failed deployment: the next successful production deployment of the System',
      );
    // System and Group windows (system_ref IN (...) AND deployed_at range), the newest deployment
    // of a System before a time (what a rollback replaces), later successes that restore a failure.
    table.index(['system_ref', 'deployed_at'], 'dora_facts_system_time_idx');
    // Org-wide windows, aggregated per day in SQL.
    table.index(['deployed_at'], 'dora_facts_time_idx');
  });

  await knex.schema.createTable('dora_lead_times', table => {
    table.comment(
      'DORA roll-up: each commit of a component with its first successful production deployment',
    );
    table
      .string('component_ref')
      .notNullable()
      .comment('Full ref of the Component the commit was built into');
    table.string('sha', 64).notNullable().comment('Commit SHA');
    table
      .string('system_ref')
      .notNullable()
      .comment('System of the deployment');
    table
      .string('deployment_id', 36)
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE')
      .comment('The first successful production deployment containing it');
    table
      .timestamp('committed_at', { useTz: true })
      .notNullable()
      .comment('Commit time');
    table
      .timestamp('deployed_at', { useTz: true })
      .notNullable()
      .comment('When that deployment finished');
    table.string('day', 10).notNullable().comment('UTC date of deployed_at');
    table
      .integer('lead_seconds')
      .notNullable()
      .comment('deployed_at minus committed_at, in whole seconds, at least 0');
    table
      .integer('lead_bucket')
      .notNullable()
      .comment(
        'Logarithmic bucket of lead_seconds (2% wide), for the org-wide histogram',
      );
    // A commit counts once per component: its first production deployment.
    table.primary(['component_ref', 'sha']);
    // System and Group lead times in a window: fetched and ranked in the service.
    table.index(
      ['system_ref', 'deployed_at'],
      'dora_lead_times_system_time_idx',
    );
    // Org-wide percentiles: the exact values inside the one bucket a percentile falls in.
    table.index(
      ['lead_bucket', 'deployed_at'],
      'dora_lead_times_bucket_time_idx',
    );
    // Org-wide windows that start or end inside a day: that day's rows, counted per bucket.
    table.index(
      ['deployed_at', 'lead_bucket'],
      'dora_lead_times_time_bucket_idx',
    );
  });

  await knex.schema.createTable('dora_lead_time_histogram', table => {
    table.comment(
      'DORA roll-up: org-wide commits first deployed per UTC day and lead-time bucket',
    );
    table
      .string('day', 10)
      .notNullable()
      .comment('UTC date of the deployments');
    table
      .integer('bucket')
      .notNullable()
      .comment('lead_bucket of dora_lead_times');
    table
      .integer('commits')
      .notNullable()
      .comment('Commits with that day and bucket');
    // Org-wide percentiles over whole days: a range scan of the window's days.
    table.primary(['day', 'bucket']);
  });

  await knex.schema.createTable('dora_systems', table => {
    table.comment('DORA roll-up: Systems that have deployed to production');
    table.string('system_ref').primary().comment('Full ref of the System');
    table
      .timestamp('first_deployed_at', { useTz: true })
      .notNullable()
      .comment(
        'Its first finished production deployment: deployment frequency is rated from then on',
      );
  });

  await knex.schema.createTable('dora_settings', table => {
    table.comment(
      'What the DORA roll-ups were built for; a change of production environment rebuilds them',
    );
    table.string('key', 64).primary().comment('Setting name');
    table.text('value').notNullable().comment('Setting value');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_settings');
  await knex.schema.dropTable('dora_systems');
  await knex.schema.dropTable('dora_lead_time_histogram');
  await knex.schema.dropTable('dora_lead_times');
  await knex.schema.dropTable('dora_deployment_facts');
  await knex.schema.dropTable('incidents');
};
