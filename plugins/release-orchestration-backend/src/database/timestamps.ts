import { Knex } from 'knex';
import { isCanonicalTimestamp } from '@release-orchestration/plugin-release-orchestration-common';
import { isPostgres } from './dialect';

/**
 * Normalises a timestamp read from either database to an ISO 8601 string.
 * PostgreSQL returns Date objects; SQLite returns the ISO text the store wrote. Text already in
 * that form is returned as it is, without a round trip through a Date (a bulk import's answers
 * carry two to four timestamps a record; the round trip took 5 % of the in-process import's busy
 * main thread, `bench:import --db postgres` under `--cpu-prof`).
 */
export function toIso(value: Date | string | number): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  return typeof value === 'string' && isCanonicalTimestamp(value)
    ? value
    : new Date(value).toISOString();
}

/**
 * A timestamp column as epoch milliseconds, computed by the database so that reading many rows
 * builds no Date objects: the value {@link toIso} would give, as a number (`Date.parse` of it).
 *
 * PostgreSQL keeps microseconds; they are dropped (floor) as its driver does when it builds a
 * Date. SQLite holds the ISO text the stores wrote; `unixepoch(..., 'subsec')` (SQLite 3.42+)
 * reads it to the millisecond.
 */
export function epochMs(db: Knex, column: string, alias: string): Knex.Raw {
  return isPostgres(db)
    ? db.raw('floor(extract(epoch from ??) * 1000)::float8 AS ??', [
        column,
        alias,
      ])
    : db.raw("CAST(round(unixepoch(??, 'subsec') * 1000) AS INTEGER) AS ??", [
        column,
        alias,
      ]);
}
