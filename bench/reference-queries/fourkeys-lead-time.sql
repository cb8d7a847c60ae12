-- Four Keys dashboard, "Lead Time to Change Bucket" (stat panel): the median lead time of the
-- changes deployed in the last three months, in minutes, and its bucket.
-- Original: dashboard/fourkeys_dashboard.json, panel "Lead Time to Change Bucket", at
-- https://github.com/dora-team/fourkeys/blob/6cc642e037a95a280ed8d3b1624dd003b647d797/dashboard/fourkeys_dashboard.json
-- CHANGE (throughout): BigQuery's # comments are -- comments.
-- Parameters: $1 window start, $2 window end (timestamptz), $3 the Systems in scope (text[]).
SELECT
 CASE
  WHEN median_time_to_change < 24 * 60 then 'One day'          -- CHANGE: '...' strings, not "..."
  WHEN median_time_to_change < 168 * 60 then 'One week'
  WHEN median_time_to_change < 730 * 60 then 'One month'
  WHEN median_time_to_change < 730 * 6 * 60 then 'Six months'
  ELSE 'One year'
 END as lead_time_to_change,
 median_time_to_change                                         -- CHANGE: also return the number behind the bucket (minutes)
FROM (
 SElECT
  -- CHANGE: IFNULL(ANY_VALUE(x), 0) is COALESCE(MAX(x), 0) (every row holds the same value)
  COALESCE(MAX(med_time_to_change), 0) AS median_time_to_change
 FROM (
   SELECT
   -- CHANGE: PostgreSQL has percentile_cont only as an ordered-set aggregate, not as a window
   -- function: PERCENTILE_CONT(x, 0.5) OVER () (the same value on every row) is the aggregate
   -- over the same rows. TIMESTAMP_DIFF(a, b, MINUTE) (whole minutes, truncated) is
   -- trunc(extract(epoch from a - b) / 60).
   percentile_cont(0.5) WITHIN GROUP (ORDER BY
    CASE WHEN trunc(extract(epoch from d.time_created - c.time_created) / 60) > 0
         THEN trunc(extract(epoch from d.time_created - c.time_created) / 60) END) -- Ignore automated pushes
    AS med_time_to_change -- Minutes
  -- CHANGE: "four_keys.deployments d, d.changes" (an implicit UNNEST) is CROSS JOIN LATERAL unnest.
  FROM four_keys.deployments d CROSS JOIN LATERAL unnest(d.changes) AS changes(change)
  LEFT JOIN four_keys.changes c ON changes.change = c.change_id
  -- CHANGE: the last three months before today are our 90-day window [$1, $2); the original has
  -- no upper bound (its data ends today).
  WHERE d.time_created > $1::timestamptz AND d.time_created < $2::timestamptz
  -- CHANGE: scoped to the Systems of the team or System measured (Four Keys has no such filter).
    AND d.system_ref = ANY($3::text[])
 ) t1
) t2
-- CHANGE: PostgreSQL needs an alias on each derived table (t1, t2).
