-- Four Keys dashboard, "Median Time to Restore Services" (stat panel): the median hours from an
-- incident's start to its resolution over the last three months, and its bucket.
-- Original: dashboard/fourkeys_dashboard.json, panel "Median Time to Restore Services", at
-- https://github.com/dora-team/fourkeys/blob/6cc642e037a95a280ed8d3b1624dd003b647d797/dashboard/fourkeys_dashboard.json
-- CHANGE (throughout): BigQuery's # comments are -- comments.
-- Parameters: $1 window start, $2 window end (timestamptz), $3 the Systems in scope (text[]).
SELECT
CASE WHEN med_time_to_resolve < 24  then 'One day'             -- CHANGE: '...' strings, not "..."
     WHEN med_time_to_resolve < 168  then 'One week'
     WHEN med_time_to_resolve < 730  then 'One month'
     WHEN med_time_to_resolve < 730 * 6 then 'Six months'
     ELSE 'One year'
     END as med_time_to_resolve,
med_time_to_resolve AS median_hours                            -- CHANGE: also return the number
FROM (
  SELECT
  -- Median time to resolve
  -- CHANGE: PERCENTILE_CONT(x, 0.5) OVER() is the ordered-set aggregate over the same rows;
  -- TIMESTAMP_DIFF(a, b, HOUR) (whole hours, truncated) is trunc(extract(epoch from a - b) / 3600).
  percentile_cont(0.5) WITHIN GROUP (ORDER BY trunc(extract(epoch from time_resolved - time_created) / 3600)) as med_time_to_resolve
  FROM four_keys.incidents
  -- Limit to 3 months
  -- CHANGE: the last three months before today are our window [$1, $2), scoped to the team or System.
  WHERE time_created > $1::timestamptz AND time_created < $2::timestamptz
    AND system_ref = ANY($3::text[])
  ) t                                                          -- CHANGE: alias required by PostgreSQL
LIMIT 1
