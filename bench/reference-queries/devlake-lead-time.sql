-- Apache DevLake DORA dashboard, "Median Lead Time for Changes In Hours" (stat panel, DORA report
-- 2023): the median cycle time of the pull requests whose first production deployment finished in
-- the selected period.
-- Original: grafana/dashboards/DORA.json, panel "Median Lead Time for Changes In Hours", at
-- https://github.com/apache/incubator-devlake/blob/420e494b4ede9a16c4bfb59de099c797bcd7f5f1/grafana/dashboards/DORA.json
-- Parameters: $1 window start, $2 window end (timestamptz), $3 the project (${project}).
-- CHANGE (throughout): MySQL -> PostgreSQL; $dora_report is the literal '2023'; "..." strings
-- are '...'; `table` is "table"; tables are in the devlake schema.
-- Metric 2: median lead time for changes
with _pr_stats as (
-- get the cycle time of PRs deployed by the deployments finished in the selected period
	SELECT
		distinct pr.id,
		ppm.pr_cycle_time
	FROM
		devlake.pull_requests pr
		join devlake.project_pr_metrics ppm on ppm.id = pr.id
		join devlake.project_mapping pm on pr.base_repo_id = pm.row_id and pm."table" = 'repos'
		join devlake.cicd_deployment_commits cdc on ppm.deployment_commit_id = cdc.id
	WHERE
	  pm.project_name in ($3)
		and pr.merged_date is not null
		and ppm.pr_cycle_time is not null
		-- CHANGE: Grafana's $__timeFilter(col) expands to col BETWEEN <from> AND <to>.
		and cdc.finished_date BETWEEN $1::timestamptz AND $2::timestamptz
),

_median_change_lead_time_ranks as(
	SELECT *, percent_rank() over(order by pr_cycle_time) as ranks
	FROM _pr_stats
),

_median_change_lead_time as(
-- use median PR cycle time as the median change lead time
	SELECT max(pr_cycle_time) as median_change_lead_time
	FROM _median_change_lead_time_ranks
	WHERE ranks <= 0.5
)

SELECT
  CASE
    WHEN ('2023') = '2023' THEN
			CASE
				-- CHANGE: x/60 divides integers in PostgreSQL; x::numeric/60 divides as MySQL does.
				WHEN median_change_lead_time < 24 * 60 THEN CONCAT(round(median_change_lead_time::numeric/60,1), '(elite)')
				WHEN median_change_lead_time < 7 * 24 * 60 THEN CONCAT(round(median_change_lead_time::numeric/60,1), '(high)')
				WHEN median_change_lead_time < 30 * 24 * 60 THEN CONCAT(round(median_change_lead_time::numeric/60,1), '(medium)')
				WHEN median_change_lead_time >= 30 * 24 * 60 THEN CONCAT(round(median_change_lead_time::numeric/60,1), '(low)')
				ELSE 'N/A. Please check if you have collected deployments/pull_requests.'
				END
    WHEN ('2023') = '2021' THEN
		  CASE
				WHEN median_change_lead_time < 60 THEN CONCAT(round(median_change_lead_time::numeric/60,1), '(elite)')
				WHEN median_change_lead_time < 7 * 24 * 60 THEN CONCAT(round(median_change_lead_time::numeric/60,1), '(high)')
				WHEN median_change_lead_time < 180 * 24 * 60 THEN CONCAT(round(median_change_lead_time::numeric/60,1), '(medium)')
				WHEN median_change_lead_time >= 180 * 24 * 60 THEN CONCAT(round(median_change_lead_time::numeric/60,1), '(low)')
				ELSE 'N/A. Please check if you have collected deployments/pull_requests.'
				END
		ELSE 'Invalid dora report'
	END AS median_change_lead_time,
  median_change_lead_time AS median_minutes                        -- CHANGE: also return the number
FROM _median_change_lead_time
