// @ts-check

/**
 * What runs now: the running state of every System x environment x component, maintained in the
 * transaction of each succeeded deployment, so that drift (`GET /systems/{ns}/{name}/environments`)
 * reads a System's few rows instead of ranking its whole deployment history.
 *
 * Also replaces two deployment indexes with ones whose column order matches the drift reads
 * ("the newest N succeeded deployments of one lane", "the newest deployment of one lane"), so
 * that each lane is one index range read in order, with LIMIT, and no sort.
 *
 * Upgrading an installation backfills the running state from the deployment history (one pass
 * over deployment_components).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('running_components', table => {
    table.comment(
      'The newest succeeded deployment of each component per System and environment',
    );
    table.string('system_ref').notNullable().comment('Full ref of the System');
    table
      .string('environment', 63)
      .notNullable()
      .comment('Environment lane name from app-config');
    table
      .string('component_ref')
      .notNullable()
      .comment('Full ref of the Component');
    table.string('version', 128).notNullable().comment('The version that runs');
    table
      .string('deployment_id', 36)
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE')
      .comment('The deployment that put it there');
    table
      .string('release_id', 36)
      .nullable()
      .comment('The release of that deployment, if any');
    table
      .timestamp('finished_at', { useTz: true })
      .notNullable()
      .comment(
        'When that deployment succeeded; a deployment that finished earlier never replaces it',
      );
    table.primary(['system_ref', 'environment', 'component_ref']);
  });

  await knex.schema.alterTable('deployments', table => {
    // Newest succeeded deployments of one lane: finished_at then id, the drift order.
    table.dropIndex([], 'deployments_drift_idx');
    table.index(
      ['system_ref', 'environment', 'status', 'finished_at', 'id'],
      'deployments_drift_idx',
    );
    // The last deployment of any status of one lane.
    table.index(
      ['system_ref', 'environment', 'started_at', 'created_at', 'id'],
      'deployments_lane_started_idx',
    );
  });

  await knex.raw(`
    insert into running_components
      (system_ref, environment, component_ref, version, deployment_id, release_id, finished_at)
    select system_ref, environment, component_ref, version, deployment_id, release_id, finished_at
    from (
      select d.system_ref, d.environment, dc.component_ref, dc.version, d.id as deployment_id,
             d.release_id, d.finished_at,
             row_number() over (
               partition by d.system_ref, d.environment, dc.component_ref
               order by d.finished_at desc, d.id desc
             ) as rn
      from deployment_components dc
      join deployments d on d.id = dc.deployment_id
      where d.status = 'succeeded'
    ) ranked
    where rn = 1`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex([], 'deployments_lane_started_idx');
    table.dropIndex([], 'deployments_drift_idx');
    table.index(
      ['system_ref', 'environment', 'status', 'finished_at'],
      'deployments_drift_idx',
    );
  });
  await knex.schema.dropTable('running_components');
};
