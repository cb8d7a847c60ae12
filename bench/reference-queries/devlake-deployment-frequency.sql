-- Apache DevLake DORA dashboard, "Deployment Frequency" (stat panel, DORA report 2023): the median
-- number of days with a production deployment per week (and per month) in the selected period.
-- Original: grafana/dashboards/DORA.json, panel "Deployment Frequency", at
-- https://github.com/apache/incubator-devlake/blob/420e494b4ede9a16c4bfb59de099c797bcd7f5f1/grafana/dashboards/DORA.json
-- Parameters: $1 window start ($__timeFrom()), $2 window end ($__timeTo()) as timestamptz,
-- $3 the project (${project}). CHANGE (throughout): MySQL -> PostgreSQL; the Grafana variable
-- $dora_report is the literal '2023'; "..." strings are '...'; `table` is "table".
-- Metric 1: Deployment Frequency
with last_few_calendar_months as(
-- construct the last few calendar months within the selected time period in the top-right corner
	-- CHANGE: ($__timeTo()-INTERVAL (H+T+U) DAY) is ($2 - make_interval(days => H+T+U)).
	SELECT CAST(($2::timestamptz - make_interval(days => H+T+U)) AS date) AS day
	FROM ( SELECT 0 H
			UNION ALL SELECT 100 UNION ALL SELECT 200 UNION ALL SELECT 300
		) H CROSS JOIN ( SELECT 0 T
			UNION ALL SELECT  10 UNION ALL SELECT  20 UNION ALL SELECT  30
			UNION ALL SELECT  40 UNION ALL SELECT  50 UNION ALL SELECT  60
			UNION ALL SELECT  70 UNION ALL SELECT  80 UNION ALL SELECT  90
		) T CROSS JOIN ( SELECT 0 U
			UNION ALL SELECT   1 UNION ALL SELECT   2 UNION ALL SELECT   3
			UNION ALL SELECT   4 UNION ALL SELECT   5 UNION ALL SELECT   6
			UNION ALL SELECT   7 UNION ALL SELECT   8 UNION ALL SELECT   9
		) U
	WHERE
		($2::timestamptz - make_interval(days => H+T+U)) > $1::timestamptz
),

_production_deployment_days as(
-- When deploying multiple commits in one pipeline, GitLab and BitBucket may generate more than one deployment. However, DevLake consider these deployments as ONE production deployment and use the last one's finished_date as the finished date.
	SELECT
		cdc.cicd_deployment_id as deployment_id,
		max(CAST(cdc.finished_date AS date)) as day          -- CHANGE: DATE(x) is CAST(x AS date)
	FROM devlake.cicd_deployment_commits cdc
	JOIN devlake.project_mapping pm on cdc.cicd_scope_id = pm.row_id and pm."table" = 'cicd_scopes'
	WHERE
		pm.project_name in ($3)
		and cdc.result = 'SUCCESS'
		and cdc.environment = 'PRODUCTION'
	GROUP BY 1
),

_days_weekly_deploy as(
-- calculate the number of deployment days every week
	SELECT
			-- CHANGE: date(DATE_ADD(d, INTERVAL -WEEKDAY(d) DAY)) (the Monday) is date_trunc('week', d)::date.
			date_trunc('week', last_few_calendar_months.day)::date as week,
			MAX(CASE WHEN _production_deployment_days.day is not null THEN 1 END) as weeks_deployed,  -- CHANGE: if(c, 1, null) is CASE
			COUNT(distinct _production_deployment_days.day) as days_deployed
	FROM
		last_few_calendar_months
		LEFT JOIN _production_deployment_days ON _production_deployment_days.day = last_few_calendar_months.day
	GROUP BY week
	),

_days_monthly_deploy as(
-- calculate the number of deployment days every month
	SELECT
			-- CHANGE: date(DATE_ADD(d, INTERVAL -DAY(d)+1 DAY)) (the first of the month) is date_trunc('month', d)::date.
			date_trunc('month', last_few_calendar_months.day)::date as month,
			MAX(CASE WHEN _production_deployment_days.day is not null THEN 1 END) as months_deployed,
		  COUNT(distinct _production_deployment_days.day) as days_deployed
	FROM
		last_few_calendar_months
		LEFT JOIN _production_deployment_days ON _production_deployment_days.day = last_few_calendar_months.day
	GROUP BY month
	),

