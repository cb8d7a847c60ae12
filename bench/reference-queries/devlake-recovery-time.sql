-- Apache DevLake DORA dashboard, "Failed Deployment Recovery Time In Hours" (stat panel
-- "${title_value} In Hours", DORA report 2023): the median time from the end of a production
-- deployment that caused an incident to that incident's resolution, for incidents resolved in the
-- selected period.
-- Original: grafana/dashboards/DORA.json, panel "${title_value} In Hours", at
-- https://github.com/apache/incubator-devlake/blob/420e494b4ede9a16c4bfb59de099c797bcd7f5f1/grafana/dashboards/DORA.json
-- Parameters: $1 window start, $2 window end (timestamptz), $3 the project (${project}).
-- CHANGE (throughout): MySQL -> PostgreSQL; $dora_report is the literal '2023'; "..." strings
-- are '...'; `table` is "table"; tables are in the devlake schema.
--  ***** 2023 report ***** --
--  Metric 4: Failed deployment recovery time
with _deployments as (
  SELECT
    cdc.cicd_deployment_id as deployment_id,
    max(cdc.finished_date) as deployment_finished_date
  FROM
    devlake.cicd_deployment_commits cdc
    JOIN devlake.project_mapping pm on cdc.cicd_scope_id = pm.row_id
    and pm."table" = 'cicd_scopes'
  WHERE
    pm.project_name in ($3)
    and cdc.result = 'SUCCESS'
    and cdc.environment = 'PRODUCTION'
  GROUP BY
    1
  HAVING
    -- CHANGE: $__timeFilter(x) expands to x BETWEEN <from> AND <to>.
    max(cdc.finished_date) BETWEEN $1::timestamptz AND $2::timestamptz
),
_incidents_for_deployments as (
  SELECT
    i.id as incident_id,
    i.created_date as incident_create_date,
    i.resolution_date as incident_resolution_date,
    fd.deployment_id as caused_by_deployment,
    fd.deployment_finished_date,
    to_char(fd.deployment_finished_date, 'YY/MM') as deployment_finished_month  -- CHANGE: date_format(x, '%y/%m')
  FROM
    devlake.incidents i
    left join devlake.project_incident_deployment_relationships pim on i.id = pim.id
    join _deployments fd on pim.deployment_id = fd.deployment_id
  WHERE
    i.resolution_date BETWEEN $1::timestamptz AND $2::timestamptz                -- CHANGE: $__timeFilter
),
_recovery_time_ranks as (
  SELECT
    *,
    percent_rank() over(
      order by
        -- CHANGE: TIMESTAMPDIFF(MINUTE, a, b) (whole minutes) is trunc(extract(epoch from b - a) / 60).
        trunc(extract(epoch from incident_resolution_date - deployment_finished_date) / 60)
    ) as ranks
  FROM
    _incidents_for_deployments
),
_median_recovery_time as (
  SELECT
    max(
      trunc(extract(epoch from incident_resolution_date - deployment_finished_date) / 60)
    ) as median_recovery_time
  FROM
    _recovery_time_ranks
  WHERE
    ranks <= 0.5
),

_is_collected_data as(
  SELECT
    -- CHANGE: MySQL compares EXISTS(..) with 0; PostgreSQL compares it with false.
    CASE
      WHEN EXISTS(select COUNT(d.deployment_id) from _deployments) = false AND EXISTS(select COUNT(i.incident_id) FROM devlake.incidents) = false THEN 'No deployments and incidents'
      WHEN EXISTS(select COUNT(d.deployment_id) from _deployments) = false THEN 'No Deployments'
      WHEN EXISTS(select COUNT(i.incident_id) FROM devlake.incidents) = false THEN 'No Incidents'
      Else 'No incidents are mapped to deployments'
    END AS is_collected
  FROM
    _deployments d, _incidents_for_deployments i
),

_metric_recovery_time_2023_report as(
  SELECT
    CASE
      WHEN ('2023') = '2023' THEN CASE
        WHEN is_collected = 'No deployments and incidents' THEN 'N/A. Please check if you have collected deployments and incidents.'
        WHEN is_collected = 'No Deployments' THEN 'N/A. Please check if you have collected deployments.'
        WHEN is_collected = 'No Incidents' THEN 'N/A. Please check if you have collected incidents.'
        WHEN median_recovery_time < 60 THEN CONCAT(round(median_recovery_time / 60, 1), '(elite)')
        WHEN median_recovery_time < 24 * 60 THEN CONCAT(round(median_recovery_time / 60, 1), '(high)')
        WHEN median_recovery_time < 7 * 24 * 60 THEN CONCAT(round(median_recovery_time / 60, 1), '(medium)')
        WHEN median_recovery_time >= 7 * 24 * 60 THEN CONCAT(round(median_recovery_time / 60, 1), '(low)')
        ELSE 'No data'
      END
    END AS median_recovery_time,
    median_recovery_time AS median_minutes                         -- CHANGE: also return the number
  FROM
    _median_recovery_time,
    _is_collected_data
)
-- CHANGE: the 2021 report's branch (median time to restore service, from its own CTEs) is left
-- out: with $dora_report = '2023' its UNION branch returns no row.
SELECT
  median_recovery_time AS median_time_in_hour,
  median_minutes
FROM
  _metric_recovery_time_2023_report
WHERE
  ('2023') = '2023'
