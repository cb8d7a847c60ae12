-- Apache DevLake DORA dashboard, "Change Failure Rate" (stat panel, DORA report 2023): the share
-- of production deployments finished in the selected period that caused an incident.
-- Original: grafana/dashboards/DORA.json, panel "Change Failure Rate", at
-- https://github.com/apache/incubator-devlake/blob/420e494b4ede9a16c4bfb59de099c797bcd7f5f1/grafana/dashboards/DORA.json
-- Parameters: $1 window start, $2 window end (timestamptz), $3 the project (${project}).
-- CHANGE (throughout): MySQL -> PostgreSQL; $dora_report is the literal '2023'; "..." strings
-- are '...'; `table` is "table"; tables are in the devlake schema.
-- NOTE: _is_collected_data joins every incident with every deployment commit (LEFT JOIN ... ON
-- 1 = 1 twice): a Cartesian product, kept as published. The benchmark runs this file under a
-- statement timeout and, when it times out, also runs devlake-change-failure-rate.variant.sql.
-- Metric 3: change failure rate
with _deployments as (
  -- When deploying multiple commits in one pipeline, GitLab and BitBucket may generate more than one deployment. However, DevLake consider these deployments as ONE production deployment and use the last one's finished_date as the finished date.
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
_failure_caused_by_deployments as (
  -- calculate the number of incidents caused by each deployment
  SELECT
    d.deployment_id,
    d.deployment_finished_date,
    count(
      distinct case
        when i.id is not null then d.deployment_id
        else null
      end
    ) as has_incident
  FROM
    _deployments d
    left join devlake.project_incident_deployment_relationships pim on d.deployment_id = pim.deployment_id
    left join devlake.incidents i on pim.id = i.id
  GROUP BY
    1,
    2
),
_change_failure_rate as (
  SELECT
    case
      when count(deployment_id) is null then null
      else sum(has_incident) / count(deployment_id)
    end as change_failure_rate
  FROM
    _failure_caused_by_deployments
),
_is_collected_data as(
  SELECT
    CASE
      WHEN COUNT(i.id) = 0
      AND COUNT(cdc.id) = 0 THEN 'No All'
      WHEN COUNT(i.id) = 0 THEN 'No Incidents'
      WHEN COUNT(cdc.id) = 0 THEN 'No Deployments'
    END AS is_collected
  FROM
    (
      SELECT
        1
    ) AS dummy
    LEFT JOIN devlake.incidents i ON 1 = 1
    LEFT JOIN devlake.cicd_deployment_commits cdc ON 1 = 1
)
SELECT
  CASE
    WHEN ('2023') = '2023' THEN CASE
      WHEN is_collected = 'No All' THEN 'N/A. Please check if you have collected deployments/incidents.'
      WHEN is_collected = 'No Incidents' THEN 'N/A. Please check if you have collected incidents.'
      WHEN is_collected = 'No Deployments' THEN 'N/A. Please check if you have collected deployments.'
      WHEN change_failure_rate <=.05 THEN CONCAT(round(change_failure_rate * 100, 1), '%(elite)')
      WHEN change_failure_rate <=.10 THEN CONCAT(round(change_failure_rate * 100, 1), '%(high)')
      WHEN change_failure_rate <=.15 THEN CONCAT(round(change_failure_rate * 100, 1), '%(medium)')
      WHEN change_failure_rate >.15 THEN CONCAT(round(change_failure_rate * 100, 1), '%(low)')
      ELSE 'N/A. Please check if you have collected deployments/incidents.'
    END
    WHEN ('2023') = '2021' THEN CASE
      WHEN is_collected = 'No All' THEN 'N/A. Please check if you have collected deployments/incidents.'
      WHEN is_collected = 'No Incidents' THEN 'N/A. Please check if you have collected incidents.'
      WHEN is_collected = 'No Deployments' THEN 'N/A. Please check if you have collected deployments.'
      WHEN change_failure_rate <=.15 THEN CONCAT(round(change_failure_rate * 100, 1), '%(elite)')
      WHEN change_failure_rate <=.20 THEN CONCAT(round(change_failure_rate * 100, 1), '%(high)')
      WHEN change_failure_rate <=.30 THEN CONCAT(round(change_failure_rate * 100, 1), '%(medium)')
      WHEN change_failure_rate >.30 THEN CONCAT(round(change_failure_rate * 100, 1), '%(low)')
      ELSE 'N/A. Please check if you have collected deployments/incidents.'
    END
    ELSE 'No data'
  END AS change_failure_rate,
  change_failure_rate AS rate                                      -- CHANGE: also return the number
FROM
  _change_failure_rate,
  _is_collected_data