_days_six_months_deploy AS (
  SELECT
    month,
    SUM(days_deployed) OVER (
      ORDER BY month
      ROWS BETWEEN 5 PRECEDING AND CURRENT ROW
    ) AS days_deployed_per_six_months,
    COUNT(months_deployed) OVER (
      ORDER BY month
      ROWS BETWEEN 5 PRECEDING AND CURRENT ROW
    ) AS months_deployed_count,
    ROW_NUMBER() OVER (
      -- CHANGE: MySQL's DATE_FORMAT(month, '%Y-%m') DIV 6 converts '2026-11' to its leading number
      -- (the year) before dividing: extract(year from month)::int / 6.
      PARTITION BY extract(year from month)::int / 6
      ORDER BY month DESC
    ) AS rn
  FROM _days_monthly_deploy
),

_median_number_of_deployment_days_per_week_ranks as(
	SELECT *, percent_rank() over(order by days_deployed) as ranks
	FROM _days_weekly_deploy
),

_median_number_of_deployment_days_per_week as(
	SELECT max(days_deployed) as median_number_of_deployment_days_per_week
	FROM _median_number_of_deployment_days_per_week_ranks
	WHERE ranks <= 0.5
),

_median_number_of_deployment_days_per_month_ranks as(
	SELECT *, percent_rank() over(order by days_deployed) as ranks
	FROM _days_monthly_deploy
),

_median_number_of_deployment_days_per_month as(
	SELECT max(days_deployed) as median_number_of_deployment_days_per_month
	FROM _median_number_of_deployment_days_per_month_ranks
	WHERE ranks <= 0.5
),

_days_per_six_months_deploy_by_filter AS (
SELECT
  month,
  days_deployed_per_six_months,
  months_deployed_count
FROM _days_six_months_deploy
WHERE rn%6 = 1
),


_median_number_of_deployment_days_per_six_months_ranks as(
	SELECT *, percent_rank() over(order by days_deployed_per_six_months) as ranks
	FROM _days_per_six_months_deploy_by_filter
),

_median_number_of_deployment_days_per_six_months as(
	SELECT min(days_deployed_per_six_months) as median_number_of_deployment_days_per_six_months, min(months_deployed_count) as is_collected
	FROM _median_number_of_deployment_days_per_six_months_ranks
	WHERE ranks >= 0.5
)

SELECT
  CASE
    WHEN ('2023') = '2023' THEN
			CASE
				WHEN median_number_of_deployment_days_per_week >= 5 THEN CONCAT(median_number_of_deployment_days_per_week, ' deployment days per week(elite)')
				WHEN median_number_of_deployment_days_per_week >= 1 THEN CONCAT(median_number_of_deployment_days_per_week, ' deployment days per week(high)')
				WHEN median_number_of_deployment_days_per_month >= 1 THEN CONCAT(median_number_of_deployment_days_per_month, ' deployment days per month(medium)')
				WHEN median_number_of_deployment_days_per_month < 1 and is_collected is not null THEN CONCAT(median_number_of_deployment_days_per_month, ' deployment days per month(low)')
				ELSE 'N/A. Please check if you have collected deployments.' END
	 	WHEN ('2023') = '2021' THEN
			CASE
				WHEN median_number_of_deployment_days_per_week >= 5 THEN CONCAT(median_number_of_deployment_days_per_week, ' deployment days per week(elite)')
				WHEN median_number_of_deployment_days_per_month >= 1 THEN CONCAT(median_number_of_deployment_days_per_month, ' deployment days per month(high)')
				WHEN median_number_of_deployment_days_per_six_months >= 1 THEN CONCAT(median_number_of_deployment_days_per_six_months, ' deployment days per six months(medium)')
				WHEN median_number_of_deployment_days_per_six_months < 1 and is_collected is not null THEN CONCAT(median_number_of_deployment_days_per_six_months, ' deployment days per six months(low)')
				ELSE 'N/A. Please check if you have collected deployments.' END
		ELSE 'Invalid dora report'
	END AS "Deployment Frequency",                                 -- CHANGE: 'alias' is "alias"
  median_number_of_deployment_days_per_week,                      -- CHANGE: also return the numbers
  median_number_of_deployment_days_per_month
FROM _median_number_of_deployment_days_per_week, _median_number_of_deployment_days_per_month, _median_number_of_deployment_days_per_six_months
