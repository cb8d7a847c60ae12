-- Apache DevLake's domain tables that its DORA dashboard reads, materialised from Release
-- Orchestration's tables.
--
-- DevLake (https://github.com/apache/incubator-devlake) collects tool data into "domain layer"
-- tables (in MySQL or PostgreSQL); its dora plugin (Go, not SQL) derives project_pr_metrics and
-- the incident-deployment links; the Grafana dashboard grafana/dashboards/DORA.json
-- (https://github.com/apache/incubator-devlake/blob/420e494b4ede9a16c4bfb59de099c797bcd7f5f1/grafana/dashboards/DORA.json)
-- then answers the four metrics with SQL over them. This file builds those tables, with DevLake's
-- column names, from the plugin's tables. The benchmark runs it once, untimed per query (like
-- DevLake's collection pipeline), and reports its wall time separately.
-- CHANGE: a schema devlake stands for DevLake's database; only the columns the dashboard reads
-- are built.

DROP SCHEMA IF EXISTS devlake CASCADE;
CREATE SCHEMA devlake;

-- cicd_deployment_commits: one row per deployment and repository, with the commit deployed.
-- Mapping: a repository is a component; the deployment's scope (cicd_scope_id) is its System;
-- result SUCCESS/FAILURE from status; environment PRODUCTION for the production lane (DevLake's
-- environment type), STAGING and TESTING for the others; commit_sha is the deployed build's head
-- commit.
CREATE TABLE devlake.cicd_deployment_commits AS
SELECT d.id || ':' || dc.component_ref AS id,
       d.system_ref AS cicd_scope_id,
       d.id AS cicd_deployment_id,
       CASE d.status WHEN 'succeeded' THEN 'SUCCESS' WHEN 'failed' THEN 'FAILURE' END AS result,
       CASE d.environment WHEN 'production' THEN 'PRODUCTION' WHEN 'staging' THEN 'STAGING' ELSE 'TESTING' END AS environment,
       d.finished_at AS finished_date,
       b.commit_sha,
       dc.component_ref AS repo_id
FROM deployments d
JOIN deployment_components dc ON dc.deployment_id = d.id
LEFT JOIN builds b ON b.component_ref = dc.component_ref AND b.version = dc.version;
ALTER TABLE devlake.cicd_deployment_commits ADD PRIMARY KEY (id);

-- project_mapping: which scopes (Systems: 'cicd_scopes') and repositories (components: 'repos')
-- belong to a project. The benchmark fills it per measured scope (org, team, System).
CREATE TABLE devlake.project_mapping (project_name text NOT NULL, "table" text NOT NULL, row_id text NOT NULL);

-- pull_requests: a merged change set. Mapping: a build (its commits are the pull request's
-- commits; it was merged when it was built; its repository is its component).
CREATE TABLE devlake.pull_requests AS
SELECT b.id, b.component_ref AS base_repo_id, b.created_at AS merged_date
FROM builds b;
ALTER TABLE devlake.pull_requests ADD PRIMARY KEY (id);

-- project_pr_metrics: computed by DevLake's dora plugin in Go: pr_cycle_time is the minutes from
-- the pull request's first commit to the end of the first production deployment that shipped it,
-- and deployment_commit_id that deployment's cicd_deployment_commits row.
-- Mapping: a build is shipped by the first successful production deployment of its component at
-- that build or a later one (a later build contains its commits). The first such deployment is
-- found through each component's running maximum of the deployed build time.
CREATE TABLE devlake.bench_reach AS
SELECT id, repo_id, finished_date,
       max(built_at) OVER (PARTITION BY repo_id ORDER BY finished_date, id ROWS UNBOUNDED PRECEDING) AS covers_up_to
FROM (
  SELECT cdc.id, cdc.repo_id, cdc.finished_date, b.created_at AS built_at
  FROM devlake.cicd_deployment_commits cdc
  JOIN builds b ON b.component_ref = cdc.repo_id AND b.commit_sha = cdc.commit_sha
  WHERE cdc.result = 'SUCCESS' AND cdc.environment = 'PRODUCTION'
) shipped;
CREATE INDEX ON devlake.bench_reach (repo_id, covers_up_to, finished_date, id);
ANALYZE devlake.bench_reach;
CREATE TABLE devlake.project_pr_metrics AS
SELECT b.id,
       first_deployment.id AS deployment_commit_id,
       trunc(extract(epoch from first_deployment.finished_date - fc.at) / 60)::bigint AS pr_cycle_time
FROM builds b
JOIN (SELECT build_id, min(committed_at) AS at FROM build_commits GROUP BY build_id) fc ON fc.build_id = b.id
JOIN LATERAL (
  -- covers_up_to never decreases in deployment order, so this order is deployment order.
  SELECT r.id, r.finished_date FROM devlake.bench_reach r
  WHERE r.repo_id = b.component_ref AND r.covers_up_to >= b.created_at
  ORDER BY r.covers_up_to, r.finished_date, r.id
  LIMIT 1
) first_deployment ON true;
DROP TABLE devlake.bench_reach;
ALTER TABLE devlake.project_pr_metrics ADD PRIMARY KEY (id);

-- incidents: DevLake's incidents (from issue trackers and incident tools). Mapping: the plugin's
-- production incidents; created_date and resolution_date are opened_at and resolved_at;
-- lead_time_minutes is the minutes between them; the scope is the System.
CREATE TABLE devlake.incidents AS
SELECT i.id, i.opened_at AS created_date, i.resolved_at AS resolution_date,
       trunc(extract(epoch from i.resolved_at - i.opened_at) / 60)::bigint AS lead_time_minutes,
       i.system_ref AS scope_id, 'cicd_scopes'::text AS "table"
FROM incidents i
WHERE i.environment = 'production';
ALTER TABLE devlake.incidents ADD PRIMARY KEY (id);

-- project_incident_deployment_relationships: the dora plugin links an incident to the deployment
-- that caused it. Mapping: the deployment the plugin attributed the incident to.
CREATE TABLE devlake.project_incident_deployment_relationships AS
SELECT i.id, i.deployment_id
FROM incidents i
WHERE i.environment = 'production' AND i.deployment_id IS NOT NULL;
ALTER TABLE devlake.project_incident_deployment_relationships ADD PRIMARY KEY (id);

-- DevLake's own schema has these keys; statistics for the planner.
CREATE INDEX ON devlake.project_mapping (project_name, "table");
ANALYZE devlake.cicd_deployment_commits;
ANALYZE devlake.pull_requests;
ANALYZE devlake.project_pr_metrics;
ANALYZE devlake.incidents;
ANALYZE devlake.project_incident_deployment_relationships;
