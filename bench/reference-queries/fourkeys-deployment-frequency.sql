-- Four Keys dashboard, "Deployment Frequency" (stat panel): Daily, Weekly, Monthly or Yearly,
-- from the median number of days with a deployment per week over the last three months.
-- Original: dashboard/fourkeys_dashboard.json, panel "Deployment Frequency", at
-- https://github.com/dora-team/fourkeys/blob/6cc642e037a95a280ed8d3b1624dd003b647d797/dashboard/fourkeys_dashboard.json
-- CHANGE (throughout): BigQuery's # comments are -- comments.
-- Parameters: $1 window start, $2 window end (timestamptz), $3 the Systems in scope (text[]).
-- The benchmark runs it with the session time zone set to UTC, as BigQuery truncates in UTC.
WITH last_three_months AS
(SELECT
day::timestamptz AS day                                    -- CHANGE: TIMESTAMP(day) is a cast
FROM
-- CHANGE: UNNEST(GENERATE_DATE_ARRAY(DATE_SUB(CURRENT_DATE(), INTERVAL 3 MONTH), CURRENT_DATE(),
-- INTERVAL 1 DAY)) is generate_series over our window: its first day to its last day.
generate_series($1::timestamptz::date, ($2::timestamptz - interval '1 millisecond')::date, interval '1 day') AS day
-- FROM the start of the data
-- CHANGE: events_raw does not exist here; the start of the data is the first commit.
WHERE day > (SELECT min(time_created)::date FROM four_keys.changes)
),
-- CHANGE: the original nests these as derived tables; PostgreSQL has no percentile_cont window
-- function, so the per-week rows are a CTE and the medians are ordered-set aggregates over them
-- (PERCENTILE_CONT(x, 0.5) OVER () is the same value on every row).
weeks AS (
      SELECT
      -- CHANGE: TIMESTAMP_TRUNC(.., WEEK) starts weeks on Sunday: shift by a day around
      -- date_trunc('week', ..), which starts them on Monday.
      date_trunc('week', last_three_months.day + interval '1 day') - interval '1 day' as week,
      MAX(CASE WHEN deployments.day is not null THEN 1 ELSE 0 END) as week_deployed,  -- CHANGE: IF() is CASE
      COUNT(distinct deployments.day) as days_deployed
      FROM last_three_months
      LEFT JOIN(
        SELECT
        date_trunc('day', time_created) AS day,                 -- CHANGE: TIMESTAMP_TRUNC(.., DAY)
        deploy_id
        FROM four_keys.deployments
        WHERE system_ref = ANY($3::text[])                       -- CHANGE: scoped to the team or System
        ) deployments ON deployments.day = last_three_months.day
      GROUP BY week),
per_week AS (
  SELECT *,
  -- Count the number of deployments per month.
  SUM(week_deployed) OVER(partition by date_trunc('month', week)) monthly_deploys  -- CHANGE: TIMESTAMP_TRUNC(week, MONTH)
  FROM weeks),
medians AS (
  SELECT
  -- If the median number of days per week is more than 3, then Daily
  percentile_cont(0.5) WITHIN GROUP (ORDER BY days_deployed) >= 3 AS daily,
  -- If most weeks have a deployment, then Weekly
  percentile_cont(0.5) WITHIN GROUP (ORDER BY week_deployed) >= 1 AS weekly,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY monthly_deploys) AS median_monthly_deploys,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY days_deployed) AS median_days_deployed_per_week  -- CHANGE: the number behind "daily"
  FROM per_week)
SELECT
CASE WHEN daily THEN 'Daily'
     WHEN weekly THEN 'Weekly'
      -- If at least one per month, then Monthly
     WHEN median_monthly_deploys >= 1 THEN  'Monthly'
     ELSE 'Yearly'
     END as deployment_frequency,
median_days_deployed_per_week                                  -- CHANGE: also return the number
FROM medians
LIMIT 1
