-- Four Keys' input tables, materialised from Release Orchestration's tables.
--
-- Four Keys (https://github.com/dora-team/fourkeys) turns raw webhook events (four_keys.events_raw)
-- into three tables with scheduled BigQuery queries, and its dashboard reads only those three:
--   changes     queries/changes.sql      https://github.com/dora-team/fourkeys/blob/6cc642e037a95a280ed8d3b1624dd003b647d797/queries/changes.sql
--   deployments queries/deployments.sql  https://github.com/dora-team/fourkeys/blob/6cc642e037a95a280ed8d3b1624dd003b647d797/queries/deployments.sql
--   incidents   queries/incidents.sql    https://github.com/dora-team/fourkeys/blob/6cc642e037a95a280ed8d3b1624dd003b647d797/queries/incidents.sql
-- This file builds the same three tables (same columns, same meaning) from the plugin's tables, in
-- PostgreSQL. The benchmark runs it once, untimed per query (like Four Keys' scheduled queries),
-- and reports its wall time separately. Changes against the originals are commented inline.
-- CHANGE: all of it is PostgreSQL instead of BigQuery Standard SQL; a schema four_keys stands
-- for the BigQuery dataset.

DROP SCHEMA IF EXISTS four_keys CASCADE;
CREATE SCHEMA four_keys;

-- changes.sql: one row per pushed commit: source, event_type, change_id, time_created.
-- CHANGE: the commits come from build_commits (the commits CI reported with each build)
-- instead of the commits array of push events; TIMESTAMP_TRUNC(.., second) is date_trunc('second', ..).
-- CHANGE: min() keeps one row per commit where the original groups by all four columns (a commit
-- has one time here, so the result is the same).
CREATE TABLE four_keys.changes AS
SELECT 'release-orchestration'::text AS source,
       'push'::text AS event_type,
       bc.sha AS change_id,
       date_trunc('second', min(bc.committed_at)) AS time_created
FROM build_commits bc
GROUP BY 1, 2, 3;

-- deployments.sql: one row per successful deployment: source, deploy_id, time_created,
-- main_commit, changes (the commits of the push that produced the deployed commit).
-- CHANGE: a deployment is a row of deployments; "successful" is status = 'succeeded' (the
-- original keeps SUCCESS/success events). Four Keys is fed production deployments only, so only
-- environment = 'production' is kept. time_created is when it finished (the success event).
-- CHANGE: changes are the commits of the builds the deployment shipped (deployment_components ->
-- builds -> build_commits) instead of the deployed commit's push event; main_commit is the head
-- commit of the newest build it shipped (unused by the dashboard).
-- CHANGE: system_ref is added, to scope the dashboard queries to a team's or a System's deployments
-- (Four Keys has one dataset per project and no such column).
CREATE TABLE four_keys.deployments AS
SELECT 'release-orchestration'::text AS source,
       d.id AS deploy_id,
       d.finished_at AS time_created,
       (array_agg(b.commit_sha ORDER BY b.created_at DESC, b.commit_sha))[1] AS main_commit,
       array_agg(DISTINCT bc.sha) AS changes,
       d.system_ref
FROM deployments d
JOIN deployment_components dc ON dc.deployment_id = d.id
JOIN builds b ON b.component_ref = dc.component_ref AND b.version = dc.version
JOIN build_commits bc ON bc.build_id = b.id
WHERE d.environment = 'production' AND d.status = 'succeeded'
GROUP BY d.id, d.finished_at, d.system_ref;

-- incidents.sql: source, incident_id, time_created (the earlier of the issue's creation and the
-- deployment of its root cause), time_resolved, changes (the root-cause commits).
-- CHANGE: the issue rows are the plugin's production incidents (opened_at, resolved_at) instead of
-- GitHub/GitLab/PagerDuty events; the root cause, which Four Keys parses from "root cause: <sha>"
-- in the issue text, is the head commit of the newest build shipped by the deployment the
-- incident is attributed to (none when it is attributed to none).
-- CHANGE: HAVING max(bug) IS TRUE is dropped: every row here is an incident (as PagerDuty's are).
-- CHANGE: IF(a < b, a, b) is LEAST(a, b) (both ignore a missing root deployment);
-- ARRAY_AGG(x IGNORE NULLS) is array_remove(array_agg(x), NULL); the comma join with
-- d.changes is CROSS JOIN LATERAL unnest(d.changes).
-- CHANGE: system_ref is added, as for deployments.
CREATE TABLE four_keys.incidents AS
WITH issue AS (
  SELECT i.source, i.id AS incident_id, i.opened_at AS time_created, i.resolved_at AS time_resolved,
         (SELECT b.commit_sha
          FROM deployment_components dc
          JOIN builds b ON b.component_ref = dc.component_ref AND b.version = dc.version
          WHERE dc.deployment_id = i.deployment_id
          ORDER BY b.created_at DESC, b.commit_sha
          LIMIT 1) AS root_cause,
         i.system_ref
  FROM incidents i
  WHERE i.environment = 'production'
)
SELECT issue.source,
       issue.incident_id,
       MIN(LEAST(root.time_created, issue.time_created)) AS time_created,
       MAX(issue.time_resolved) AS time_resolved,
       array_remove(array_agg(issue.root_cause), NULL) AS changes,
       issue.system_ref
FROM issue
LEFT JOIN (
  SELECT d.time_created, c.change AS changes
  FROM four_keys.deployments d CROSS JOIN LATERAL unnest(d.changes) AS c(change)
) root ON root.changes = issue.root_cause
GROUP BY issue.source, issue.incident_id, issue.system_ref;

-- CHANGE: BigQuery has no indexes; these ANALYZE the new tables so PostgreSQL plans them well.
ANALYZE four_keys.changes;
ANALYZE four_keys.deployments;
ANALYZE four_keys.incidents;
