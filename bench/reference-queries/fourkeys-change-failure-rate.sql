-- Four Keys dashboard, "Change Failure Rate" (stat panel): incidents per deployment over the
-- last three months, joined through the changes (commits) deployments and incidents share.
-- Original: dashboard/fourkeys_dashboard.json, panel "Change Failure Rate", at
-- https://github.com/dora-team/fourkeys/blob/6cc642e037a95a280ed8d3b1624dd003b647d797/dashboard/fourkeys_dashboard.json
-- CHANGE (throughout): BigQuery's # comments are -- comments.
-- Parameters: $1 window start, $2 window end (timestamptz), $3 the Systems in scope (text[]).
SELECT
CASE WHEN change_fail_rate <= .15 then '0-15%'                 -- CHANGE: '...' strings, not "..."
     WHEN change_fail_rate < .46 then '16-45%'
     ELSE '46-60%' end as change_fail_rate,
change_fail_rate AS rate                                       -- CHANGE: also return the number
FROM
 (SELECT
    -- CHANGE: IF(c, a, b) is CASE; "/" of two integers is integer division in PostgreSQL, so the
    -- numerator is cast to float8 (BigQuery's "/" always divides in floating point).
    CASE WHEN COUNT(DISTINCT change_id) = 0 THEN 0
         ELSE SUM(CASE WHEN i.incident_id is NULL THEN 0 ELSE 1 END)::float8 / COUNT(DISTINCT deploy_id) END as change_fail_rate
  -- CHANGE: the implicit UNNESTs ("d, d.changes" and "i, i.changes change") are CROSS JOIN LATERAL unnest.
  FROM four_keys.deployments d CROSS JOIN LATERAL unnest(d.changes) AS changes(change)
  LEFT JOIN four_keys.changes c ON changes.change = c.change_id
  LEFT JOIN(SELECT
          incident_id,
          change,
          time_resolved
          FROM four_keys.incidents i CROSS JOIN LATERAL unnest(i.changes) AS change) i ON i.change = changes.change
  -- Limit to 3 months
  -- CHANGE: the last three months before today are our window [$1, $2), scoped to the team or System.
  WHERE d.time_created > $1::timestamptz AND d.time_created < $2::timestamptz
    AND d.system_ref = ANY($3::text[])
  ) t                                                          -- CHANGE: alias required by PostgreSQL
LIMIT 1
